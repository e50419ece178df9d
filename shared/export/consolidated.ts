import type {
  ComparisonQuery,
  ComparisonResponse,
  ComparisonSeries,
  CompletenessResponse,
  Member,
  YearStats,
} from "../api/compare.ts";
import {
  COMMUNITY_KIND_LABELS,
  MISSING_REASON_LABELS,
  ROUND_NOT_OPENED,
  ROUND_STATUS_LABELS,
  TIMELINESS_LABELS,
  cellStateText,
  roundOfYear,
  timelinessHeader,
} from "../i18n/labels.ts";
import type { ExportCell, ExportTable } from "./table.ts";

/** The languages an export's headers come in: the query's `lang`. */
export type ExportLanguage = ComparisonQuery["lang"];
type ExportLabels = Record<ExportLanguage, string>;

const L = {
  comparison: { en: "Comparison", uk: "Порівняння" },
  completeness: { en: "Completeness", uk: "Заповненість" },
  code: { en: "Code", uk: "Код" },
  indicator: { en: "Indicator", uk: "Показник" },
  unit: { en: "Unit", uk: "Одиниця" },
  community: { en: "Community", uk: "Громада" },
  region: { en: "Region", uk: "Регіон" },
  kind: { en: "Kind", uk: "Тип" },
  population: { en: "Population", uk: "Населення" },
  rank: { en: "Rank", uk: "Ранг" },
  quartile: { en: "Quartile", uk: "Квартиль" },
  perCapita: { en: "per 1,000 residents", uk: "на 1 000 мешканців" },
  hasPlan: { en: "Has a plan", uk: "Має план" },
  yes: { en: "Yes", uk: "Так" },
  no: { en: "No", uk: "Ні" },
  filled: { en: "Filled", uk: "Заповнено" },
  withReason: { en: "With a reason for no value", uk: "З причиною відсутності" },
  empty: { en: "Empty", uk: "Порожніх" },
  reasons: { en: "Members with a reason for no value", uk: "Громад із причиною відсутності значення" },
  of: { en: "of", uk: "з" },
  share: { en: "Share %", uk: "Частка %" },
} satisfies Record<string, ExportLabels>;

/** The association's statistic rows under each indicator's members, in this order. */
const STATISTICS: [keyof Omit<YearStats, "year">, ExportLabels][] = [
  ["median", { en: "Median", uk: "Медіана" }],
  ["q1", { en: "Q1 (25%)", uk: "Q1 (25 %)" }],
  ["q3", { en: "Q3 (75%)", uk: "Q3 (75 %)" }],
  ["min", { en: "Minimum", uk: "Мінімум" }],
  ["max", { en: "Maximum", uk: "Максимум" }],
  ["count", { en: "Members with a value", uk: "Громад зі значенням" }],
];

const POPULATION_FORMAT = "#,##0";
const SHARE_FORMAT = "0.0";

/** A column's header and its numeric cells' format, kept together so they cannot drift apart. */
interface Column {
  header: string;
  format?: string;
}

function table(sheetName: string, columns: Column[], rows: ExportCell[][]): ExportTable {
  return { sheetName, header: columns.map((c) => c.header), rows, numberFormats: columns.map((c) => c.format) };
}

type MemberFacts = Pick<Member, "region" | "kind" | "population">;
const NO_MEMBER: MemberFacts = { region: null, kind: null, population: null };

/** Region, kind and population: how both tables describe a member. */
function memberColumns(lang: ExportLanguage): Column[] {
  return [{ header: L.region[lang] }, { header: L.kind[lang] }, { header: L.population[lang], format: POPULATION_FORMAT }];
}

function memberCells(m: MemberFacts, lang: ExportLanguage): ExportCell[] {
  return [m.region, m.kind ? COMMUNITY_KIND_LABELS[m.kind][lang] : null, m.population];
}

function comparisonColumns(res: ComparisonResponse, lang: ExportLanguage): Column[] {
  const last = res.years.at(-1);
  return [
    { header: L.code[lang] },
    { header: L.indicator[lang] },
    { header: L.unit[lang] },
    { header: L.community[lang] },
    ...memberColumns(lang),
    ...res.years.map((y) => ({ header: String(y) })),
    ...(last === undefined ? [] : [{ header: `${L.rank[lang]} ${last}` }, { header: `${L.quartile[lang]} ${last}` }]),
  ];
}

/** Code, name and unit: repeated on every row so a filter on the indicator keeps its statistics. */
function entryCells(series: ComparisonSeries, perCapita: boolean, lang: ExportLanguage): ExportCell[] {
  const { code, nameUk, nameEn, unit } = series.entry;
  return [code, lang === "uk" ? nameUk : nameEn, perCapita ? `${unit} ${L.perCapita[lang]}` : unit];
}

type SeriesRow = ComparisonSeries["rows"][number];

/** Rank and quartile in the last year; a statistic row (no `row`) leaves them empty. */
function positionCells(res: ComparisonResponse, row: SeriesRow | undefined): ExportCell[] {
  const last = res.years.length - 1;
  return last < 0 ? [] : [row?.ranks[last] ?? null, row?.quartiles[last] ?? null];
}

function seriesRows(res: ComparisonResponse, series: ComparisonSeries, lang: ExportLanguage): ExportCell[][] {
  const entry = entryCells(series, res.perCapita, lang);
  const byMember = new Map(series.rows.map((row) => [row.communityId, row]));
  const members = res.members.map((m) => {
    const row = byMember.get(m.communityId);
    // A reason stands where the value would, by name: no chart reads this table.
    const values = res.years.map((_, i) => {
      const missing = row?.missing?.[i];
      return row?.values[i] ?? (missing ? MISSING_REASON_LABELS[missing][lang] : null);
    });
    return [...entry, m.name, ...memberCells(m, lang), ...values, ...positionCells(res, row)];
  });
  const byYear = new Map(series.stats.map((s) => [s.year, s]));
  const statistics = STATISTICS.map(([key, label]) => {
    const values = res.years.map((y) => byYear.get(y)?.[key] ?? null);
    return [...entry, label[lang], ...memberCells(NO_MEMBER, lang), ...values, ...positionCells(res, undefined)];
  });
  const reasons = [...entry, L.reasons[lang], ...memberCells(NO_MEMBER, lang), ...series.reasons, ...positionCells(res, undefined)];
  return [...members, ...statistics, reasons];
}

/** One row per indicator × member, then the indicator's statistics; one column per year. */
export function comparisonTable(res: ComparisonResponse, lang: ExportLanguage): ExportTable {
  const rows = res.indicators.flatMap((series) => seriesRows(res, series, lang));
  return table(L.comparison[lang], comparisonColumns(res, lang), rows);
}

/** Percent to one decimal, so the CSV reads as the sheet shows it. */
function sharePercent(filled: number, total: number): number | null {
  return total === 0 ? null : Math.round((filled / total) * 1000) / 10;
}

/** One row per member: its state for each entry, how many it filled and what share, and its round's timeliness (the rate in its header). */
export function completenessTable(res: CompletenessResponse, lang: ExportLanguage): ExportTable {
  const total = res.entries.length;
  const columns: Column[] = [
    { header: L.community[lang] },
    ...memberColumns(lang),
    { header: L.hasPlan[lang] },
    { header: roundOfYear(res.year)[lang] },
    ...res.entries.map((e) => ({ header: e.code })),
    { header: `${L.filled[lang]} (${L.of[lang]} ${total})` },
    { header: L.withReason[lang] },
    { header: L.empty[lang] },
    { header: L.share[lang], format: SHARE_FORMAT },
    { header: timelinessHeader(res.timeliness, lang) },
  ];
  const rows = res.rows.map((m) => [
    m.name,
    ...memberCells(m, lang),
    (m.hasPlan ? L.yes : L.no)[lang],
    (m.round ? ROUND_STATUS_LABELS[m.round] : ROUND_NOT_OPENED)[lang],
    ...m.cells.map((state, k) => cellStateText(state, m.missing?.[k] ?? null, lang)),
    m.filled,
    m.withReason,
    m.empty,
    sharePercent(m.filled, total),
    TIMELINESS_LABELS[m.timeliness][lang],
  ]);
  return table(`${L.completeness[lang]} ${res.year}`, columns, rows);
}
