import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { CatalogueEntry, PutCatalogueEntryInput } from "../../shared/api/catalogue.ts";
import type { PlanSnapshot } from "../../shared/api/plans.ts";
import type { Round } from "../../shared/api/rounds.ts";
import type { PushResponse } from "../../shared/api/sync.ts";
import { api, errorOf, json, makeWorld, openRound, planDocument, pushBody, uuid, valueUpdate, type World } from "./support/world.ts";

/**
 * Issue 12: one rule for every text field of the contract (shared/model/text.ts). Text that is not valid
 * Unicode (a lone surrogate) is refused with 400 naming the field — before, catalogue names and round
 * comments came back as U+FFFD with 200 while observation notes kept it; everything valid is kept
 * exactly, tabs, edge spaces, controls and non-characters included.
 */

const LONE = "ab\uD800cd";
/** Valid Unicode that is easy to change on the way: edge whitespace, a tab, a control, a pair, a non-character. */
const EXACT = "\t Назва\u0001 😀 \uFFFE ";

const entry = (patch: Partial<PutCatalogueEntryInput>): PutCatalogueEntryInput => ({
  nameUk: "Населення",
  nameEn: "Population",
  unit: "од.",
  direction: "increase",
  frequency: "annually",
  definition: "",
  sharing: "analysts",
  baseVersion: 0,
  ...patch,
});

const putEntry = (w: World, code: string, body: PutCatalogueEntryInput, token = w.tokens.analyst) =>
  api(`/v1/associations/${w.ids.associationA}/catalogue/${code}`, { method: "PUT", token, body });

describe("text that is not valid Unicode is refused in every text field, naming it", () => {
  it.each([
    ["a catalogue name", { nameUk: LONE }, "nameUk"],
    ["a catalogue English name", { nameEn: LONE }, "nameEn"],
    ["a catalogue unit", { unit: LONE }, "unit"],
    ["a catalogue definition", { definition: LONE }, "definition"],
  ])("%s", async (_what, patch, field) => {
    const w = await makeWorld({ plan: false });
    const res = await putEntry(w, "POP", entry(patch));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "bad_request", field });
  });

  it("a round comment, an observation note and a plan's text", async () => {
    const w = await makeWorld();
    const round = await openRound(w, 2013);
    await api(`/v1/plans/${w.ids.plan}/rounds/2013`, { token: w.tokens.monitor, body: { action: "submit", baseVersion: round.version } });
    const comment = await api(`/v1/plans/${w.ids.plan}/rounds/2013`, { token: w.tokens.editor, body: { action: "return", baseVersion: 2, comment: LONE } });
    expect(comment.status).toBe(400);
    expect((await errorOf(comment)).field).toBe("comment");

    const note = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([{ ...valueUpdate(w, 1, 1, 1), fields: { note: LONE } }]) });
    expect(note.status).toBe(400);
    expect((await errorOf(note)).field).toBe("mutations[0].fields.note");

    const doc = planDocument(uuid(), uuid());
    const created = await api("/v1/plans", { token: w.tokens.admin, body: { clientId: "t", document: { ...doc, plan: { ...doc.plan, title: LONE } } } });
    expect(created.status).toBe(400);
    expect((await errorOf(created)).field).toBe("document.plan.title");
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

    // The comparison's .xlsx names the entry: the control and the non-character go as Excel's escapes.
    const xlsx = await api(`/v1/associations/${w.ids.associationA}/comparison.xlsx?codes=POP&from=2013&to=2013`, { token: w.tokens.analyst });
    expect(xlsx.status).toBe(200);
    const sheet = new TextDecoder().decode(unzipSync(new Uint8Array(await xlsx.arrayBuffer()))["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain("\t Назва_x0001_ 😀 _xFFFE_ ");
    expect(sheet).not.toMatch(/[\u0001\uFFFE]/u);
  });
});
