import { DIRECTION_LABELS, INDICATOR_STATUS_LABELS } from "../i18n/labels.ts";
import type { Direction, Language } from "../model/plan.ts";

/**
 * Progress toward a target and the status of an indicator: one rule, written once here in
 * TypeScript and once as the Indicators sheet's Excel formulas (below), so that the server and the
 * sheet agree.
 *
 * - latest: the last yearly value that is filled in (by year).
 * - No latest value, or no target → "no data".
 * - Target met (increase: latest ≥ target; decrease: latest ≤ target; keep: within 5 % of the
 *   target) → "on track".
 * - keep, not met: within 10 % → "at risk", else "off track".
 * - increase/decrease, not met: without a baseline value → "no data"; otherwise
 *   progress = (latest − baseline) / (target − baseline) is compared with the share of time elapsed,
 *   expected = (latest year − baseline year) / (target year − baseline year), clamped to 0…1 (baseline
 *   year defaults to the year before the plan, target year to the plan's last year):
 *   progress ≥ expected → "on track"; progress ≥ expected / 2 → "at risk"; else "off track".
 * - The progress column shows `progress` for increase/decrease when baseline and target differ.
 */
export type IndicatorStatus = keyof typeof INDICATOR_STATUS_LABELS;

export const KEEP_ON_TRACK = 0.05;
export const KEEP_AT_RISK = 0.1;

export interface StatusInput {
  direction: Direction;
  baselineYear?: number;
  baselineValue?: number;
  targetYear?: number;
  targetValue?: number;
  /** Yearly values, any order; null for an empty cell. */
  values: { year: number; value: number | null }[];
  plan: { firstYear: number; lastYear: number };
}

export function latestValue(values: StatusInput["values"]): { year: number; value: number } | undefined {
  let latest: { year: number; value: number } | undefined;
  for (const v of values) if (v.value !== null && (!latest || v.year >= latest.year)) latest = { year: v.year, value: v.value };
  return latest;
}

export function indicatorProgress(i: StatusInput): number | undefined {
  const latest = latestValue(i.values);
  if (!latest || i.targetValue === undefined || i.baselineValue === undefined) return undefined;
  if (i.direction === "keep" || i.targetValue === i.baselineValue) return undefined;
  return (latest.value - i.baselineValue) / (i.targetValue - i.baselineValue);
}

export function indicatorStatus(i: StatusInput): IndicatorStatus {
  const latest = latestValue(i.values);
  const target = i.targetValue;
  if (!latest || target === undefined) return "no_data";
  const gap = Math.abs(latest.value - target);
  if (i.direction === "increase" ? latest.value >= target : i.direction === "decrease" ? latest.value <= target : gap <= KEEP_ON_TRACK * Math.abs(target))
    return "on_track";
  if (i.direction === "keep") return gap <= KEEP_AT_RISK * Math.abs(target) ? "at_risk" : "off_track";
  if (i.baselineValue === undefined) return "no_data";
  if (target === i.baselineValue) return "off_track";
  const progress = (latest.value - i.baselineValue) / (target - i.baselineValue);
  const expected = expectedShare(latest.year, i);
  return progress >= expected ? "on_track" : progress >= expected / 2 ? "at_risk" : "off_track";
}

function expectedShare(latestYear: number, i: StatusInput): number {
  const from = i.baselineYear ?? i.plan.firstYear - 1;
  const to = i.targetYear ?? i.plan.lastYear;
  if (to <= from) return 1;
  return Math.min(1, Math.max(0, (latestYear - from) / (to - from)));
}

/** The cells of one Indicators row that the formulas read. */
export interface StatusCells {
  direction: string;
  baselineYear: string;
  baselineValue: string;
  targetYear: string;
  targetValue: string;
  /** The row's yearly value cells with their years, oldest first (e.g. N2 for 2013). */
  years: { cell: string; year: number }[];
}

/**
 * The latest yearly value and its year, as nested IFs over the year cells (newest first). Plain IF and
 * ISNUMBER work in every Excel and in other spreadsheet engines (LOOKUP's "last number" idiom does not),
 * and a cell holding text is skipped, as the rule skips it.
 */
function latest(c: StatusCells, pick: (y: { cell: string; year: number }) => string): string {
  return [...c.years].reverse().reduceRight((rest, y) => `IF(ISNUMBER(${y.cell}),${pick(y)},${rest})`, '""');
}
const anyValue = (c: StatusCells) => (c.years.length ? `COUNT(${c.years.map((y) => y.cell).join(",")})>0` : "FALSE");

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
// Compare with every language's label: a user may type the direction in another language.
const isDirection = (cell: string, d: Direction) => `OR(${Object.values(DIRECTION_LABELS[d]).map((l) => `${cell}=${q(l)}`).join(",")})`;

/** Excel formula for the progress column (format 0%). */
export function progressFormula(c: StatusCells): string {
  const L = latest(c, (y) => y.cell);
  return `=IF(OR(NOT(${anyValue(c)}),${c.targetValue}="",${c.baselineValue}="",${isDirection(c.direction, "keep")},${c.targetValue}=${c.baselineValue}),"",(${L}-${c.baselineValue})/(${c.targetValue}-${c.baselineValue}))`;
}

/** Excel formula for the status column, the same rule as `indicatorStatus`. */
export function statusFormula(c: StatusCells, language: Language, plan: { firstYear: number; lastYear: number }): string {
  const label = (s: IndicatorStatus) => q(INDICATOR_STATUS_LABELS[s][language]);
  const L = latest(c, (y) => y.cell);
  const LY = latest(c, (y) => String(y.year));
  const T = c.targetValue;
  const B = c.baselineValue;
  const from = `IF(${c.baselineYear}="",${plan.firstYear - 1},${c.baselineYear})`;
  const to = `IF(${c.targetYear}="",${plan.lastYear},${c.targetYear})`;
  const expected = `IF(${to}<=${from},1,MIN(1,MAX(0,(${LY}-${from})/(${to}-${from}))))`;
  const progress = `(${L}-${B})/(${T}-${B})`;
  const met = `IF(${isDirection(c.direction, "increase")},${L}>=${T},IF(${isDirection(c.direction, "decrease")},${L}<=${T},ABS(${L}-${T})<=${KEEP_ON_TRACK}*ABS(${T})))`;
  return (
    `=IF(OR(NOT(${anyValue(c)}),${T}=""),${label("no_data")},` +
    `IF(${met},${label("on_track")},` +
    `IF(${isDirection(c.direction, "keep")},IF(ABS(${L}-${T})<=${KEEP_AT_RISK}*ABS(${T}),${label("at_risk")},${label("off_track")}),` +
    `IF(${B}="",${label("no_data")},IF(${T}=${B},${label("off_track")},` +
    `IF(${progress}>=${expected},${label("on_track")},IF(${progress}>=${expected}/2,${label("at_risk")},${label("off_track")})))))))`
  );
}
