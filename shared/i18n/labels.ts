import type { CellState, FlaggedRule, QualityFlag } from "../api/compare.ts";
import type { Timeliness, TimelinessSummary } from "../api/deadlines.ts";
import { type Language, MISSING_REASONS, type MissingReason } from "../model/plan.ts";

/** A text in every sheet language. Ukrainian and English are first-class; Lithuanian follows. */
export type Labels = Record<Language, string>;

/** Case-, space- and quote-insensitive form used to recognise a label typed or left by a user. */
export function normalizeLabel(s: string): string {
  return s
    .normalize("NFC")
    .toLocaleLowerCase("uk")
    .replace(/[’ʼ`']/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Recognises a label in any language (and the canonical key itself), so that a sheet built in one
 * language reads back whatever language the pane is in.
 */
export function labelMatcher<K extends string>(labels: Record<K, Labels>): (text: string) => K | undefined {
  const index = new Map<string, K>();
  for (const key of Object.keys(labels) as K[]) {
    index.set(normalizeLabel(key), key);
    for (const text of Object.values<string>(labels[key])) index.set(normalizeLabel(text), key);
  }
  return (text) => index.get(normalizeLabel(text));
}

export const QUADRANT_LABELS = {
  strength: { en: "Strength", uk: "Сильна сторона", lt: "Stiprybė" },
  weakness: { en: "Weakness", uk: "Слабка сторона", lt: "Silpnybė" },
  opportunity: { en: "Opportunity", uk: "Можливість", lt: "Galimybė" },
  threat: { en: "Threat", uk: "Загроза", lt: "Grėsmė" },
} satisfies Record<string, Labels>;

export const TASK_STATUS_LABELS = {
  planned: { en: "Planned", uk: "Заплановано", lt: "Suplanuota" },
  in_progress: { en: "In progress", uk: "Виконується", lt: "Vykdoma" },
  done: { en: "Done", uk: "Виконано", lt: "Įvykdyta" },
  postponed: { en: "Postponed", uk: "Відкладено", lt: "Atidėta" },
  cancelled: { en: "Cancelled", uk: "Скасовано", lt: "Atšaukta" },
} satisfies Record<string, Labels>;

export const RISK_KIND_LABELS = {
  internal: { en: "Internal", uk: "Внутрішній", lt: "Vidinė" },
  external: { en: "External", uk: "Зовнішній", lt: "Išorinė" },
} satisfies Record<string, Labels>;

export const DIRECTION_LABELS = {
  increase: { en: "Increase", uk: "Зростання", lt: "Didėjimas" },
  decrease: { en: "Decrease", uk: "Зменшення", lt: "Mažėjimas" },
  keep: { en: "Keep", uk: "Збереження", lt: "Išlaikymas" },
} satisfies Record<string, Labels>;

export const FREQUENCY_LABELS = {
  annually: { en: "Annually", uk: "Щорічно", lt: "Kasmet" },
  semi_annually: { en: "Semi-annually", uk: "Щопівроку", lt: "Kas pusmetį" },
  quarterly: { en: "Quarterly", uk: "Щоквартально", lt: "Kas ketvirtį" },
  annual_monthly_average: {
    en: "Annually (monthly average)",
    uk: "Щорічно (середньомісячний показник)",
    lt: "Kasmet (mėnesio vidurkis)",
  },
} satisfies Record<string, Labels>;

export const GOAL_LEVEL_LABELS = {
  priority: { en: "Priority", uk: "Пріоритет", lt: "Prioritetas" },
  goal: { en: "Goal", uk: "Ціль", lt: "Tikslas" },
  task: { en: "Task", uk: "Завдання", lt: "Uždavinys" },
} satisfies Record<string, Labels>;

export const INDICATOR_LEVEL_LABELS = {
  indicator: { en: "Indicator", uk: "Показник", lt: "Rodiklis" },
  breakdown: { en: "of which", uk: "з них", lt: "iš jų" },
} satisfies Record<string, Labels>;

/** Statuses computed by the Indicators sheet's formulas (see shared/monitoring/status.ts). */
export const INDICATOR_STATUS_LABELS = {
  on_track: { en: "On track", uk: "За планом", lt: "Pagal planą" },
  at_risk: { en: "At risk", uk: "Під загрозою", lt: "Rizika" },
  off_track: { en: "Off track", uk: "Відставання", lt: "Atsilieka" },
  no_data: { en: "No data", uk: "Немає даних", lt: "Nėra duomenų" },
} satisfies Record<string, Labels>;

export const COMMUNITY_KIND_LABELS = {
  city: { en: "City", uk: "Місто", lt: "Miestas" },
  town: { en: "Town", uk: "Містечко", lt: "Miestelis" },
  village: { en: "Village", uk: "Село", lt: "Kaimas" },
  settlement: { en: "Settlement", uk: "Селище", lt: "Gyvenvietė" },
  amalgamated_community: { en: "Amalgamated community", uk: "Територіальна громада", lt: "Jungtinė bendruomenė" },
  municipality: { en: "Municipality", uk: "Муніципалітет", lt: "Savivaldybė" },
  association: { en: "Association", uk: "Асоціація", lt: "Asociacija" },
} satisfies Record<string, Labels>;

export const LANGUAGE_LABELS = {
  uk: { en: "Ukrainian", uk: "Українська", lt: "Ukrainiečių" },
  en: { en: "English", uk: "Англійська", lt: "Anglų" },
  lt: { en: "Lithuanian", uk: "Литовська", lt: "Lietuvių" },
} satisfies Record<string, Labels>;

/** A year whose monitoring round has not been opened (or a member without a plan). */
export const ROUND_NOT_OPENED = { uk: "не відкрито", en: "not opened", lt: "neatidarytas" } satisfies Labels;
export const roundOfYear = (year: number): Labels => ({ uk: `Моніторинг ${year}`, en: `Monitoring ${year}`, lt: `Stebėsena ${year}` });

/** A monitoring round's status (shared/api/rounds.ts), on the report and completeness sheets and in the pane. */
export const ROUND_STATUS_LABELS = {
  open: { uk: "відкрито", en: "open", lt: "atidarytas" },
  submitted: { uk: "подано на розгляд", en: "submitted for review", lt: "pateiktas peržiūrai" },
  returned: { uk: "повернуто із зауваженнями", en: "returned with comments", lt: "grąžintas su pastabomis" },
  approved: { uk: "затверджено", en: "approved", lt: "patvirtintas" },
} satisfies Record<"open" | "submitted" | "returned" | "approved", Labels>;

/** A reason for a missing value (shared/model/plan.ts MissingReason) by name, on reports and exports. */
export const MISSING_REASON_LABELS = {
  not_available: { uk: "немає даних", en: "not available", lt: "nėra duomenų" },
  not_applicable: { uk: "не застосовується", en: "not applicable", lt: "netaikoma" },
  confidential: { uk: "конфіденційно", en: "confidential", lt: "konfidencialu" },
  not_yet_due: { uk: "строк ще не настав", en: "not yet due", lt: "terminas dar nesuėjo" },
} satisfies Record<MissingReason, Labels>;

/**
 * A reason as a value cell holds it: per language, first the short token MuniPlan writes in a sheet of
 * that language, then the synonyms it also accepts. A cell is read in any case and spacing
 * (normalizeLabel), with a token or a name (MISSING_REASON_LABELS) of any language, so a sheet reads
 * back the same in any pane language.
 */
export const MISSING_REASON_TOKENS = {
  not_available: { uk: ["н/д", "нд", "дані відсутні"], en: ["n/a", "na", "n/d", "no data"], lt: ["n/d", "nd"] },
  not_applicable: { uk: ["н/з", "не стосується"], en: ["not applicable", "n/ap", "does not apply"], lt: ["netaikoma", "n/t", "netaikomas"] },
  confidential: { uk: ["конф.", "конф", "конфіденційна інформація"], en: ["conf.", "conf"], lt: ["konf.", "konf"] },
  not_yet_due: { uk: ["строк не настав", "не настав строк", "ще не настав строк"], en: ["not yet due", "not due yet", "not due"], lt: ["terminas nesuėjo", "nesuėjo terminas"] },
} satisfies Record<MissingReason, Record<Language, readonly [string, ...string[]]>>;

/** The token a value cell of a sheet in `language` shows for a reason. */
export const missingReasonToken = (reason: MissingReason, language: Language): string => MISSING_REASON_TOKENS[reason][language][0];

const missingReasonIndex = new Map<string, MissingReason>(
  MISSING_REASONS.flatMap((reason) =>
    [reason, ...Object.values<string>(MISSING_REASON_LABELS[reason]), ...Object.values<readonly string[]>(MISSING_REASON_TOKENS[reason]).flat()].map(
      (text) => [normalizeLabel(text), reason] as const,
    ),
  ),
);

/** The reason a cell's text names, in any language, or undefined. */
export const missingReasonOf = (text: string): MissingReason | undefined => missingReasonIndex.get(normalizeLabel(text));

/** What a value cell takes besides a number, for a problem's text: the tokens of each language. */
export const MISSING_REASON_HINT: Labels = {
  uk: `очікується число або причина відсутності значення: ${MISSING_REASONS.map((r) => missingReasonToken(r, "uk")).join(", ")}`,
  en: `expected a number or a reason for no value: ${MISSING_REASONS.map((r) => missingReasonToken(r, "en")).join(", ")}`,
  lt: `tikimasi skaičiaus arba priežasties, kodėl reikšmės nėra: ${MISSING_REASONS.map((r) => missingReasonToken(r, "lt")).join(", ")}`,
};

/**
 * A member's state for a catalogue indicator in a reporting year (shared/api/compare.ts CellState), on
 * the completeness sheet and its exports; a reason's cell also names the reason (cellStateText).
 */
export const CELL_STATE_LABELS = {
  filled: { uk: "заповнено", en: "filled", lt: "užpildyta" },
  reason: { uk: "причина", en: "reason", lt: "priežastis" },
  empty: { uk: "порожньо", en: "empty", lt: "tuščia" },
  not_in_plan: { uk: "немає в плані", en: "not in plan", lt: "nėra plane" },
} satisfies Record<CellState, Labels>;

/** A completeness cell with a reason: «причина: немає даних». */
export const reasonCellLabel = (reason: MissingReason, language: Language): string =>
  `${CELL_STATE_LABELS.reason[language]}: ${MISSING_REASON_LABELS[reason][language]}`;

/** What a member's completeness cell says: its state, and for a reason which one. */
export const cellStateText = (state: CellState, missing: MissingReason | null, language: Language, flag: QualityFlag | null = null): string =>
  state === "reason" && missing
    ? reasonCellLabel(missing, language)
    : state === "filled" && flag
      ? flaggedCellLabel(flagState(flag), language)
      : CELL_STATE_LABELS[state][language];

/**
 * The rule of the association's a member's value breaks (shared/api/compare.ts FlaggedRule), on the
 * comparison and completeness sheets and their exports.
 */
export const FLAGGED_RULE_LABELS = {
  min: { uk: "нижче допустимого мінімуму", en: "below the valid minimum", lt: "mažiau už leistiną minimumą" },
  max: { uk: "вище допустимого максимуму", en: "above the valid maximum", lt: "daugiau už leistiną maksimumą" },
  change: { uk: "завелика зміна від попереднього року", en: "too large a change from the year before", lt: "per didelis pokytis nuo ankstesnių metų" },
  compare: { uk: "не узгоджується з іншим показником", en: "inconsistent with another indicator", lt: "nesiderina su kitu rodikliu" },
} satisfies Record<FlaggedRule, Labels>;

/** A flagged value without the committee's note, and with one. */
export const FLAG_STATE_LABELS = {
  flagged: { uk: "позначено", en: "flagged", lt: "pažymėta" },
  explained: { uk: "пояснено", en: "explained", lt: "paaiškinta" },
} satisfies Record<"flagged" | "explained", Labels>;

/** A filled completeness cell whose value is flagged: «заповнено, позначено» / «заповнено, пояснено». */
export const flaggedCellLabel = (state: keyof typeof FLAG_STATE_LABELS, language: Language): string =>
  `${CELL_STATE_LABELS.filled[language]}, ${FLAG_STATE_LABELS[state][language]}`;

/** A flag is explained by the committee's note, flagged while it has none. */
export const flagState = (flag: QualityFlag): keyof typeof FLAG_STATE_LABELS => (flag.note === null ? "flagged" : "explained");

/** The column (or block) that lists flagged values with the committee's explanations. */
export const EXPLANATIONS_HEADER: Labels = { uk: "Пояснення", en: "Explanations", lt: "Paaiškinimai" };

const QUOTED: Record<Language, (s: string) => string> = { uk: (s) => `«${s}»`, en: (s) => `“${s}”`, lt: (s) => `„${s}“` };
const NO_EXPLANATION: Labels = { uk: "без пояснення", en: "no explanation", lt: "be paaiškinimo" };

/**
 * A flagged value for the explanations column, led by what it is (its year, or its code in completeness):
 * «2021: завелика зміна від попереднього року — «нова методика обліку»» or «… — без пояснення».
 */
export const flagText = (lead: string | number, flag: QualityFlag, language: Language): string =>
  `${lead}: ${flag.rules.map((r) => FLAGGED_RULE_LABELS[r][language]).join(", ")} — ${flag.note === null ? NO_EXPLANATION[language] : QUOTED[language](flag.note.trim())}`;

/** Whether a member's round came in by the association's due date (shared/api/deadlines.ts), on completeness and its exports. */
export const TIMELINESS_LABELS = {
  on_time: { uk: "вчасно", en: "on time", lt: "laiku" },
  late: { uk: "із запізненням", en: "late", lt: "pavėluotai" },
  missing: { uk: "не подано", en: "missing", lt: "nepateikta" },
  // Not the reason "not yet due" (MISSING_REASON_TOKENS): this is the round's date, not a value's.
  not_due: { uk: "строк ще триває", en: "due date ahead", lt: "terminas dar nesibaigė" },
  none: { uk: "строк не встановлено", en: "no due date", lt: "terminas nenustatytas" },
} satisfies Record<Timeliness, Labels>;

/** A due date as people of the language write it: 31.03.2022, 2022-03-31. */
export const dueDateText = (dueOn: string, language: Language): string =>
  language === "uk" ? dueOn.split("-").reverse().join(".") : dueOn;

/**
 * The timeliness column's header, carrying the year's due date and the association's on-time rate
 * («Вчасність (строк 31.03.2022: вчасно 3 з 5, 60 %)»): the rate stays in view above the members in a
 * sheet the analyst sorts and filters, where a total row would be sorted among them.
 */
export function timelinessHeader(summary: TimelinessSummary | null, language: Language): string {
  const title = { uk: "Вчасність", en: "Timeliness", lt: "Savalaikiškumas" }[language];
  if (!summary) return title;
  const { onTime, expected, onTimeRate } = summary;
  const percent = onTimeRate === null ? "–" : `${Math.round(onTimeRate * 100)}${language === "en" ? "%" : " %"}`;
  const date = dueDateText(summary.dueOn, language);
  return {
    uk: `${title} (строк ${date}: вчасно ${onTime} з ${expected}, ${percent})`,
    en: `${title} (due ${date}: ${onTime} of ${expected} on time, ${percent})`,
    lt: `${title} (terminas ${date}: laiku ${onTime} iš ${expected}, ${percent})`,
  }[language];
}
