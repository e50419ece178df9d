import { REPORT_STATUSES, type ReportIndicator, type RoundReport } from "../api/rounds.ts";
import { INDICATOR_STATUS_LABELS, MISSING_REASON_LABELS, ROUND_STATUS_LABELS, type Labels } from "../i18n/labels.ts";
import type { Language } from "../model/plan.ts";
import { type Cell, columnLetter } from "./cells.ts";
import { CHART_NAME_PREFIX, type ChartSpec, reportColumn } from "./comparison.ts";
import type { ConditionalFormat, SheetGrid } from "./grid.ts";
import { targetHeader } from "./indicators.ts";

/**
 * The annual monitoring report sheet, from `roundReport` (shared/monitoring/report.ts): a title with the
 * community and year and a line on the round, the header, then per priority its own indicators and per
 * goal theirs (numbered as the plan numbers them, "1", "1.2"), the indicators measuring nothing, and a
 * count per status under the status column with a bar chart of it. Printed landscape, one page wide,
 * with the title and header on every page.
 *
 * Beside the final target stands the year's own target, under the Indicators sheet's header for it, so
 * a reader sees the target a value of the year was judged against; a year whose value is a reason for no
 * value shows the reason's name in the value cell.
 */

export const roundReportName = (year: number): Labels => ({
  uk: `Звіт моніторингу ${year}`,
  en: `Monitoring report ${year}`,
  lt: `Stebėsenos ataskaita ${year}`,
});


/** The Indicators sheet's status colours (shared/layout/indicators.ts), so a status reads the same on both sheets. */
export const STATUS_COLOURS: Record<(typeof REPORT_STATUSES)[number], { fill: string; font: string }> = {
  on_track: { fill: "#C6EFCE", font: "#006100" },
  at_risk: { fill: "#FFEB9C", font: "#9C5700" },
  off_track: { fill: "#FFC7CE", font: "#9C0006" },
  no_data: { fill: "#EDEDED", font: "#595959" },
};

const WORDS = {
  uk: {
    title: (year: number, community: string) => `Звіт моніторингу за ${year} рік — ${community}`,
    noRound: (year: number) => `Раунд моніторингу за ${year} рік не відкрито`,
    round: (status: string, by: string, at: string) => `Стан раунду: ${status} (${by}, ${at})`,
    headers: (year: number) => ["Код", "Показник", "Одиниця виміру", "Базовий рік", "Базове значення", "Цільовий рік", "Цільове значення", targetHeader(year).uk, `Значення ${year}`, "Прогрес", "Статус", "Примітка комітету"],
    unlinked: "Показники поза пріоритетами та цілями",
    summary: "Показників за статусом",
    count: "Кількість",
    chart: (year: number) => `Показники за статусом, ${year}`,
  },
  en: {
    title: (year: number, community: string) => `Monitoring report ${year} — ${community}`,
    noRound: (year: number) => `No monitoring round has been opened for ${year}`,
    round: (status: string, by: string, at: string) => `Round: ${status} (${by}, ${at})`,
    headers: (year: number) => ["Code", "Indicator", "Unit", "Baseline year", "Baseline value", "Target year", "Target value", targetHeader(year).en, `Value ${year}`, "Progress", "Status", "Committee's note"],
    unlinked: "Indicators measuring no priority or goal",
    summary: "Indicators by status",
    count: "Count",
    chart: (year: number) => `Indicators by status, ${year}`,
  },
  lt: {
    title: (year: number, community: string) => `Stebėsenos ataskaita už ${year} m. — ${community}`,
    noRound: (year: number) => `${year} m. stebėsenos ciklas neatidarytas`,
    round: (status: string, by: string, at: string) => `Ciklo būsena: ${status} (${by}, ${at})`,
    headers: (year: number) => ["Kodas", "Rodiklis", "Matavimo vienetas", "Baziniai metai", "Bazinė reikšmė", "Siekimo metai", "Siektina reikšmė", targetHeader(year).lt, `Reikšmė ${year}`, "Pažanga", "Būsena", "Komiteto pastaba"],
    unlinked: "Rodikliai, nesusiję su prioritetais ar tikslais",
    summary: "Rodikliai pagal būseną",
    count: "Skaičius",
    chart: (year: number) => `Rodikliai pagal būseną, ${year}`,
  },
} satisfies Record<Language, unknown>;

/** The report sheet: a grid as writeGrid writes it, plus the rows to style and the summary's chart. */
export interface RoundReportGrid extends Omit<SheetGrid, "kind"> {
  kind: "round_report";
  /** Rows styled as the title, the header, a priority or a goal (A1 ranges). */
  bands: { range: string; style: "title" | "header" | "priority" | "goal" }[];
  chart: ChartSpec;
}

/** Rows above the first priority: title, round, header; printed on every page and frozen. */
const HEADER_ROWS = 3;
const CHART_ROWS = 16;

/** `2025-03-01T10:00:00.000Z` as `2025-03-01 10:00 UTC`. */
const stamp = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const text = (s: string | null): Cell => s || null;

export function buildRoundReport(report: RoundReport, options: { language: Language; community: string }): RoundReportGrid {
  const { language } = options;
  const { year, round } = report;
  const w = WORDS[language];
  const headers = w.headers(year);
  // Value columns are General, not text: the adapter writes notes, units and reasons there so that they
  // stay text. The widths add up to what they did before the year's target came (name and note gave 6
  // each), so one page wide prints at the same scale. Columns of numbers and statuses wrap too, for the
  // header's and summary's words, longer than the column ("Цільове значення 2014", "Показників за статусом").
  const columns = [
    reportColumn("code", headers[0]!, 8, "@"),
    reportColumn("name", headers[1]!, 42, "@", true),
    reportColumn("unit", headers[2]!, 14, "General", true),
    reportColumn("baselineYear", headers[3]!, 10, "0", true),
    reportColumn("baselineValue", headers[4]!, 12, "General", true),
    reportColumn("targetYear", headers[5]!, 10, "0", true),
    reportColumn("targetValue", headers[6]!, 12, "General", true),
    reportColumn("yearTarget", headers[7]!, 12, "General", true),
    reportColumn("value", headers[8]!, 12, "General", true),
    reportColumn("progress", headers[9]!, 10, "0%"),
    reportColumn("status", headers[10]!, 16, "@", true),
    // Also the summary's counts, under their statuses.
    reportColumn("note", headers[11]!, 34, "General", true),
  ];
  const width = columns.length;
  const last = columnLetter(width - 1);
  const cells: Cell[][] = [];
  const bands: RoundReportGrid["bands"] = [];
  const put = (row: Cell[]) => cells.push([...row, ...Array<Cell>(width - row.length).fill(null)]) - 1;
  const band = (row: number, style: RoundReportGrid["bands"][number]["style"], from = "A") => bands.push({ range: `${from}${row + 1}:${last}${row + 1}`, style });

  band(put([text(w.title(year, options.community))]), "title");
  put([text(round ? w.round(ROUND_STATUS_LABELS[round.status][language], round.updatedBy.name, stamp(round.updatedAt)) : w.noRound(year))]);
  band(put(headers), "header");

  const line = (i: ReportIndicator) =>
    put([
      text(i.code),
      text(i.name),
      text(i.unit),
      i.baselineYear,
      i.baselineValue,
      i.targetYear,
      i.targetValue,
      i.yearTarget,
      // A reason is no value (the status says so too), named in words.
      i.value ?? (i.missing ? MISSING_REASON_LABELS[i.missing][language] : null),
      i.progress,
      INDICATOR_STATUS_LABELS[i.status][language],
      text(i.note),
    ]);
  report.priorities.forEach((p, pi) => {
    band(put([text(String(pi + 1)), text(p.title)]), "priority");
    p.indicators.forEach(line);
    p.goals.forEach((g, gi) => {
      band(put([text(`${pi + 1}.${gi + 1}`), text(g.title)]), "goal");
      g.indicators.forEach(line);
    });
  });
  if (report.unlinked.length) {
    band(put([null, text(w.unlinked)]), "priority");
    report.unlinked.forEach(line);
  }

  put([]);
  const status = columns.findIndex((c) => c.key === "status");
  const S = columnLetter(status);
  const N = columnLetter(status + 1);
  band(put([...Array<Cell>(status).fill(null), w.summary, w.count]), "header", S);
  const first = cells.length;
  for (const s of REPORT_STATUSES) put([...Array<Cell>(status).fill(null), INDICATOR_STATUS_LABELS[s][language], report.summary[s]]);
  const end = cells.length;

  const chart: ChartSpec = {
    name: `${CHART_NAME_PREFIX}round_report`,
    type: "BarClustered",
    title: w.chart(year),
    series: [{ name: w.count, values: `${N}${first + 1}:${N}${end}`, categories: `${S}${first + 1}:${S}${end}` }],
    from: `B${end + 2}`,
    to: `E${end + 1 + CHART_ROWS}`,
    // Statuses top-down as the summary lists them.
    reverseCategories: true,
  };

  // The status column's colours reach the summary's labels too: they are in the same column.
  const conditionalFormats: ConditionalFormat[] = [
    { columnKey: "status", rules: REPORT_STATUSES.map((s) => ({ equals: INDICATOR_STATUS_LABELS[s][language], ...STATUS_COLOURS[s] })) },
  ];

  return {
    kind: "round_report",
    name: roundReportName(year)[language],
    language,
    columns,
    cells,
    rowLevels: cells.slice(1).map(() => 0),
    frozenRows: HEADER_ROWS,
    table: false,
    conditionalFormats,
    cellValidations: [],
    print: { landscape: true, fitToWidth: true, repeatHeaderRows: HEADER_ROWS },
    bands,
    chart,
  };
}
