import { REPORT_STATUSES, type ReportIndicator, type Round, type RoundReport } from "../api/rounds.ts";
import type { Indicator, IndicatorTarget, PlanDocument } from "../model/plan.ts";
import { indicatorProgress, indicatorStatus } from "./status.ts";

const byOrder = <T extends { order: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.order - b.order);

/**
 * The annual monitoring report of `year` (schema and choices: RoundReport in shared/api/rounds.ts):
 * priorities by order, each with the indicators measuring it and its goals by order with theirs, then the
 * indicators measuring nothing in the plan, and the count per status.
 *
 * Progress and status follow shared/monitoring/status.ts over the annual values (no quarter, as the
 * Indicators sheet's year columns) up to and including `year`: a report on 2014 reads as it did in 2014,
 * whatever was filled in for later years since. The target is the latest value's year's target where the
 * indicator's target path has one, else the final target (`targetOf`); the report shows the round year's
 * own target beside the final one, the one a value of that year is measured against.
 */
export function roundReport(doc: PlanDocument, year: number, round: Round | null): RoundReport {
  const annual = new Map<string, PlanDocument["observations"]>();
  for (const o of doc.observations) {
    if (o.period.quarter || o.period.year > year) continue;
    const list = annual.get(o.indicatorId);
    if (list) list.push(o);
    else annual.set(o.indicatorId, [o]);
  }

  const line = (i: Indicator): ReportIndicator => {
    const observations = annual.get(i.id) ?? [];
    const input = {
      direction: i.direction,
      baselineYear: i.baselineYear,
      baselineValue: i.baselineValue,
      targetYear: i.targetYear,
      targetValue: i.targetValue,
      targets: i.targets,
      values: observations.map((o) => ({ year: o.period.year, value: o.value })),
      plan: doc.plan,
    };
    const thisYear = observations.find((o) => o.period.year === year);
    return {
      indicatorId: i.id,
      code: i.code ?? null,
      name: i.name,
      unit: i.unit ?? null,
      baselineYear: i.baselineYear ?? null,
      baselineValue: i.baselineValue ?? null,
      targetYear: i.targetYear ?? null,
      targetValue: i.targetValue ?? null,
      yearTarget: i.targets?.find((t) => t.year === year)?.value ?? null,
      value: thisYear?.value ?? null,
      missing: thisYear?.missing ?? null,
      note: thisYear?.note ?? null,
      progress: indicatorProgress(input) ?? null,
      status: indicatorStatus(input),
    };
  };

  const indicators = byOrder(doc.indicators.filter((i) => !i.parentId));
  const placed = new Set<string>();
  const measuring = (target: IndicatorTarget) =>
    indicators.flatMap((i) => {
      if (i.measures?.kind !== target.kind || i.measures.id !== target.id) return [];
      placed.add(i.id);
      return [line(i)];
    });

  const priorities = byOrder(doc.priorities).map((p) => ({
    priorityId: p.id,
    title: p.title,
    indicators: measuring({ kind: "priority", id: p.id }),
    goals: byOrder(doc.goals.filter((g) => g.priorityId === p.id)).map((g) => ({
      goalId: g.id,
      title: g.title,
      indicators: measuring({ kind: "goal", id: g.id }),
    })),
  }));
  const unlinked = indicators.filter((i) => !placed.has(i.id)).map(line);

  const summary = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as RoundReport["summary"];
  const all = [...priorities.flatMap((p) => [...p.indicators, ...p.goals.flatMap((g) => g.indicators)]), ...unlinked];
  for (const i of all) summary[i.status]++;

  return { planId: doc.plan.id, year, round, priorities, unlinked, summary };
}
