import { describe, expect, it } from "vitest";
import { FINDING_KINDS, type KindGroup, RULE_KIND, RULE_TITLES, groupFindings } from "../../shared/check/groups.ts";
import { CHECK_RULES, type Finding, checkPlan, locateFindings } from "../../shared/check/plan-check.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { SHEET_KINDS } from "../../shared/layout/grid.ts";
import { buildWorkbook } from "../../shared/layout/workbook.ts";
import { PlanDocument } from "../../shared/model/plan.ts";

const bySheet = (f: Finding) => f.sheet;
const flatten = <F>(groups: KindGroup<F>[]) => groups.flatMap((k) => k.sheets.flatMap((s) => s.rules.flatMap((r) => r.findings)));

/**
 * The AMU strategy with some advice added: a value of 2010 (before the plan), a target year after it,
 * a task running past 2015, and a risk without mitigation, so both parts and three sheets show.
 */
const amuWithAdvice = PlanDocument.parse({
  ...amuPlan,
  indicators: amuPlan.indicators.map((i, n) => (n === 0 ? { ...i, targetYear: 2017 } : i)),
  tasks: amuPlan.tasks.map((t, n) => (n === 0 ? { ...t, start: { year: 2013 }, end: { year: 2016 } } : t)),
  risks: amuPlan.risks.map((r, n) => (n === 0 ? { ...r, mitigation: "" } : r)),
  observations: [{ id: fixtureId(900), indicatorId: amuPlan.indicators[1]!.id, period: { year: 2010 }, value: 5 }],
});

describe("the plan check grouped by kind, sheet and rule", () => {
  it("classifies every rule, and names it in every language", () => {
    for (const rule of CHECK_RULES) {
      expect(FINDING_KINDS).toContain(RULE_KIND[rule]);
      expect(Object.values(RULE_TITLES[rule]).every((t) => t.length > 0)).toBe(true);
    }
  });

  it("on the AMU strategy: every finding once, counts adding up, the larger rule first", () => {
    const findings = checkPlan(amuPlan);
    const groups = groupFindings(findings, bySheet);
    // The AMU strategy lacks only what the method requires: all 218 findings are missing, none advice.
    expect(groups.map((k) => [k.kind, k.count])).toEqual([["missing", findings.length]]);
    const [missing] = groups;
    expect(missing!.sheets.map((s) => [s.sheet, s.count])).toEqual([
      ["goals", findings.filter((f) => f.sheet === "goals").length],
      ["indicators", findings.filter((f) => f.sheet === "indicators").length],
    ]);
    for (const s of missing!.sheets) {
      expect(s.rules.reduce((n, r) => n + r.findings.length, 0)).toBe(s.count);
      for (const r of s.rules) expect(r.findings.every((f) => f.rule === r.rule && f.sheet === s.sheet)).toBe(true);
    }
    // 87 tasks lack a responsible unit and 87 a timeline (ties in the method's order), 22 goals an indicator.
    expect(missing!.sheets[0]!.rules.map((r) => [r.rule, r.findings.length])).toEqual([
      ["task_without_responsible_unit", 87],
      ["task_without_timeline", 87],
      ["goal_without_indicator", 22],
    ]);
    const flat = flatten(groups);
    expect(flat).toHaveLength(findings.length);
    expect(new Set(flat)).toEqual(new Set(findings));
    // Within a rule, the check's row order is kept.
    const timeline = findings.filter((f) => f.rule === "task_without_timeline");
    expect(missing!.sheets[0]!.rules[1]!.findings).toEqual(timeline);
  });

  it("puts what is missing before advice, sheets in workbook order, for findings located in the sheets", () => {
    const findings = checkPlan(amuWithAdvice);
    const located = locateFindings(findings, buildWorkbook(amuWithAdvice, "uk"), "uk");
    const groups = groupFindings(located, (l) => l.sheetKind);
    expect(groups.map((k) => k.kind)).toEqual(["missing", "advice"]);
    expect(groups.reduce((n, k) => n + k.count, 0)).toBe(findings.length);
    for (const k of groups) {
      expect(k.sheets.reduce((n, s) => n + s.count, 0)).toBe(k.count);
      const order = k.sheets.map((s) => SHEET_KINDS.indexOf(s.sheet));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      for (const s of k.sheets) for (const r of s.rules) expect(RULE_KIND[r.rule]).toBe(k.kind);
    }
    expect(groups[0]!.sheets.map((s) => s.sheet)).toEqual(["goals", "risks", "indicators"]);
    expect(groups[1]!.sheets.map((s) => [s.sheet, s.rules.map((r) => r.rule)])).toEqual([
      ["goals", ["task_outside_plan_period"]],
      ["indicators", ["indicator_target_year_outside_plan", "observation_outside_plan_period"]],
    ]);
    const flat = flatten(groups);
    expect(new Set(flat.map((l) => l.ref)).size).toBe(located.length);
    expect(flat).toHaveLength(located.length);
  });

  it("gives nothing for a plan with nothing to say", () => {
    expect(groupFindings([], bySheet)).toEqual([]);
  });
});
