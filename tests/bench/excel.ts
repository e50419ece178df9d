import { columnLetter } from "../../shared/layout/cells.ts";
import type { SheetGrid } from "../../shared/layout/grid.ts";
import { buildWorkbook } from "../../shared/layout/workbook.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { writePlanSheets } from "../../addin/excel/sheets.ts";
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

export async function benchExcel(): Promise<void> {
  console.log("\n## Writing the plan's sheets through the Excel API (fake host: syncs = round trips to Excel)\n");
  console.log("| plan rows | sheet rows | cells | MuniPlan syncs | queued ops | largest request | cell-by-cell syncs | cell-by-cell ops | syncs ratio |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const rows of [10, 1_000, 10_000]) {
    const doc: PlanDocument = syntheticPlan(rows);
    const grids = buildWorkbook(doc, "uk");
    const cells = grids.reduce((s, g) => s + g.cells.length * g.columns.length, 0);
    const sheetRows = grids.reduce((s, g) => s + g.cells.length - 1, 0);
    const fake = new FakeExcel();
    await writePlanSheets(fake.run, grids, { version: 1, language: "uk", doc });
    const naive = new FakeExcel();
    await writeCellByCell(naive, grids);
    console.log(
      `| ${fmt(rows)} | ${fmt(sheetRows)} | ${fmt(cells)} | ${fake.stats.syncs} | ${fmt(fake.stats.ops)} | ${(fake.stats.maxRequestBytes / 1e6).toFixed(2)} MB | ${fmt(naive.stats.syncs)} | ${fmt(naive.stats.ops)} | ${(naive.stats.syncs / fake.stats.syncs).toFixed(0)}× |`,
    );
  }
}
