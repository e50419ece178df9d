import { describe, expect, it } from "vitest";
import { canDemote, canPromote, demote, ignore, mergeWithPrevious, promote } from "../../shared/adopt/operations.ts";
import { adopt, type AdoptResult } from "../../shared/adopt/recognise.ts";
import { sequentialIds } from "./adopt-support.ts";

const TEXT = [
  "Strategic priorities",
  "1. Roads", // line 2
  "1.1. Repair streets",
  "1.1.1. Patch holes",
  "1.1.2. Resurface the main street",
  "Expected results: Smooth roads",
  "1.2. Lighting", // line 7
  "1.2.1. LED lamps",
  "2. Schools", // line 9
  "2.1. Renovate schools",
  "Indicators",
  "Indicator: Streets repaired", // line 12
  "Indicator: Lamps replaced",
  "Indicator: of which: on main streets",
].join("\n");

const adopted = () => adopt({ text: TEXT }, { id: sequentialIds(), year: 2026 });
const keyOf = (r: AdoptResult, text: string) => r.items.find((i) => i.text === text)!.key;

/** The plan's tree as text: priority > goal > task, and each goal's expected results. */
function tree(r: AdoptResult) {
  const { priorities, goals, tasks } = r.doc;
  return priorities.map((p) => ({
    [p.title]: goals
      .filter((g) => g.priorityId === p.id)
      .map((g) => ({ [g.title]: tasks.filter((t) => t.goalId === g.id).map((t) => t.title), results: g.expectedResults })),
  }));
}

describe("correcting an adopted plan in the preview", () => {
  it("reads the outline it is given", () => {
    expect(tree(adopted())).toEqual([
      { Roads: [{ "Repair streets": ["Patch holes", "Resurface the main street"], results: "Smooth roads" }, { Lighting: ["LED lamps"], results: undefined }] },
      { Schools: [{ "Renovate schools": [], results: undefined }] },
    ]);
  });

  it("demotes a goal to a task of the goal above, which takes its tasks too", () => {
    const r = adopted();
    const before = structuredClone(r);
    const after = demote(r, keyOf(r, "Lighting"));
    expect(tree(after)[0]).toEqual({
      Roads: [{ "Repair streets": ["Patch holes", "Resurface the main street", "Lighting", "LED lamps"], results: "Smooth roads" }],
    });
    expect(after.items.find((i) => i.text === "Lighting")).toMatchObject({ kind: "task", level: 3 });
    expect(r).toEqual(before);
  });

  it("demotes a priority to a goal of the priority above", () => {
    const r = adopted();
    expect(tree(demote(r, keyOf(r, "Schools")))).toEqual([
      {
        Roads: [
          { "Repair streets": ["Patch holes", "Resurface the main street"], results: "Smooth roads" },
          { Lighting: ["LED lamps"], results: undefined },
          { Schools: [], results: undefined },
          { "Renovate schools": [], results: undefined },
        ],
      },
    ]);
  });

  it("promotes a task to a goal, which takes what followed it under its old goal", () => {
    const r = adopted();
    expect(tree(promote(r, keyOf(r, "Patch holes")))[0]).toEqual({
      Roads: [
        { "Repair streets": [], results: undefined },
        { "Patch holes": ["Resurface the main street"], results: "Smooth roads" },
        { Lighting: ["LED lamps"], results: undefined },
      ],
    });
  });

  it("cannot demote a first item or promote a priority, and then returns the result as it was", () => {
    const r = adopted();
    expect([canDemote(r, keyOf(r, "Roads")), canDemote(r, keyOf(r, "Repair streets")), canPromote(r, keyOf(r, "Roads"))]).toEqual([false, false, false]);
    expect(demote(r, keyOf(r, "Repair streets"))).toBe(r);
    expect(promote(r, keyOf(r, "Roads"))).toBe(r);
  });

  it("merges a line with the one above it, keeping both source lines", () => {
    const r = adopted();
    const after = mergeWithPrevious(r, keyOf(r, "Resurface the main street"));
    expect(after.doc.tasks.map((t) => t.title)).toEqual(["Patch holes Resurface the main street", "LED lamps"]);
    expect(after.items.find((i) => i.text.startsWith("Patch holes"))!.source.map((s) => s.line)).toEqual([4, 5]);
  });

  it("ignores an item: its line joins the unrecognised ones, its tasks the goal above", () => {
    const r = adopted();
    const after = ignore(r, keyOf(r, "Lighting"));
    expect(after.unrecognised.map((l) => l.line)).toEqual([7]);
    expect(tree(after)[0]).toEqual({ Roads: [{ "Repair streets": ["Patch holes", "Resurface the main street", "LED lamps"], results: "Smooth roads" }] });
  });

  it("sets aside the whole branch of an ignored item with nothing above it, so no line is lost", () => {
    const r = adopted();
    const after = ignore(r, keyOf(r, "Roads"));
    expect(after.doc.priorities.map((p) => p.title)).toEqual(["Schools"]);
    expect(after.unrecognised.map((l) => l.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it("makes an indicator a part of the one above, and a part an indicator of its own", () => {
    const r = adopted();
    const parentOf = (x: AdoptResult, name: string) => {
      const i = x.doc.indicators.find((k) => k.name === name)!;
      return x.doc.indicators.find((k) => k.id === i.parentId)?.name;
    };
    expect(parentOf(r, "of which: on main streets")).toBe("Lamps replaced");
    const demoted = demote(r, keyOf(r, "Lamps replaced"));
    expect([parentOf(demoted, "Lamps replaced"), parentOf(demoted, "of which: on main streets")]).toEqual(["Streets repaired", "Streets repaired"]);
    const promoted = promote(r, keyOf(r, "of which: on main streets"));
    expect(parentOf(promoted, "of which: on main streets")).toBeUndefined();
    expect(promoted.items.find((i) => i.text === "of which: on main streets")!.level).toBe(1);
  });
});
