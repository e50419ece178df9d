import { z } from "zod";
import { UnicodeText } from "./text.ts";

/**
 * The plan model. Every entity carries a stable UUID so that a row keeps its identity
 * across edits, moves and syncs; hierarchy is expressed by parent ids and `order`, so that
 * each entity can be versioned and synced on its own.
 */

export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** Excel refuses cell text longer than this; longer text is refused, never cut. */
export const EXCEL_MAX_CELL_TEXT = 32_767;

const Text = UnicodeText.max(EXCEL_MAX_CELL_TEXT, {
  message: `longer than Excel's ${EXCEL_MAX_CELL_TEXT.toLocaleString("en")} characters per cell`,
});
const RequiredText = Text.refine((s) => s.trim().length > 0, { message: "must not be empty" });
const Year = z.number().int().min(1900).max(2200);
const Order = z.number().int().min(0);

export const LANGUAGES = ["uk", "en", "lt"] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const COMMUNITY_KINDS = [
  "city",
  "town",
  "village",
  "settlement",
  "amalgamated_community",
  "municipality",
  "association",
] as const;
export const CommunityKind = z.enum(COMMUNITY_KINDS);
export type CommunityKind = z.infer<typeof CommunityKind>;

export const Community = z.object({
  id: Id,
  name: RequiredText,
  kind: CommunityKind,
  /** ISO 3166-1 alpha-2 */
  country: z.string().regex(/^[A-Z]{2}$/, { message: "must be an ISO 3166-1 alpha-2 code such as UA" }),
  region: Text.optional(),
  population: z.number().int().nonnegative().optional(),
});
export type Community = z.infer<typeof Community>;

/** A year, or a year and quarter ("2014", "2014-Q2"). */
export const Period = z.object({
  year: Year,
  quarter: z.number().int().min(1).max(4).optional(),
});
export type Period = z.infer<typeof Period>;

export const Plan = z
  .object({
    id: Id,
    communityId: Id,
    title: RequiredText,
    firstYear: Year,
    lastYear: Year,
    language: Language,
    vision: Text.optional(),
    mission: Text.optional(),
  })
  .refine((p) => p.lastYear >= p.firstYear, {
    message: "the plan period must end in or after its first year",
    path: ["lastYear"],
    // Also when other fields are missing or invalid: a push's update sending both years is held to the
    // rule before its row is looked at (worker/src/sync/decide.ts).
    when: ({ value }) => {
      const p = value as { firstYear?: unknown; lastYear?: unknown } | null | undefined;
      return Year.safeParse(p?.firstYear).success && Year.safeParse(p?.lastYear).success;
    },
  });
export type Plan = z.infer<typeof Plan>;

export const QUADRANTS = ["strength", "weakness", "opportunity", "threat"] as const;
export const Quadrant = z.enum(QUADRANTS);
export type Quadrant = z.infer<typeof Quadrant>;

export const SwotItem = z.object({
  id: Id,
  quadrant: Quadrant,
  /** The sub-heading the item sits under, if any. */
  group: Text.optional(),
  text: RequiredText,
  order: Order,
});
export type SwotItem = z.infer<typeof SwotItem>;

export const Priority = z.object({
  id: Id,
  title: RequiredText,
  order: Order,
});
export type Priority = z.infer<typeof Priority>;

export const Goal = z.object({
  id: Id,
  priorityId: Id,
  title: RequiredText,
  expectedResults: Text.optional(),
  order: Order,
});
export type Goal = z.infer<typeof Goal>;

export const TASK_STATUSES = ["planned", "in_progress", "done", "postponed", "cancelled"] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const Money = z.object({
  amount: z.number().finite().nonnegative(),
  /** ISO 4217 */
  currency: z.string().regex(/^[A-Z]{3}$/, { message: "must be an ISO 4217 code such as UAH" }),
});
export type Money = z.infer<typeof Money>;

export const Task = z.object({
  id: Id,
  goalId: Id,
  title: RequiredText,
  responsibleUnit: Text.optional(),
  start: Period.optional(),
  end: Period.optional(),
  budget: Money.optional(),
  fundingSource: Text.optional(),
  status: TaskStatus,
  order: Order,
});
export type Task = z.infer<typeof Task>;

export const RISK_KINDS = ["internal", "external"] as const;
export const RiskKind = z.enum(RISK_KINDS);

export const Risk = z.object({
  id: Id,
  kind: RiskKind,
  risk: RequiredText,
  mitigation: Text.optional(),
  order: Order,
});
export type Risk = z.infer<typeof Risk>;

export const DIRECTIONS = ["increase", "decrease", "keep"] as const;
export const Direction = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof Direction>;

export const FREQUENCIES = ["annually", "semi_annually", "quarterly", "annual_monthly_average"] as const;
export const Frequency = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof Frequency>;

/** What an indicator measures: a strategic priority or one of its goals. */
export const IndicatorTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("priority"), id: Id }),
  z.object({ kind: z.literal("goal"), id: Id }),
]);
export type IndicatorTarget = z.infer<typeof IndicatorTarget>;

/** An indicator's target for one year of its target path. */
export const YearTarget = z.object({ year: Year, value: z.number().finite() });
export type YearTarget = z.infer<typeof YearTarget>;

/**
 * A target path: targets by year, oldest first, a year at most once (one order, so equal paths are
 * equal field values for changes and sync). It is one field of the indicator, not an entity of its own:
 * a path is set by the plan's editors, as the final target is, and a sync conflict over it (two editors
 * changing the same indicator's path at once) shows both paths whole, which reads better than one year
 * out of context. Absent, not empty, when there is none.
 */
const TargetPath = z
  .array(YearTarget)
  .min(1, { message: "remove the field for no yearly targets" })
  .refine((ts) => ts.every((t, i) => i === 0 || t.year > ts[i - 1]!.year), {
    message: "years must be in ascending order, each year once",
  });

export const Indicator = z.object({
  id: Id,
  /** Links to an association's catalogue. */
  code: Text.optional(),
  name: RequiredText,
  unit: Text.optional(),
  measures: IndicatorTarget.optional(),
  baselineYear: Year.optional(),
  baselineValue: z.number().finite().optional(),
  targetValue: z.number().finite().optional(),
  targetYear: Year.optional(),
  /** Targets of single years: a year's progress and status use its target here, else `targetValue`. */
  targets: TargetPath.optional(),
  direction: Direction,
  frequency: Frequency,
  responsibleUnit: Text.optional(),
  /** A breakdown ("of which: …") points at the indicator it breaks down. */
  parentId: Id.optional(),
  order: Order,
});
export type Indicator = z.infer<typeof Indicator>;

/**
 * Why an observation has no value, where one could be expected: the data do not exist (not available),
 * the indicator does not apply to the community that year, the figure is withheld (confidential), or
 * its reporting date has not come (not yet due). An empty value with no reason is "not filled in yet".
 */
export const MISSING_REASONS = ["not_available", "not_applicable", "confidential", "not_yet_due"] as const;
export const MissingReason = z.enum(MISSING_REASONS);
export type MissingReason = z.infer<typeof MissingReason>;

/** A year's value: a number, or null with a reason (`missing`) or without one (not filled in yet). */
export const Observation = z
  .object({
    id: Id,
    indicatorId: Id,
    period: Period,
    value: z.number().finite().nullable(),
    missing: MissingReason.optional(),
    note: Text.optional(),
  })
  .refine((o) => o.missing === undefined || o.value === null, {
    path: ["missing"],
    message: "a value and a reason for its absence cannot both be set: set value to null, or remove missing",
  });
export type Observation = z.infer<typeof Observation>;

/**
 * Fields that together make one answer, so a sync merge takes them from one side (shared/sync/engine.ts):
 * mixing a local number with the server's reason would break Observation's rule above.
 */
export const ONE_ANSWER_FIELDS: readonly (readonly string[])[] = [["value", "missing"]];

/** A whole plan as one document: the unit the sheets are built from and read back into. */
export const PlanDocument = z.object({
  community: Community,
  plan: Plan,
  swot: z.array(SwotItem),
  priorities: z.array(Priority),
  goals: z.array(Goal),
  tasks: z.array(Task),
  risks: z.array(Risk),
  indicators: z.array(Indicator),
  observations: z.array(Observation),
});
export type PlanDocument = z.infer<typeof PlanDocument>;

/** The entity collections of a plan document, by the name used in changes and sync. */
export const ENTITY_KINDS = ["swot", "priorities", "goals", "tasks", "risks", "indicators", "observations"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export type EntityOf<K extends EntityKind> = PlanDocument[K][number];
