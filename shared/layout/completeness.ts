import type { CellState, CompletenessResponse } from "../api/compare.ts";
import type { Timeliness } from "../api/deadlines.ts";
import {
  CELL_STATE_LABELS,
  COMMUNITY_KIND_LABELS,
  cellStateText,
  EXPLANATIONS_HEADER,
  flaggedCellLabel,
  ROUND_NOT_OPENED,
  ROUND_STATUS_LABELS,
  roundOfYear,
  reasonCellLabel,
  TIMELINESS_LABELS,
  timelinessHeader,
  type Labels,
} from "../i18n/labels.ts";
import { type Language, MISSING_REASONS } from "../model/plan.ts";
import { completenessExplanations } from "../export/consolidated.ts";
import type { Cell } from "./cells.ts";
import type { ConditionalFormat, GridColumn } from "./grid.ts";
import { type ReportGrid, TERRITORY_CODE_HEADER, TERRITORY_CODE_WIDTH, entryName, reportColumn } from "./comparison.ts";

/**
 * The completeness sheet: who filled which catalogue indicator for the reporting year, as an Excel
 * table, so the analyst sorts and filters it (members without a plan, the least filled) in Excel.
 */

export const completenessName: Labels = { uk: "Повнота", en: "Completeness", lt: "Išsamumas" };

const YES = { uk: "так", en: "yes", lt: "taip" } satisfies Labels;
const NO = { uk: "ні", en: "no", lt: "ne" } satisfies Labels;

const WORDS = {
  uk: {
    community: "Громада",
    region: "Регіон",
    kind: "Тип",
    population: "Населення",
    hasPlan: "Є план",
    filled: (y: number) => `Заповнено за ${y}`,
    withReason: "З причиною відсутності",
    empty: "Порожніх",
    share: "Частка заповнених",
  },
  en: {
    community: "Community",
    region: "Region",
    kind: "Kind",
    population: "Population",
    hasPlan: "Has plan",
    filled: (y: number) => `Filled for ${y}`,
    withReason: "With a reason for no value",
    empty: "Empty",
    share: "Share filled",
  },
  lt: {
    community: "Bendruomenė",
    region: "Regionas",
    kind: "Tipas",
    population: "Gyventojų skaičius",
    hasPlan: "Turi planą",
    filled: (y: number) => `Užpildyta už ${y}`,
    withReason: "Su nurodyta priežastimi",
    empty: "Tuščių",
    share: "Užpildyta dalis",
  },
} satisfies Record<Language, unknown>;

// Table headers carry the code (unique, so the table's headers are) and as much of the name as reads.
const HEADER_NAME_CHARS = 40;
const shortName = (s: string) => (s.length > HEADER_NAME_CHARS ? `${s.slice(0, HEADER_NAME_CHARS - 1).trimEnd()}…` : s);

const STATE_COLOURS: Record<CellState, { fill: string; font: string }> = {
  filled: { fill: "#C6EFCE", font: "#006100" },
  reason: { fill: "#FFEB9C", font: "#9C5700" },
  empty: { fill: "#FFC7CE", font: "#9C0006" },
  not_in_plan: { fill: "#EDEDED", font: "#595959" },
};

/** A filled value the rules flag: red while unexplained (as empty: someone must act), the reason's amber once explained. */
const FLAG_COLOURS = { flagged: { fill: "#FFC7CE", font: "#9C0006" }, explained: STATE_COLOURS.reason };

/** Timeliness in the states' colours: on time as filled, late as a reason (there, but not as asked), missing as empty. */
const TIMELINESS_COLOURS: Record<Timeliness, CellState> = {
  on_time: "filled",
  late: "reason",
  missing: "empty",
  not_due: "not_in_plan",
  none: "not_in_plan",
};

export function buildCompleteness(response: CompletenessResponse, language: Language): ReportGrid {
  const w = WORDS[language];
  const flagged = response.rows.some((r) => r.flags);
    const codeKey = (code: string) => `code:${code}`;
  const columns: GridColumn[] = [
    reportColumn("community", w.community, 36, "@"),
    reportColumn("territoryCode", TERRITORY_CODE_HEADER[language], TERRITORY_CODE_WIDTH, "@"),
    reportColumn("region", w.region, 18, "@"),
    reportColumn("kind", w.kind, 16, "@"),
    reportColumn("population", w.population, 12, "#,##0"),
    reportColumn("hasPlan", w.hasPlan, 9, "@"),
    // Beside what is filled, whether the committee's values are approved: whom to remind, and for what.
    reportColumn("round", roundOfYear(response.year)[language], 20, "@"),
    ...response.entries.map((e) => reportColumn(codeKey(e.code), `${shortName(entryName(e, language))} (${e.code})`, 16, "@", true)),
    reportColumn("filled", w.filled(response.year), 12, "0"),
    reportColumn("withReason", w.withReason, 12, "0"),
    reportColumn("empty", w.empty, 10, "0"),
    reportColumn("share", w.share, 12, "0%"),
    // Last, beside the counts: whether the round came in by the due date, with the on-time rate in the header.
    reportColumn("timeliness", timelinessHeader(response.timeliness, language), 22, "@"),
    // Where a value is flagged: which rules and the committee's explanation, by code.
    ...(flagged ? [reportColumn("explanations", EXPLANATIONS_HEADER[language], 60, "@", true)] : []),
  ];
  const count = response.entries.length;
  const cells: Cell[][] = [
    columns.map((c) => c.header),
    ...response.rows.map((r): Cell[] => [
      r.name,
      r.territoryCode ?? null,
      r.region || null,
      r.kind ? COMMUNITY_KIND_LABELS[r.kind][language] : null,
      r.population,
      (r.hasPlan ? YES : NO)[language],
      (r.round ? ROUND_STATUS_LABELS[r.round] : ROUND_NOT_OPENED)[language],
      ...r.cells.map((state, k) => cellStateText(state, r.missing?.[k] ?? null, language, r.flags?.[k] ?? null)),
      r.filled,
      r.withReason,
      r.empty,
      count ? r.filled / count : null,
      TIMELINESS_LABELS[r.timeliness][language],
      ...(flagged ? [completenessExplanations(response, r.flags, language)] : []),
    ]),
  ];
  const conditionalFormats: ConditionalFormat[] = [
    ...response.entries.map((e) => ({
      columnKey: codeKey(e.code),
      // A reason's cell names it, so each reason is a rule of the reason colour.
      rules: (Object.keys(STATE_COLOURS) as CellState[]).flatMap((state) =>
        state === "reason"
          ? MISSING_REASONS.map((reason) => ({ equals: reasonCellLabel(reason, language), ...STATE_COLOURS.reason }))
          : [{ equals: CELL_STATE_LABELS[state][language], ...STATE_COLOURS[state] }],
      ).concat(flagged ? (["flagged", "explained"] as const).map((state) => ({ equals: flaggedCellLabel(state, language), ...FLAG_COLOURS[state] })) : []),
    })),
    { columnKey: "hasPlan", rules: [{ equals: NO[language], ...STATE_COLOURS.not_in_plan }] },
    {
      columnKey: "round",
      rules: [
        { equals: ROUND_STATUS_LABELS.approved[language], ...STATE_COLOURS.filled },
        { equals: ROUND_NOT_OPENED[language], ...STATE_COLOURS.not_in_plan },
      ],
    },
    {
      columnKey: "timeliness",
      rules: (Object.keys(TIMELINESS_COLOURS) as Timeliness[]).map((state) => ({
        equals: TIMELINESS_LABELS[state][language],
        ...STATE_COLOURS[TIMELINESS_COLOURS[state]],
      })),
    },
  ];
  return {
    kind: "completeness",
    name: completenessName[language],
    language,
    columns,
    cells,
    rowLevels: response.rows.map(() => 0),
    // Frozen with the first column (see `frozen`), so the community stays in view beside any code.
    frozenRows: 0,
    frozen: { rows: 1, columns: 1 },
    table: true,
    conditionalFormats,
    cellValidations: [],
    print: { landscape: true, fitToWidth: true, repeatHeaderRows: 1 },
    bands: [],
    rowFormats: [],
    quartileScales: [],
    charts: [],
  };
}
