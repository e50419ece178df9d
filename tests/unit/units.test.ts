import { describe, expect, it } from "vitest";
import { type ValueKind, fitsKind, valueKind } from "../../shared/model/units.ts";

describe("an indicator's unit says what its values may be", () => {
  const table: [string | undefined, ValueKind][] = [
    // Percentages, in the plans' languages, spelled and abbreviated as people do.
    ["%", "percent"],
    [" % ", "percent"],
    ["% населення", "percent"],
    ["частка, %", "percent"],
    ["5%", "percent"],
    ["відсоток", "percent"],
    ["Відсотків", "percent"],
    ["відс.", "percent"],
    ["процентів", "percent"],
    ["percent", "percent"],
    ["Percentage of households", "percent"],
    ["pct", "percent"],
    ["proc.", "percent"],
    ["procentai", "percent"],
    ["procentų", "percent"],
    // A percent word wins over count words.
    ["% від кількості осіб", "percent"],
    // Counts: nothing but count words, any letter case, abbreviation dots or not.
    ["осіб", "count"],
    ["ОСІБ", "count"],
    ["кількість", "count"],
    ["кількість осіб", "count"],
    ["кількість, од.", "count"],
    ["од.", "count"],
    ["од", "count"],
    ["одиниць", "count"],
    ["шт.", "count"],
    ["шт", "count"],
    ["чол.", "count"],
    ["people", "count"],
    ["Persons", "count"],
    ["units", "count"],
    ["items", "count"],
    ["count", "count"],
    ["vnt.", "count"],
    ["asmenų", "count"],
    ["asmenų skaičius", "count"],
    // Scales, rates, money, averages and anything else: any number.
    ["тис. осіб", "number"],
    ["млн осіб", "number"],
    ["осіб на 1000 населення", "number"],
    ["од./рік", "number"],
    ["people per km²", "number"],
    ["відвідувачів на місяць", "number"],
    ["грн", "number"],
    ["тис. грн", "number"],
    ["EUR", "number"],
    ["km", "number"],
    ["tūkst. gyventojų", "number"],
    ["особистий", "number"],
    ["peoples", "number"],
    ["procedure", "number"],
    ["", "number"],
    ["   ", "number"],
    [undefined, "number"],
  ];
  for (const [unit, kind] of table)
    it(`${JSON.stringify(unit)} → ${kind}`, () => {
      expect(valueKind(unit)).toBe(kind);
    });

  it("a percentage lies between 0 and 100, ends included", () => {
    for (const v of [0, 0.5, 42, 99.99, 100]) expect(fitsKind("percent", v), String(v)).toBe(true);
    for (const v of [-0.01, -1, 100.01, 101, 1e6]) expect(fitsKind("percent", v), String(v)).toBe(false);
  });

  it("a count is a whole number of 0 or more", () => {
    for (const v of [0, 1, 7, 1e9]) expect(fitsKind("count", v), String(v)).toBe(true);
    for (const v of [-1, 2.5, 0.1, -0.5]) expect(fitsKind("count", v), String(v)).toBe(false);
  });

  it("any other unit takes any number", () => {
    for (const v of [-1e12, -1, 0, 2.5, 101, 1e12]) expect(fitsKind("number", v)).toBe(true);
  });
});
