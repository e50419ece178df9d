import { type ComparisonResponse, PER_CAPITA_SCALE, type YearStats } from "../api/compare.ts";
import { COMMUNITY_KIND_LABELS, EXPLANATIONS_HEADER, flagText, type Labels } from "../i18n/labels.ts";
import type { Direction, Language } from "../model/plan.ts";
import { catalogueName } from "../sync/catalogue.ts";
import { type Cell, columnLetter } from "./cells.ts";
import type { GridColumn, SheetGrid } from "./grid.ts";

/**
 * The association analyst's comparison sheet, built from the store's comparison: per indicator a block
 * (title, header, one row per member — a member without values keeps its row of empty cells — and the
 * association's statistics), with an Excel chart per block. Rank and quartile are shown for the last
 * year only: that is the question an analyst asks ("where does a community stand now"), one rank
 * column per year would double the sheet's width, and the rules match Excel's RANK.EQ, so a rank of
 * any other year is one formula away.
 */

export type ReportKind = "comparison" | "completeness";

export const CHART_KINDS = ["line", "bar"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** Communities a line chart draws beside the association's median and quartiles: more are a tangle. */
export const MAX_CHART_COMMUNITIES = 10;

/** Charts MuniPlan draws are named so; a refresh replaces those and leaves the user's own charts. */
export const CHART_NAME_PREFIX = "MuniPlan_";

export interface ChartSeriesSpec {
  name: string;
  /** A1 range of the values: one row or one column of the sheet. */
  values: string;
  categories: string;
  /** The median stands out, the quartiles frame it; communities keep Excel's colours. */
  line?: "median" | "quartile";
}

export interface ChartSpec {
  name: string;
  type: "Line" | "BarClustered";
  title: string;
  series: ChartSeriesSpec[];
  /** The cells the chart covers: its top left and bottom right. */
  from: string;
  to: string;
  /** Bars top-down in sheet order (Excel draws the first category at the bottom otherwise). */
  reverseCategories: boolean;
}

/** A report sheet: a grid as the plan's sheets are written, plus what a report needs besides. */
export interface ReportGrid extends Omit<SheetGrid, "kind"> {
  kind: ReportKind;
  /** Rows styled as a block's title, header or statistics (A1 ranges). */
  bands: { range: string; style: "title" | "header" | "stats" }[];
  /** Parts of rows (0-based row, first and last column) whose number format differs from their columns'. */
  rowFormats: { row: number; columns: [number, number]; format: string }[];
  /** Quartile cells, coloured from 1 (best, green) to 4 (red). */
  quartileScales: string[];
  /** Frozen top rows (0 for none) and left columns (at least one). */
  frozen: { rows: number; columns: number };
  charts: ChartSpec[];
}

export const comparisonName: Labels = { uk: "Порівняння", en: "Comparison", lt: "Palyginimas" };

/**
 * The header of a member's official territory code (shared/model/territory.ts), right after its name in
 * the report sheets and in their CSV/.xlsx exports alike: the key an analyst matches national statistics by.
 */
export const TERRITORY_CODE_HEADER: Labels = { uk: "Код території", en: "Territory code", lt: "Teritorijos kodas" };
/** A KATOTTH code (19 characters) in full at Calibri 11. */
export const TERRITORY_CODE_WIDTH = 22;

/** Values and statistics: thousands grouped, two decimals (quartiles interpolate, per capita divides). */
const VALUE_FORMAT = "#,##0.00";
/**
 * A value that breaks the entry's quality rules: red with a star, by its number format alone, so it stays
 * a number that charts draw and formulas read; the legend under the block and the explanations column
 * say what the star means.
 */
export const FLAGGED_VALUE_FORMAT = `[Red]${VALUE_FORMAT}"*"`;
const LINE_CHART_ROWS = 20;
const BAR_CHART_ROWS = { min: 15, max: 500 };
const CHART_COLUMNS = 8;

const grouped = (n: number, separator: string) => String(n).replace(/\B(?=(\d{3})+$)/g, separator);

const WORDS = {
  uk: {
    caption: (association: string, years: string, at: string) => `Порівняння громад — ${association}, ${years} (дані на ${at})`,
    community: "Громада",
    region: "Регіон",
    kind: "Тип",
    population: "Населення",
    rank: (year: number) => `Ранг ${year}`,
    quartile: (year: number) => `Квартиль ${year}`,
    byRank: (year: number) => `Громада (за рангом ${year})`,
    perCapita: `на ${grouped(PER_CAPITA_SCALE, " ")} жителів`,
    best: (direction: Direction) => (direction === "decrease" ? "ранг 1 — найменше значення" : "ранг 1 — найбільше значення"),
    retired: "виведено з каталогу",
    median: "Медіана",
    q1: "Нижній квартиль (Q1)",
    q3: "Верхній квартиль (Q3)",
    min: "Мінімум",
    max: "Максимум",
    count: "Громад зі значенням",
    reasons: "Громад із причиною відсутності значення",
    legend: (flagged: number, explained: number) =>
      `* Червоним — значення, що порушує правила якості асоціації: ${flagged}, з них пояснено ${explained}; пояснення громади — у стовпці «${EXPLANATIONS_HEADER.uk}»`,
  },
  en: {
    caption: (association: string, years: string, at: string) => `Comparison of communities — ${association}, ${years} (data as of ${at})`,
    community: "Community",
    region: "Region",
    kind: "Kind",
    population: "Population",
    rank: (year: number) => `Rank ${year}`,
    quartile: (year: number) => `Quartile ${year}`,
    byRank: (year: number) => `Community (by rank ${year})`,
    perCapita: `per ${grouped(PER_CAPITA_SCALE, ",")} residents`,
    best: (direction: Direction) => (direction === "decrease" ? "rank 1 is the lowest value" : "rank 1 is the highest value"),
    retired: "retired from the catalogue",
    median: "Median",
    q1: "Lower quartile (Q1)",
    q3: "Upper quartile (Q3)",
    min: "Minimum",
    max: "Maximum",
    count: "Communities with a value",
    reasons: "Communities with a reason for no value",
    legend: (flagged: number, explained: number) =>
      `* In red: values breaking the association's quality rules: ${flagged}, of which ${explained} explained; the community's explanation is in the “${EXPLANATIONS_HEADER.en}” column`,
  },
  lt: {
    caption: (association: string, years: string, at: string) => `Bendruomenių palyginimas — ${association}, ${years} (duomenys ${at})`,
    community: "Bendruomenė",
    region: "Regionas",
    kind: "Tipas",
    population: "Gyventojų skaičius",
    rank: (year: number) => `Vieta ${year}`,
    quartile: (year: number) => `Kvartilis ${year}`,
    byRank: (year: number) => `Bendruomenė (pagal vietą ${year})`,
    perCapita: `${grouped(PER_CAPITA_SCALE, " ")} gyventojų`,
    best: (direction: Direction) => (direction === "decrease" ? "1 vieta — mažiausia reikšmė" : "1 vieta — didžiausia reikšmė"),
    retired: "išbrauktas iš katalogo",
    median: "Mediana",
    q1: "Apatinis kvartilis (Q1)",
    q3: "Viršutinis kvartilis (Q3)",
    min: "Minimumas",
    max: "Maksimumas",
    count: "Bendruomenių su reikšme",
    reasons: "Bendruomenių su nurodyta priežastimi",
    legend: (flagged: number, explained: number) =>
      `* Raudonai — asociacijos kokybės taisykles pažeidžiančios reikšmės: ${flagged}, iš jų paaiškinta ${explained}; bendruomenės paaiškinimas — stulpelyje „${EXPLANATIONS_HEADER.lt}“`,
  },
} satisfies Record<Language, unknown>;

export interface ComparisonOptions {
  language: Language;
  associationName: string;
  chart: ChartKind;
  /** Communities (by id) a line chart draws beside the median and quartiles; the first 10 are drawn. */
  communities?: readonly string[];
}

/** The entry's name in the sheet's language (a Lithuanian sheet shows the English name where the entry has no Lithuanian one). */
export const entryName = (entry: { nameUk: string; nameEn: string; nameLt?: string | undefined }, language: Language) => catalogueName(entry, language);

/** `2025-03-01T10:00:00.000Z` as `2025-03-01 10:00 UTC`. */
const stamp = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const textCell = (s: string | null | undefined): Cell => s || null;

/** A report's column: written, never read back, so neither hidden nor computed nor validated. */
export const reportColumn = (key: string, header: string, width: number, numberFormat: string, wrap = false): GridColumn => ({
  key,
  header,
  width,
  numberFormat,
  hidden: false,
  wrap,
  computed: false,
});

export function buildComparison(response: ComparisonResponse, options: ComparisonOptions): ReportGrid {
  const { language } = options;
  const w = WORDS[language];
  const { years, members } = response;
  const lastYear = years.at(-1);
  if (lastYear === undefined) throw new Error("The comparison has no years");
  const last = years.length - 1;
  const span = years.length > 1 ? `${years[0]}–${lastYear}` : String(lastYear);
  const bar = options.chart === "bar";
  const L = columnLetter;

  // Columns: the member (name, territory code, region, kind, population), one per year, rank and
  // quartile; for a bar chart its data, sorted by rank.
  const firstYear = 5;
  const lastYearCol = firstYear + years.length - 1;
  const quartileCol = lastYearCol + 2;
  // The explanations column only where a value is flagged: an association without rules keeps its sheet.
  const flagged = response.indicators.some((series) => series.rows.some((r) => r.flags?.length));
  const tableCols = quartileCol + 1 + (flagged ? 1 : 0);
  const helperName = tableCols + 1;
  const helperValue = tableCols + 2;
  const width = bar ? helperValue + 1 : tableCols;
  const chartCol = width + 1;
  const columns: GridColumn[] = [
    reportColumn("community", w.community, 36, "@"),
    reportColumn("territoryCode", TERRITORY_CODE_HEADER[language], TERRITORY_CODE_WIDTH, "@"),
    reportColumn("region", w.region, 18, "@"),
    reportColumn("kind", w.kind, 16, "@"),
    reportColumn("population", w.population, 12, "#,##0"),
    ...years.map((y) => reportColumn(`y${y}`, String(y), 11, VALUE_FORMAT)),
    reportColumn("rank", w.rank(lastYear), 9, "0"),
    reportColumn("quartile", w.quartile(lastYear), 11, "0"),
    ...(flagged ? [reportColumn("explanations", EXPLANATIONS_HEADER[language], 60, "@", true)] : []),
    ...(bar ? [reportColumn("gap", "", 2, "General"), reportColumn("byRank", w.byRank(lastYear), 30, "@"), reportColumn("value", String(lastYear), 12, VALUE_FORMAT)] : []),
  ];

  const cells: Cell[][] = [];
  // A statistics row's label stands in the name's column; the member's other columns stay empty.
  const aboutNoMember = Array<Cell>(firstYear - 1).fill(null);
  const put = (row: Cell[]) => cells.push([...row, ...Array<Cell>(width - row.length).fill(null)]) - 1;
  const rowRange = (r: number, c0: number, c1: number) => `${L(c0)}${r + 1}:${L(c1)}${r + 1}`;
  const colRange = (c: number, r0: number, r1: number) => `${L(c)}${r0 + 1}:${L(c)}${r1 + 1}`;
  const grid: Pick<ReportGrid, "bands" | "rowFormats" | "quartileScales" | "charts"> = { bands: [], rowFormats: [], quartileScales: [], charts: [] };

  put([textCell(w.caption(options.associationName, span, stamp(response.generatedAt)))]);
  let chartRow = 0;
  let header = 0;
  response.indicators.forEach((series, i) => {
    put([]);
    const { entry } = series;
    const name = entryName(entry, language);
    const unit = response.perCapita ? `${entry.unit} ${w.perCapita}` : entry.unit;
    const title = put([
      textCell([`${name} (${entry.code}), ${unit}`, w.best(entry.direction), ...(entry.status === "retired" ? [w.retired] : [])].join("; ")),
    ]);
    // Every block repeats the columns' headers (the bar chart's gap column has none).
    header = put(columns.map((c) => textCell(c.header)));

    const rowOf = new Map(series.rows.map((r) => [r.communityId, r]));
    const rows = members.map((m) => ({ member: m, row: rowOf.get(m.communityId) }));
    // The bar chart's data: the members with a value in the last year, best first.
    const ranked = bar
      ? rows
          .flatMap(({ member, row }) => (row && row.values[last] != null ? [{ member, value: row.values[last]!, rank: row.ranks[last] ?? Infinity }] : []))
          .sort((a, b) => a.rank - b.rank || a.member.name.localeCompare(b.member.name, language))
      : [];
    const firstMember = cells.length;
    let flags = 0;
    let explained = 0;
    rows.forEach(({ member, row }, k) => {
      const top = ranked[k];
      for (const flag of row?.flags ?? []) {
        const j = years.indexOf(flag.year);
        if (j < 0) continue;
        grid.rowFormats.push({ row: firstMember + k, columns: [firstYear + j, firstYear + j], format: FLAGGED_VALUE_FORMAT });
        flags++;
        if (flag.note !== null) explained++;
      }
      put([
        textCell(member.name),
        textCell(member.territoryCode),
        textCell(member.region),
        member.kind ? COMMUNITY_KIND_LABELS[member.kind][language] : null,
        member.population,
        ...years.map((_, j) => row?.values[j] ?? null),
        row?.ranks[last] ?? null,
        row?.quartiles[last] ?? null,
        ...(flagged ? [textCell(row?.flags?.map((f) => flagText(f.year, f, language)).join("\n"))] : []),
        ...(bar ? [null, top ? textCell(top.member.name) : null, top ? top.value : null] : []),
      ]);
    });
    const statsOf = new Map(series.stats.map((s) => [s.year, s]));
    const statRow = (label: string, pick: (s: YearStats) => number | null) =>
      put([textCell(label), ...aboutNoMember, ...years.map((y) => (statsOf.has(y) ? pick(statsOf.get(y)!) : null))]);
    const median = statRow(w.median, (s) => s.median);
    const q1 = statRow(w.q1, (s) => s.q1);
    const q3 = statRow(w.q3, (s) => s.q3);
    statRow(w.min, (s) => s.min);
    statRow(w.max, (s) => s.max);
    const count = statRow(w.count, (s) => s.count);
    // Reasons are outside every statistic above; their count says how many members explained a gap. A
    // member's own reason is not written in its row: a line chart would draw text as zero.
    const reasons = put([textCell(w.reasons), ...aboutNoMember, ...series.reasons]);
    // What the red star means, under the block that has one.
    if (flags) put([textCell(w.legend(flags, explained))]);

    grid.bands.push(
      { range: rowRange(title, 0, tableCols - 1), style: "title" },
      { range: rowRange(header, 0, tableCols - 1), style: "header" },
      ...(bar ? [{ range: rowRange(header, helperName, helperValue), style: "header" as const }] : []),
      { range: `A${median + 1}:${L(tableCols - 1)}${reasons + 1}`, style: "stats" },
    );
    for (const row of [count, reasons]) grid.rowFormats.push({ row, columns: [firstYear, lastYearCol], format: "0" });
    if (members.length) grid.quartileScales.push(colRange(quartileCol, firstMember, firstMember + members.length - 1));

    // Charts stand to the right of the data, beside their block, never over the chart above.
    const top = Math.max(title, chartRow);
    const chart = { name: `${CHART_NAME_PREFIX}comparison_${i + 1}`, from: `${L(chartCol)}${top + 1}` };
    if (bar) {
      if (ranked.length === 0) return;
      const height = Math.min(BAR_CHART_ROWS.max, Math.max(BAR_CHART_ROWS.min, ranked.length + 3));
      const end = firstMember + ranked.length - 1;
      grid.charts.push({
        ...chart,
        type: "BarClustered",
        title: `${name}, ${unit}: ${lastYear}`,
        series: [{ name: String(lastYear), values: colRange(helperValue, firstMember, end), categories: colRange(helperName, firstMember, end) }],
        to: `${L(chartCol + CHART_COLUMNS - 1)}${top + height}`,
        reverseCategories: true,
      });
      chartRow = top + height + 1;
      return;
    }
    const categories = rowRange(header, firstYear, lastYearCol);
    const line = (r: number) => rowRange(r, firstYear, lastYearCol);
    const picked = [...new Set(options.communities ?? [])]
      .map((id) => members.findIndex((m) => m.communityId === id))
      .filter((k) => k >= 0)
      .slice(0, MAX_CHART_COMMUNITIES);
    grid.charts.push({
      ...chart,
      type: "Line",
      title: `${name}, ${unit}: ${span}`,
      series: [
        { name: w.median, values: line(median), categories, line: "median" },
        { name: w.q1, values: line(q1), categories, line: "quartile" },
        { name: w.q3, values: line(q3), categories, line: "quartile" },
        ...picked.map((k) => ({ name: members[k]!.name, values: line(firstMember + k), categories })),
      ],
      to: `${L(chartCol + CHART_COLUMNS - 1)}${top + LINE_CHART_ROWS}`,
      reverseCategories: false,
    });
    chartRow = top + LINE_CHART_ROWS + 1;
  });

  return {
    kind: "comparison",
    name: comparisonName[language],
    language,
    columns,
    cells,
    rowLevels: cells.slice(1).map(() => 0),
    // Frozen with the first column (see `frozen`): every block has its own header, so only a single
    // block's header stays in view.
    frozenRows: 0,
    frozen: { rows: response.indicators.length === 1 ? header + 1 : 0, columns: 1 },
    table: false,
    conditionalFormats: [],
    cellValidations: [],
    print: { landscape: true, fitToWidth: true, repeatHeaderRows: 0 },
    ...grid,
  };
}
