import { z } from "zod";
import { CHART_NAME_PREFIX, type ChartSpec } from "../../shared/layout/comparison.ts";
import type { RoundReportGrid } from "../../shared/layout/round-report.ts";
import { Batch, bulkBatch, withEventsOff } from "./batch.ts";
import type { ExcelRun } from "./host.ts";
import { markSheet, queueFind, tempSheetName } from "./own-sheets.ts";
import { SheetRef } from "./reports-state.ts";
import { clearSheet, prepareRebuild, refuseProtected, writeGrid } from "./sheets.ts";
import { loadParts, queuePartsLookup, queueReplaceParts } from "./xml-parts.ts";

/**
 * The annual monitoring report sheets (one per year) in the plan's workbook. Each is found again by the
 * id kept in a custom XML part of its own namespace (the plan's state is rewritten by every sync, and a
 * report is not the plan), so rebuilding a year's report replaces its sheet in place, under whatever name
 * the user gave it.
 */

const NAMESPACE = "urn:muniplan:report:round:v1";

/** The report sheet of each year built so far, by year. */
export const RoundReportSheets = z.record(z.string(), SheetRef);
export type RoundReportSheets = z.infer<typeof RoundReportSheets>;

/** A new report sheet would take the name of a sheet that is not this year's report. */
export class RoundReportNameTaken extends Error {
  constructor(readonly sheetName: string) {
    super(`A sheet named '${sheetName}' already exists and is not MuniPlan's monitoring report`);
    this.name = "RoundReportNameTaken";
  }
}

const BAND_FILL = { header: "#DDEBF7", priority: "#D9E1F2", goal: "#F2F2F2" };

/** The report sheets this workbook has, as last written (one sync, two when there are any). */
export async function loadRoundReports(run: ExcelRun): Promise<RoundReportSheets> {
  const [kept] = await loadParts(run, [NAMESPACE]);
  // A part that does not read as expected is taken as absent: it is replaced at the next write.
  return RoundReportSheets.safeParse(kept).data ?? {};
}

export interface RoundReportWritten {
  sheet: SheetRef;
  sheets: RoundReportSheets;
  syncs: number;
}

/**
 * Writes a year's report sheet and chart and keeps the sheet's id with the others' (`known`, from
 * loadRoundReports). The year's own sheet is rebuilt in place (its values, formats and MuniPlan chart
 * replaced, the user's own charts left); a new sheet takes the grid's name, and a name taken by any other
 * sheet throws RoundReportNameTaken (a protected one SheetProtected) before anything is written. Costs two
 * syncs to look, one per ~4 MB of cells, and one to keep the ids.
 */
export async function writeRoundReport(run: ExcelRun, grid: RoundReportGrid, year: number, known: RoundReportSheets): Promise<RoundReportWritten> {
  return run(async (context) => {
    const look = new Batch(context);
    const want = { kind: `round_${year}`, id: known[year]?.id, stored: known[year]?.name, temp: tempSheetName(`round ${year}`), wanted: grid.name };
    const find = queueFind(context, { report: want });
    const parts = queuePartsLookup(context, NAMESPACE);
    await look.flush();
    const located = find.locate((sheet) => {
      prepareRebuild(sheet);
      sheet.charts.load("items/name");
    });
    await look.flush();
    const { found, taken } = located.result();
    if (taken.length) throw new RoundReportNameTaken(grid.name);
    refuseProtected(found);

    const bulk = bulkBatch(context);
    const written = await withEventsOff(context, bulk, async () => {
      const existing = found.report?.sheet;
      if (existing) {
        if (!found.report!.marked) markSheet(existing, want.kind);
        await clearSheet(bulk, existing, { outlined: false });
        for (const chart of existing.charts.items) if (chart.name.startsWith(CHART_NAME_PREFIX)) chart.delete();
      }
      const sheet = existing ?? context.workbook.worksheets.add(want.temp);
      if (!existing) markSheet(sheet, want.kind);
      sheet.load("id,name");
      await writeGrid(bulk, sheet, grid, { outline: false });
      await bulk.reserve(1_000 + grid.bands.length * 200);
      for (const band of grid.bands) {
        const format = sheet.getRange(band.range).format;
        format.font.bold = true;
        if (band.style !== "title") format.fill.color = BAND_FILL[band.style];
      }
      await bulk.flush();
      const written = { id: sheet.id, name: sheet.name === want.temp ? want.wanted : sheet.name };
      await queueReplaceParts(context, bulk, parts, NAMESPACE, { ...known, [year]: written }, () => {
        if (sheet.name !== written.name) sheet.name = written.name;
        sheet.activate();
      });
      // The chart last, over the sheet under its final name (a series names the sheet of its ranges).
      await queueBarChart(bulk, sheet, grid.chart);
      return written;
    });
    return { sheet: written, sheets: { ...known, [year]: written }, syncs: look.syncs + bulk.syncs };
  });
}

/** A one-series chart over the written ranges, its values and categories set explicitly (see reports.ts). */
async function queueBarChart(batch: Batch, sheet: Excel.Worksheet, spec: ChartSpec): Promise<void> {
  const [series] = spec.series;
  if (!series) return;
  await batch.reserve(1_500);
  const chart = sheet.charts.add(spec.type, sheet.getRange(series.values), "Columns");
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.legend.visible = false;
  chart.setPosition(spec.from, spec.to);
  if (spec.reverseCategories) chart.axes.categoryAxis.reversePlotOrder = true;
  const first = chart.series.getItemAt(0);
  first.name = series.name;
  first.setValues(sheet.getRange(series.values));
  first.setXAxisValues(sheet.getRange(series.categories));
}
