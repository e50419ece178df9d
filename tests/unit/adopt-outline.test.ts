import { describe, expect, it } from "vitest";
import { adopt } from "../../shared/adopt/recognise.ts";
import { sequentialIds } from "./adopt-support.ts";

// Shapes of plans the AMU text does not have: tasks as plain lines under a label, bullets, an indicator of a
// goal with a target year written as a label.
const TEXT = `Strategic priorities
Priority 1: Roads
Goal 1.1: Repair streets
Tasks:
Patch holes.
Resurface the main street.
Expected results: Smooth roads
Goal 1.2: Lighting
• LED lamps
Indicators
Priority 1
Goal 1.2
Indicator: Lamps replaced
Unit: lamps
Target 2027: 500
2026: 300
Frequency: quarterly

Some closing words.`;

describe("adopting an outline typed by hand", () => {
  const result = adopt({ text: TEXT }, { id: sequentialIds(), year: 2026 });

  it("reads each line under a tasks label as a task, and bullets as tasks", () => {
    expect(result.doc.tasks.map((t) => t.title)).toEqual(["Patch holes.", "Resurface the main street.", "LED lamps"]);
    expect(result.doc.goals.map((g) => [g.title, g.expectedResults])).toEqual([["Repair streets", "Smooth roads"], ["Lighting", undefined]]);
  });

  it("reads an indicator of a goal with its yearly and final targets", () => {
    const lighting = result.doc.goals.find((g) => g.title === "Lighting")!;
    expect(result.doc.indicators).toMatchObject([
      { name: "Lamps replaced", unit: "lamps", measures: { kind: "goal", id: lighting.id }, targetYear: 2027, targetValue: 500, targets: [{ year: 2026, value: 300 }], frequency: "quarterly" },
    ]);
  });

  it("leaves the closing words unrecognised and takes the plan's years from the caller", () => {
    expect(result.unrecognised).toEqual([{ line: 19, text: "Some closing words." }]);
    expect([result.doc.plan.firstYear, result.doc.plan.lastYear, result.doc.plan.language]).toEqual([2026, 2026, "en"]);
  });
});
