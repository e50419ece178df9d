import { describe, expect, it } from "vitest";
import { readSelectedValues } from "../../addin/excel/adopt-range.ts";
import { adopt } from "../../shared/adopt/recognise.ts";
import { columnLetter } from "../../shared/layout/cells.ts";
import { payloadBytes } from "../../addin/excel/batch.ts";
import { FakeExcel } from "../support/fake-excel.ts";
import { PAYLOAD_LIMIT_BYTES } from "../support/excel/payload.ts";

// Adopting a plan from a range the user selected on a sheet of their own, against the strict host: only the
// used part of the selection is read, in one Excel.run, and the plan is recognised from Excel's values (a
// year typed as a column header is a number there).
const TABLE = [
  ["Показник", "Одиниця виміру", "База 2020", 2021, 2022, "Ціль 2025", "Періодичність", "Відповідальний"],
  ["Кількість ЦНАП", "од.", 2, 3, 4, 6, "щорічно", "Відділ ЦНАП"],
  ["Рівень безробіття", "%", 9.1, 8.5, 8, 7, "щорічно", "Відділ економіки"],
];

/** A workbook with a user's sheet holding TABLE from C4 (rows 4–6, columns C–J), and a note far below it. */
function workbook() {
  const fake = new FakeExcel();
  fake.addSheet("Аркуш1");
  fake.addSheet("Моніторинг");
  TABLE.forEach((row, r) => row.forEach((v, c) => fake.type("Моніторинг", `${columnLetter(2 + c)}${4 + r}`, v)));
  fake.type("Моніторинг", "A40", "Примітка: дані відділу статистики");
  return fake;
}

async function read(fake: FakeExcel, address: string, limit?: number) {
  await fake.userSelects(address);
  const before = { ...fake.stats };
  const result = await readSelectedValues(fake.run, limit);
  return { result, runs: fake.stats.runs - before.runs, syncs: fake.stats.syncs - before.syncs };
}

describe("reading the selected range for adopting a plan", () => {
  it("reads whole selected columns as their used rows only, with the sheet row they start at, and the plan is recognised", async () => {
    const fake = workbook();
    const { result, runs, syncs } = await read(fake, "Моніторинг!C:J");
    expect([runs, syncs]).toEqual([1, 2]);
    expect(result).toEqual({ address: "Моніторинг!C4:J40", values: expect.any(Array), firstRow: 4 });
    if (!("values" in result)) throw new Error("no values");
    expect(result.values.slice(0, 3)).toEqual(TABLE);
    // Below the table, up to the note's row: the note is in column A, outside the selection.
    expect(result.values.slice(3).every((row) => row.every((v) => v === ""))).toBe(true);
    const adopted = adopt({ range: result.values }, { id: () => crypto.randomUUID(), year: 2026 });
    expect(adopted.doc.indicators.map((i) => [i.name, i.unit, i.baselineYear, i.baselineValue, i.targetYear, i.targetValue])).toEqual([
      ["Кількість ЦНАП", "од.", 2020, 2, 2025, 6],
      ["Рівень безробіття", "%", 2020, 9.1, 2025, 7],
    ]);
    expect(adopted.unrecognised).toEqual([]);
  });

  it("reads the part of a selection inside the sheet's used block, its empty cells as Excel gives them", async () => {
    const fake = workbook();
    // The used block is A4:J40 (the note in A40): column B is inside it, rows 2–3 are not.
    const { result } = await read(fake, "Моніторинг!B2:E5");
    expect(result).toEqual({ address: "Моніторинг!B4:E5", values: [["", ...TABLE[0]!.slice(0, 3)], ["", ...TABLE[1]!.slice(0, 3)]], firstRow: 4 });
  });

  it("says a selection holding nothing is empty, in one sync", async () => {
    const fake = workbook();
    expect(await read(fake, "Моніторинг!L1:M3")).toEqual({ result: { address: "Моніторинг!L1:M3", empty: true }, runs: 1, syncs: 1 });
    expect(await read(fake, "Аркуш1!A1:D10")).toEqual({ result: { address: "Аркуш1!A1:D10", empty: true }, runs: 1, syncs: 1 });
  });

  it("reads no values from a selection holding more cells than the limit, and says how many", async () => {
    const fake = workbook();
    const { result, syncs } = await read(fake, "Моніторинг!A1:J40", 300);
    // Columns A–J of rows 4–40: the used block starts at row 4 and reaches column A through the note.
    expect(result).toEqual({ address: "Моніторинг!A1:J40", tooLarge: { cells: 37 * 10, limit: 300 } });
    expect(syncs).toBe(1);
  });

  it("reads a block over Excel's 5 MB response in row halves, in the same Excel.run, well below the cell limit", async () => {
    const fake = new FakeExcel();
    fake.addSheet("План");
    // 800 cells of Cyrillic text, over 6 MB as a response: a cell count alone cannot tell (issue 16 review).
    const cell = (r: number, c: number) => `Рядок ${r + 1}, ${c + 1}: ${"завдання громади ".repeat(250)}`;
    for (let r = 0; r < 400; r++) for (let c = 0; c < 2; c++) fake.type("План", `${columnLetter(1 + c)}${3 + r}`, cell(r, c));
    const { result, runs } = await read(fake, "План!B:C");
    expect(runs).toBe(1);
    if (!("values" in result)) throw new Error(`no values: ${JSON.stringify(result)}`);
    expect(result.address).toBe("План!B3:C402");
    expect(result.firstRow).toBe(3);
    expect(result.values).toHaveLength(400);
    expect(result.values.map((row, r) => row.map((v, c) => v === cell(r, c)))).toEqual(Array.from({ length: 400 }, () => [true, true]));
    expect(payloadBytes(result.values)).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });

  it("names a one-cell block as Excel does, and quotes a sheet name Excel quotes", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Мій план");
    fake.type("Мій план", "D7", "Пріоритет 1. Дороги");
    expect((await read(fake, "Мій план!C5:D7")).result).toEqual({ address: "'Мій план'!D7", values: [["Пріоритет 1. Дороги"]], firstRow: 7 });
  });

  it("fails on several selected areas as Excel does, with InvalidSelection", async () => {
    const fake = workbook();
    await fake.userSelects("Моніторинг!C4:D5,Моніторинг!F4:F5");
    await expect(readSelectedValues(fake.run)).rejects.toMatchObject({ code: "InvalidSelection" });
  });
});
