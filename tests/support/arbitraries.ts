import fc from "fast-check";
import { textProblem } from "../../shared/layout/cells.ts";
import {
  COMMUNITY_KINDS,
  DIRECTIONS,
  FREQUENCIES,
  LANGUAGES,
  QUADRANTS,
  RISK_KINDS,
  TASK_STATUSES,
  type PlanDocument,
} from "../../shared/model/plan.ts";
import { type ValueKind, valueKind } from "../../shared/model/units.ts";

/** Text users actually put in plans, and the cases that break spreadsheets. */
const tricky = fc.constantFrom(
  "=SUM(A1:A2)",
  "=1+1",
  "+380 44 123 45 67",
  "-5%",
  "- пункт переліку",
  "@mention",
  "\tз табуляцією",
  "\rз поверненням",
  "'у лапках'",
  "''",
  '"double" quotes',
  "рядок\nз переносом",
  "Ґрунтовний аналіз — м. Київ, «Про асоціації»",
  "Šiaulių rajono savivaldybė",
  "👩‍👩‍👧 🇺🇦 😀",
  "1.10",
  "0012",
  "2013",
  "12/5",
  "TRUE",
  "1e5",
  ".5",
  ",",
);

export const text = fc
  .array(fc.oneof(tricky, fc.string({ unit: "grapheme", maxLength: 12 })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(" "))
  .filter((s) => s.trim().length > 0 && textProblem(s) === undefined);

const optionalText = fc.option(text, { nil: undefined });
const year = fc.integer({ min: 1990, max: 2060 });
const amount = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e12, max: 1e12, noNaN: true }));
/** Units as plans have them, beside generated text (which may hold "%" too). */
const unit = fc.option(fc.oneof(text, fc.constantFrom("%", "% населення", "осіб", "кількість", "тис. осіб", "грн", "vnt.", "persons")), { nil: undefined });

/** A generated amount made one the unit allows (the sheet refuses others, see units.ts). */
function fit(kind: ValueKind, v: number): number {
  if (kind === "percent") return Math.abs(v) % 100;
  if (kind === "count") return Math.round(Math.abs(v));
  return v;
}

/** Generated plans whose orders are positions (as the sheets keep them), ids unique. */
export const planDocument: fc.Arbitrary<PlanDocument> = fc
  .record({
    language: fc.constantFrom(...LANGUAGES),
    community: fc.record({
      name: text,
      kind: fc.constantFrom(...COMMUNITY_KINDS),
      country: fc.constantFrom("UA", "LT", "AL", "AM", "GE", "RS"),
      region: optionalText,
      population: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
    }),
    title: text,
    firstYear: fc.integer({ min: 2000, max: 2030 }),
    span: fc.integer({ min: 0, max: 6 }),
    vision: optionalText,
    mission: optionalText,
    swot: fc.array(fc.record({ quadrant: fc.constantFrom(...QUADRANTS), group: optionalText, text }), { maxLength: 12 }),
    tree: fc.array(
      fc.record({
        title: text,
        goals: fc.array(
          fc.record({
            title: text,
            expectedResults: optionalText,
            tasks: fc.array(
              fc.record({
                title: text,
                responsibleUnit: optionalText,
                start: fc.option(fc.record({ year, quarter: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }) }), { nil: undefined }),
                end: fc.option(fc.record({ year }), { nil: undefined }),
                budget: fc.option(
                  fc.record({ amount: fc.double({ min: 0, max: 1e12, noNaN: true }), currency: fc.constantFrom("UAH", "EUR", "USD") }),
                  { nil: undefined },
                ),
                fundingSource: optionalText,
                status: fc.constantFrom(...TASK_STATUSES),
              }),
              { maxLength: 4 },
            ),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 4 },
    ),
    risks: fc.array(fc.record({ kind: fc.constantFrom(...RISK_KINDS), risk: text, mitigation: optionalText }), { maxLength: 5 }),
    indicators: fc.array(
      fc.record({
        code: optionalText,
        name: text,
        unit,
        measureIndex: fc.option(fc.nat(), { nil: undefined }),
        baselineYear: fc.option(year, { nil: undefined }),
        baselineValue: fc.option(amount, { nil: undefined }),
        targetValue: fc.option(amount, { nil: undefined }),
        targetYear: fc.option(year, { nil: undefined }),
        direction: fc.constantFrom(...DIRECTIONS),
        frequency: fc.constantFrom(...FREQUENCIES),
        responsibleUnit: optionalText,
        breakdowns: fc.array(text, { maxLength: 2 }),
        values: fc.array(fc.option(amount, { nil: null }), { maxLength: 7 }),
        notes: fc.array(optionalText, { maxLength: 7 }),
        quarterly: fc.option(amount, { nil: undefined }),
        targetPath: fc.array(fc.option(amount, { nil: null }), { maxLength: 7 }),
      }),
      { maxLength: 5 },
    ),
  })
  .map((g) => {
    let n = 0;
    const id = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
    const lastYear = g.firstYear + g.span;
    const community = { id: id(), ...g.community };
    const plan = { id: id(), communityId: community.id, title: g.title, firstYear: g.firstYear, lastYear, language: g.language, vision: g.vision, mission: g.mission };
    const perQuadrant = new Map<string, number>();
    const swot = g.swot.map((s) => {
      const order = perQuadrant.get(s.quadrant) ?? 0;
      perQuadrant.set(s.quadrant, order + 1);
      return { id: id(), ...s, order };
    });
    const priorities: PlanDocument["priorities"] = [];
    const goals: PlanDocument["goals"] = [];
    const tasks: PlanDocument["tasks"] = [];
    g.tree.forEach((p, pi) => {
      const priority = { id: id(), title: p.title, order: pi };
      priorities.push(priority);
      p.goals.forEach((goal, gi) => {
        const goalId = id();
        goals.push({ id: goalId, priorityId: priority.id, title: goal.title, expectedResults: goal.expectedResults, order: gi });
        goal.tasks.forEach((t, ti) => tasks.push({ id: id(), goalId, ...t, order: ti }));
      });
    });
    const targets = [...priorities.map((p) => ({ kind: "priority" as const, id: p.id })), ...goals.map((x) => ({ kind: "goal" as const, id: x.id }))];
    const indicators: PlanDocument["indicators"] = [];
    const observations: PlanDocument["observations"] = [];
    for (const i of g.indicators) {
      const { measureIndex, breakdowns, values, notes, quarterly, targetPath, ...fields } = i;
      const kind = valueKind(i.unit);
      const fitted = (v: number | undefined) => (v === undefined ? undefined : fit(kind, v));
      const measures = measureIndex === undefined || targets.length === 0 ? undefined : targets[measureIndex % targets.length];
      // Yearly targets within the plan's years (the sheet has a target column per plan year).
      const path = targetPath.slice(0, g.span + 1).flatMap((v, k) => (v === null ? [] : [{ year: g.firstYear + k, value: fit(kind, v) }]));
      const top = { id: id(), ...fields, baselineValue: fitted(i.baselineValue), targetValue: fitted(i.targetValue), targets: path.length ? path : undefined, measures, order: indicators.length };
      indicators.push(top);
      for (const name of breakdowns)
        indicators.push({ id: id(), name, direction: i.direction, frequency: i.frequency, parentId: top.id, order: indicators.length });
      values.slice(0, g.span + 1).forEach((value, k) => {
        const note = notes[k];
        observations.push({ id: id(), indicatorId: top.id, period: { year: g.firstYear + k }, value: value === null ? null : fit(kind, value), ...(note === undefined ? {} : { note }) });
      });
      if (quarterly !== undefined) observations.push({ id: id(), indicatorId: top.id, period: { year: g.firstYear, quarter: 2 }, value: quarterly, note: "Q2" });
    }
    const risks = g.risks.map((r, order) => ({ id: id(), ...r, order }));
    return { community, plan, swot, priorities, goals, tasks, risks, indicators, observations };
  });
