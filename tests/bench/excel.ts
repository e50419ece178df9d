import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { columnLetter } from "../../shared/layout/cells.ts";
import type { SheetGrid } from "../../shared/layout/grid.ts";
import { buildWorkbook } from "../../shared/layout/workbook.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { readPlanSheets, writePlanSheets } from "../../addin/excel/sheets.ts";
import { loadState } from "../../addin/excel/state.ts";
import { FakeExcel } from "../support/fake-excel.ts";
import { syntheticPlan } from "./layout.ts";

/** The naive adapter MuniPlan must beat: every cell its own range and its own sync. */
async function writeCellByCell(fake: FakeExcel, grids: SheetGrid[]): Promise<void> {
  await fake.run(async (context) => {
    for (const grid of grids) {
      const sheet = context.workbook.worksheets.add(grid.name);
      for (const [r, row] of grid.cells.entries())
        for (const [c, v] of row.entries()) {
          sheet.getRange(`${columnLetter(c)}${r + 1}`).values = [[v]];
          await context.sync();
        }
    }
  });
}

const fmt = (n: number) => n.toLocaleString("en");
const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

/** Round trips and the largest request and response of one adapter call on the strict host. */
async function measure<T>(fake: FakeExcel, call: () => Promise<T>): Promise<{ result: T; syncs: number; figures: string }> {
  const before = fake.stats.syncs;
  fake.stats.maxRequestBytes = 0;
  fake.stats.maxResponseBytes = 0;
  const result = await call();
  const syncs = fake.stats.syncs - before;
  return { result, syncs, figures: `${syncs} | ${size(fake.stats.maxRequestBytes)} | ${size(fake.stats.maxResponseBytes)}` };
}

export async function benchExcel(): Promise<void> {
  console.log("\n## The plan's sheets through the Excel API (strict fake host: syncs = round trips; requests and responses as Office.js's JSON, 5 MB cap)\n");
  console.log(
    "| plan rows | sheet rows | cells | build syncs | largest request | largest response | read syncs | largest request | largest response | state load syncs | largest request | largest response | cell-by-cell syncs | ratio |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const rows of [10, 1_000, 10_000]) {
    const doc: PlanDocument = syntheticPlan(rows);
    const grids = buildWorkbook(doc, "uk");
    const cells = grids.reduce((s, g) => s + g.cells.length * g.columns.length, 0);
    const sheetRows = grids.reduce((s, g) => s + g.cells.length - 1, 0);
    const fake = new FakeExcel();
    const build = await measure(fake, () => writePlanSheets(fake.run, grids, { version: 1, language: "uk", doc }));
    const read = await measure(fake, () => readPlanSheets(fake.run, build.result.sheets));
    // What opening the workbook reads first: the plan's state, every part of it.
    const state = await measure(fake, () => loadState(fake.run));
    const naive = new FakeExcel();
    await writeCellByCell(naive, grids);
    console.log(
      `| ${fmt(rows)} | ${fmt(sheetRows)} | ${fmt(cells)} | ${build.figures} | ${read.figures} | ${state.figures} | ${fmt(naive.stats.syncs)} | ${(naive.stats.syncs / build.syncs).toFixed(0)}× |`,
    );
  }
}

// `npx tsx tests/bench/excel.ts` prints this table alone.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchExcel();
