import type {
  ComparisonQuery,
  ComparisonResponse,
  ComparisonSeries,
  CompletenessResponse,
  Member,
  QualityFlag,
  YearStats,
} from "../api/compare.ts";
import { entryName, TERRITORY_CODE_HEADER } from "../layout/comparison.ts";
import {
  COMMUNITY_KIND_LABELS,
  EXPLANATIONS_HEADER,
  flagText,
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
  comparison: { en: "Comparison", uk: "Порівняння", lt: "Palyginimas" },
  completeness: { en: "Completeness", uk: "Заповненість", lt: "Išsamumas" },
  code: { en: "Code", uk: "Код", lt: "Kodas" },
  indicator: { en: "Indicator", uk: "Показник", lt: "Rodiklis" },
  unit: { en: "Unit", uk: "Одиниця", lt: "Matavimo vienetas" },
  community: { en: "Community", uk: "Громада", lt: "Bendruomenė" },
  region: { en: "Region", uk: "Регіон", lt: "Regionas" },
  kind: { en: "Kind", uk: "Тип", lt: "Tipas" },
  population: { en: "Population", uk: "Населення", lt: "Gyventojų skaičius" },
  rank: { en: "Rank", uk: "Ранг", lt: "Vieta" },
  quartile: { en: "Quartile", uk: "Квартиль", lt: "Kvartilis" },
  perCapita: { en: "per 1,000 residents", uk: "на 1 000 мешканців", lt: "1 000 gyventojų" },
  hasPlan: { en: "Has a plan", uk: "Має план", lt: "Turi planą" },
  yes: { en: "Yes", uk: "Так", lt: "Taip" },
  no: { en: "No", uk: "Ні", lt: "Ne" },
  filled: { en: "Filled", uk: "Заповнено", lt: "Užpildyta" },
  withReason: { en: "With a reason for no value", uk: "З причиною відсутності", lt: "Su nurodyta priežastimi" },
  empty: { en: "Empty", uk: "Порожніх", lt: "Tuščių" },
  reasons: { en: "Members with a reason for no value", uk: "Громад із причиною відсутності значення", lt: "Bendruomenių su nurodyta priežastimi" },
  of: { en: "of", uk: "з", lt: "iš" },
  share: { en: "Share %", uk: "Частка %", lt: "Dalis %" },
} satisfies Record<string, ExportLabels>;

/** The association's statistic rows under each indicator's members, in this order. */
const STATISTICS: [keyof Omit<YearStats, "year">, ExportLabels][] = [
  ["median", { en: "Median", uk: "Медіана", lt: "Mediana" }],
  ["q1", { en: "Q1 (25%)", uk: "Q1 (25 %)", lt: "Q1 (25 %)" }],
  ["q3", { en: "Q3 (75%)", uk: "Q3 (75 %)", lt: "Q3 (75 %)" }],
  ["min", { en: "Minimum", uk: "Мінімум", lt: "Minimumas" }],
  ["max", { en: "Maximum", uk: "Максимум", lt: "Maksimumas" }],
  ["count", { en: "Members with a value", uk: "Громад зі значенням", lt: "Bendruomenių su reikšme" }],
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

type MemberFacts = Pick<Member, "territoryCode" | "region" | "kind" | "population">;
const NO_MEMBER: MemberFacts = { territoryCode: null, region: null, kind: null, population: null };

/**
 * The official territory code (what national statistics key the member by), region, kind and
 * population: how both tables describe a member, right after its name.
 */
function memberColumns(lang: ExportLanguage): Column[] {
  return [
    { header: TERRITORY_CODE_HEADER[lang] },
    { header: L.region[lang] },
    { header: L.kind[lang] },
    { header: L.population[lang], format: POPULATION_FORMAT },
  ];
}

function memberCells(m: MemberFacts, lang: ExportLanguage): ExportCell[] {
  return [m.territoryCode ?? null, m.region, m.kind ? COMMUNITY_KIND_LABELS[m.kind][lang] : null, m.population];
}

/** Whether any member's value is flagged: only then do the tables carry the explanations column. */
const anyComparisonFlag = (res: ComparisonResponse) => res.indicators.some((s) => s.rows.some((r) => r.flags?.length));

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
    ...(anyComparisonFlag(res) ? [{ header: EXPLANATIONS_HEADER[lang] }] : []),
  ];
}

/** Code, name and unit: repeated on every row so a filter on the indicator keeps its statistics. */
function entryCells(series: ComparisonSeries, perCapita: boolean, lang: ExportLanguage): ExportCell[] {
  const { code, unit } = series.entry;
  return [code, entryName(series.entry, lang), perCapita ? `${unit} ${L.perCapita[lang]}` : unit];
}

type SeriesRow = ComparisonSeries["rows"][number];

/** Rank and quartile in the last year; a statistic row (no `row`) leaves them empty. */
function positionCells(res: ComparisonResponse, row: SeriesRow | undefined): ExportCell[] {
  const last = res.years.length - 1;
  return last < 0 ? [] : [row?.ranks[last] ?? null, row?.quartiles[last] ?? null];
}

/** A member's flagged values with their explanations, one per line, in the explanations column (where there is one). */
const explanationCells = (flagged: boolean, flags: readonly (QualityFlag & { year: number })[] | undefined, lang: ExportLanguage): ExportCell[] =>
  flagged ? [flags?.map((f) => flagText(f.year, f, lang)).join("\n") || null] : [];

function seriesRows(res: ComparisonResponse, series: ComparisonSeries, lang: ExportLanguage): ExportCell[][] {
  const entry = entryCells(series, res.perCapita, lang);
  const flagged = anyComparisonFlag(res);
  const byMember = new Map(series.rows.map((row) => [row.communityId, row]));
  const members = res.members.map((m) => {
    const row = byMember.get(m.communityId);
    // A reason stands where the value would, by name: no chart reads this table.
    const values = res.years.map((_, i) => {
      const missing = row?.missing?.[i];
      return row?.values[i] ?? (missing ? MISSING_REASON_LABELS[missing][lang] : null);
    });
    return [...entry, m.name, ...memberCells(m, lang), ...values, ...positionCells(res, row), ...explanationCells(flagged, row?.flags, lang)];
  });
  const byYear = new Map(series.stats.map((s) => [s.year, s]));
  const statistics = STATISTICS.map(([key, label]) => {
    const values = res.years.map((y) => byYear.get(y)?.[key] ?? null);
    return [...entry, label[lang], ...memberCells(NO_MEMBER, lang), ...values, ...positionCells(res, undefined), ...explanationCells(flagged, undefined, lang)];
  });
  const reasons = [
    ...entry,
    L.reasons[lang],
    ...memberCells(NO_MEMBER, lang),
    ...series.reasons,
    ...positionCells(res, undefined),
    ...explanationCells(flagged, undefined, lang),
  ];
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

/** A member's flagged values of the year, led by their codes, one per line; null without any. */
export function completenessExplanations(res: CompletenessResponse, flags: readonly (QualityFlag | null)[] | undefined, lang: ExportLanguage): string | null {
  const lines = (flags ?? []).flatMap((f, k) => (f ? [flagText(res.entries[k]!.code, f, lang)] : []));
  return lines.length ? lines.join("\n") : null;
}

/** One row per member: its state for each entry, how many it filled and what share, and its round's timeliness (the rate in its header). */
export function completenessTable(res: CompletenessResponse, lang: ExportLanguage): ExportTable {
  const total = res.entries.length;
  const flagged = res.rows.some((r) => r.flags);
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
    ...(flagged ? [{ header: EXPLANATIONS_HEADER[lang] }] : []),
  ];
  const rows = res.rows.map((m) => [
    m.name,
    ...memberCells(m, lang),
    (m.hasPlan ? L.yes : L.no)[lang],
    (m.round ? ROUND_STATUS_LABELS[m.round] : ROUND_NOT_OPENED)[lang],
    ...m.cells.map((state, k) => cellStateText(state, m.missing?.[k] ?? null, lang, m.flags?.[k] ?? null)),
    m.filled,
    m.withReason,
    m.empty,
    sharePercent(m.filled, total),
    TIMELINESS_LABELS[m.timeliness][lang],
    ...(flagged ? [completenessExplanations(res, m.flags, lang)] : []),
  ]);
  return table(`${L.completeness[lang]} ${res.year}`, columns, rows);
}
