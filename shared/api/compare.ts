import { z } from "zod";
import { CommunityKind, Direction, Id, Language, MissingReason } from "../model/plan.ts";
import { TerritoryCode } from "../model/territory.ts";
import { UnicodeText } from "../model/text.ts";
import { CatalogueCode, CatalogueStatus } from "./catalogue.ts";
import { Timeliness, TimelinessSummary } from "./deadlines.ts";
import { Release } from "./releases.ts";
import { RoundStatus } from "./rounds.ts";

/**
 * The association's consolidation of its members' indicator sheets: comparison (communities × years of
 * catalogue indicators, with the association's median, quartiles and each community's rank), completeness
 * (who filled what for a reporting year) and a member's own position.
 *
 * The rules, computed in SQL by the Worker and documented here once:
 * - A community's value for a year is the annual observation (no quarter) of its plan's indicator that
 *   carries the catalogue code; a value left empty (null) is no value.
 * - A reason for no value (the observation's `missing`: not available, not applicable, confidential, not
 *   yet due) is no value either: it is outside every statistic, count, rank and quartile, and the
 *   comparison counts reasons per year beside them (`reasons`) and names each member's (`missing`).
 * - Per capita: value × 1,000 ÷ the community's population (its Community row); no population, no value.
 * - Median and quartiles are Excel's QUARTILE.INC (linear interpolation at (n − 1)·p over the year's n
 *   values), so an analyst's own MEDIAN/QUARTILE.INC over the sheet gives the same numbers.
 * - Rank is Excel's RANK.EQ among the year's values: 1 is the best by the entry's direction (highest for
 *   "increase" and "keep", lowest for "decrease"); ties share a rank and the next rank is skipped (1, 2, 2, 4).
 * - Quartile 1 is the best quarter: for "increase"/"keep", value ≥ Q3 → 1, ≥ median → 2, ≥ Q1 → 3, else 4;
 *   for "decrease" the same with ≤ and Q1/Q3 swapped.
 */

export const PER_CAPITA_SCALE = 1000;
export const MAX_COMPARED_CODES = 10;
export const MAX_COMPARED_YEARS = 30;
/**
 * The comparison's response budget, in values: selected members × indicators × years. A question over
 * it is refused (400, field `codes`) before anything is computed; ask for fewer indicators or years, or
 * filter the members. Sized on the largest real question, every member of a 1,500-member association ×
 * 10 indicators (the maximum) × 15 years = 225,000 values, which fits exactly: measured on the large demo
 * data, 4.2 MB of JSON as reported, 7.1 MB per capita (1 and 2.5 MB gzipped), about 30 bytes a value at
 * most. 30 years of it (10.5 MB, seconds of work) does not.
 */
export const MAX_COMPARED_VALUES = 225_000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** A comma-separated query parameter ("POP,BUD-OWN") as a list; each item validated by `item`. */
const commaList = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((x) => x.trim()).filter((x) => x.length > 0) : v),
    z.array(item).max(max, { message: `at most ${max} items` }),
  );

const QueryYear = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);
const QueryCount = z.coerce.number().int().min(0);
const QueryFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((s) => s === "true" || s === "1")
  .default(false);

/** Which members: all of them, or those in the listed regions, of the listed kinds, in a population band. */
export const MemberFilter = z.object({
  /** Regions as the members' Community rows spell them, comma-separated. */
  regions: commaList(UnicodeText.min(1).max(200), 100).optional(),
  kinds: commaList(CommunityKind, 10).optional(),
  /** Population band, inclusive; a member with no population is outside any band. */
  minPopulation: QueryCount.optional(),
  maxPopulation: QueryCount.optional(),
});
export type MemberFilter = z.infer<typeof MemberFilter>;

const checkBand = (q: { minPopulation?: number | undefined; maxPopulation?: number | undefined }, ctx: z.RefinementCtx) => {
  if (q.minPopulation !== undefined && q.maxPopulation !== undefined && q.minPopulation > q.maxPopulation)
    ctx.addIssue({ code: "custom", path: ["maxPopulation"], message: "must not be below minPopulation" });
};

export const ComparisonQuery = MemberFilter.extend({
  codes: commaList(CatalogueCode, MAX_COMPARED_CODES).refine((c) => c.length > 0, { message: "name at least one catalogue code" }),
  from: QueryYear,
  to: QueryYear,
  perCapita: QueryFlag,
  /** Language of an export's headers and names. */
  lang: Language.default("uk"),
}).superRefine((q, ctx) => {
  checkBand(q, ctx);
  if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  else if (q.to - q.from + 1 > MAX_COMPARED_YEARS)
    ctx.addIssue({ code: "custom", path: ["to"], message: `at most ${MAX_COMPARED_YEARS} years from "from"` });
});
export type ComparisonQuery = z.infer<typeof ComparisonQuery>;

const Value = z.number().nullable();
export const Quartile = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Quartile = z.infer<typeof Quartile>;

/** A member as the comparison lists it: from its Community row, null where it has no plan or no such field. */
export const Member = z.object({
  communityId: Id,
  name: z.string(),
  region: z.string().nullable(),
  kind: CommunityKind.nullable(),
  population: z.number().int().nonnegative().nullable(),
  /**
   * The community's official code (shared/model/territory.ts): null until an administrator sets it,
   * absent from a Worker before it (issue 15). A union, not `.nullable()`, as for `release` below: the
   * TerritoryCode component itself stays non-null.
   */
  territoryCode: z.union([TerritoryCode, z.null()]).optional(),
});
export type Member = z.infer<typeof Member>;

/** The association's statistics for one year; null where no member has a value. */
export const YearStats = z.object({
  year: z.number().int(),
  /** Members with a value that year. */
  count: z.number().int().nonnegative(),
  min: Value,
  q1: Value,
  median: Value,
  q3: Value,
  max: Value,
});
export type YearStats = z.infer<typeof YearStats>;

/** The catalogue entry as compared (named in its languages, its fixed unit, its direction). */
export const ComparedEntry = z.object({
  code: CatalogueCode,
  nameUk: z.string(),
  nameEn: z.string(),
  /** Empty (or absent, from a Worker before it) where the association gave none: Lithuanian reads the English name. */
  nameLt: z.string().optional(),
  unit: z.string(),
  direction: Direction,
  status: CatalogueStatus,
});
export type ComparedEntry = z.infer<typeof ComparedEntry>;

/** A rule of the entry's (shared/api/catalogue.ts QualityRules) a member's value breaks; each named once. */
export const FLAGGED_RULES = ["min", "max", "change", "compare"] as const;
export const FlaggedRule = z.enum(FLAGGED_RULES);
export type FlaggedRule = z.infer<typeof FlaggedRule>;

/**
 * A member's value that breaks the entry's quality rules (shared/quality/rules.ts valueBreaks, on the value
 * as reported, never per capita), with the committee's explanation: the observation's note, null where it
 * has none that is not blank. Only the association's analysts and admins are told.
 */
export const QualityFlag = z.object({
  rules: z.array(FlaggedRule).min(1),
  note: z.string().nullable(),
});
export type QualityFlag = z.infer<typeof QualityFlag>;

/**
 * One indicator: per year the statistics and how many members gave a reason instead of a value; per
 * member its values, ranks, quartiles and reasons (all aligned with `years`).
 */
export const ComparisonSeries = z.object({
  entry: ComparedEntry,
  stats: z.array(YearStats),
  /** Members with a reason for no value that year; they are not in `stats`. */
  reasons: z.array(z.number().int().nonnegative()),
  rows: z.array(
    z.object({
      communityId: Id,
      values: z.array(Value),
      ranks: z.array(z.number().int().positive().nullable()),
      quartiles: z.array(Quartile.nullable()),
      /**
       * The member's reason for no value per year, null where it gave none; absent when it gave none in
       * any year (most members), which keeps the largest comparison's JSON as it was.
       */
      missing: z.array(MissingReason.nullable()).optional(),
      /** The member's flagged values by year (analysts and admins only); absent where none is, like `missing`. */
      flags: z.array(QualityFlag.extend({ year: z.number().int() })).optional(),
    }),
  ),
});
export type ComparisonSeries = z.infer<typeof ComparisonSeries>;

/**
 * `GET /v1/associations/{id}/comparison`: every member the filter selects, by name, whether it has
 * values or not (a row of nulls says "no data", not "not a member").
 */
export const ComparisonResponse = z
  .object({
    associationId: Id,
    years: z.array(z.number().int()),
    perCapita: z.boolean(),
    members: z.array(Member),
    indicators: z.array(ComparisonSeries),
    generatedAt: z.iso.datetime(),
  })
  .meta({ id: "Comparison" });
export type ComparisonResponse = z.infer<typeof ComparisonResponse>;

export const CompletenessQuery = MemberFilter.extend({ year: QueryYear, lang: Language.default("uk") }).superRefine(
  (q, ctx) => checkBand(q, ctx),
);
export type CompletenessQuery = z.infer<typeof CompletenessQuery>;

/** A member's state for one catalogue indicator in the reporting year. */
export const CELL_STATES = ["filled", "reason", "empty", "not_in_plan"] as const;
export const CellState = z.enum(CELL_STATES);
export type CellState = z.infer<typeof CellState>;

/**
 * `GET /v1/associations/{id}/completeness`: for each selected member and each active catalogue
 * indicator, whether the year's value is there (`filled`), a reason for its absence is given instead
 * (`reason`, named in `missing`), the indicator is in its plan with neither (`empty`), or the indicator
 * is not in its plan (`not_in_plan`, also for a member with no plan).
 */
export const CompletenessResponse = z
  .object({
    associationId: Id,
    year: z.number().int(),
    entries: z.array(ComparedEntry),
    rows: z.array(
      Member.extend({
        hasPlan: z.boolean(),
        /** Where the member's monitoring round of the year stands; null: not opened (or no plan). */
        round: RoundStatus.nullable(),
        /** Aligned with `entries`. */
        cells: z.array(CellState),
        /** Aligned with `entries`: the reason where the cell is `reason`, else null; absent without any reason. */
        missing: z.array(MissingReason.nullable()).optional(),
        /**
         * Aligned with `entries`: where a `filled` value breaks the entry's quality rules, which and the
         * committee's note (`explained` with one, `flagged` without); else null. Absent without any flag.
         */
        flags: z.array(QualityFlag.nullable()).optional(),
        filled: z.number().int().nonnegative(),
        /** Cells with a reason instead of a value. */
        withReason: z.number().int().nonnegative(),
        /** Cells of indicators in the plan with neither a value nor a reason: whom to remind, for what. */
        empty: z.number().int().nonnegative(),
        /**
         * Whether the member's round of the year came in by the association's due date (the rule in
         * shared/api/deadlines.ts); `none` without a due date, and from a Worker older than due dates.
         */
        timeliness: Timeliness.default("none"),
        /** When the round was reported (submitted, or approved after it); null while not reported. */
        reportedAt: z.iso.datetime().nullable().default(null),
      }),
    ),
    /** The year's due date with the counts per timeliness and the on-time rate; null: no due date. */
    timeliness: TimelinessSummary.nullable().default(null),
    generatedAt: z.iso.datetime(),
  })
  .meta({ id: "Completeness" });
export type CompletenessResponse = z.infer<typeof CompletenessResponse>;

export const PositionQuery = z.object({ communityId: Id, year: QueryYear });

/**
 * A member sees the association's statistics only over at least this many values, and never the
 * minimum or maximum (each is one member's exact value): with two values, the median and one's own
 * value give the other's.
 */
export const MIN_SHARED_GROUP = 5;
export type PositionQuery = z.infer<typeof PositionQuery>;

/**
 * `GET /v1/associations/{id}/position`: where one member stands, for the catalogue indicators the
 * association shares back (`position` or `named`): its own value, rank, quartile and the association's
 * statistics, never another member's value. Asked by the member itself, min and max are null and the
 * quartiles too below MIN_SHARED_GROUP values; the association's analysts see them all.
 *
 * Everything comes from the year's latest release (shared/api/releases.ts), named in `release`, for
 * everyone who asks; `release` null (and no items): the association has published nothing for the year.
 */
export const PositionResponse = z
  .object({
    associationId: Id,
    communityId: Id,
    year: z.number().int(),
    /** A union, not `.nullable()`: zod-to-openapi 9.1 would make the Release component itself nullable everywhere. */
    release: z.union([Release, z.null()]),
    items: z.array(
      z.object({
        entry: ComparedEntry,
        value: Value,
        rank: z.number().int().positive().nullable(),
        quartile: Quartile.nullable(),
        stats: YearStats,
      }),
    ),
  })
  .meta({ id: "Position" });
export type PositionResponse = z.infer<typeof PositionResponse>;
