import type { CommunityKind, Indicator, Observation, PlanDocument } from "../../shared/model/plan.ts";

/**
 * A member community of an association, as the consolidation tests (worker and Chromium) describe it:
 * its Community row and, per catalogue code, the values its plan reports.
 */
export interface MemberSpec {
  name: string;
  kind: CommunityKind;
  region: string;
  population?: number;
  /** Per catalogue code, per year; a null is a value left empty. None: the indicator is not in the plan. */
  values?: Record<string, Record<number, number | null>>;
  /** No plan on the server at all. */
  noPlan?: boolean;
}

/**
 * A member's plan: one goal measured by an indicator per catalogue code (WASTE decreasing, the others
 * increasing, as the tests' catalogues say), with its yearly values, plus any `extra` rows under that goal.
 */
export function memberPlan(
  communityId: string,
  spec: MemberSpec,
  period: { firstYear: number; lastYear: number },
  extra: { indicators?: Indicator[]; observations?: Observation[] } = {},
): PlanDocument {
  const priorityId = crypto.randomUUID();
  const goalId = crypto.randomUUID();
  const measures = { kind: "goal" as const, id: goalId };
  const coded = Object.entries(spec.values ?? {}).map(([code, years], order) => ({ id: crypto.randomUUID(), code, order, years }));
  return {
    community: { id: communityId, name: spec.name, kind: spec.kind, country: "UA", region: spec.region, ...(spec.population ? { population: spec.population } : {}) },
    plan: { id: crypto.randomUUID(), communityId, title: "Стратегія розвитку", ...period, language: "uk" },
    swot: [],
    priorities: [{ id: priorityId, title: "Розвиток", order: 0 }],
    goals: [{ id: goalId, priorityId, title: "Зростання", order: 0 }],
    tasks: [],
    risks: [],
    indicators: [
      ...coded.map(({ id, code, order }): Indicator => ({
        id,
        code,
        name: `Показник ${code}`,
        unit: "од.",
        measures,
        direction: code === "WASTE" ? "decrease" : "increase",
        frequency: "annually",
        order,
      })),
      ...(extra.indicators ?? []).map((i) => ({ ...i, measures })),
    ],
    observations: [
      ...coded.flatMap(({ id, years }) =>
        Object.entries(years).map(([year, value]) => ({ id: crypto.randomUUID(), indicatorId: id, period: { year: Number(year) }, value })),
      ),
      ...(extra.observations ?? []),
    ],
  };
}
