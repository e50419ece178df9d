import type { PositionResponse } from "../../../shared/api/compare.ts";
import { entryName } from "../../../shared/layout/comparison.ts";
import type { Language } from "../../../shared/model/plan.ts";
import type { Strings } from "../strings.ts";

/** One indicator of a member's position as the panel shows it: text, in the pane's language. */
export interface PositionRow {
  code: string;
  indicator: string;
  value: string;
  rank: string;
  quartile: string;
  median: string;
  /** The association's middle half: Q1 to Q3. */
  middle: string;
}

/**
 * The store's position answer as rows of text. Only what the answer holds is shown (the member's own
 * value and the association's statistics); a year with no value says so rather than showing a zero.
 */
export function positionRows(response: PositionResponse, language: Language, t: Strings): PositionRow[] {
  const p = t.position;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const show = (v: number | null) => (v === null ? p.noValue : number.format(v));
  return response.items.map(({ entry, value, rank, quartile, stats }) => ({
    code: entry.code,
    indicator: `${entryName(entry, language)}, ${entry.unit}${entry.status === "retired" ? ` (${t.compare.retired})` : ""}`,
    value: show(value),
    rank: rank === null ? t.none : p.rankOf(rank, stats.count),
    quartile: quartile === null ? t.none : p.quartile(quartile),
    // Statistics over too few members are withheld by the server (MIN_SHARED_GROUP): a dash, not "no value".
    median: stats.median === null ? t.none : number.format(stats.median),
    middle: stats.q1 === null || stats.q3 === null ? t.none : `${number.format(stats.q1)} – ${number.format(stats.q3)}`,
  }));
}
