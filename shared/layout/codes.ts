import type { Goal, IndicatorTarget, PlanDocument, Priority, Task } from "../model/plan.ts";

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;

// Map.groupBy needs Node 21; the add-in also runs in older Office webviews.
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export interface GoalBranch {
  goal: Goal;
  code: string;
  tasks: { task: Task; code: string }[];
}
export interface PriorityBranch {
  priority: Priority;
  code: string;
  goals: GoalBranch[];
}

/**
 * The priority → goal → task tree in plan order, numbered the way strategy documents number them
 * ("1", "1.2", "1.2.3"). Indicators refer to priorities and goals by these codes in the sheets.
 */
export function planTree(doc: PlanDocument): PriorityBranch[] {
  const goalsOf = groupBy([...doc.goals].sort(byOrder), (g) => g.priorityId);
  const tasksOf = groupBy([...doc.tasks].sort(byOrder), (t) => t.goalId);
  return [...doc.priorities].sort(byOrder).map((priority, pi) => {
    const code = String(pi + 1);
    return {
      priority,
      code,
      goals: (goalsOf.get(priority.id) ?? []).map((goal, gi) => {
        const goalCode = `${code}.${gi + 1}`;
        return {
          goal,
          code: goalCode,
          tasks: (tasksOf.get(goal.id) ?? []).map((task, ti) => ({ task, code: `${goalCode}.${ti + 1}` })),
        };
      }),
    };
  });
}

export interface TargetCodes {
  codeOf(target: IndicatorTarget | undefined): string | undefined;
  targetOf(code: string): IndicatorTarget | undefined;
  codes: string[];
}

export function targetCodes(doc: PlanDocument): TargetCodes {
  const byId = new Map<string, string>();
  const byCode = new Map<string, IndicatorTarget>();
  for (const p of planTree(doc)) {
    byId.set(p.priority.id, p.code);
    byCode.set(p.code, { kind: "priority", id: p.priority.id });
    for (const g of p.goals) {
      byId.set(g.goal.id, g.code);
      byCode.set(g.code, { kind: "goal", id: g.goal.id });
    }
  }
  return {
    codeOf: (t) => (t ? byId.get(t.id) : undefined),
    targetOf: (code) => byCode.get(code.trim().replace(/\.$/, "")),
    codes: [...byCode.keys()],
  };
}
