import { describe, expect, it } from "vitest";
import { PlanSession } from "../../addin/src/session.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/**
 * Issue 11 §2: what the adapter writes into cells reads back as written, whichever way Excel settles
 * its unsettled behaviours. Each test names the switch under which the adapter before this fix failed.
 */

async function built(fake: FakeExcel, doc: PlanDocument = amuPlan) {
  const session = new PlanSession({ run: fake.run, isSetSupported: fake.isSetSupported });
  await session.open();
  await session.write(doc, "uk");
  return session;
}

describe("line breaks Excel may read back otherwise", () => {
  // Old adapter (review 11, finding 4): with carriageReturn=normalized, "a\r\nb" read back as "a\nb" was a
  // user's edit on the first Refresh, and Sync pushed it. CRLF, lone CR and LF are one line break.
  for (const carriageReturn of ["kept", "normalized"] as const)
    it(`text with CRLF or a lone CR is unchanged by a refresh (carriageReturn=${carriageReturn})`, async () => {
      const doc: PlanDocument = {
        ...amuPlan,
        swot: amuPlan.swot.map((s, i) => (i === 0 ? { ...s, text: "рядок 1\r\nрядок 2" } : s)),
        risks: amuPlan.risks.map((r, i) => (i === 0 ? { ...r, risk: "перший\rдругий" } : r)),
      };
      const fake = new FakeExcel({ carriageReturn });
      const session = await built(fake, doc);
      const refreshed = await session.refresh();
      expect(refreshed.problems).toEqual([]);
      expect(refreshed.changes).toEqual([]);
      // A real edit of such a cell is still one.
      fake.type("SWOT-аналіз", "D2", "рядок 1\nрядок 3");
      expect((await session.refresh()).changes.map((c) => `${c.op} ${c.kind}`)).toEqual(["update swot"]);
    });
});

describe("Text (@) cells, ids included", () => {
  // Old adapter: every id was written '3f… into a Text cell; with quoteInTextCell=kept the first refresh
  // read every row as new and every old row as deleted.
  for (const quoteInTextCell of ["consumed", "kept"] as const)
    it(`read back as written, so a refresh right after a build changes nothing (quoteInTextCell=${quoteInTextCell})`, async () => {
      const fake = new FakeExcel({ quoteInTextCell });
      const session = await built(fake);
      const ids = fake.values("Ризики").slice(1).map((r) => r[0]);
      expect(ids).toEqual(amuPlan.risks.map((r) => r.id));
      const goals = fake.sheet("Пріоритети-цілі-завдання")!;
      expect(goals.cells.get("1,0")).toMatchObject({ value: amuPlan.priorities[0]!.id, numberFormat: "@" });
      expect(goals.cells.get("1,0")!.quotePrefix).toBeUndefined();
      const refreshed = await session.refresh();
      expect(refreshed.problems).toEqual([]);
      expect(refreshed.changes).toEqual([]);
    });

  // Old adapter: "'quoted'" went in as "''quoted'"; with quoteInTextCell=kept it read back with both quotes.
  for (const quoteInTextCell of ["consumed", "kept"] as const)
    it(`keep text that starts with an apostrophe, and formula-like text, as typed (quoteInTextCell=${quoteInTextCell})`, async () => {
      const texts = ["'quoted'", "''", "=SUM(A1:A2)", "+380 44", "@mention"];
      const doc = { ...amuPlan, swot: amuPlan.swot.map((s, i) => (i < texts.length ? { ...s, text: texts[i]! } : s)) };
      const fake = new FakeExcel({ quoteInTextCell });
      const session = await built(fake, doc);
      expect(fake.values("SWOT-аналіз").slice(1, 1 + texts.length).map((r) => r[3])).toEqual(texts);
      expect(fake.formulas("SWOT-аналіз").slice(1, 1 + texts.length).map((r) => r[3])).toEqual(texts);
      expect((await session.refresh()).changes).toEqual([]);
    });

  it("a ' the user types into a Text cell is theirs: nothing strips it", async () => {
    const fake = new FakeExcel();
    const session = await built(fake);
    fake.type("SWOT-аналіз", "D2", "'як є");
    const typed = fake.values("SWOT-аналіз")[1]![3];
    const refreshed = await session.refresh();
    expect(refreshed.doc.swot[0]!.text).toBe(typed);
  });
});

describe("General cells", () => {
  // Old adapter (any profile): only text starting with a digit, sign, quote or TRUE/FALSE was quoted;
  // the strict host turns "(12)" into -12, "$12" into 12, "Jan 5" into a date, " 12" into 12.
  it("keep as text everything Excel would turn into a number, date, time or boolean", async () => {
    const tricky = ["(12)", "$12", "Jan 5", " 12", "1-2", "12%", "1e3", "01.05.2014", "5/1/2014", "12:30", "true"];
    const doc: PlanDocument = {
      ...amuPlan,
      community: { ...amuPlan.community, region: tricky[0] },
      plan: { ...amuPlan.plan, title: tricky[1]!, vision: tricky[2], mission: tricky.slice(3).join(" | ") },
    };
    const fake = new FakeExcel();
    const session = await built(fake, doc);
    const values = fake.values("Бачення і місія").map((r) => r[1]);
    expect(values).toEqual(expect.arrayContaining(["(12)", "$12", "Jan 5", tricky.slice(3).join(" | ")]));
    for (const single of tricky.slice(3)) {
      await session.edit((d) => ({ ...d, plan: { ...d.plan, mission: single } }));
      expect(fake.values("Бачення і місія").map((r) => r[1]), single).toContain(single);
    }
    const refreshed = await session.refresh();
    expect(refreshed.problems).toEqual([]);
    expect(refreshed.changes).toEqual([]);
  });
});

describe("computed columns", () => {
  // Old adapter: formulas went through `values`; with formulaThroughValues=localized (a uk-UA or lt-LT
  // Excel, ; between arguments) the English formula was refused and the build failed.
  for (const formulaThroughValues of ["invariant", "localized"] as const)
    it(`are written through range.formulas in English syntax (formulaThroughValues=${formulaThroughValues})`, async () => {
      const fake = new FakeExcel({ formulaThroughValues });
      await built(fake);
      const sheet = fake.sheet("Показники")!;
      const header = fake.values("Показники")[0]!;
      const status = header.indexOf("Статус");
      const progress = header.indexOf("Прогрес");
      for (const col of [progress, status]) {
        expect(sheet.cells.get(`1,${col}`)!.formula).toMatch(/^=IF\(/);
        expect(sheet.cells.get(`0,${col}`)!.formula).toBeUndefined();
      }
      // Only the computed columns hold formulas.
      const withFormulas = new Set([...sheet.cells].filter(([, c]) => c.formula).map(([k]) => Number(k.split(",")[1])));
      expect(withFormulas).toEqual(new Set([progress, status]));
    });
});
