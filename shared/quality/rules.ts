import { z } from "zod";
import { type CatalogueEntry, CatalogueCode, CompareOp, type QualityRules } from "../api/catalogue.ts";
import { Id, type Indicator, type PlanDocument } from "../model/plan.ts";
import { round } from "../monitoring/status.ts";
import { entriesByCode } from "../sync/catalogue.ts";

/**
 * The association's quality rules (CatalogueEntry.rules) over a member's plan: one check for the pane's
 * sheet check and the Worker's submit of a monitoring round. Pure.
 *
 * - An indicator is checked by the entry of its code the plan follows (shared/sync/catalogue.ts: an
 *   active entry before a retired one); a retired entry's rules are not checked (it is no longer
 *   compared). As in the comparison, a plan's indicator for a code is its top-level indicator carrying
 *   the code, the first by id if it has several; values are its annual observations.
 * - Only a number is checked: an empty value, or a reason instead of one (`missing`), breaks no rule,
 *   and a change or comparison needs the number it is made against (the previous year's value, the
 *   other indicator's value of the same year), else it is not made.
 * - Every comparison is on numbers rounded as the status rule rounds them (shared/monitoring/status.ts),
 *   so 6.3 is within 5 % of 6 and a bound is met exactly at the bound.
 * - A flagged value is explained when its observation has a note that is not blank.
 */

const base = {
  indicatorId: Id,
  code: CatalogueCode,
  year: z.number().int(),
  /** The flagged value. */
  value: z.number(),
  /** The committee's note on it, when it has one that is not blank: its explanation. */
  note: z.string().optional(),
};

export const Violation = z
  .discriminatedUnion("rule", [
    z.object({ rule: z.literal("min"), ...base, min: z.number() }),
    z.object({ rule: z.literal("max"), ...base, max: z.number() }),
    z.object({
      rule: z.literal("change"),
      ...base,
      previous: z.number(),
      /** The change in % of the previous value; null from a previous value of 0 (any change is too large). */
      changePct: z.number().nullable(),
      maxChangePct: z.number(),
    }),
    z.object({ rule: z.literal("compare"), ...base, op: CompareOp, otherCode: CatalogueCode, otherValue: z.number() }),
  ])
  .meta({ id: "QualityViolation" });
export type Violation = z.infer<typeof Violation>;
export type ViolationRule = Violation["rule"];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What a value breaks, apart from where it is: a violation without its indicator, year, value and note. */
export type RuleBreak = DistributiveOmit<Violation, keyof typeof base>;

const HOLDS: Record<CompareOp, (a: number, b: number) => boolean> = {
  "<=": (a, b) => a <= b,
  "<": (a, b) => a < b,
  ">=": (a, b) => a >= b,
  ">": (a, b) => a > b,
  "=": (a, b) => a === b,
};

/** The plan's indicator for each code: top-level, the first by id (as worker/src/db/compare.ts picks it). */
function indicatorsByCode(indicators: readonly Indicator[]): Map<string, Indicator> {
  const out = new Map<string, Indicator>();
  for (const i of indicators) {
    if (i.parentId !== undefined || !i.code) continue;
    const kept = out.get(i.code);
    if (!kept || i.id < kept.id) out.set(i.code, i);
  }
  return out;
}

/**
 * The rules one number breaks, given its previous year's value and the same member's value of another
 * code in the same year (null where there is none: that check is not made). The rule of every check,
 * for a plan document (checkQuality) and for values held otherwise, such as a comparison's rows.
 */
export function valueBreaks(rules: QualityRules, value: number, previous: number | null, otherValue: (code: string) => number | null): RuleBreak[] {
  const { min, max, maxChangePct, compare = [] } = rules;
  const breaks: RuleBreak[] = [];
  if (min !== undefined && round(value) < round(min)) breaks.push({ rule: "min", min });
  if (max !== undefined && round(value) > round(max)) breaks.push({ rule: "max", max });
  // |value − previous| > maxChangePct % of |previous|, multiplied out so that no division rounds first.
  if (maxChangePct !== undefined && previous !== null && round(Math.abs(value - previous) * 100) > round(maxChangePct * Math.abs(previous)))
    breaks.push({ rule: "change", previous, changePct: previous === 0 ? null : (Math.abs(value - previous) / Math.abs(previous)) * 100, maxChangePct });
  for (const { op, code } of compare) {
    const other = otherValue(code);
    if (other !== null && !HOLDS[op](round(value), round(other))) breaks.push({ rule: "compare", op, otherCode: code, otherValue: other });
  }
  return breaks;
}

export interface QualityOptions {
  /** Check only these years' values (a round's year); every year when left out. */
  years?: readonly number[];
}

/** Every rule the plan's values break: by indicator (in the plan's order), then year, then rule. */
export function checkQuality(doc: Pick<PlanDocument, "indicators" | "observations">, entries: readonly CatalogueEntry[], options: QualityOptions = {}): Violation[] {
  const followed = new Map([...entriesByCode(entries)].map(([code, list]) => [code, list[0]!]));
  const linked = indicatorsByCode(doc.indicators);
  // Annual observations by indicator and year: the number, and the note.
  const annual = new Map<string, { value: number | null; note?: string }>();
  for (const o of doc.observations) if (o.period.quarter === undefined) annual.set(`${o.indicatorId}|${o.period.year}`, o);
  const valueOf = (indicatorId: string, year: number) => annual.get(`${indicatorId}|${year}`)?.value ?? null;
  const years = options.years && new Set(options.years);

  const violations: Violation[] = [];
  for (const [code, indicator] of linked) {
    const entry = followed.get(code);
    if (!entry || entry.status !== "active") continue;
    const rules = entry.rules ?? {};
    const values = doc.observations
      .filter((o) => o.indicatorId === indicator.id && o.period.quarter === undefined && (!years || years.has(o.period.year)))
      .sort((a, b) => a.period.year - b.period.year);
    for (const o of values) {
      if (o.value === null) continue;
      const year = o.period.year;
      const value = o.value;
      const at = { indicatorId: indicator.id, code, year, value, ...(o.note?.trim() ? { note: o.note } : {}) };
      const otherValue = (other: string) => {
        const i = linked.get(other);
        return i ? valueOf(i.id, year) : null;
      };
      for (const b of valueBreaks(rules, value, valueOf(indicator.id, year - 1), otherValue)) violations.push({ ...b, ...at });
    }
  }
  return violations;
}

/** The violations the committee has not explained yet: they stop a submit. */
export const unexplained = (violations: readonly Violation[]): Violation[] => violations.filter((v) => v.note === undefined);
