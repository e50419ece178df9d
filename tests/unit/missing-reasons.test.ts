import { describe, expect, it } from "vitest";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { MISSING_REASON_LABELS, MISSING_REASON_TOKENS, missingReasonOf } from "../../shared/i18n/labels.ts";
import type { SheetValues } from "../../shared/layout/grid.ts";
import { buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import { initialSyncState, prepareOutgoing } from "../../shared/sync/engine.ts";
import { LANGUAGES, type Language, MISSING_REASONS, Observation, type PlanDocument } from "../../shared/model/plan.ts";
import { asExcelReturns, editable, headerIndex } from "../support/excel-values.ts";

/** The AMU plan with 2013–2015 values of its first indicators: numbers, one of each reason, an empty one. */
const [a, b] = [fixtureId(700), fixtureId(701)];
const doc: PlanDocument = {
  ...amuPlan,
  observations: [
    { id: fixtureId(6000), indicatorId: a, period: { year: 2013 }, value: 12 },
    { id: fixtureId(6001), indicatorId: a, period: { year: 2014 }, value: null, missing: "not_available" },
    { id: fixtureId(6002), indicatorId: a, period: { year: 2015 }, value: null, missing: "not_applicable", note: "міська рада не звітує" },
    { id: fixtureId(6003), indicatorId: b, period: { year: 2013 }, value: null, missing: "confidential" },
    { id: fixtureId(6004), indicatorId: b, period: { year: 2014 }, value: null, missing: "not_yet_due" },
    { id: fixtureId(6005), indicatorId: b, period: { year: 2015 }, value: null },
  ],
};

const sheetOf = (language: Language): SheetValues => asExcelReturns(buildWorkbook(doc, language).find((g) => g.kind === "indicators")!);
const ids = () => {
  let n = 0;
  return () => fixtureId(910_000 + ++n);
};
const read = (sheet: SheetValues) => readWorkbook(doc, { indicators: sheet }, { newId: ids() });
const rowOf = (sheet: SheetValues, id: string) => sheet.values.findIndex((r) => r[0] === id);
const cell = (sheet: SheetValues, id: string, year: number) => sheet.values[rowOf(sheet, id)]![headerIndex(sheet, String(year))];
const obs = (d: PlanDocument, indicatorId: string, year: number) => d.observations.find((o) => o.indicatorId === indicatorId && o.period.year === year);

describe("the model: a value is a number or a reason", () => {
  const base = { id: fixtureId(6100), indicatorId: a, period: { year: 2014 } };
  it("takes a reason with a null value, and each reason of the enum", () => {
    for (const missing of MISSING_REASONS) expect(Observation.safeParse({ ...base, value: null, missing }).success).toBe(true);
  });
  it("refuses a value and a reason both set, naming `missing`", () => {
    const r = Observation.safeParse({ ...base, value: 5, missing: "confidential" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["missing"]);
  });
  it("refuses an unknown reason and a localized token (the store holds the key)", () => {
    for (const missing of ["unknown", "н/д", "", null])
      expect(Observation.safeParse({ ...base, value: null, missing }).error?.issues[0]?.path, String(missing)).toEqual(["missing"]);
  });
});

describe("the tokens of a reason, in uk, en and lt", () => {
  it("every token and name of every language reads back as its own reason, in any case and spacing", () => {
    for (const reason of MISSING_REASONS) {
      const texts = [...Object.values<readonly string[]>(MISSING_REASON_TOKENS[reason]).flat(), ...Object.values(MISSING_REASON_LABELS[reason])];
      for (const text of texts) {
        expect(missingReasonOf(text), text).toBe(reason);
        expect(missingReasonOf(`  ${text.toLocaleUpperCase("uk")} `), text).toBe(reason);
      }
    }
  });
  it("reads the examples of the issue and nothing that is not a token", () => {
    expect(["н/д", "n/a", "n/d", "N/D", "Н/Д"].map(missingReasonOf)).toEqual(Array(5).fill("not_available"));
    expect(["н/з", "netaikoma"].map(missingReasonOf)).toEqual(["not_applicable", "not_applicable"]);
    for (const text of ["", "n", "12", "немає", "n/a n/a", "н/д."]) expect(missingReasonOf(text), text).toBeUndefined();
  });
});

describe("reasons through the Indicators sheet", () => {
  it.each(LANGUAGES)("round trip in %s: the sheet shows the language's token and reads back unchanged", (language) => {
    const sheet = sheetOf(language);
    expect(cell(sheet, a, 2013)).toBe(12);
    expect(cell(sheet, a, 2014)).toBe(MISSING_REASON_TOKENS.not_available[language][0]);
    expect(cell(sheet, a, 2015)).toBe(MISSING_REASON_TOKENS.not_applicable[language][0]);
    expect(cell(sheet, b, 2013)).toBe(MISSING_REASON_TOKENS.confidential[language][0]);
    expect(cell(sheet, b, 2014)).toBe(MISSING_REASON_TOKENS.not_yet_due[language][0]);
    expect(cell(sheet, b, 2015)).toBe("");
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    expect(r.changes).toEqual([]);
    expect(r.doc.observations).toEqual(expect.arrayContaining(doc.observations));
  });

  it.each([
    ["uk", " Н/Д ", "not_available"],
    ["uk", "netaikoma", "not_applicable"],
    ["en", "N/A", "not_available"],
    ["en", "Confidential", "confidential"],
    ["lt", "n/d", "not_available"],
    ["lt", "terminas nesuėjo", "not_yet_due"],
  ] as const)("a reason typed in a %s sheet over a number: %j is %s, with a null value", (language, typed, reason) => {
    const sheet = editable(sheetOf(language));
    sheet.values[rowOf(sheet, a)]![headerIndex(sheet, "2013")] = typed;
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    const { missing, value, id } = obs(r.doc, a, 2013)!;
    expect({ missing, value, id }).toEqual({ missing: reason, value: null, id: fixtureId(6000) });
    expect(r.changes).toHaveLength(1);
    // Written back in the sheet's language.
    const again = asExcelReturns(buildWorkbook(r.doc, language).find((g) => g.kind === "indicators")!);
    expect(cell(again, a, 2013)).toBe(MISSING_REASON_TOKENS[reason][language][0]);
  });

  it("a number over a reason drops the reason; an emptied reason is an empty value, the note kept", () => {
    const sheet = editable(sheetOf("uk"));
    sheet.values[rowOf(sheet, a)]![headerIndex(sheet, "2014")] = 7;
    sheet.values[rowOf(sheet, a)]![headerIndex(sheet, "2015")] = "";
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    expect(obs(r.doc, a, 2014)).toEqual({ id: fixtureId(6001), indicatorId: a, period: { year: 2014 }, value: 7 });
    expect(obs(r.doc, a, 2015)).toEqual({ id: fixtureId(6002), indicatorId: a, period: { year: 2015 }, value: null, note: "міська рада не звітує" });
    for (const o of r.doc.observations) expect(Observation.safeParse(o).success).toBe(true);
  });

  it("a reason typed into an empty cell makes an observation with a null value", () => {
    const sheet = editable(sheetOf("en"));
    sheet.values[rowOf(sheet, b)]![headerIndex(sheet, "2015")] = "n/a";
    const r = read(sheet);
    expect(obs(r.doc, b, 2015)).toMatchObject({ value: null, missing: "not_available" });
  });

  it("unknown text is a problem named by cell, in uk, en and lt, listing the tokens; the value it had is kept", () => {
    const sheet = editable(sheetOf("uk"));
    const row = rowOf(sheet, a);
    const col = headerIndex(sheet, "2014");
    sheet.values[row]![col] = "немає";
    sheet.values[row]![headerIndex(sheet, "2013")] = "n/a?";
    const r = read(sheet);
    expect(r.problems.map((p) => p.ref)).toEqual([`Показники!N${row + 1}`, `Показники!O${row + 1}`]);
    const p = r.problems[1]!;
    expect(p.text.uk).toBe("'немає' — не число; очікується число або причина відсутності значення: н/д, н/з, конф., строк не настав; залишено попереднє значення");
    expect(p.text.en).toContain("expected a number or a reason for no value: n/a, not applicable, conf., not yet due");
    expect(p.text.lt).toContain("n/d, netaikoma, konf., terminas nesuėjo");
    expect(obs(r.doc, a, 2014)).toEqual(doc.observations[1]);
    expect(obs(r.doc, a, 2013)).toEqual(doc.observations[0]);
  });
});

describe("a reason typed in the sheet, as the sync client sends it", () => {
  const versions = Object.fromEntries(doc.observations.map((o) => [`observations:${o.id}`, 1]));
  const outgoing = (sheet: SheetValues) => {
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    return prepareOutgoing(initialSyncState(doc.plan.id, doc, versions, 0), r.doc, ids()).added;
  };

  it("a reason over a number: the value set to null and the reason, in one update", () => {
    const sheet = editable(sheetOf("uk"));
    sheet.values[rowOf(sheet, a)]![headerIndex(sheet, "2013")] = "н/д";
    expect(outgoing(sheet)).toEqual([
      expect.objectContaining({ kind: "observations", entityId: fixtureId(6000), op: "upsert", baseVersion: 1, fields: { value: null, missing: "not_available" } }),
    ]);
  });

  it("a number over a reason: the value, and the reason unset (the schema refuses both)", () => {
    const sheet = editable(sheetOf("lt"));
    sheet.values[rowOf(sheet, b)]![headerIndex(sheet, "2013")] = 3;
    const [m] = outgoing(sheet);
    expect(m).toMatchObject({ entityId: fixtureId(6003), op: "upsert", fields: { value: 3 }, unset: ["missing"] });
  });
});
