import { GOAL_LEVEL_LABELS, TASK_STATUS_LABELS } from "../i18n/labels.ts";
import { M, type Msg, join } from "../i18n/problems.ts";
import {
  Goal,
  type Language,
  type Money,
  type PlanDocument,
  Priority,
  Task,
  type Goal as GoalT,
  type Priority as PriorityT,
  type Task as TaskT,
} from "../model/plan.ts";
import { planTree } from "./codes.ts";
import type { SheetGrid, SheetValues } from "./grid.ts";
import { type BuildRow, type Identity, type RowReader, type TableRead, type TableSpec, type UserColumn, buildTable, finishEntity, problemAt, readTable } from "./table.ts";

type Level = keyof typeof GOAL_LEVEL_LABELS;

export const goalsSpec: TableSpec = {
  kind: "goals",
  name: { en: "Priorities-Goals-Tasks", uk: "Пріоритети-цілі-завдання", lt: "Prioritetai-tikslai-uždaviniai" },
  columns: [
    { key: "id", header: { en: "MuniPlan ID", uk: "MuniPlan ID", lt: "MuniPlan ID" }, type: "id", width: 10 },
    { key: "level", header: { en: "Level", uk: "Рівень", lt: "Lygis" }, type: "enum", enumLabels: GOAL_LEVEL_LABELS, width: 12, required: true },
    { key: "code", header: { en: "No.", uk: "№", lt: "Nr." }, type: "computed", numberFormat: "@", width: 7 },
    { key: "title", header: { en: "Title", uk: "Назва", lt: "Pavadinimas" }, type: "text", width: 60, wrap: true, required: true },
    { key: "expectedResults", header: { en: "Expected results", uk: "Очікувані результати", lt: "Laukiami rezultatai" }, type: "text", width: 50, wrap: true },
    { key: "responsibleUnit", header: { en: "Responsible unit", uk: "Відповідальний підрозділ", lt: "Atsakingas padalinys" }, type: "text", width: 26, wrap: true },
    { key: "start", header: { en: "Start", uk: "Початок", lt: "Pradžia" }, type: "period", width: 10 },
    { key: "end", header: { en: "End", uk: "Завершення", lt: "Pabaiga" }, type: "period", width: 10 },
    { key: "budgetAmount", header: { en: "Budget", uk: "Бюджет", lt: "Biudžetas" }, type: "money", width: 14 },
    { key: "currency", header: { en: "Currency", uk: "Валюта", lt: "Valiuta" }, type: "text", width: 9 },
    { key: "fundingSource", header: { en: "Funding source", uk: "Джерело фінансування", lt: "Finansavimo šaltinis" }, type: "text", width: 26, wrap: true },
    { key: "status", header: { en: "Status", uk: "Статус", lt: "Būsena" }, type: "enum", enumLabels: TASK_STATUS_LABELS, width: 14 },
  ],
  // The level, number and title stay in view beside the task's dates and budget.
  frozenThrough: "title",
  conditionalFormats: (language: Language) => [
    {
      columnKey: "status",
      rules: [
        { equals: TASK_STATUS_LABELS.done[language], fill: "#C6EFCE", font: "#006100" },
        { equals: TASK_STATUS_LABELS.in_progress[language], fill: "#DDEBF7", font: "#1F4E78" },
        { equals: TASK_STATUS_LABELS.postponed[language], fill: "#FFEB9C", font: "#9C5700" },
        { equals: TASK_STATUS_LABELS.cancelled[language], fill: "#EDEDED", font: "#595959" },
      ],
    },
  ],
};

/** The cells a row of each level may fill; anything else on that row is reported, not dropped silently. */
const LEVEL_FIELDS: Record<Level, readonly string[]> = {
  priority: ["title"],
  goal: ["title", "expectedResults"],
  task: ["title", "responsibleUnit", "start", "end", "budgetAmount", "currency", "fundingSource", "status"],
};
const DATA_COLUMNS = goalsSpec.columns.filter((c) => c.type !== "id" && c.type !== "computed" && c.key !== "level");

export function buildGoals(doc: PlanDocument, language: Language, user: UserColumn[] = []): SheetGrid {
  const rows: BuildRow[] = [];
  for (const p of planTree(doc)) {
    rows.push({ level: 0, values: { id: p.priority.id, level: "priority", code: p.code, title: p.priority.title } });
    for (const g of p.goals) {
      rows.push({
        level: 1,
        values: { id: g.goal.id, level: "goal", code: g.code, title: g.goal.title, expectedResults: g.goal.expectedResults },
      });
      for (const { task: t, code } of g.tasks)
        rows.push({
          level: 2,
          values: {
            id: t.id,
            level: "task",
            code,
            title: t.title,
            responsibleUnit: t.responsibleUnit,
            start: t.start,
            end: t.end,
            budgetAmount: t.budget?.amount,
            currency: t.budget?.currency,
            fundingSource: t.fundingSource,
            status: t.status,
          },
        });
    }
  }
  return buildTable(goalsSpec, rows, language, user);
}

type Existing =
  | { id: string; level: "priority"; entity: PriorityT }
  | { id: string; level: "goal"; entity: GoalT }
  | { id: string; level: "task"; entity: TaskT };

export interface GoalsRead {
  read: TableRead;
  priorities?: PriorityT[];
  goals?: GoalT[];
  tasks?: TaskT[];
}

/**
 * What the hierarchy sheet says the tree is. A row's parent is the nearest row above it one level up,
 * so moving a row moves the entity; a row that has no such parent keeps its last good place.
 */
export function readGoals(sheet: SheetValues, base: PlanDocument, identity: Identity): GoalsRead {
  const read = readTable(goalsSpec, sheet);
  if (!read.readable) return { read };
  const existing = new Map<string, Existing>();
  for (const e of base.priorities) existing.set(e.id, { id: e.id, level: "priority", entity: e });
  for (const e of base.goals) existing.set(e.id, { id: e.id, level: "goal", entity: e });
  for (const e of base.tasks) existing.set(e.id, { id: e.id, level: "task", entity: e });

  const priorities: PriorityT[] = [];
  const goals: GoalT[] = [];
  const tasks: TaskT[] = [];
  let priority: PriorityT | undefined;
  let goal: GoalT | undefined;
  const goalCount = new Map<string, number>();
  const taskCount = new Map<string, number>();

  for (const row of read.rows) {
    const { id, base: prev } = identity.resolve(row, existing);
    const level = levelOf(row, prev);
    if (!level) continue;
    reportForeignCells(row, level);
    if (level === "priority") {
      const p = finishEntity(Priority, { id, title: row.get("title", prev?.entity.title), order: priorities.length }, entityAs(prev, "priority"), row);
      if (!p) continue;
      priority = { ...p, order: priorities.length };
      priorities.push(priority);
      goal = undefined;
    } else if (level === "goal") {
      const old = entityAs(prev, "goal");
      if (!priority) {
        misplaced(row, M.goalBelowPriority, old, goals);
        continue;
      }
      const order = goalCount.get(priority.id) ?? 0;
      const g = finishEntity(
        Goal,
        { id, priorityId: priority.id, title: row.get("title", old?.title), expectedResults: row.get("expectedResults", old?.expectedResults), order },
        old,
        row,
      );
      if (!g) continue;
      goal = { ...g, priorityId: priority.id, order };
      goalCount.set(priority.id, order + 1);
      goals.push(goal);
    } else {
      const old = entityAs(prev, "task");
      if (!goal) {
        misplaced(row, M.taskBelowGoal, old, tasks);
        continue;
      }
      const order = taskCount.get(goal.id) ?? 0;
      const t = finishEntity(
        Task,
        {
          id,
          goalId: goal.id,
          title: row.get("title", old?.title),
          responsibleUnit: row.get("responsibleUnit", old?.responsibleUnit),
          start: row.get("start", old?.start),
          end: row.get("end", old?.end),
          budget: readBudget(row, old?.budget),
          fundingSource: row.get("fundingSource", old?.fundingSource),
          status: row.get("status", old?.status) ?? old?.status ?? "planned",
          order,
        },
        old,
        row,
        (f) => (f === "budget" ? "budgetAmount" : f),
      );
      if (!t) continue;
      taskCount.set(goal.id, order + 1);
      tasks.push({ ...t, goalId: goal.id, order });
    }
  }
  restoreParents(base, priorities, goals, tasks, read);
  return { read, priorities, goals, tasks };
}

/**
 * A goal or task kept in place after a problem still points at its old parent. If that parent's row
 * was deleted, the parent stays too: deleting a row never leaves rows that depend on it dangling.
 */
function restoreParents(base: PlanDocument, priorities: PriorityT[], goals: GoalT[], tasks: TaskT[], read: TableRead): void {
  const restored = new Set<string>();
  const keep = <C extends { title: string }, P extends { id: string; title: string }>(
    children: readonly C[],
    parentId: (c: C) => string,
    parents: P[],
    baseParents: readonly P[],
    what: [parent: Level, child: Level],
  ) => {
    const present = new Set(parents.map((p) => p.id));
    for (const c of children) {
      const p = present.has(parentId(c)) ? undefined : baseParents.find((x) => x.id === parentId(c));
      if (!p) continue;
      parents.push(p);
      present.add(p.id);
      restored.add(p.id);
      read.problems.push(
        problemAt(read.sheet, 0, read.columnIndex.get("level") ?? 0, M.parentKept(GOAL_LEVEL_LABELS[what[0]], p.title, GOAL_LEVEL_LABELS[what[1]], c.title)),
      );
    }
  };
  keep(tasks, (t) => t.goalId, goals, base.goals, ["goal", "task"]);
  keep(goals, (g) => g.priorityId, priorities, base.priorities, ["priority", "goal"]);
  if (restored.size === 0) return;
  // A kept parent goes back to its old place among its siblings.
  renumber(priorities, () => "", restored);
  renumber(goals, (g) => g.priorityId, restored);
}

function renumber<E extends { id: string; order: number }>(list: E[], group: (e: E) => string, first: ReadonlySet<string>): void {
  const sorted = [...list].sort((a, b) => group(a).localeCompare(group(b)) || a.order - b.order || Number(first.has(b.id)) - Number(first.has(a.id)));
  const next = new Map<string, number>();
  const orderOf = new Map<string, number>();
  for (const e of sorted) {
    const n = next.get(group(e)) ?? 0;
    next.set(group(e), n + 1);
    orderOf.set(e.id, n);
  }
  list.forEach((e, i) => (list[i] = { ...e, order: orderOf.get(e.id)! }));
}


type EntityByLevel = { priority: PriorityT; goal: GoalT; task: TaskT };

function entityAs<L extends Level>(prev: Existing | undefined, level: L): EntityByLevel[L] | undefined {
  return prev?.level === level ? (prev.entity as EntityByLevel[L]) : undefined;
}

function levelOf(row: RowReader, prev: Existing | undefined): Level | undefined {
  const said = row.get<Level>("level");
  if (prev) {
    if (said && said !== prev.level)
      row.problem("level", M.levelCannotChange(GOAL_LEVEL_LABELS[prev.level], GOAL_LEVEL_LABELS[said]));
    return prev.level;
  }
  if (!said) {
    if (row.isEmpty("level")) row.problem("level", join(M.levelMissing, M.rowNotAdded));
    return undefined;
  }
  return said;
}

function misplaced<E>(row: RowReader, why: Msg, old: E | undefined, into: E[]): void {
  row.problem("level", join(why, old ? M.staysInPlace : M.rowNotAdded));
  if (old) into.push(old);
}

function reportForeignCells(row: RowReader, level: Level): void {
  for (const c of DATA_COLUMNS)
    if (!LEVEL_FIELDS[level].includes(c.key) && !row.isEmpty(c.key))
      row.problem(c.key, M.foreignCell(GOAL_LEVEL_LABELS[level], c.header));
}

function readBudget(row: RowReader, old: Money | undefined): Money | undefined {
  const amount = row.get<number>("budgetAmount", old?.amount);
  const currency = row.get<string>("currency", old?.currency)?.trim().toUpperCase();
  if (amount === undefined && currency === undefined) return undefined;
  if (amount === undefined) {
    row.problem("budgetAmount", old ? join(M.currencyWithoutAmount, M.previousBudgetKept) : M.currencyWithoutAmount);
    return old;
  }
  if (currency === undefined) {
    row.problem("currency", old ? join(M.budgetNeedsCurrency, M.previousBudgetKept) : M.budgetNeedsCurrency);
    return old;
  }
  return { amount, currency };
}
