import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { CatalogueEntry, PutCatalogueEntryInput } from "../../shared/api/catalogue.ts";
import type { PlanSnapshot } from "../../shared/api/plans.ts";
import type { Round } from "../../shared/api/rounds.ts";
import type { PushResponse } from "../../shared/api/sync.ts";
import { M } from "../../shared/i18n/problems.ts";
import { textProblem } from "../../shared/layout/cells.ts";
import { UnicodeText } from "../../shared/model/text.ts";
import { api, errorOf, json, makeWorld, openRound, planDocument, pushBody, uuid, valueUpdate, type World } from "./support/world.ts";
import { populationEntry } from "../support/catalogue-entry.ts";

/**
 * Issue 12: one rule for every text field of the contract and for the add-in's sheets
 * (shared/model/text.ts). Text XML cannot hold — a lone surrogate, a C0 control other than tab, LF and
 * CR, U+FFFE, U+FFFF — is refused with 400 naming the field (before, controls were stored and then the
 * add-in refused to write the whole sheet holding them); everything else is kept exactly, tabs, line
 * breaks and edge spaces included.
 */

const LONE = "a\uD800bc";
/** What XML cannot hold, each refused alike. */
const UNSTORABLE = [LONE, "a\u0000b", "a\u0001b", "a\u000Bb", "a\u001Fb", "a\uFFFEb", "a\uFFFFb"];
/** Text the rule keeps that is easy to change on the way: edge whitespace, a tab, line breaks, a pair, a C1 control. */
const EXACT = "\t Назва\u0085 😀 \r\n_x0041_ ";

const entry = (patch: Partial<PutCatalogueEntryInput>) => populationEntry({ unit: "од.", ...patch });

const putEntry = (w: World, code: string, body: PutCatalogueEntryInput, token = w.tokens.analyst) =>
  api(`/v1/associations/${w.ids.associationA}/catalogue/${code}`, { method: "PUT", token, body });

describe("text XML cannot hold is refused in every text field, naming it", () => {
  it.each(["nameUk", "nameEn", "unit", "definition"] as const)("a catalogue entry's %s", async (field) => {
    const w = await makeWorld({ plan: false });
    for (const text of UNSTORABLE) {
      const res = await putEntry(w, "POP", entry({ [field]: text }));
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error).toMatchObject({ code: "bad_request", field });
      expect(error.message).toContain(`U+${text.charCodeAt(1).toString(16).toUpperCase().padStart(4, "0")}`);
    }
  });

  it("a round comment, an observation note and a plan's text", async () => {
    const w = await makeWorld();
    const round = await openRound(w, 2013);
    await api(`/v1/plans/${w.ids.plan}/rounds/2013`, { token: w.tokens.monitor, body: { action: "submit", baseVersion: round.version } });
    const comment = await api(`/v1/plans/${w.ids.plan}/rounds/2013`, { token: w.tokens.editor, body: { action: "return", baseVersion: 2, comment: LONE } });
    expect(comment.status).toBe(400);
    expect((await errorOf(comment)).field).toBe("comment");

    for (const text of UNSTORABLE) {
      const note = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([{ ...valueUpdate(w, 1, 1, 1), fields: { note: text } }]) });
      expect(note.status).toBe(400);
      expect((await errorOf(note)).field).toBe("mutations[0].fields.note");
    }
    const control = await api(`/v1/plans/${w.ids.plan}/rounds/2013`, { token: w.tokens.editor, body: { action: "return", baseVersion: 2, comment: "a\u0007b" } });
    expect(control.status).toBe(400);
    expect((await errorOf(control)).field).toBe("comment");

    const doc = planDocument(uuid(), uuid());
    const created = await api("/v1/plans", { token: w.tokens.admin, body: { clientId: "t", document: { ...doc, plan: { ...doc.plan, title: LONE } } } });
    expect(created.status).toBe(400);
    expect((await errorOf(created)).field).toBe("document.plan.title");
  });
});

describe("the store and the add-in's sheets apply the same rule", () => {
  it("what one refuses the other refuses, what one keeps the other keeps", () => {
    for (const text of UNSTORABLE) {
      expect(UnicodeText.safeParse(text).success).toBe(false);
      expect(textProblem(text)).toBe(M.controlChar);
    }
    for (const text of [EXACT, "", "\t\n\r", "😀", "\u007F\u0080\uFFFD"]) {
      expect(UnicodeText.safeParse(text).success).toBe(true);
      expect(textProblem(text)).toBeUndefined();
    }
  });
});

describe("valid text is kept exactly, and reaches an .xlsx only escaped", () => {
  it("keeps catalogue names, round comments and notes byte for byte", async () => {
    const w = await makeWorld();
    const put = await putEntry(w, "POP", entry({ nameUk: EXACT, definition: `${EXACT}\r\n` }));
    expect(put.status).toBe(201);
    const saved = await json<CatalogueEntry>(put);
    expect([saved.nameUk, saved.definition]).toEqual([EXACT, `${EXACT}\r\n`]);
    const listed = await json<{ entries: CatalogueEntry[] }>(await api(`/v1/associations/${w.ids.associationA}/catalogue`, { token: w.tokens.editor }));
    expect(listed.entries[0]!.nameUk).toBe(EXACT);

    const round = await openRound(w, 2013);
    await api(`/v1/plans/${w.ids.plan}/rounds/2013`, { token: w.tokens.monitor, body: { action: "submit", baseVersion: round.version } });
    const returned = await api(`/v1/plans/${w.ids.plan}/rounds/2013`, { token: w.tokens.editor, body: { action: "return", baseVersion: 2, comment: EXACT } });
    expect(returned.status).toBe(200);
    expect((await json<Round>(returned)).events.at(-1)!.comment).toBe(EXACT);

    const pushed = await json<PushResponse>(
      await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([{ ...valueUpdate(w, 1, 1, 1), fields: { note: EXACT } }]) }),
    );
    expect(pushed.results[0]!.status).toBe("applied");
    const plan = await json<PlanSnapshot>(await api(`/v1/plans/${w.ids.plan}`, { token: w.tokens.editor }));
    expect(plan.document.observations.find((o) => o.id === w.doc.observations[1]!.id)!.note).toBe(EXACT);

    // The comparison's .xlsx names the entry exactly: CR as a reference, a literal `_x0041_` escaped so
    // Excel does not read it as "A".
    const xlsx = await api(`/v1/associations/${w.ids.associationA}/comparison.xlsx?codes=POP&from=2013&to=2013`, { token: w.tokens.analyst });
    expect(xlsx.status).toBe(200);
    const sheet = new TextDecoder().decode(unzipSync(new Uint8Array(await xlsx.arrayBuffer()))["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain("\t Назва\u0085 😀 &#13;\n_x005F_x0041_ ");
  });
});
