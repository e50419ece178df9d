import { describe, expect, it } from "vitest";
import { RESPONSE_BUDGET_BYTES, readPlanSheets, writePlanSheets } from "../../addin/excel/sheets.ts";
import { payloadBytes } from "../../addin/excel/batch.ts";
import { buildWorkbook } from "../../shared/layout/workbook.ts";
import { syntheticPlan } from "../bench/layout.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/**
 * Issue 11 §2: reads sized by what the cells weigh in Excel on the web's 5 MB response, not by a cell
 * count. The adapter before this fix read 60,000 cells at a time whatever they held: 60,000 cells of
 * Cyrillic text are over 5 MB, and the read failed with ResponsePayloadSizeLimitExceeded (any profile).
 */

const LIMIT = 5 * 1024 * 1024;
const ROWS = 5_000;
const COLS = 12;
const cellText = (r: number, c: number) => `Рядок ${r}, стовпець ${c}: ${"довгий текст ".repeat(4)}`;

/** A sheet of 60,000 cells of Cyrillic text (over 6 MB as a response), as a user might have pasted. */
function heavySheet(fake: FakeExcel) {
  const sheet = fake.addSheet("Ризики");
  for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) sheet.cells.set(`${r},${c}`, { value: cellText(r, c) });
  return sheet;
}

// Reads of 6 MB: their figures are the point, not their speed on a busy machine.
const SLOW = 120_000;

describe("reading a sheet heavier than one response", () => {
  it("asks in chunks that fit, halving and asking again when a chunk was guessed too light", async () => {
    const fake = new FakeExcel();
    const sheet = heavySheet(fake);
    const read = await readPlanSheets(fake.run, { risks: { id: sheet.id, name: sheet.name, outlined: false } });
    const values = read.sheets.risks!.values;
    expect(values).toHaveLength(ROWS);
    expect(values[ROWS - 1]![COLS - 1]).toBe(cellText(ROWS - 1, COLS - 1));
    expect(values[2_345]![7]).toBe(cellText(2_345, 7));
    expect(payloadBytes(values)).toBeGreaterThan(LIMIT);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(LIMIT);
  }, SLOW);

  it("sized by the bytes the sheet was written with, needs no second try", async () => {
    const fake = new FakeExcel();
    const sheet = heavySheet(fake);
    const bytes = payloadBytes(fake.values("Ризики"));
    const read = await readPlanSheets(fake.run, { risks: { id: sheet.id, name: sheet.name, outlined: false, bytes } });
    expect(read.sheets.risks!.values).toHaveLength(ROWS);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(LIMIT);
    // Two syncs to find the sheet, then as many as its bytes need at the budget, and no failed one.
    expect(read.syncs).toBe(2 + Math.ceil(bytes / RESPONSE_BUDGET_BYTES));
    expect(fake.stats.syncs).toBe(read.syncs);
  }, SLOW);

  it("of a plan MuniPlan wrote: the bytes written are kept, and a 10,000-row plan reads within the limit", async () => {
    const fake = new FakeExcel();
    const doc = syntheticPlan(10_000);
    const written = await writePlanSheets(fake.run, buildWorkbook(doc, "uk"), { version: 1, language: "uk", doc }, {}, fake);
    expect(written.sheets.indicators!.bytes).toBeGreaterThan(0);
    const before = fake.stats.syncs;
    const read = await readPlanSheets(fake.run, written.sheets);
    expect(fake.stats.syncs - before).toBe(read.syncs);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(LIMIT);
    expect(read.missing).toEqual([]);
  }, SLOW);
});
