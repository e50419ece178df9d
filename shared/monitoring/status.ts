import { DIRECTION_LABELS, INDICATOR_STATUS_LABELS } from "../i18n/labels.ts";
import type { Direction, Language } from "../model/plan.ts";

/**
 * Progress toward a target and the status of an indicator: one rule, written once here in
 * TypeScript and once as the Indicators sheet's Excel formulas (below), so that the server and the
 * sheet agree.
 *
 * - latest: the last yearly value that is filled in (by year); a reason for no value (Observation's
 *   `missing`, «н/д» in the sheet) is no value, as an empty cell (the formulas skip its text).
 * - The target: the latest value's year's target on the indicator's target path (Indicator.targets,
 *   the sheet's "Target <year>" columns), which then also stands for the target year; else the final
 *   target (target value and year).
 * - No latest value, or no target → "no data".
 * - Target met (increase: latest ≥ target; decrease: latest ≤ target; keep: within 5 % of the
 *   target) → "on track".
 * - keep, not met: within 10 % → "at risk", else "off track".
 * - increase/decrease, not met: without a baseline value → "no data"; otherwise
 *   progress = (latest − baseline) / (target − baseline) is compared with the share of time elapsed,
 *   expected = (latest year − baseline year) / (target year − baseline year), clamped to 0…1 (baseline
 *   year defaults to the year before the plan, target year to the plan's last year):
 *   progress ≥ expected → "on track"; 2 × progress ≥ expected → "at risk"; else "off track".
 * - The progress column shows `progress` for increase/decrease when baseline and target differ.
 * - Every comparison is made on numbers rounded to DECIMALS decimals (`round`; ROUND in the formulas).
 */
export type IndicatorStatus = keyof typeof INDICATOR_STATUS_LABELS;

export const KEEP_ON_TRACK = 0.05;
export const KEEP_AT_RISK = 0.1;

/**
 * Every comparison is made on numbers rounded to this many decimals, here and in the formulas:
 * Excel compares near-equal numbers with a tolerance and TypeScript exactly, so without it they
 * disagree at thresholds (a value of 6.3 against a target of 6 × 1.05 = 6.300000000000001 meets it
 * in Excel, not in exact arithmetic).
 */
export const DECIMALS = 9;

const SCALE = 10 ** DECIMALS;

/**
 * Excel's ROUND(x, DECIMALS): on the number as Excel holds it (15 significant digits), half away
 * from zero, decided on the decimal digits (so 1.0000000005 → 1.000000001, as in Excel).
 */
export function round(x: number): number {
  // A number with at most DECIMALS decimals (below a million) is its own rounding, and most values are:
  // the quality rules round each value several times per check, and the string path below costs ~100×.
  // (0 goes the long way, which turns -0 into 0.)
  if (x !== 0 && Math.abs(x) < 1e6 && Math.round(x * SCALE) / SCALE === x) return x;
  return roundHeld(x);
}

/** `round` on the string path, for every number: exported only for the test that holds the fast path to it. */
export function roundHeld(x: number): number {
  const held = Number(x.toPrecision(15));
  // From a million up, 15 significant digits leave no digit past the 9th decimal to cut.
  if (!Number.isFinite(held) || Math.abs(held) >= 1e6) return held;
  const [digits, exponent] = Math.abs(held).toExponential().split("e") as [string, string];
  return (Math.sign(held) * Math.round(Number(`${digits}e${Number(exponent) + DECIMALS}`))) / 10 ** DECIMALS;
}
const ROUND = (x: string) => `ROUND(${x},${DECIMALS})`;

export interface StatusInput {
  direction: Direction;
  baselineYear?: number;
  baselineValue?: number;
  targetYear?: number;
  targetValue?: number;
  /** The target path (targets of single years), any order. */
  targets?: readonly { year: number; value: number }[];
  /** Yearly values, any order; null for an empty cell. */
  values: { year: number; value: number | null }[];
  plan: { firstYear: number; lastYear: number };
}

export function latestValue(values: StatusInput["values"]): { year: number; value: number } | undefined {
  let latest: { year: number; value: number } | undefined;
  for (const v of values) if (v.value !== null && (!latest || v.year >= latest.year)) latest = { year: v.year, value: v.value };
  return latest;
}

/** The target a year's value is measured against: the year's own, else the final target. */
export function targetOf(i: Pick<StatusInput, "targets" | "targetValue" | "targetYear">, year: number): { value?: number; year?: number } {
  const own = i.targets?.find((t) => t.year === year);
  return own ? { value: own.value, year } : { value: i.targetValue, year: i.targetYear };
}

export function indicatorProgress(i: StatusInput): number | undefined {
  const latest = latestValue(i.values);
  if (!latest || i.baselineValue === undefined) return undefined;
  const target = targetOf(i, latest.year).value;
  if (target === undefined || i.direction === "keep" || round(target) === round(i.baselineValue)) return undefined;
  return (latest.value - i.baselineValue) / (target - i.baselineValue);
}

const atLeast = (a: number, b: number) => round(a) >= round(b);

export function indicatorStatus(i: StatusInput): IndicatorStatus {
  const latest = latestValue(i.values);
  if (!latest) return "no_data";
  const { value: target, year: targetYear } = targetOf(i, latest.year);
  if (target === undefined) return "no_data";
  if (i.direction === "keep") {
    const gap = Math.abs(latest.value - target);
    return atLeast(Math.abs(target) * KEEP_ON_TRACK, gap) ? "on_track" : atLeast(Math.abs(target) * KEEP_AT_RISK, gap) ? "at_risk" : "off_track";
  }
  if (atLeast((latest.value - target) * (i.direction === "increase" ? 1 : -1), 0)) return "on_track";
  if (i.baselineValue === undefined) return "no_data";
  if (round(target) === round(i.baselineValue)) return "off_track";
  const progress = (latest.value - i.baselineValue) / (target - i.baselineValue);
  const expected = expectedShare(latest.year, i.baselineYear, targetYear, i.plan);
  return atLeast(progress, expected) ? "on_track" : atLeast(progress * 2, expected) ? "at_risk" : "off_track";
}

function expectedShare(latestYear: number, baselineYear: number | undefined, targetYear: number | undefined, plan: StatusInput["plan"]): number {
  const from = baselineYear ?? plan.firstYear - 1;
  const to = targetYear ?? plan.lastYear;
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
  /** The row's yearly value cells, one column per year, oldest first (e.g. N2:P2). */
  values: string;
  /** The row's target path cells, one column per year, the same years as `values` (e.g. V2:X2). */
  targets: string;
  /** The header cells above them, which hold the years (e.g. N$1:P$1). */
  headers: string;
  /** The year of the first of them. */
  firstYear: number;
  /** The row's progress cell (its formula is `progressFormula`). */
  progress: string;
}

/**
 * The latest filled-in year and its value, in expressions whose length does not depend on the number
 * of years (Excel refuses formulas over 8,192 characters). The year is the largest header year over a
 * number: SUMPRODUCT evaluates its argument as an array in every Excel without Ctrl+Shift+Enter, and in
 * other engines; header text such as "2013" turns into its number in arithmetic; a cell holding text
 * is skipped, as the rule skips it; 0 when there is no number. (LOOKUP's "last number" idiom and
 * COLUMN over a range are not evaluated alike by every engine.)
 */
const latestYear = (c: StatusCells) => `SUMPRODUCT(MAX(ISNUMBER(${c.values})*${c.headers}))`;
const latest = (c: StatusCells) => `INDEX(${c.values},1,${latestYear(c)}-${c.firstYear - 1})`;
/**
 * The target of the latest value's year, as `targetOf`: its target path cell when that holds a number
 * (the year then is the target year), else the final target. Only where a number exists (INDEX fails
 * on year 0), so the formulas ask for COUNT first. "No target" looks at the cells themselves, not at
 * `target`'s result: an IF that yields an empty cell may give 0 rather than "" (engines differ).
 */
const own = (c: StatusCells) => `INDEX(${c.targets},1,${latestYear(c)}-${c.firstYear - 1})`;
const target = (c: StatusCells) => `IF(ISNUMBER(${own(c)}),${own(c)},${c.targetValue})`;
const noTarget = (c: StatusCells) => `AND(NOT(ISNUMBER(${own(c)})),${c.targetValue}="")`;

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
// Compare with every language's label: a user may type the direction in another language.
const isDirection = (cell: string, d: Direction) => `OR(${Object.values(DIRECTION_LABELS[d]).map((l) => `${cell}=${q(l)}`).join(",")})`;

/** Excel formula for the progress column (format 0%), the same rule as `indicatorProgress`. */
export function progressFormula(c: StatusCells): string {
  const [T, B] = [target(c), c.baselineValue];
  return (
    `=IF(OR(COUNT(${c.values})=0,${B}="",${isDirection(c.direction, "keep")}),"",` +
    `IF(OR(${noTarget(c)},${ROUND(T)}=${ROUND(B)}),"",(${latest(c)}-${B})/(${T}-${B})))`
  );
}

/**
 * Excel formula for the status column, the same rule as `indicatorStatus`. Each of its expressions is
 * written once, so the formula stays short: "on track if a × f₁ reaches b, at risk if a × f₂ does" is one
 * comparison over an array constant, and progress is read from the progress column, which holds it in
 * every case where the status needs it.
 */
export function statusFormula(c: StatusCells, language: Language, plan: { firstYear: number; lastYear: number }): string {
  const label = (s: IndicatorStatus) => q(INDICATOR_STATUS_LABELS[s][language]);
  const graded = (a: string, [f1, f2]: [number, number], b: string) =>
    `CHOOSE(1+SUMPRODUCT(MAX((${ROUND(`${a}*{${f1},${f2}}`)}>=${ROUND(b)})*{2,1})),${label("off_track")},${label("at_risk")},${label("on_track")})`;
  const [T, B] = [target(c), c.baselineValue];
  const from = `IF(${c.baselineYear}="",${plan.firstYear - 1},${c.baselineYear})`;
  const to = `IF(ISNUMBER(${own(c)}),${latestYear(c)},IF(${c.targetYear}="",${plan.lastYear},${c.targetYear}))`;
  const expected = `IF(${to}<=${from},1,MIN(1,MAX(0,(${latestYear(c)}-${from})/(${to}-${from}))))`;
  return (
    `=IF(COUNT(${c.values})=0,${label("no_data")},IF(${noTarget(c)},${label("no_data")},` +
    `IF(${isDirection(c.direction, "keep")},${graded(`ABS(${T})`, [KEEP_ON_TRACK, KEEP_AT_RISK], `ABS(${latest(c)}-${T})`)},` +
    `IF(${ROUND(`(${latest(c)}-${T})*IF(${isDirection(c.direction, "increase")},1,-1)`)}>=0,${label("on_track")},` +
    `IF(${B}="",${label("no_data")},IF(${ROUND(T)}=${ROUND(B)},${label("off_track")},${graded(c.progress, [1, 2], expected)}))))))`
  );
}
