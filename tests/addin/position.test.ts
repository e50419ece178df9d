import { describe, expect, it } from "vitest";
import type { PositionResponse } from "../../shared/api/compare.ts";
import { positionRows } from "../../addin/src/components/position-rows.ts";
import { strings } from "../../addin/src/strings.ts";

const entry = (code: string, status: "active" | "retired" = "active") =>
  ({ code, nameUk: `Показник ${code}`, nameEn: `Indicator ${code}`, unit: "од.", direction: "increase", status }) as const;

const response: PositionResponse = {
  associationId: "00000000-0000-4000-a000-000000000001",
  communityId: "00000000-0000-4000-a000-000000000002",
  year: 2022,
  release: { year: 2022, number: 1, publishedAt: "2026-11-30T12:00:00.000Z", publishedBy: { id: "00000000-0000-4000-a000-000000000003", name: "Analyst" } },
  items: [
    { entry: entry("POP"), value: 1234.567, rank: 3, quartile: 4, stats: { year: 2022, count: 4, min: 12, q1: 19.5, median: 25, q3: 31, max: 40 } },
    // The member has no value; the association has one member's.
    { entry: entry("OLD", "retired"), value: null, rank: null, quartile: null, stats: { year: 2022, count: 1, min: 7, q1: 7, median: 7, q3: 7, max: 7 } },
    // Nobody reported the year: no statistics either, never zeros.
    { entry: entry("NEW"), value: null, rank: null, quartile: null, stats: { year: 2022, count: 0, min: null, q1: null, median: null, q3: null, max: null } },
  ],
};

describe("a member's position in the pane", () => {
  it("shows its value, rank among those with a value, quartile and the association's middle half, in the pane's language", () => {
    expect(positionRows(response, "en", strings("en"))).toEqual([
      { code: "POP", indicator: "Indicator POP, од.", value: "1,234.57", rank: "3 of 4", quartile: "4 (last quarter)", median: "25", middle: "19.5 – 31" },
      { code: "OLD", indicator: "Indicator OLD, од. (retired)", value: "no value", rank: "—", quartile: "—", median: "7", middle: "7 – 7" },
      { code: "NEW", indicator: "Indicator NEW, од.", value: "no value", rank: "—", quartile: "—", median: "—", middle: "—" },
    ]);
    // Ukrainian names the entry by its Ukrainian name and writes numbers the Ukrainian way.
    const [pop] = positionRows(response, "uk", strings("uk"));
    expect(pop).toMatchObject({ indicator: "Показник POP, од.", value: "1\u00a0234,57", rank: "3 з 4", quartile: "4 (остання чверть)", middle: "19,5 – 31" });
  });
});
