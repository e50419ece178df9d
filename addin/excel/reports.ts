import type { ComparisonResponse, CompletenessResponse } from "../../shared/api/compare.ts";
import { columnLetter } from "../../shared/layout/cells.ts";
import { CHART_NAME_PREFIX, type ChartSeriesSpec, type ChartSpec, type ReportGrid, buildComparison } from "../../shared/layout/comparison.ts";
import { buildCompleteness } from "../../shared/layout/completeness.ts";
import { Batch, bulkBatch, withEventsOff } from "./batch.ts";
import type { ExcelRun } from "./host.ts";
import { markSheet, markerTable, queueFind, tempSheetName } from "./own-sheets.ts";
import { type ComparisonReport, type CompletenessReport, type ReportQuery, type ReportRecord, type SheetRef, queueKeptLookup, queueKeptSave } from "./reports-state.ts";
import { clearSheet, prepareRebuild, refuseProtected, writeGrid } from "./sheets.ts";

/**
 * The analyst's report sheets (comparison with its charts, completeness) in their own workbook. The
 * data is fetched before (never inside Excel.run); this writes it as the plan's sheets are written —
 * whole 2D ranges in chunks within Excel on the web's request limit — and keeps the report's query
 * beside it, so Refresh rebuilds the same sheet after the workbook is reopened.
 */

/** A new report sheet would take the name of a sheet that is not this report's. */
export class ReportNameTaken extends Error {
  constructor(
    readonly kind: ReportRecord["kind"],
    readonly sheetName: string,
  ) {
    super(`A sheet named '${sheetName}' already exists and is not MuniPlan's ${kind} sheet`);
    this.name = "ReportNameTaken";
  }
}

export interface ReportWritten<R extends ReportRecord> {
  record: R;
  syncs: number;
}

const BAND_FILL = { header: "#DDEBF7", stats: "#F2F2F2" };
const SERIES_LINE = {
  median: { color: "#1F4E79", lineStyle: "Continuous", weight: 2.5 },
  quartile: { color: "#8EA9DB", lineStyle: "Dash", weight: 1.5 },
} as const;

/**
 * Writes a report's sheet and charts and keeps its query with the sheet's id. The report's own sheet
 * (found by its marker table or id, so a name the user gave it is kept) is rebuilt in place: its values
 * replaced, its MuniPlan charts replaced, the user's own charts left. A new sheet takes `name`, else the
 * last one the report had, else the grid's; a name taken by any other sheet throws ReportNameTaken, a
 * protected report sheet SheetProtected, before anything is written. Costs two syncs to look, one per
 * ~4 MB of cells, and one to keep the query.
 */
export async function writeReport<R extends ReportRecord>(
  run: ExcelRun,
  grid: ReportGrid,
  query: ReportQuery<R>,
  known?: SheetRef,
  name?: string,
): Promise<ReportWritten<R>> {
  return run(async (context) => {
    const look = new Batch(context);
    const want = {
      kind: query.kind,
      marker: grid.table ? markerTable(grid.kind) : undefined,
      id: known?.id,
      stored: known?.name,
      temp: tempSheetName(query.kind),
      wanted: name ?? known?.name ?? grid.name,
    };
    const find = queueFind(context, { report: want });
    const parts = queueKeptLookup(context, query.kind);
    await look.flush();
    const located = find.locate((sheet) => {
      prepareRebuild(sheet);
      sheet.charts.load("items/name");
    });
    await look.flush();
    const { found, taken } = located.result();
    if (taken.length) throw new ReportNameTaken(query.kind, want.wanted);
    refuseProtected(found);

    const bulk = bulkBatch(context);
    const record = await withEventsOff(context, bulk, async () => {
      const existing = found.report?.sheet;
      if (existing) {
        if (!found.report!.marked) markSheet(existing, want.kind);
        await clearSheet(bulk, existing, { outlined: false });
        existing.freezePanes.unfreeze();
        for (const chart of existing.charts.items) if (chart.name.startsWith(CHART_NAME_PREFIX)) chart.delete();
      }
      const sheet = existing ?? context.workbook.worksheets.add(want.temp);
      if (!existing) markSheet(sheet, want.kind);
      sheet.load("id,name");
      await writeGrid(bulk, sheet, grid, { outline: false });
      await queueReportFormats(bulk, sheet, grid);
      await bulk.flush();
      const record = { ...query, sheet: { id: sheet.id, name: sheet.name === want.temp ? want.wanted : sheet.name } } as R;
      await queueKeptSave(context, bulk, parts, query.kind, record, () => {
        if (sheet.name !== record.sheet.name) sheet.name = record.sheet.name;
        sheet.activate();
      });
      // The charts last, over the sheet under its final name (a series names the sheet of its ranges).
      for (const chart of grid.charts) await queueChart(bulk, sheet, chart);
      return record;
    });
    return { record, syncs: look.syncs + bulk.syncs };
  });
}

/** What a report has beyond a plan sheet's formats: styled rows, row formats, quartile colours, panes. */
async function queueReportFormats(batch: Batch, sheet: Excel.Worksheet, grid: ReportGrid): Promise<void> {
  await batch.reserve(1_000 + grid.bands.length * 200 + grid.quartileScales.length * 400);
  for (const band of grid.bands) {
    const format = sheet.getRange(band.range).format;
    if (band.style !== "stats") format.font.bold = true;
    if (band.style !== "title") format.fill.color = BAND_FILL[band.style];
  }
  for (const { row, columns, format } of grid.rowFormats) {
    const count = columns[1] - columns[0] + 1;
    const formats = [Array.from({ length: count }, () => format)];
    await batch.reserve(count * (format.length * 2 + 3));
    sheet.getRangeByIndexes(row, columns[0], 1, count).numberFormat = formats;
  }
  for (const range of grid.quartileScales) {
    const scale = sheet.getRange(range).conditionalFormats.add("ColorScale");
    scale.colorScale.criteria = {
      minimum: { type: "Number", formula: "1", color: "#63BE7B" },
      midpoint: { type: "Number", formula: "2.5", color: "#FFEB84" },
      maximum: { type: "Number", formula: "4", color: "#F8696B" },
    };
  }
  const { rows, columns } = grid.frozen;
  if (rows) sheet.freezePanes.freezeAt(sheet.getRange(`A1:${columnLetter(columns - 1)}${rows}`));
  else sheet.freezePanes.freezeColumns(columns);
}

/**
 * An Excel chart over the written ranges. Excel makes the first series from the range the chart is
 * added with; every series, that one included, then gets its name, values and categories set
 * explicitly, so nothing rests on Excel guessing which cells are labels.
 */
async function queueChart(batch: Batch, sheet: Excel.Worksheet, spec: ChartSpec): Promise<void> {
  const [first, ...rest] = spec.series;
  if (!first) return;
  await batch.reserve(1_000 + spec.series.length * 400);
  const chart = sheet.charts.add(spec.type, sheet.getRange(first.values), spec.type === "Line" ? "Rows" : "Columns");
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.legend.visible = spec.series.length > 1;
  chart.legend.position = "Bottom";
  chart.setPosition(spec.from, spec.to);
  if (spec.reverseCategories) chart.axes.categoryAxis.reversePlotOrder = true;
  const fill = (series: Excel.ChartSeries, s: ChartSeriesSpec) => {
    series.name = s.name;
    series.setValues(sheet.getRange(s.values));
    series.setXAxisValues(sheet.getRange(s.categories));
    if (s.line) {
      const { color, lineStyle, weight } = SERIES_LINE[s.line];
      const line = series.format.line;
      line.color = color;
      line.lineStyle = lineStyle;
      line.weight = weight;
    }
  };
  fill(chart.series.getItemAt(0), first);
  for (const s of rest) fill(chart.series.add(s.name), s);
}

export function writeComparison(
  run: ExcelRun,
  response: ComparisonResponse,
  query: ReportQuery<ComparisonReport>,
  known?: SheetRef,
  name?: string,
): Promise<ReportWritten<ComparisonReport>> {
  const grid = buildComparison(response, {
    language: query.language,
    associationName: query.associationName,
    chart: query.chart.kind,
    communities: query.chart.communities.map((c) => c.id),
  });
  return writeReport(run, grid, query, known, name);
}

export function writeCompleteness(
  run: ExcelRun,
  response: CompletenessResponse,
  query: ReportQuery<CompletenessReport>,
  known?: SheetRef,
  name?: string,
): Promise<ReportWritten<CompletenessReport>> {
  return writeReport(run, buildCompleteness(response, query.language), query, known, name);
}
