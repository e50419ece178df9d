import { describe, expect, it } from "vitest";
import { dueEnd, dueOnProblem, PutDueDateRequest, summarizeTimeliness, timelinessOf } from "../../shared/api/deadlines.ts";

/** The timeliness rule of shared/api/deadlines.ts, at fixed instants. */

describe("dueEnd: midnight after the due day in Kyiv", () => {
  it.each([
    ["2022-01-31", "2022-01-31T22:00:00.000Z"], // EET, UTC+2
    ["2022-07-31", "2022-07-31T21:00:00.000Z"], // EEST, UTC+3
    // Summer time starts at 03:00 on 27 March 2022: the night into it is still winter time.
    ["2022-03-26", "2022-03-26T22:00:00.000Z"],
    ["2022-03-27", "2022-03-27T21:00:00.000Z"],
    // It ends at 04:00 on 30 October 2022: the night into it is still summer time.
    ["2022-10-29", "2022-10-29T21:00:00.000Z"],
    ["2022-10-30", "2022-10-30T22:00:00.000Z"],
    // The end of a month and of a (leap) year roll over.
    ["2024-02-29", "2024-02-29T22:00:00.000Z"],
    ["2024-12-31", "2024-12-31T22:00:00.000Z"],
  ])("%s ends at %s", (dueOn, end) => {
    expect(dueEnd(dueOn)).toBe(end);
  });
});

describe("timelinessOf", () => {
  const end = dueEnd("2022-03-31");
  it("counts a round reported before the day's end as on time, at or after it as late, whatever the time now", () => {
    expect(timelinessOf(end, "2022-03-31T20:59:59.999Z", "2030-01-01T00:00:00.000Z")).toBe("on_time");
    expect(timelinessOf(end, "2022-03-31T21:00:00.000Z", "2022-03-31T21:00:00.000Z")).toBe("late");
  });
  it("counts an unreported round missing once the day has ended, not yet due before", () => {
    expect(timelinessOf(end, null, "2022-03-31T20:59:59.999Z")).toBe("not_due");
    expect(timelinessOf(end, null, "2022-03-31T21:00:00.000Z")).toBe("missing");
  });
  it("says none without a due date", () => {
    expect(timelinessOf(null, "2022-03-01T00:00:00.000Z", "2022-04-01T00:00:00.000Z")).toBe("none");
    expect(timelinessOf(null, null, "2022-04-01T00:00:00.000Z")).toBe("none");
  });
});

describe("summarizeTimeliness", () => {
  it("counts each state and the on-time share of the members expected", () => {
    expect(summarizeTimeliness("2022-03-31", ["on_time", "late", "missing", "on_time", "not_due"])).toEqual({
      dueOn: "2022-03-31",
      dueEnd: "2022-03-31T21:00:00.000Z",
      expected: 5,
      onTime: 2,
      late: 1,
      missing: 1,
      notDue: 1,
      onTimeRate: 0.4,
    });
  });
  it("has no rate without members and no summary without a due date", () => {
    expect(summarizeTimeliness("2022-03-31", [])).toMatchObject({ expected: 0, onTimeRate: null });
    expect(summarizeTimeliness(null, ["none", "none"])).toBeNull();
  });
});

describe("a due date's input", () => {
  it("is a real calendar date in the reporting year or the five after it", () => {
    expect(PutDueDateRequest.safeParse({ dueOn: "2022-02-29" }).success).toBe(false);
    expect(PutDueDateRequest.safeParse({ dueOn: "31.03.2022" }).success).toBe(false);
    expect(dueOnProblem(2021, "2021-12-31")).toBeNull();
    expect(dueOnProblem(2021, "2026-12-31")).toBeNull();
    expect(dueOnProblem(2021, "2020-12-31")).toBe("before_year");
    expect(dueOnProblem(2021, "2027-01-01")).toBe("too_late");
  });
});
