import { describe, expect, it } from "vitest";
import { adopt } from "../../shared/adopt/recognise.ts";
import { sequentialIds } from "./adopt-support.ts";

// An indicator table as a community keeps it in a sheet of its own, selected as a range: Excel gives numbers
// as numbers, empty cells as "" and a decimal comma typed as text as a string.
const RANGE = [
  ["Показник", "Одиниця виміру", "База 2020", "2021", "2022", "2023", "Ціль 2025", "Періодичність", "Відповідальний"],
  ["Кількість ЦНАП", "од.", 2, 3, 4, "", 6, "щорічно", "Відділ ЦНАП"],
  ["Частка доріг з твердим покриттям", "%", "45,5", 50, 55, 60, 70, "щокварталу", "Управління ЖКГ"],
  ["Рівень безробіття", "%", 9.1, 8.5, 8, 7.6, 7, "щорічно", ""],
];

describe("adopting a selected range", () => {
  const result = adopt({ range: RANGE }, { id: sequentialIds(), year: 2026 });

  it("reads an indicator table with year columns: base, yearly targets, final target", () => {
    const [a, b, c] = result.doc.indicators;
    expect(a).toMatchObject({
      name: "Кількість ЦНАП",
      unit: "од.",
      baselineYear: 2020,
      baselineValue: 2,
      targets: [{ year: 2021, value: 3 }, { year: 2022, value: 4 }],
      targetYear: 2025,
      targetValue: 6,
      frequency: "annually",
      direction: "increase",
      responsibleUnit: "Відділ ЦНАП",
    });
    expect(b).toMatchObject({ baselineValue: 45.5, frequency: "quarterly", targets: [{ year: 2021, value: 50 }, { year: 2022, value: 55 }, { year: 2023, value: 60 }] });
    // A target below its base is a decrease wanted.
    expect(c).toMatchObject({ name: "Рівень безробіття", direction: "decrease" });
    expect(c!.responsibleUnit).toBeUndefined();
  });

  it("keeps each indicator's row and the header, leaving nothing unread", () => {
    expect(result.items.map((i) => i.source.map((s) => s.line))).toEqual([[2], [3], [4]]);
    expect(result.headings.map((h) => h.line)).toEqual([1]);
    expect(result.unrecognised).toEqual([]);
  });
});
