import type { Labels } from "../i18n/labels.ts";
import { formatPeriod } from "../layout/cells.ts";
import { planTree } from "../layout/codes.ts";
import { indicatorSheetOrder } from "../layout/indicators.ts";
import type { Problem, SheetGrid, SheetKind } from "../layout/grid.ts";
import { problemAt } from "../layout/table.ts";
import { SHEET_NAMES } from "../layout/workbook.ts";
import type { Language, Period, PlanDocument, Task } from "../model/plan.ts";

/**
 * The plan check: what a plan still lacks by the method of strategic municipal planning (priorities
 * broken into goals, goals into tasks with whom and when, every goal measured by indicators with a
 * baseline before the plan and a target within it, risks with mitigation measures). Each finding names
 * the entity and the field that needs attention; `locateFindings` turns them into cells of the sheets.
 */

export const CHECK_RULES = [
  "priority_without_goal",
  "goal_without_indicator",
  "goal_without_task",
  "task_without_responsible_unit",
  "task_without_timeline",
  "task_end_before_start",
  "task_outside_plan_period",
  "risk_without_mitigation",
  "indicator_without_baseline_year",
  "indicator_baseline_not_before_plan",
  "indicator_without_target_value",
  "indicator_target_year_outside_plan",
  "indicator_without_responsible_unit",
  "observation_outside_plan_period",
] as const;
export type CheckRule = (typeof CHECK_RULES)[number];

export interface Finding {
  rule: CheckRule;
  sheet: SheetKind;
  /** The entity whose row needs attention (for a value outside the period: its indicator). */
  entityId: string;
  /** The column key of the cell that needs attention: "title", "targetValue", "start", "y2012"… */
  field?: string;
  message: Labels;
}

/** A finding at its cell; `sheetKind` says which of the plan's sheets it is on, whatever its name. */
export type LocatedFinding = Problem & { rule: CheckRule; sheetKind: SheetKind };

// ---------------------------------------------------------------------------------------------------
// Wording

const TITLE_MAX = 60;

/** A title short enough for a message: whitespace collapsed, cut at a word near 60 characters with "…". */
export function shortTitle(text: string, max = TITLE_MAX): string {
  const s = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  let cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  if (space >= max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,.;:–—-]+$/u, "")}…`;
}

const quoted = (t: string): Labels => {
  const s = shortTitle(t);
  return { uk: `«${s}»`, en: `“${s}”`, lt: `„${s}“` };
};

/** "Ціль 1.2 «…»", "Goal 1.2 “…”", "Tikslas 1.2 „…“". */
function named(kind: Labels, code: string | undefined, title: string): Labels {
  const q = quoted(title);
  const c = code ? ` ${code}` : "";
  return { uk: `${kind.uk}${c} ${q.uk}`, en: `${kind.en}${c} ${q.en}`, lt: `${kind.lt}${c} ${q.lt}` };
}

const KIND: Record<"priority" | "goal" | "task" | "risk" | "indicator", Labels> = {
  priority: { uk: "Пріоритет", en: "Priority", lt: "Prioritetas" },
  goal: { uk: "Ціль", en: "Goal", lt: "Tikslas" },
  task: { uk: "Завдання", en: "Task", lt: "Uždavinys" },
  risk: { uk: "Ризик", en: "Risk", lt: "Rizika" },
  indicator: { uk: "Показник", en: "Indicator", lt: "Rodiklis" },
};

/** `${subject}: ${detail}` in each language. */
function say(subject: Labels, detail: Labels, sep = ": "): Labels {
  return { uk: `${subject.uk}${sep}${detail.uk}`, en: `${subject.en}${sep}${detail.en}`, lt: `${subject.lt}${sep}${detail.lt}` };
}

/** Ukrainian noun after a number: 1 показник, 2 показники, 5 показників (21 показник…). */
function ukPlural(n: number, one: string, few: string, many: string): string {
  const d = n % 10;
  const h = n % 100;
  if (d === 1 && h !== 11) return one;
  if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
  return many;
}

/** Lithuanian noun after a number: 1 rodiklį, 2 rodiklius, 10 rodiklių (accusative, after "turi"). */
function ltPlural(n: number, one: string, few: string, many: string): string {
  const d = n % 10;
  const h = n % 100;
  if (h >= 10 && h <= 20) return many;
  if (d === 1) return one;
  if (d === 0) return many;
  return few;
}

function priorityIndicatorsNote(priorityCode: string, n: number): Labels {
  const single = n === 1;
  return {
    uk: `пріоритет ${priorityCode} має ${n} ${ukPlural(n, "показник", "показники", "показників")}, але ${single ? "він вимірює" : "вони вимірюють"} пріоритет загалом, а не цю ціль`,
    en: `priority ${priorityCode} has ${n} ${single ? "indicator" : "indicators"}, but ${single ? "it measures" : "they measure"} the priority as a whole, not this goal`,
    lt: `prioritetas ${priorityCode} turi ${n} ${ltPlural(n, "rodiklį", "rodiklius", "rodiklių")}, bet ${single ? "jis" : "jie"} matuoja visą prioritetą, o ne šį tikslą`,
  };
}

const span = (first: number, last: number) => (first === last ? String(first) : `${first}–${last}`);

function timelineText(t: Task): Labels {
  if (t.start && t.end) {
    const s = `${formatPeriod(t.start)}–${formatPeriod(t.end)}`;
    return { uk: s, en: s, lt: s };
  }
  if (t.start) {
    const s = formatPeriod(t.start);
    return { uk: `з ${s}`, en: `from ${s}`, lt: `nuo ${s}` };
  }
  const e = formatPeriod(t.end!);
  return { uk: `до ${e}`, en: `until ${e}`, lt: `iki ${e}` };
}

// ---------------------------------------------------------------------------------------------------
// The check

const isBlank = (s: string | undefined) => s === undefined || s.trim() === "";

/** First and last quarter a period covers, as a count of quarters: a bare year spans Q1–Q4. */
const firstQuarter = (p: Period) => p.year * 4 + (p.quarter ?? 1) - 1;
const lastQuarter = (p: Period) => p.year * 4 + (p.quarter ?? 4) - 1;

/** Column order of the fields findings point at, per sheet, so that a row's findings read left to right. */
const FIELD_ORDER: Partial<Record<SheetKind, readonly string[]>> = {
  goals: ["title", "responsibleUnit", "start", "end"],
  risks: ["risk", "mitigation"],
  indicators: ["name", "baselineYear", "targetValue", "targetYear", "responsibleUnit"],
};
function fieldRank(f: Finding): number {
  const order = FIELD_ORDER[f.sheet] ?? [];
  if (!f.field) return -1;
  const year = /^y(\d{4})$/.exec(f.field);
  if (year) return order.length + Number(year[1]);
  const i = order.indexOf(f.field);
  return i < 0 ? order.length : i;
}
const leftToRight = (row: Finding[]) => row.map((f, i) => ({ f, i })).sort((a, b) => fieldRank(a.f) - fieldRank(b.f) || a.i - b.i).map((x) => x.f);

/** What the plan still lacks, in sheet order (Priorities-Goals-Tasks, Risks, Indicators) and row order. */
export function checkPlan(doc: PlanDocument): Finding[] {
  const { firstYear, lastYear } = doc.plan;
  const period = span(firstYear, lastYear);
  const inPlan = (year: number) => year >= firstYear && year <= lastYear;
  const findings: Finding[] = [];
  const row = (list: Finding[]) => findings.push(...leftToRight(list));

  // How many indicators measure each priority and each goal ("priority|id", "goal|id").
  const measured = new Map<string, number>();
  for (const i of doc.indicators) if (i.measures) measured.set(`${i.measures.kind}|${i.measures.id}`, (measured.get(`${i.measures.kind}|${i.measures.id}`) ?? 0) + 1);
  const measuring = (kind: "priority" | "goal", id: string) => measured.get(`${kind}|${id}`) ?? 0;

  // Priorities-Goals-Tasks, in the sheet's row order.
  for (const p of planTree(doc)) {
    const priority = named(KIND.priority, p.code, p.priority.title);
    if (p.goals.length === 0)
      row([
        {
          rule: "priority_without_goal",
          sheet: "goals",
          entityId: p.priority.id,
          field: "title",
          message: say(priority, { uk: "не має жодної стратегічної цілі", en: "has no strategic goal", lt: "neturi nė vieno strateginio tikslo" }, " "),
        },
      ]);
    const ofPriority = measuring("priority", p.priority.id);
    for (const g of p.goals) {
      const goal = named(KIND.goal, g.code, g.goal.title);
      const goalFindings: Finding[] = [];
      if (measuring("goal", g.goal.id) === 0) {
        let message = say(goal, { uk: "не має жодного показника", en: "has no indicator of its own", lt: "neturi nė vieno rodiklio" }, " ");
        if (ofPriority > 0) message = say(message, priorityIndicatorsNote(p.code, ofPriority), "; ");
        goalFindings.push({ rule: "goal_without_indicator", sheet: "goals", entityId: g.goal.id, field: "title", message });
      }
      if (g.tasks.length === 0)
        goalFindings.push({
          rule: "goal_without_task",
          sheet: "goals",
          entityId: g.goal.id,
          field: "title",
          message: say(goal, { uk: "не має жодного завдання", en: "has no task", lt: "neturi nė vieno uždavinio" }, " "),
        });
      row(goalFindings);

      for (const { task: t, code } of g.tasks) {
        const task = named(KIND.task, code, t.title);
        const taskFindings: Finding[] = [];
        const add = (rule: CheckRule, field: string, detail: Labels) =>
          taskFindings.push({ rule, sheet: "goals", entityId: t.id, field, message: say(task, detail) });
        if (isBlank(t.responsibleUnit))
          add("task_without_responsible_unit", "responsibleUnit", {
            uk: "не вказано відповідальний підрозділ",
            en: "no responsible unit",
            lt: "nenurodytas atsakingas padalinys",
          });
        if (!t.start && !t.end)
          add("task_without_timeline", "start", {
            uk: "не вказано строки виконання (початок і завершення)",
            en: "no timeline (neither start nor end)",
            lt: "nenurodytas įgyvendinimo laikotarpis (nei pradžia, nei pabaiga)",
          });
        else if (!t.start)
          add("task_without_timeline", "start", { uk: "не вказано початок виконання", en: "no start", lt: "nenurodyta pradžia" });
        else if (!t.end)
          add("task_without_timeline", "end", { uk: "не вказано завершення виконання", en: "no end", lt: "nenurodyta pabaiga" });
        if (t.start && t.end && lastQuarter(t.end) < firstQuarter(t.start)) {
          const [s, e] = [formatPeriod(t.start), formatPeriod(t.end)];
          add("task_end_before_start", "end", {
            uk: `завершення (${e}) раніше за початок (${s})`,
            en: `the end (${e}) is before the start (${s})`,
            lt: `pabaiga (${e}) ankstesnė už pradžią (${s})`,
          });
        }
        const outside = t.start && !inPlan(t.start.year) ? "start" : t.end && !inPlan(t.end.year) ? "end" : undefined;
        if (outside) {
          const tl = timelineText(t);
          add("task_outside_plan_period", outside, {
            uk: `строки виконання (${tl.uk}) виходять за межі періоду плану ${period}`,
            en: `the timeline (${tl.en}) extends beyond the plan period ${period}`,
            lt: `įgyvendinimo laikotarpis (${tl.lt}) išeina už plano laikotarpio ${period} ribų`,
          });
        }
        row(taskFindings);
      }
    }
  }

  // Risks, in the sheet's row order.
  for (const r of [...doc.risks].sort((a, b) => a.order - b.order))
    if (isBlank(r.mitigation))
      row([
        {
          rule: "risk_without_mitigation",
          sheet: "risks",
          entityId: r.id,
          field: "mitigation",
          message: say(named(KIND.risk, undefined, r.risk), { uk: "не має заходів з мінімізації", en: "has no mitigation measures", lt: "neturi mažinimo priemonių" }, " "),
        },
      ]);

  // Indicators, in the sheet's row order; values of years outside the plan go with their indicator's row.
  const outsideYears = new Map<string, Set<number>>();
  for (const o of doc.observations)
    if (o.value !== null && !inPlan(o.period.year)) outsideYears.set(o.indicatorId, (outsideYears.get(o.indicatorId) ?? new Set()).add(o.period.year));
  for (const i of indicatorSheetOrder(doc.indicators)) {
    const indicator = named(KIND.indicator, isBlank(i.code) ? undefined : i.code!.trim(), i.name);
    const list: Finding[] = [];
    const add = (rule: CheckRule, field: string, message: Labels) => list.push({ rule, sheet: "indicators", entityId: i.id, field, message });
    if (i.baselineYear === undefined)
      add("indicator_without_baseline_year", "baselineYear", say(indicator, { uk: "не вказано базовий рік", en: "no baseline year", lt: "nenurodyti baziniai metai" }));
    else if (i.baselineYear >= firstYear)
      add(
        "indicator_baseline_not_before_plan",
        "baselineYear",
        say(indicator, {
          uk: `базовий рік ${i.baselineYear} має передувати першому року плану (${firstYear})`,
          en: `the baseline year ${i.baselineYear} must come before the plan's first year (${firstYear})`,
          lt: `baziniai metai ${i.baselineYear} turi būti ankstesni už pirmuosius plano metus (${firstYear})`,
        }),
      );
    if (i.targetValue === undefined)
      add("indicator_without_target_value", "targetValue", say(indicator, { uk: "не вказано цільове значення", en: "no target value", lt: "nenurodyta siektina reikšmė" }));
    if (i.targetYear !== undefined && !inPlan(i.targetYear))
      add(
        "indicator_target_year_outside_plan",
        "targetYear",
        say(indicator, {
          uk: `цільовий рік ${i.targetYear} поза періодом плану ${period}`,
          en: `the target year ${i.targetYear} is outside the plan period ${period}`,
          lt: `siekimo metai ${i.targetYear} nepatenka į plano laikotarpį ${period}`,
        }),
      );
    if (isBlank(i.responsibleUnit))
      add("indicator_without_responsible_unit", "responsibleUnit", say(indicator, { uk: "не вказано, хто відповідає за показник", en: "no responsible unit", lt: "nenurodyta, kas atsakingas už rodiklį" }));
    for (const year of [...(outsideYears.get(i.id) ?? [])].sort((a, b) => a - b))
      add(
        "observation_outside_plan_period",
        `y${year}`,
        say(
          indicator,
          {
            uk: `має значення за ${year} рік, поза періодом плану ${period}`,
            en: `has a value for ${year}, outside the plan period ${period}`,
            lt: `turi ${year} m. reikšmę, nepatenkančią į plano laikotarpį ${period}`,
          },
          " ",
        ),
      );
    row(list);
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// Cells

/** The column a finding falls back to when its field has no column (e.g. a year outside the plan). */
const ROW_COLUMN: Partial<Record<SheetKind, string>> = { swot: "text", goals: "title", risks: "risk", indicators: "name" };

const unquote = (c: unknown) => {
  const s = typeof c === "string" ? c : c === null || c === undefined ? "" : String(c);
  return (s.startsWith("'") ? s.slice(1) : s).trim().toLowerCase();
};

/**
 * The cells the findings point at, in the given grids (as built by `buildWorkbook`): the entity's row
 * by the hidden id column, the field's column by its key. A finding whose sheet is not among the grids,
 * or whose entity has no row there, points at the header of its column (row 1), so it is never lost.
 */
export function locateFindings<F extends Omit<Finding, "rule"> & { rule: string } = Finding>(
  findings: readonly F[],
  grids: SheetGrid[],
  language: Language,
): (Problem & { rule: F["rule"]; sheetKind: SheetKind })[] {
  const byKind = new Map(grids.map((g) => [g.kind, g]));
  const rowsOf = new Map<SheetGrid, Map<string, number>>();
  const rowIndex = (grid: SheetGrid, id: string): number => {
    let rows = rowsOf.get(grid);
    if (!rows) {
      rows = new Map();
      const idCol = grid.columns.findIndex((c) => c.key === "id");
      if (idCol >= 0)
        for (let r = 1; r < grid.cells.length; r++) {
          const id = unquote(grid.cells[r]?.[idCol]);
          if (id && !rows.has(id)) rows.set(id, r);
        }
      rowsOf.set(grid, rows);
    }
    return rows.get(id.toLowerCase()) ?? 0;
  };
  return findings.map((f) => {
    const grid = byKind.get(f.sheet);
    // `message` in the pane's language; `text` keeps every language.
    const message = f.message[language];
    if (!grid) return { ...problemAt(SHEET_NAMES[f.sheet][language], 0, 0, f.message), message, rule: f.rule, sheetKind: f.sheet };
    const col = (key: string | undefined) => (key === undefined ? -1 : grid.columns.findIndex((c) => c.key === key));
    let c = col(f.field);
    if (c < 0) c = col(ROW_COLUMN[f.sheet]);
    if (c < 0) c = 0;
    return { ...problemAt(grid.name, rowIndex(grid, f.entityId), c, f.message), message, rule: f.rule, sheetKind: f.sheet };
  });
}
