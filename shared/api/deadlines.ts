import { z } from "zod";
import { Actor } from "./access.ts";
import { AssociationParams } from "./catalogue.ts";
import { ReleaseYear } from "./releases.ts";

/**
 * An association's due date for a reporting year: when its members' monitoring rounds of that year are
 * due. Its analysts (and admins) set and clear it; its members' editors and monitors read it (a member
 * needs to know when its round is due). Completeness tells, per member, whether its round came in on
 * time (DHIS2's REPORTING_RATE_ON_TIME beside completeness), by the rule below, written once here.
 *
 * - A due date is a calendar day, and it lasts until midnight at its end in Europe/Kyiv
 *   (DUE_DATE_TIME_ZONE): the associations and their committees are Ukrainian, and "by 31 March" means
 *   by the end of 31 March where the committee works, not 02:00 or 03:00 of 1 April in Kyiv (the end of
 *   the day in UTC). Lithuania's Europe/Vilnius keeps the same offsets (EET/EEST, the EU's change-over
 *   days), so the rule reads the same for Lithuanian members. The offset is looked up per date (Intl's
 *   time zone data), so summer and winter time and any future change of the law are followed.
 * - A member's round counts as reported when it stands submitted or approved, at the moment it got
 *   there: the first step of its latest run of submitted/approved steps (its round's events). A round
 *   returned or reopened after that is not reported until it is submitted again, and then counts from
 *   the new submission (as DHIS2 counts a data set completed again from its new completion date).
 * - on_time: reported before the due day's end; late: reported after it; missing: not reported and the
 *   day has ended; not_due: not reported and the day has not ended; none: the year has no due date.
 *   A member without a plan or without a round is expected all the same (missing or not_due).
 * - The on-time rate is on_time ÷ the members expected (every member the completeness lists).
 */

/** The time zone a due day ends in (see above). */
export const DUE_DATE_TIME_ZONE = "Europe/Kyiv";

/** A calendar date, YYYY-MM-DD. */
export const DueOn = z.iso.date();

export const DueDateParams = AssociationParams.extend({ year: ReleaseYear });

/** How far after its reporting year a due date may lie: catches a mistyped year, allows any real schedule. */
export const MAX_DUE_YEARS_AFTER = 5;

/** `PUT /v1/associations/{id}/due-dates/{year}`: the year's due date, replacing any before. */
export const PutDueDateRequest = z.object({ dueOn: DueOn }).meta({ id: "PutDueDate" });
export type PutDueDateRequest = z.infer<typeof PutDueDateRequest>;

/**
 * Why `dueOn` cannot be the due date of `year`'s round, or null: it must lie in the year or the
 * MAX_DUE_YEARS_AFTER after it. The Worker refuses it and the pane says it before asking.
 */
export function dueOnProblem(year: number, dueOn: string): "before_year" | "too_late" | null {
  const dueYear = Number(dueOn.slice(0, 4));
  if (dueYear < year) return "before_year";
  if (dueYear > year + MAX_DUE_YEARS_AFTER) return "too_late";
  return null;
}

export const DueDate = z
  .object({
    year: z.number().int(),
    dueOn: DueOn,
    /** The instant the due day ends (midnight at its end in DUE_DATE_TIME_ZONE), in UTC. */
    dueEnd: z.iso.datetime(),
    /**
     * Who set it and when: for the association's analysts and admins only. Members' editors and monitors
     * read the date (when their round is due) but not which analyst set it.
     */
    updatedAt: z.iso.datetime().optional(),
    updatedBy: Actor.optional(),
  })
  .meta({ id: "DueDate" });
export type DueDate = z.infer<typeof DueDate>;

export const DueDateListQuery = z.object({ year: ReleaseYear.optional() });

/** `GET /v1/associations/{id}/due-dates?year=`: the association's due dates by year (of `year` only: none or one). */
export const DueDateList = z.object({ dueDates: z.array(DueDate) }).meta({ id: "DueDateList" });
export type DueDateList = z.infer<typeof DueDateList>;

/** `DELETE /v1/associations/{id}/due-dates/{year}`: whether the year had a due date (clearing twice is no error). */
export const DueDateCleared = z.object({ year: z.number().int(), cleared: z.boolean() }).meta({ id: "DueDateCleared" });
export type DueDateCleared = z.infer<typeof DueDateCleared>;

export const TIMELINESS = ["on_time", "late", "missing", "not_due", "none"] as const;
export const Timeliness = z.enum(TIMELINESS);
export type Timeliness = z.infer<typeof Timeliness>;

/** The association's timeliness for a year in completeness; null when the year has no due date. */
export const TimelinessSummary = z.object({
  dueOn: DueOn,
  dueEnd: z.iso.datetime(),
  /** Every member the completeness lists. */
  expected: z.number().int().nonnegative(),
  onTime: z.number().int().nonnegative(),
  late: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  notDue: z.number().int().nonnegative(),
  /** onTime ÷ expected; null with no member expected. */
  onTimeRate: z.number().min(0).max(1).nullable(),
});
export type TimelinessSummary = z.infer<typeof TimelinessSummary>;

let kyivClock: Intl.DateTimeFormat | undefined;

/** How far the due-date time zone's clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number): number {
  kyivClock ??= new Intl.DateTimeFormat("en-US", {
    timeZone: DUE_DATE_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const part = Object.fromEntries(kyivClock.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant a due day ends: midnight after `dueOn` in DUE_DATE_TIME_ZONE, as UTC ISO text. */
export function dueEnd(dueOn: string): string {
  const [y, m, d] = dueOn.split("-").map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d + 1);
  // The offset at the local midnight itself; Kyiv changes its clocks at 03:00/04:00, never around midnight.
  return new Date(midnight - offsetAt(midnight - offsetAt(midnight))).toISOString();
}

/** A member's timeliness by the rule above, against the due day's `end` (dueEnd; null: no due date); ISO instants. */
export function timelinessOf(end: string | null, reportedAt: string | null, now: string): Timeliness {
  if (end === null) return "none";
  const ends = Date.parse(end);
  if (reportedAt !== null) return Date.parse(reportedAt) < ends ? "on_time" : "late";
  return Date.parse(now) >= ends ? "missing" : "not_due";
}

/** The association's counts and on-time rate over the members' states; null without a due date. */
export function summarizeTimeliness(dueOn: string | null, states: readonly Timeliness[]): TimelinessSummary | null {
  if (dueOn === null) return null;
  const count = (s: Timeliness) => states.filter((x) => x === s).length;
  const onTime = count("on_time");
  return {
    dueOn,
    dueEnd: dueEnd(dueOn),
    expected: states.length,
    onTime,
    late: count("late"),
    missing: count("missing"),
    notDue: count("not_due"),
    onTimeRate: states.length ? onTime / states.length : null,
  };
}
