import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readPlanSheets, writePlanSheets } from "../../addin/excel/sheets.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { type SheetOptions, buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import { LANGUAGES, type Language, type PlanDocument } from "../../shared/model/plan.ts";
import { planDocument } from "../support/arbitraries.ts";
import { EXCEL_PROFILES, FakeExcel } from "../support/fake-excel.ts";

/**
 * Plan → sheets → plan through the add-in's own writing and reading, on the strict Excel host under
 * both settings of every unsettled behaviour (a ' kept or consumed in Text cells, formulas through
 * `values` parsed in English or in the user's locale, …): what MuniPlan writes reads back as the plan.
 */
type Profile = keyof typeof EXCEL_PROFILES;
const PROFILES = Object.keys(EXCEL_PROFILES) as Profile[];

async function written(doc: PlanDocument, language: Language, profile: Profile, options: SheetOptions = {}) {
  const fake = new FakeExcel(EXCEL_PROFILES[profile]);
  const state = { version: 1 as const, language, doc, monitoring: options.monitoring };
  const result = await writePlanSheets(fake.run, buildWorkbook(doc, language, {}, options), state, {}, fake);
  return { fake, records: result.sheets };
}

async function roundTrip(doc: PlanDocument, language: Language, profile: Profile, options: SheetOptions = {}) {
  const { fake, records } = await written(doc, language, profile, options);
  const read = await readPlanSheets(fake.run, records);
  return readWorkbook(doc, read.sheets, { ...options, newId: () => { throw new Error("a round trip must create nothing"); } });
}

// Whole plans through the strict host: their figures are the point, not their speed on a busy machine.
const SLOW = 120_000;

describe.each(PROFILES)("plan → sheets → plan (Excel profile %s)", (profile) => {
  for (const language of LANGUAGES)
    it(`keeps the AMU strategy unchanged (sheets in ${language})`, async () => {
      const { changes, problems, doc } = await roundTrip(amuPlan, language, profile);
      expect(problems).toEqual([]);
      expect(changes).toEqual([]);
      expect(doc).toEqual(amuPlan);
    }, SLOW);

  for (const language of LANGUAGES)
    it(`keeps the AMU strategy with values and committee notes unchanged, its notes column shown (sheets in ${language})`, async () => {
      const indicators = amuPlan.indicators.slice(0, 4);
      const doc: PlanDocument = {
        ...amuPlan,
        observations: indicators.map((i, k) => ({
          id: `00000000-0000-4000-8000-0000000091${k}0`,
          indicatorId: i.id,
          period: { year: 2014 },
          value: k === 3 ? null : 10 + k,
          ...(k === 2 ? {} : { note: `=примітка ${k}: «дані»\nрядок 2` }),
        })),
      };
      const sheets = buildWorkbook(doc, language, {}, { monitoring: { year: 2014 } });
      expect(sheets.find((g) => g.kind === "indicators")!.cells[0]).toContain({ uk: "Примітки комітету 2014", en: "Committee notes 2014", lt: "Komiteto pastabos 2014" }[language]);
      const { changes, problems, doc: back } = await roundTrip(doc, language, profile, { monitoring: { year: 2014 } });
      expect(problems).toEqual([]);
      expect(changes).toEqual([]);
      expect(back).toEqual(doc);
    }, SLOW);

  it("keeps generated plans unchanged: formulas-looking text, quotes, numbers and dates as text, Cyrillic, emoji, newlines, empty cells", async () => {
    await fc.assert(
      fc.asyncProperty(planDocument, fc.nat(6), fc.boolean(), async (doc, offset, monitored) => {
        // With the notes column of a year of the plan (or of none) shown.
        const year = doc.plan.firstYear + Math.min(offset, doc.plan.lastYear - doc.plan.firstYear);
        const { changes, problems } = await roundTrip(doc, doc.plan.language, profile, monitored ? { monitoring: { year } } : {});
        expect(problems).toEqual([]);
        expect(changes).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, SLOW);

  it("keeps text of exactly 32,767 characters, even when it starts with '=' or holds a digit", async () => {
    const long = `=${"Ї".repeat(32_765)}1`;
    const doc: PlanDocument = {
      ...amuPlan,
      plan: { ...amuPlan.plan, vision: long, mission: "x".repeat(32_767) },
      swot: amuPlan.swot.map((s, i) => (i === 0 ? { ...s, text: long } : s)),
    };
    const { changes, problems } = await roundTrip(doc, "uk", profile);
    expect(problems).toEqual([]);
    expect(changes).toEqual([]);
  }, SLOW);

  it("reads a sheet built in one language whatever language its labels are now in", async () => {
    const { fake, records } = await written(amuPlan, "en", profile);
    // A colleague pasted some quadrants in Ukrainian and Lithuanian, in other letter cases (typed, the
    // English dropdown would refuse them).
    fake.paste("SWOT", "B2", "СИЛЬНА СТОРОНА");
    fake.paste("SWOT", "B3", "stiprybė");
    const read = await readPlanSheets(fake.run, records);
    const { changes, problems } = readWorkbook(amuPlan, read.sheets);
    expect(problems).toEqual([]);
    expect(changes).toEqual([]);
  }, SLOW);
});
