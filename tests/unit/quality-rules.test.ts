import { describe, expect, it } from "vitest";
import { PutCatalogueEntryRequest, type QualityRules } from "../../shared/api/catalogue.ts";
import { fixtureId } from "../../shared/fixtures/amu-plan.ts";
import type { Indicator, Observation } from "../../shared/model/plan.ts";
import { notesHeader } from "../../shared/layout/indicators.ts";
import { flaggedText, violationText } from "../../shared/quality/messages.ts";
import { checkQuality, unexplained, valueBreaks } from "../../shared/quality/rules.ts";
import { catalogueName } from "../../shared/sync/catalogue.ts";
import { catalogueEntry } from "../support/catalogue-entry.ts";

const indicator = (n: number, code: string, extra: Partial<Indicator> = {}): Indicator => ({
  id: fixtureId(n),
  code,
  name: `Indicator ${code}`,
  direction: "increase",
  frequency: "annually",
  order: n,
  ...extra,
});
let seq = 0;
const obs = (i: Indicator, year: number, value: number | null, extra: Partial<Observation> = {}): Observation => ({
  id: fixtureId(5000 + seq++),
  indicatorId: i.id,
  period: { year },
  value,
  ...extra,
});

const ENR = indicator(1, "ENR");
const POP = indicator(2, "POP");
const doc = (...observations: Observation[]) => ({ indicators: [ENR, POP], observations });
const rulesOf = (...list: ReturnType<typeof checkQuality>) => list.map((v) => `${v.code} ${v.year} ${v.rule}`);

describe("range", () => {
  const catalogue = [catalogueEntry("ENR", { min: 0, max: 100 })];
  it("flags a value below the minimum or above the maximum, not one at a bound", () => {
    const found = checkQuality(doc(obs(ENR, 2013, -1), obs(ENR, 2014, 0), obs(ENR, 2015, 100), obs(ENR, 2016, 100.5)), catalogue);
    expect(rulesOf(...found)).toEqual(["ENR 2013 min", "ENR 2016 max"]);
    expect(found[1]).toMatchObject({ rule: "max", value: 100.5, max: 100, indicatorId: ENR.id });
  });
  it("compares as the status rule rounds: 0.1 + 0.2 is within a maximum of 0.3", () => {
    expect(checkQuality(doc(obs(ENR, 2013, 0.1 + 0.2)), [catalogueEntry("ENR", { max: 0.3 })])).toEqual([]);
    expect(rulesOf(...checkQuality(doc(obs(ENR, 2013, 0.300001)), [catalogueEntry("ENR", { max: 0.3 })]))).toEqual(["ENR 2013 max"]);
  });
  it("checks no empty value and no reason instead of a value", () => {
    expect(checkQuality(doc(obs(ENR, 2013, null), obs(ENR, 2014, null, { missing: "not_available" })), catalogue)).toEqual([]);
  });
  it("checks only the years asked for, and no retired entry, breakdown or quarter", () => {
    const values = doc(obs(ENR, 2013, 500), obs(ENR, 2014, 500), obs(ENR, 2014, 900, { period: { year: 2014, quarter: 2 } }));
    expect(rulesOf(...checkQuality(values, catalogue, { years: [2014] }))).toEqual(["ENR 2014 max"]);
    expect(checkQuality(values, [catalogueEntry("ENR", { max: 100 }, { status: "retired" })])).toEqual([]);
    const breakdown = indicator(3, "ENR", { parentId: ENR.id });
    expect(checkQuality({ indicators: [breakdown], observations: [obs(breakdown, 2013, 500)] }, catalogue)).toEqual([]);
  });
});

describe("change from the previous year", () => {
  const catalogue = [catalogueEntry("ENR", { maxChangePct: 5 })];
  it("allows exactly the maximum change, in either direction, with floats rounded (6 → 6.3 is 5 %)", () => {
    expect(checkQuality(doc(obs(ENR, 2013, 6), obs(ENR, 2014, 6.3), obs(ENR, 2015, 5.985)), catalogue)).toEqual([]);
  });
  it("flags a larger change, with the previous value and the change in %", () => {
    const [v, ...rest] = checkQuality(doc(obs(ENR, 2013, 100), obs(ENR, 2014, 94)), catalogue);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ rule: "change", year: 2014, value: 94, previous: 100, maxChangePct: 5 });
    expect(v?.rule === "change" && v.changePct).toBeCloseTo(6, 9);
  });
  it("makes no check without a previous value (missing year, empty, or a reason)", () => {
    expect(checkQuality(doc(obs(ENR, 2012, 1), obs(ENR, 2014, 100)), catalogue)).toEqual([]);
    expect(checkQuality(doc(obs(ENR, 2013, null), obs(ENR, 2014, 100)), catalogue)).toEqual([]);
    expect(checkQuality(doc(obs(ENR, 2013, null, { missing: "confidential" }), obs(ENR, 2014, 100)), catalogue)).toEqual([]);
  });
  it("does not check a reason against its previous year", () => {
    expect(checkQuality(doc(obs(ENR, 2013, 100), obs(ENR, 2014, null, { missing: "not_yet_due" })), catalogue)).toEqual([]);
  });
  it("flags any change from 0 (no percentage), not 0 → 0", () => {
    const found = checkQuality(doc(obs(ENR, 2013, 0), obs(ENR, 2014, 3), obs(ENR, 2015, 3), obs(POP, 2013, 0), obs(POP, 2014, 0)), [
      ...catalogue,
      catalogueEntry("POP", { maxChangePct: 5 }),
    ]);
    expect(found).toMatchObject([{ code: "ENR", year: 2014, rule: "change", changePct: null }]);
  });
});

describe("comparison with another catalogue indicator", () => {
  const le = [catalogueEntry("ENR", { compare: [{ op: "<=", code: "POP" }] }), catalogueEntry("POP", {})];
  it("holds at equality for ≤ and flags a larger value", () => {
    const found = checkQuality(doc(obs(ENR, 2013, 50), obs(POP, 2013, 50), obs(ENR, 2014, 51), obs(POP, 2014, 50)), le);
    expect(found).toMatchObject([{ rule: "compare", year: 2014, value: 51, op: "<=", otherCode: "POP", otherValue: 50 }]);
  });
  it("each operator at its boundary", () => {
    const at = (op: "<" | ">" | ">=" | "=", a: number, b: number) =>
      checkQuality(doc(obs(ENR, 2013, a), obs(POP, 2013, b)), [catalogueEntry("ENR", { compare: [{ op, code: "POP" }] }), catalogueEntry("POP", {})]).length;
    expect([at("<", 5, 5), at("<", 4, 5), at(">", 5, 5), at(">", 6, 5), at(">=", 5, 5), at(">=", 4, 5), at("=", 0.1 + 0.2, 0.3), at("=", 1, 2)]).toEqual([
      1, 0, 1, 0, 0, 1, 0, 1,
    ]);
  });
  it("makes no comparison where the other indicator has no value that year, or the plan has no such indicator", () => {
    expect(checkQuality(doc(obs(ENR, 2013, 51), obs(POP, 2013, null, { missing: "not_available" })), le)).toEqual([]);
    expect(checkQuality(doc(obs(ENR, 2013, 51), obs(POP, 2014, 1)), le)).toEqual([]);
    expect(checkQuality({ indicators: [ENR], observations: [obs(ENR, 2013, 51)] }, le)).toEqual([]);
  });
});

describe("one value's breaks, for values held outside a plan document (a comparison's rows)", () => {
  it("gives the same rules as the plan check, without where the value is", () => {
    const rules: QualityRules = { max: 10, maxChangePct: 10, compare: [{ op: "<", code: "POP" }, { op: ">", code: "NONE" }] };
    const other = (code: string) => (code === "POP" ? 11 : null);
    expect(valueBreaks(rules, 11, 10, other)).toEqual([{ rule: "max", max: 10 }, { rule: "compare", op: "<", otherCode: "POP", otherValue: 11 }]);
    expect(valueBreaks(rules, 12, 10, () => null).map((b) => b.rule)).toEqual(["max", "change"]);
    expect(valueBreaks({}, 1e9, 0, () => 0)).toEqual([]);
  });
});

describe("explanations", () => {
  it("a flagged value with a note that is not blank is explained; a blank one is not", () => {
    const catalogue = [catalogueEntry("ENR", { max: 10 })];
    const found = checkQuality(doc(obs(ENR, 2013, 11, { note: "Новий дитсадок" }), obs(ENR, 2014, 12, { note: "  " })), catalogue);
    expect(found.map((v) => v.note)).toEqual(["Новий дитсадок", undefined]);
    expect(unexplained(found).map((v) => v.year)).toEqual([2014]);
  });
  it("says what is wrong in each language, naming the other indicator by language", () => {
    const catalogue = [catalogueEntry("ENR", { compare: [{ op: "<=", code: "POP" }] }), catalogueEntry("POP", {}, { nameLt: "Gyventojai" })];
    const [v] = checkQuality(doc(obs(ENR, 2015, 51), obs(POP, 2015, 50)), catalogue);
    const name = (code: string, l: "uk" | "en" | "lt") => catalogueName(catalogue.find((e) => e.code === code)!, l);
    const text = violationText(v!, name);
    expect(text.uk).toBe("51 має бути не більше ніж «Показник POP» (50)");
    expect(text.en).toBe("51 must be at most “Indicator POP” (50)");
    expect(text.lt).toBe("51 turi būti ne daugiau kaip „Gyventojai“ (50)");
    expect(flaggedText(v!, name, "uk").uk).toContain("поясніть його в «");
  });
  it("quotes the notes column as the sheets name it, in a sentence of the pane's language", () => {
    const catalogue = [catalogueEntry("ENR", { max: 10 })];
    const [v] = checkQuality(doc(obs(ENR, 2015, 51)), catalogue);
    // A Ukrainian pane over Lithuanian sheets: the sentence in Ukrainian, the column as the sheet has it.
    const overLt = flaggedText(v!, (code) => code, "lt");
    expect(overLt.uk).toBe(`51 — більше за максимум 10; перевірте значення або поясніть його в «${notesHeader(2015).lt}»`);
    expect(overLt.en).toContain(`explain it in “${notesHeader(2015).lt}”`);
    expect(flaggedText(v!, (code) => code, "uk").lt).toContain(`skiltyje „${notesHeader(2015).uk}“`);
  });
  it("words a range, a change and a strict comparison in whole Ukrainian and Lithuanian sentences", () => {
    const catalogue = [catalogueEntry("ENR", { min: 100, max: 200, maxChangePct: 20, compare: [{ op: "<", code: "POP" }] }), catalogueEntry("POP", {})];
    const texts = (...o: Observation[]) => checkQuality(doc(...o), catalogue).map((v) => violationText(v, (code) => code));
    const [low] = texts(obs(ENR, 2013, 50), obs(POP, 2013, 1000));
    expect(low).toMatchObject({ uk: "50 — менше за мінімум 100", lt: "50 yra mažiau nei minimumas 100" });
    const [max, grew, notBelow] = texts(obs(ENR, 2013, 150), obs(ENR, 2014, 250), obs(POP, 2014, 250));
    expect(max).toMatchObject({ uk: "250 — більше за максимум 200", lt: "250 yra daugiau nei maksimumas 200" });
    expect(grew).toMatchObject({ lt: "250: pokytis nuo ankstesnių metų (150) yra 66,7 %, daugiau nei leistini 20 %" });
    expect(notBelow).toMatchObject({ uk: "250 має бути менше ніж «POP» (250)", lt: "250 turi būti mažesnė nei „POP“ (250)" });
  });
});

describe("the catalogue's schema", () => {
  const put = { nameUk: "Учні", nameEn: "Pupils", unit: "осіб", direction: "increase", frequency: "annually", definition: "", baseVersion: 0 };
  it("takes rules and a Lithuanian name, and leaves both out when not sent (the Worker then keeps the entry's)", () => {
    const parsed = PutCatalogueEntryRequest.parse(put);
    expect("nameLt" in parsed || "rules" in parsed).toBe(false);
    expect(PutCatalogueEntryRequest.parse({ ...put, nameLt: "", rules: {} })).toMatchObject({ nameLt: "", rules: {} });
    expect(PutCatalogueEntryRequest.parse({ ...put, nameLt: "Mokiniai", rules: { min: 0, max: 10, maxChangePct: 20, compare: [{ op: "<=", code: "POP" }] } }).rules).toEqual({
      min: 0,
      max: 10,
      maxChangePct: 20,
      compare: [{ op: "<=", code: "POP" }],
    });
  });
  it("refuses a maximum below the minimum, a change of 0 % and an unknown operator, naming the field", () => {
    const issue = (rules: unknown) => PutCatalogueEntryRequest.safeParse({ ...put, rules }).error?.issues[0]?.path.join(".");
    expect(issue({ min: 5, max: 4 })).toBe("rules.max");
    expect(issue({ maxChangePct: 0 })).toBe("rules.maxChangePct");
    expect(issue({ compare: [{ op: "≤", code: "POP" }] })).toBe("rules.compare.0.op");
  });
  it("a Lithuanian plan takes the Lithuanian name where there is one, else the English", () => {
    expect(catalogueName(catalogueEntry("POP", {}, { nameLt: "Gyventojai" }), "lt")).toBe("Gyventojai");
    expect(catalogueName(catalogueEntry("POP", {}), "lt")).toBe("Indicator POP");
    expect(catalogueName(catalogueEntry("POP", {}, { nameLt: "Gyventojai" }), "uk")).toBe("Показник POP");
  });
});
