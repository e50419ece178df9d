import type { Labels } from "../i18n/labels.ts";
import { SHEET_KINDS, type SheetKind } from "../layout/grid.ts";
import { CHECK_RULES, type CheckRule } from "./plan-check.ts";

/**
 * What a finding is to the planner. *missing*: the method requires it and the plan lacks it, so the
 * plan cannot be carried out or monitored as written. *advice*: the plan is usable, but the guides
 * recommend otherwise and the planner may have a reason.
 */
export type FindingKind = "missing" | "advice";
export const FINDING_KINDS: readonly FindingKind[] = ["missing", "advice"];

/**
 * Each rule's kind, from the planning guides in shared/seeds: the Council of Europe's SMP toolkit
 * (000) builds the plan as priorities → goals → actions and ties it to "performance indicators … to
 * make sure that such a plan is successfully implemented and foreseen objectives met"; an indicator
 * measures nothing without a baseline and a target, and is not monitored without someone responsible;
 * an action plan names who does a task and when (the AMU strategy (004), chapter five: "plans and
 * monitoring … the term of implementation"). Years are different: a task may prepare the plan or run
 * on after it, a target may be set for a year beyond it, values of earlier years are the history an
 * indicator is read against, and a baseline may be the year the plan starts when no earlier data
 * exist. Those are advice.
 */
export const RULE_KIND: Record<CheckRule, FindingKind> = {
  priority_without_goal: "missing",
  goal_without_indicator: "missing",
  goal_without_task: "missing",
  task_without_responsible_unit: "missing",
  task_without_timeline: "missing",
  // A timeline that ends before it starts is no timeline: it has to be fixed, like a missing one.
  task_end_before_start: "missing",
  task_outside_plan_period: "advice",
  risk_without_mitigation: "missing",
  indicator_without_baseline_year: "missing",
  indicator_baseline_not_before_plan: "advice",
  indicator_without_target_value: "missing",
  indicator_target_year_outside_plan: "advice",
  indicator_without_responsible_unit: "missing",
  observation_outside_plan_period: "advice",
};

/** A rule as a group's heading names it. */
export const RULE_TITLES: Record<CheckRule, Labels> = {
  priority_without_goal: { uk: "Пріоритети без цілей", en: "Priorities without goals", lt: "Prioritetai be tikslų" },
  goal_without_indicator: { uk: "Цілі без власних показників", en: "Goals without indicators of their own", lt: "Tikslai be savų rodiklių" },
  goal_without_task: { uk: "Цілі без завдань", en: "Goals without tasks", lt: "Tikslai be uždavinių" },
  task_without_responsible_unit: { uk: "Завдання без відповідального підрозділу", en: "Tasks without a responsible unit", lt: "Uždaviniai be atsakingo padalinio" },
  task_without_timeline: { uk: "Завдання без строків виконання", en: "Tasks without a timeline", lt: "Uždaviniai be įgyvendinimo laikotarpio" },
  task_end_before_start: { uk: "Завершення раніше за початок", en: "End before start", lt: "Pabaiga ankstesnė už pradžią" },
  task_outside_plan_period: { uk: "Строки виходять за період плану", en: "Timelines beyond the plan period", lt: "Laikotarpiai už plano laikotarpio ribų" },
  risk_without_mitigation: { uk: "Ризики без заходів з мінімізації", en: "Risks without mitigation measures", lt: "Rizikos be mažinimo priemonių" },
  indicator_without_baseline_year: { uk: "Показники без базового року", en: "Indicators without a baseline year", lt: "Rodikliai be bazinių metų" },
  indicator_baseline_not_before_plan: { uk: "Базовий рік не передує плану", en: "Baseline year not before the plan", lt: "Baziniai metai ne ankstesni už planą" },
  indicator_without_target_value: { uk: "Показники без цільового значення", en: "Indicators without a target value", lt: "Rodikliai be siektinos reikšmės" },
  indicator_target_year_outside_plan: { uk: "Цільовий рік поза періодом плану", en: "Target year outside the plan period", lt: "Siekimo metai už plano laikotarpio" },
  indicator_without_responsible_unit: { uk: "Показники без відповідального", en: "Indicators without a responsible unit", lt: "Rodikliai be atsakingo" },
  observation_outside_plan_period: { uk: "Значення поза періодом плану", en: "Values outside the plan period", lt: "Reikšmės už plano laikotarpio" },
};

export interface RuleGroup<F> {
  rule: CheckRule;
  findings: F[];
}
export interface SheetGroup<F> {
  sheet: SheetKind;
  count: number;
  rules: RuleGroup<F>[];
}
export interface KindGroup<F> {
  kind: FindingKind;
  count: number;
  sheets: SheetGroup<F>[];
}

/**
 * Findings as the pane shows them: missing, then advice (a part only when it has findings); in each,
 * the sheets in workbook order; in each sheet its rules, the larger first (ties in the method's order
 * of CHECK_RULES); each rule's findings in the order given (the check's row order). Every finding is
 * in exactly one rule group; `sheetOf` says which sheet a finding is on.
 */
export function groupFindings<F extends { rule: CheckRule }>(findings: readonly F[], sheetOf: (f: F) => SheetKind): KindGroup<F>[] {
  const byRule = new Map<string, F[]>();
  for (const f of findings) {
    const key = `${sheetOf(f)}|${f.rule}`;
    const list = byRule.get(key);
    if (list) list.push(f);
    else byRule.set(key, [f]);
  }
  return FINDING_KINDS.map((kind) => {
    const sheets = SHEET_KINDS.map((sheet) => {
      const rules = CHECK_RULES.filter((rule) => RULE_KIND[rule] === kind && byRule.has(`${sheet}|${rule}`))
        .map((rule) => ({ rule, findings: byRule.get(`${sheet}|${rule}`)! }))
        // Array.prototype.sort is stable, so equal counts keep CHECK_RULES order.
        .sort((a, b) => b.findings.length - a.findings.length);
      return { sheet, count: rules.reduce((n, r) => n + r.findings.length, 0), rules };
    }).filter((s) => s.count > 0);
    return { kind, count: sheets.reduce((n, s) => n + s.count, 0), sheets };
  }).filter((k) => k.count > 0);
}
