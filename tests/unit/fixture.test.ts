import { describe, expect, it } from "vitest";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { PlanDocument } from "../../shared/model/plan.ts";

describe("the AMU strategy fixture", () => {
  it("is a valid plan with every reference resolved", () => {
    expect(() => PlanDocument.parse(amuPlan)).not.toThrow();
    const ids = [amuPlan.plan.id, amuPlan.community.id, ...Object.values(amuPlan).flatMap((v) => (Array.isArray(v) ? v.map((e) => e.id) : []))];
    expect(new Set(ids).size).toBe(ids.length);
    const priorities = new Set(amuPlan.priorities.map((p) => p.id));
    const goals = new Set(amuPlan.goals.map((g) => g.id));
    for (const g of amuPlan.goals) expect(priorities).toContain(g.priorityId);
    for (const t of amuPlan.tasks) expect(goals).toContain(t.goalId);
    for (const i of amuPlan.indicators) if (i.measures) expect(i.measures.kind === "priority" ? priorities : goals).toContain(i.measures.id);
  });

  it("holds the whole document: SWOT by quadrant, 6 priorities, their goals and tasks, both risk tables, the indicators", () => {
    const count = (q: string) => amuPlan.swot.filter((s) => s.quadrant === q).length;
    expect([count("strength"), count("weakness"), count("opportunity"), count("threat")]).toEqual([15, 9, 4, 6]);
    expect(amuPlan.swot.filter((s) => s.group).map((s) => s.group)).toContain("Унікальна роль у суспільному житті");
    expect(amuPlan.priorities.map((p) => p.title)).toEqual([
      "Захист прав та обстоювання інтересів місцевого самоврядування",
      "Сприяння місцевому економічному розвитку",
      "Управління знаннями та професійний розвиток кадрів місцевого самоврядування",
      "Популяризація місцевого самоврядування та забезпечення довіри громадян",
      "Забезпечення рівних прав та можливостей жінок і чоловіків",
      "Інституційний розвиток та нові послуги для членів",
    ]);
    const goalsPer = amuPlan.priorities.map((p) => amuPlan.goals.filter((g) => g.priorityId === p.id).length);
    expect(goalsPer).toEqual([5, 5, 4, 4, 2, 2]);
    expect(amuPlan.goals.every((g) => g.expectedResults && g.expectedResults.length > 20)).toBe(true);
    expect(amuPlan.tasks).toHaveLength(87);
    expect(amuPlan.risks.map((r) => r.kind)).toEqual(["internal", "internal", "internal", "internal", "external", "external", "external"]);
    expect(amuPlan.risks.every((r) => r.mitigation?.startsWith("- "))).toBe(true);
    expect(amuPlan.indicators).toHaveLength(22);
    expect(amuPlan.indicators.filter((i) => i.parentId)).toHaveLength(4);
    expect(amuPlan.indicators.every((i) => i.baselineYear === 2012 && i.responsibleUnit)).toBe(true);
    expect(amuPlan.indicators.filter((i) => i.frequency === "annual_monthly_average").map((i) => i.name)).toEqual(["Кількість відвідувачів сайту АМУ"]);
    expect([amuPlan.plan.firstYear, amuPlan.plan.lastYear]).toEqual([2013, 2015]);
    expect(amuPlan.plan.vision).toMatch(/^Системна, ефективна та адресна діяльність/);
  });
});
