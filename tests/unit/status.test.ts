import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indicatorProgress, indicatorStatus, round, roundHeld, type StatusInput } from "../../shared/monitoring/status.ts";

const plan = { firstYear: 2013, lastYear: 2015 };
const ind = (over: Partial<StatusInput>): StatusInput => ({ direction: "increase", baselineYear: 2012, baselineValue: 10, targetValue: 40, targetYear: 2015, values: [], plan, ...over });

describe("indicator progress and status (one documented rule)", () => {
  it.each([
    ["no values", ind({}), "no_data", undefined],
    ["no target", ind({ targetValue: undefined, values: [{ year: 2013, value: 20 }] }), "no_data", undefined],
    // 1 of 3 years elapsed: expected 1/3; progress (20-10)/30 = 1/3
    ["increase on schedule", ind({ values: [{ year: 2013, value: 20 }] }), "on_track", 1 / 3],
    // 2 of 3 years: expected 2/3; progress 0.4 ≥ 1/3 → at risk
    ["increase behind", ind({ values: [{ year: 2013, value: 12 }, { year: 2014, value: 22 }] }), "at_risk", 0.4],
    ["increase far behind", ind({ values: [{ year: 2014, value: 12 }] }), "off_track", 2 / 30],
    ["target already met", ind({ values: [{ year: 2013, value: 45 }] }), "on_track", 35 / 30],
    ["latest value wins, empty cells skipped", ind({ values: [{ year: 2015, value: null }, { year: 2014, value: 40 }, { year: 2013, value: 11 }] }), "on_track", 1],
    ["decrease on track", ind({ direction: "decrease", baselineValue: 100, targetValue: 70, values: [{ year: 2013, value: 85 }] }), "on_track", 0.5],
    ["decrease wrong way", ind({ direction: "decrease", baselineValue: 100, targetValue: 70, values: [{ year: 2013, value: 105 }] }), "off_track", -5 / 30],
    ["missing baseline, not met", ind({ baselineValue: undefined, values: [{ year: 2013, value: 20 }] }), "no_data", undefined],
    ["missing baseline, met", ind({ baselineValue: undefined, values: [{ year: 2013, value: 50 }] }), "on_track", undefined],
    ["keep within 5%", ind({ direction: "keep", targetValue: 100, values: [{ year: 2014, value: 96 }] }), "on_track", undefined],
    ["keep within 10%", ind({ direction: "keep", targetValue: 100, values: [{ year: 2014, value: 91 }] }), "at_risk", undefined],
    ["keep off", ind({ direction: "keep", targetValue: 100, values: [{ year: 2014, value: 80 }] }), "off_track", undefined],
  ])("%s", (_name, input, status, progress) => {
    expect(indicatorStatus(input)).toBe(status);
    const p = indicatorProgress(input);
    if (progress === undefined) expect(p).toBeUndefined();
    else expect(p).toBeCloseTo(progress, 10);
  });
});

describe("round: Excel's ROUND(x, 9), which both sides of every comparison go through", () => {
  it.each([
    ["a float error vanishes", 0.1 + 0.2, 0.3],
    ["the other way", 6.3 - 6, 0.3],
    ["half away from zero, on the decimal digits", 1.0000000005, 1.000000001],
    ["negative half away from zero", -1.0000000005, -1.000000001],
    ["below half", 1.0000000004999, 1],
    ["a tenth digit less than five", 2.0000000004, 2],
    ["past a million only 15 significant digits are kept", 1234567.123456789, 1234567.12345679],
    ["large numbers stay", 1e300, 1e300],
    ["zero", 0, 0],
  ])("%s", (_name, x, rounded) => {
    expect(round(x)).toBe(rounded);
  });
  it("keeps threshold pairs equal that exact arithmetic tells apart", () => {
    expect(6 * 1.05 >= 6.3 && 6.3 >= 6 * 1.05).toBe(false);
    expect(round(6 * 1.05)).toBe(round(6.3));
    expect(round(0.3 / 0.4)).toBe(round(3 / 4));
  });
});

describe("round's fast path", () => {
  it("gives what the string path gives, for any number and for numbers of up to 9 decimals", () => {
    const decimals = fc.tuple(fc.integer({ min: -999_999, max: 999_999 }), fc.integer({ min: 0, max: 999_999_999 })).map(([i, f]) => i + Math.sign(i || 1) * (f / 1e9));
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), decimals), (x) => {
        expect(round(x), String(x)).toBe(roundHeld(x));
      }),
      { numRuns: 20_000 },
    );
    // The cases the string path exists for still take it.
    expect([round(0.1 + 0.2), round(6 * 1.05), round(1.0000000005), round(-0)]).toEqual([0.3, 6.3, 1.000000001, 0]);
    expect(Object.is(round(-0), 0)).toBe(true);
  });
});
