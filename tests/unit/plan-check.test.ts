import { describe, expect, it } from "vitest";
import { CHECK_RULES, type CheckRule, type Finding, checkPlan, locateFindings, shortTitle } from "../../shared/check/plan-check.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import type { SheetGrid } from "../../shared/layout/grid.ts";
import { buildWorkbook } from "../../shared/layout/workbook.ts";
import { LANGUAGES, type PlanDocument as PlanDocumentT, PlanDocument } from "../../shared/model/plan.ts";

const countByRule = (findings: Finding[]) => Object.fromEntries(CHECK_RULES.map((r) => [r, findings.filter((f) => f.rule === r).length]));
const rulesOf = (findings: Finding[]) => findings.map((f) => f.rule);

describe("the plan check on the AMU strategy 2013–2015", () => {
  const findings = checkPlan(amuPlan);

  it("finds, per rule, exactly what the document lacks", () => {
    // Verified by reading the fixture: its 22 indicators all measure priorities (8, 4, 3, 3, 3, 1 per
    // priority), none a goal; none has a target value, all have baseline year 2012 and a responsible
    // unit; its 87 tasks have neither a responsible unit nor a start or end; every goal has tasks,
    // every priority goals (5, 5, 4, 4, 2, 2), every risk mitigation measures; there are no values.
    expect(countByRule(findings)).toEqual({
      priority_without_goal: 0,
      goal_without_indicator: 22,
      goal_without_task: 0,
      task_without_responsible_unit: 87,
      task_without_timeline: 87,
      task_end_before_start: 0,
      task_outside_plan_period: 0,
      risk_without_mitigation: 0,
      indicator_without_baseline_year: 0,
      indicator_baseline_not_before_plan: 0,
      indicator_without_target_value: 22,
      indicator_target_year_outside_plan: 0,
      indicator_without_responsible_unit: 0,
      observation_outside_plan_period: 0,
    });
    expect(findings).toHaveLength(218);
    // The same numbers, derived from the fixture independently of the check.
    expect(amuPlan.indicators.filter((i) => i.measures?.kind === "goal")).toHaveLength(0);
    expect(amuPlan.indicators.filter((i) => i.targetValue === undefined)).toHaveLength(22);
    expect(amuPlan.tasks.filter((t) => !t.responsibleUnit && !t.start && !t.end)).toHaveLength(87);
  });

  it("lists the findings in sheet order: Priorities-Goals-Tasks row by row and left to right, then Indicators", () => {
    expect(findings.slice(0, 8).map((f) => [f.rule, f.field])).toEqual([
      ["goal_without_indicator", "title"],
      ["task_without_responsible_unit", "responsibleUnit"],
      ["task_without_timeline", "start"],
      ["task_without_responsible_unit", "responsibleUnit"],
      ["task_without_timeline", "start"],
      ["task_without_responsible_unit", "responsibleUnit"],
      ["task_without_timeline", "start"],
      ["goal_without_indicator", "title"],
    ]);
    expect(findings[0]!.entityId).toBe(fixtureId(300));
    expect(findings.slice(0, 196).every((f) => f.sheet === "goals")).toBe(true);
    expect(findings.slice(196).every((f) => f.sheet === "indicators" && f.rule === "indicator_without_target_value")).toBe(true);
    // Breakdowns follow their indicator, as on the sheet.
    expect(findings.slice(196, 202).map((f) => f.entityId)).toEqual([700, 701, 702, 703, 704, 705].map(fixtureId));
    expect(findings.at(-1)!.entityId).toBe(fixtureId(721));
  });

  it("points at the cells of the sheets as buildWorkbook lays them out", () => {
    const located = locateFindings(findings, buildWorkbook(amuPlan, "uk"), "uk");
    expect(located).toHaveLength(218);
    const first = (rule: CheckRule) => located.find((l) => l.rule === rule)!;
    expect(first("indicator_without_target_value")).toMatchObject({ sheet: "Показники", cell: "I2", ref: "Показники!I2" });
    expect(located.at(-1)).toMatchObject({ ref: "Показники!I23", rule: "indicator_without_target_value" });
    expect(first("goal_without_indicator").ref).toBe("'Пріоритети-цілі-завдання'!D3");
    expect(first("task_without_responsible_unit").ref).toBe("'Пріоритети-цілі-завдання'!F4");
    expect(first("task_without_timeline").ref).toBe("'Пріоритети-цілі-завдання'!G4");
    // Goal 1.2 comes after goal 1.1's three tasks; goal 6.2 is the last goal row but one task.
    expect(located.filter((l) => l.rule === "goal_without_indicator").map((l) => l.cell).slice(0, 3)).toEqual(["D3", "D7", "D14"]);
    expect(new Set(located.map((l) => l.ref)).size).toBe(218);

    const en = locateFindings(findings, buildWorkbook(amuPlan, "en"), "en");
    expect(en.find((l) => l.rule === "indicator_without_target_value")!.ref).toBe("Indicators!I2");
    expect(en[0]!.ref).toBe("'Priorities-Goals-Tasks'!D3");
    const lt = locateFindings(findings, buildWorkbook(amuPlan, "lt"), "lt");
    expect(lt.find((l) => l.rule === "indicator_without_target_value")!.ref).toBe("Rodikliai!I2");
  });

  it("every located cell is the finding's entity row and field column, in every language", () => {
    for (const language of LANGUAGES) {
      const grids = buildWorkbook(amuPlan, language);
      const located = locateFindings(findings, grids, language);
      located.forEach((l, n) => {
        const f = findings[n]!;
        const grid = grids.find((g) => g.kind === f.sheet)!;
        expect(l.sheet).toBe(grid.name);
        const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(l.cell)!;
        const r = Number(row) - 1;
        const c = grid.columns.findIndex((col) => col.key === f.field);
        expect(letters).toBe(String.fromCharCode(65 + c));
        expect(grid.cells[r]![0]).toBe(f.entityId);
        expect(l.message).toBe(f.message[language]);
      });
    }
  });

  it("words the messages in Ukrainian, English and Lithuanian, naming the entity by code and a short title", () => {
    const goal11 = findings[0]!;
    expect(goal11.message).toEqual({
      uk: "Ціль 1.1 «Проведення глибокого аналізу проблем місцевого…» не має жодного показника; пріоритет 1 має 8 показників, але вони вимірюють пріоритет загалом, а не цю ціль",
      en: "Goal 1.1 “Проведення глибокого аналізу проблем місцевого…” has no indicator of its own; priority 1 has 8 indicators, but they measure the priority as a whole, not this goal",
      lt: "Tikslas 1.1 „Проведення глибокого аналізу проблем місцевого…“ neturi nė vieno rodiklio; prioritetas 1 turi 8 rodiklius, bet jie matuoja visą prioritetą, o ne šį tikslą",
    });
    // Priority 6 has a single indicator: the note agrees in number.
    const goal61 = findings.find((f) => f.entityId === fixtureId(320))!;
    expect(goal61.message.uk).toMatch(/^Ціль 6\.1 «.+» не має жодного показника; пріоритет 6 має 1 показник, але він вимірює пріоритет загалом, а не цю ціль$/);
    expect(goal61.message.en).toMatch(/priority 6 has 1 indicator, but it measures the priority as a whole/);
    expect(goal61.message.lt).toMatch(/prioritetas 6 turi 1 rodiklį, bet jis matuoja/);
    // Priorities 3, 4 and 5 have 3 each.
    const goal31 = findings.find((f) => f.entityId === fixtureId(310))!;
    expect(goal31.message.uk).toContain("пріоритет 3 має 3 показники, але вони");
    expect(goal31.message.lt).toContain("prioritetas 3 turi 3 rodiklius");

    const task111 = findings[1]!;
    expect(task111.message).toEqual({
      uk: "Завдання 1.1.1 «Розвиток Аналітичного центру АМУ: розробка і впровадження…»: не вказано відповідальний підрозділ",
      en: "Task 1.1.1 “Розвиток Аналітичного центру АМУ: розробка і впровадження…”: no responsible unit",
      lt: "Uždavinys 1.1.1 „Розвиток Аналітичного центру АМУ: розробка і впровадження…“: nenurodytas atsakingas padalinys",
    });
    expect(findings[2]!.message.uk).toBe("Завдання 1.1.1 «Розвиток Аналітичного центру АМУ: розробка і впровадження…»: не вказано строки виконання (початок і завершення)");
    expect(findings[196]!.message).toEqual({
      uk: "Показник «Кількість розроблених АМУ законопроектів»: не вказано цільове значення",
      en: "Indicator “Кількість розроблених АМУ законопроектів”: no target value",
      lt: "Rodiklis „Кількість розроблених АМУ законопроектів“: nenurodyta siektina reikšmė",
    });
    for (const f of findings) for (const language of LANGUAGES) expect(f.message[language].length).toBeLessThan(260);
  });
});

describe("shortTitle", () => {
  it("keeps short titles, collapses whitespace, cuts long ones at a word with an ellipsis", () => {
    expect(shortTitle("Законопроектна діяльність, моніторинг законодавства")).toBe("Законопроектна діяльність, моніторинг законодавства");
    expect(shortTitle("  a\n b  ")).toBe("a b");
    const cut = shortTitle("Проведення постійного і паритетного політичного діалогу з органами державної влади");
    expect(cut).toBe("Проведення постійного і паритетного політичного діалогу з…");
    expect(Array.from(cut).length).toBeLessThanOrEqual(60);
    expect(shortTitle("x".repeat(100))).toBe(`${"x".repeat(59)}…`);
    expect(shortTitle("word, ".repeat(20))).toMatch(/word…$/);
  });
});

// ---------------------------------------------------------------------------------------------------
// Small plans, one rule at a time

const P1 = fixtureId(200);
const P2 = fixtureId(201);
const G1 = fixtureId(300);
const G2 = fixtureId(301);
const T1 = fixtureId(400);
const R1 = fixtureId(600);
const I1 = fixtureId(700);
const I2 = fixtureId(701);

/** A small plan that lacks nothing: one priority, goal, task, risk and indicator, all filled in. */
function complete(): PlanDocumentT {
  return PlanDocument.parse({
    community: { id: fixtureId(1), name: "Громада", kind: "amalgamated_community", country: "UA" },
    plan: { id: fixtureId(2), communityId: fixtureId(1), title: "Стратегія розвитку громади", firstYear: 2021, lastYear: 2023, language: "uk" },
    swot: [],
    priorities: [{ id: P1, title: "Розвиток економіки", order: 0 }],
    goals: [{ id: G1, priorityId: P1, title: "Підтримка малого бізнесу", order: 0 }],
    tasks: [
      {
        id: T1,
        goalId: G1,
        title: "Відкрити центр підтримки підприємців",
        responsibleUnit: "Відділ економіки",
        start: { year: 2021 },
        end: { year: 2022, quarter: 4 },
        status: "planned",
        order: 0,
      },
    ],
    risks: [{ id: R1, kind: "external", risk: "Скорочення субвенцій", mitigation: "Пошук грантів", order: 0 }],
    indicators: [
      {
        id: I1,
        name: "Кількість зареєстрованих ФОП",
        unit: "осіб",
        measures: { kind: "goal", id: G1 },
        baselineYear: 2020,
        baselineValue: 100,
        targetValue: 150,
        targetYear: 2023,
        direction: "increase",
        frequency: "annually",
        responsibleUnit: "Відділ економіки",
        order: 0,
      },
    ],
    observations: [
      { id: fixtureId(900), indicatorId: I1, period: { year: 2021 }, value: 110 },
      { id: fixtureId(901), indicatorId: I1, period: { year: 2023 }, value: null },
    ],
  });
}

/** The plan with a change, validated as the model would. */
const edited = (change: (d: PlanDocumentT) => void): PlanDocumentT => {
  const d = structuredClone(complete());
  change(d);
  return PlanDocument.parse(d);
};
const only = (doc: PlanDocumentT): Finding => {
  const f = checkPlan(doc);
  expect(f, JSON.stringify(f.map((x) => x.rule))).toHaveLength(1);
  return f[0]!;
};
const ukRefs = (doc: PlanDocumentT) => locateFindings(checkPlan(doc), buildWorkbook(doc, "uk"), "uk").map((l) => `${l.rule} ${l.ref}`);

describe("the plan check, rule by rule", () => {
  it("a complete plan yields no finding, in any language", () => {
    const doc = complete();
    expect(checkPlan(doc)).toEqual([]);
    for (const language of LANGUAGES) expect(locateFindings(checkPlan(doc), buildWorkbook(doc, language), language)).toEqual([]);
    // A task within one year, and a baseline year just before the plan, are fine too.
    expect(checkPlan(edited((d) => {
      d.tasks[0]!.start = { year: 2023, quarter: 2 };
      d.tasks[0]!.end = { year: 2023 };
      d.indicators[0]!.targetYear = 2021;
    }))).toEqual([]);
  });

  it("priority_without_goal: at the priority's title", () => {
    const doc = edited((d) => d.priorities.push({ id: P2, title: "Інфраструктура", order: 1 }));
    const f = only(doc);
    expect(f).toMatchObject({ rule: "priority_without_goal", sheet: "goals", entityId: P2, field: "title" });
    expect(f.message).toEqual({
      uk: "Пріоритет 2 «Інфраструктура» не має жодної стратегічної цілі",
      en: "Priority 2 “Інфраструктура” has no strategic goal",
      lt: "Prioritetas 2 „Інфраструктура“ neturi nė vieno strateginio tikslo",
    });
    expect(ukRefs(doc)).toEqual(["priority_without_goal 'Пріоритети-цілі-завдання'!D5"]);
  });

  it("goal_without_indicator: an indicator of the goal's priority does not count, but the message says it is there", () => {
    const none = edited((d) => (d.indicators = []));
    const f = only(none);
    expect(f).toMatchObject({ rule: "goal_without_indicator", sheet: "goals", entityId: G1, field: "title" });
    expect(f.message).toEqual({
      uk: "Ціль 1.1 «Підтримка малого бізнесу» не має жодного показника",
      en: "Goal 1.1 “Підтримка малого бізнесу” has no indicator of its own",
      lt: "Tikslas 1.1 „Підтримка малого бізнесу“ neturi nė vieno rodiklio",
    });
    expect(ukRefs(none)).toEqual(["goal_without_indicator 'Пріоритети-цілі-завдання'!D3"]);

    const ofPriority = edited((d) => {
      d.indicators[0]!.measures = { kind: "priority", id: P1 };
      d.indicators.push({ ...d.indicators[0]!, id: I2, name: "Обсяг інвестицій", order: 1 });
    });
    expect(only(ofPriority).message.uk).toBe(
      "Ціль 1.1 «Підтримка малого бізнесу» не має жодного показника; пріоритет 1 має 2 показники, але вони вимірюють пріоритет загалом, а не цю ціль",
    );
    expect(only(ofPriority).message.en).toBe(
      "Goal 1.1 “Підтримка малого бізнесу” has no indicator of its own; priority 1 has 2 indicators, but they measure the priority as a whole, not this goal",
    );
    expect(only(ofPriority).message.lt).toBe(
      "Tikslas 1.1 „Підтримка малого бізнесу“ neturi nė vieno rodiklio; prioritetas 1 turi 2 rodiklius, bet jie matuoja visą prioritetą, o ne šį tikslą",
    );

    // An indicator measuring another goal does not count for this one; an unlinked indicator neither.
    const other = edited((d) => {
      d.goals.push({ id: G2, priorityId: P1, title: "Туризм", order: 1 });
      d.tasks.push({ ...d.tasks[0]!, id: fixtureId(401), goalId: G2, order: 0 });
      d.indicators.push({ ...d.indicators[0]!, id: I2, measures: undefined, order: 1 });
    });
    expect(only(other)).toMatchObject({ rule: "goal_without_indicator", entityId: G2 });
    expect(only(other).message.uk).toBe("Ціль 1.2 «Туризм» не має жодного показника");
    // A breakdown measuring the goal does count.
    const breakdown = edited((d) => {
      d.indicators[0]!.measures = undefined;
      d.indicators.push({ ...d.indicators[0]!, id: I2, parentId: I1, measures: { kind: "goal", id: G1 }, order: 1 });
    });
    expect(checkPlan(breakdown)).toEqual([]);
  });

  it("goal_without_task: at the goal's title", () => {
    const doc = edited((d) => (d.tasks = []));
    const f = only(doc);
    expect(f).toMatchObject({ rule: "goal_without_task", sheet: "goals", entityId: G1, field: "title" });
    expect(f.message).toEqual({
      uk: "Ціль 1.1 «Підтримка малого бізнесу» не має жодного завдання",
      en: "Goal 1.1 “Підтримка малого бізнесу” has no task",
      lt: "Tikslas 1.1 „Підтримка малого бізнесу“ neturi nė vieno uždavinio",
    });
    // A goal lacking both an indicator and tasks: two findings on its row.
    expect(rulesOf(checkPlan(edited((d) => ((d.tasks = []), (d.indicators = [])))))).toEqual(["goal_without_indicator", "goal_without_task"]);
  });

  it("task_without_responsible_unit: at the task's responsible unit (blank text counts as missing)", () => {
    for (const unit of [undefined, "   "]) {
      const doc = edited((d) => (d.tasks[0]!.responsibleUnit = unit));
      const f = only(doc);
      expect(f).toMatchObject({ rule: "task_without_responsible_unit", sheet: "goals", entityId: T1, field: "responsibleUnit" });
      expect(f.message.uk).toBe("Завдання 1.1.1 «Відкрити центр підтримки підприємців»: не вказано відповідальний підрозділ");
      expect(ukRefs(doc)).toEqual(["task_without_responsible_unit 'Пріоритети-цілі-завдання'!F4"]);
    }
  });

  it("task_without_timeline: at the start, or at the end when only the end is missing", () => {
    const neither = edited((d) => ((d.tasks[0]!.start = undefined), (d.tasks[0]!.end = undefined)));
    expect(only(neither)).toMatchObject({ rule: "task_without_timeline", field: "start" });
    expect(only(neither).message.en).toBe("Task 1.1.1 “Відкрити центр підтримки підприємців”: no timeline (neither start nor end)");
    expect(ukRefs(neither)).toEqual(["task_without_timeline 'Пріоритети-цілі-завдання'!G4"]);

    const noStart = edited((d) => (d.tasks[0]!.start = undefined));
    expect(only(noStart)).toMatchObject({ rule: "task_without_timeline", field: "start" });
    expect(only(noStart).message.uk).toBe("Завдання 1.1.1 «Відкрити центр підтримки підприємців»: не вказано початок виконання");

    const noEnd = edited((d) => (d.tasks[0]!.end = undefined));
    expect(only(noEnd)).toMatchObject({ rule: "task_without_timeline", field: "end" });
    expect(only(noEnd).message.lt).toBe("Uždavinys 1.1.1 „Відкрити центр підтримки підприємців“: nenurodyta pabaiga");
    expect(ukRefs(noEnd)).toEqual(["task_without_timeline 'Пріоритети-цілі-завдання'!H4"]);
  });

  it("task_end_before_start: at the end, comparing quarters; a bare year spans the whole year", () => {
    const doc = edited((d) => ((d.tasks[0]!.start = { year: 2022, quarter: 3 }), (d.tasks[0]!.end = { year: 2022, quarter: 2 })));
    const f = only(doc);
    expect(f).toMatchObject({ rule: "task_end_before_start", field: "end", entityId: T1 });
    expect(f.message).toEqual({
      uk: "Завдання 1.1.1 «Відкрити центр підтримки підприємців»: завершення (2022-Q2) раніше за початок (2022-Q3)",
      en: "Task 1.1.1 “Відкрити центр підтримки підприємців”: the end (2022-Q2) is before the start (2022-Q3)",
      lt: "Uždavinys 1.1.1 „Відкрити центр підтримки підприємців“: pabaiga (2022-Q2) ankstesnė už pradžią (2022-Q3)",
    });
    expect(ukRefs(doc)).toEqual(["task_end_before_start 'Пріоритети-цілі-завдання'!H4"]);
    expect(rulesOf(checkPlan(edited((d) => ((d.tasks[0]!.start = { year: 2023 }), (d.tasks[0]!.end = { year: 2022 })))))).toEqual(["task_end_before_start"]);
    expect(checkPlan(edited((d) => ((d.tasks[0]!.start = { year: 2022 }), (d.tasks[0]!.end = { year: 2022, quarter: 1 }))))).toEqual([]);
    expect(checkPlan(edited((d) => ((d.tasks[0]!.start = { year: 2022, quarter: 4 }), (d.tasks[0]!.end = { year: 2022 }))))).toEqual([]);
  });

  it("task_outside_plan_period: at the start or end that leaves the plan period", () => {
    const early = edited((d) => (d.tasks[0]!.start = { year: 2020, quarter: 4 }));
    expect(only(early)).toMatchObject({ rule: "task_outside_plan_period", field: "start" });
    expect(only(early).message).toEqual({
      uk: "Завдання 1.1.1 «Відкрити центр підтримки підприємців»: строки виконання (2020-Q4–2022-Q4) виходять за межі періоду плану 2021–2023",
      en: "Task 1.1.1 “Відкрити центр підтримки підприємців”: the timeline (2020-Q4–2022-Q4) extends beyond the plan period 2021–2023",
      lt: "Uždavinys 1.1.1 „Відкрити центр підтримки підприємців“: įgyvendinimo laikotarpis (2020-Q4–2022-Q4) išeina už plano laikotarpio 2021–2023 ribų",
    });
    expect(ukRefs(early)).toEqual(["task_outside_plan_period 'Пріоритети-цілі-завдання'!G4"]);

    const late = edited((d) => (d.tasks[0]!.end = { year: 2024 }));
    expect(only(late)).toMatchObject({ rule: "task_outside_plan_period", field: "end" });
    expect(ukRefs(late)).toEqual(["task_outside_plan_period 'Пріоритети-цілі-завдання'!H4"]);

    // Only a start, after the plan: the timeline is missing its end and lies outside; left to right.
    const after = edited((d) => ((d.tasks[0]!.start = { year: 2025 }), (d.tasks[0]!.end = undefined)));
    expect(checkPlan(after).map((f) => [f.rule, f.field])).toEqual([
      ["task_outside_plan_period", "start"],
      ["task_without_timeline", "end"],
    ]);
    expect(checkPlan(after)[0]!.message.en).toContain("the timeline (from 2025) extends beyond the plan period 2021–2023");
  });

  it("risk_without_mitigation: at the risk's mitigation cell", () => {
    for (const mitigation of [undefined, ""]) {
      const doc = edited((d) => (d.risks[0]!.mitigation = mitigation));
      const f = only(doc);
      expect(f).toMatchObject({ rule: "risk_without_mitigation", sheet: "risks", entityId: R1, field: "mitigation" });
      expect(f.message).toEqual({
        uk: "Ризик «Скорочення субвенцій» не має заходів з мінімізації",
        en: "Risk “Скорочення субвенцій” has no mitigation measures",
        lt: "Rizika „Скорочення субвенцій“ neturi mažinimo priemonių",
      });
      expect(ukRefs(doc)).toEqual(["risk_without_mitigation Ризики!D2"]);
    }
  });

  it("indicators: one finding per missing field, each at its own cell", () => {
    const doc = edited((d) => {
      const i = d.indicators[0]!;
      i.baselineYear = undefined;
      i.targetValue = undefined;
      i.responsibleUnit = undefined;
    });
    const f = checkPlan(doc);
    expect(f.map((x) => [x.rule, x.field])).toEqual([
      ["indicator_without_baseline_year", "baselineYear"],
      ["indicator_without_target_value", "targetValue"],
      ["indicator_without_responsible_unit", "responsibleUnit"],
    ]);
    expect(f.every((x) => x.sheet === "indicators" && x.entityId === I1)).toBe(true);
    expect(f.map((x) => x.message.uk)).toEqual([
      "Показник «Кількість зареєстрованих ФОП»: не вказано базовий рік",
      "Показник «Кількість зареєстрованих ФОП»: не вказано цільове значення",
      "Показник «Кількість зареєстрованих ФОП»: не вказано, хто відповідає за показник",
    ]);
    expect(f.map((x) => x.message.en)).toEqual([
      "Indicator “Кількість зареєстрованих ФОП”: no baseline year",
      "Indicator “Кількість зареєстрованих ФОП”: no target value",
      "Indicator “Кількість зареєстрованих ФОП”: no responsible unit",
    ]);
    expect(f.map((x) => x.message.lt)).toEqual([
      "Rodiklis „Кількість зареєстрованих ФОП“: nenurodyti baziniai metai",
      "Rodiklis „Кількість зареєстрованих ФОП“: nenurodyta siektina reikšmė",
      "Rodiklis „Кількість зареєстрованих ФОП“: nenurodyta, kas atsakingas už rodiklį",
    ]);
    expect(ukRefs(doc)).toEqual([
      "indicator_without_baseline_year Показники!G2",
      "indicator_without_target_value Показники!I2",
      "indicator_without_responsible_unit Показники!M2",
    ]);
    // The indicator's catalogue code, where it has one, names it.
    expect(only(edited((d) => ((d.indicators[0]!.code = "ЕК-01"), (d.indicators[0]!.targetValue = undefined)))).message.uk).toBe(
      "Показник ЕК-01 «Кількість зареєстрованих ФОП»: не вказано цільове значення",
    );
  });

  it("indicator_baseline_not_before_plan: a baseline in or after the plan's first year", () => {
    for (const baselineYear of [2021, 2022]) {
      const doc = edited((d) => (d.indicators[0]!.baselineYear = baselineYear));
      const f = only(doc);
      expect(f).toMatchObject({ rule: "indicator_baseline_not_before_plan", field: "baselineYear" });
      expect(f.message.uk).toBe(`Показник «Кількість зареєстрованих ФОП»: базовий рік ${baselineYear} має передувати першому року плану (2021)`);
      expect(f.message.en).toBe(`Indicator “Кількість зареєстрованих ФОП”: the baseline year ${baselineYear} must come before the plan's first year (2021)`);
      expect(ukRefs(doc)).toEqual(["indicator_baseline_not_before_plan Показники!G2"]);
    }
    expect(checkPlan(edited((d) => (d.indicators[0]!.baselineYear = 2015)))).toEqual([]);
  });

  it("indicator_target_year_outside_plan: before or after the plan period; a missing target year is no finding", () => {
    for (const targetYear of [2020, 2024]) {
      const doc = edited((d) => (d.indicators[0]!.targetYear = targetYear));
      const f = only(doc);
      expect(f).toMatchObject({ rule: "indicator_target_year_outside_plan", field: "targetYear" });
      expect(f.message.uk).toBe(`Показник «Кількість зареєстрованих ФОП»: цільовий рік ${targetYear} поза періодом плану 2021–2023`);
      expect(f.message.lt).toBe(`Rodiklis „Кількість зареєстрованих ФОП“: siekimo metai ${targetYear} nepatenka į plano laikotarpį 2021–2023`);
      expect(ukRefs(doc)).toEqual(["indicator_target_year_outside_plan Показники!J2"]);
    }
    expect(checkPlan(edited((d) => (d.indicators[0]!.targetYear = undefined)))).toEqual([]);
  });

  it("observation_outside_plan_period: one finding per indicator and year, at the year's column if the sheet has one", () => {
    const doc = edited((d) =>
      d.observations.push(
        { id: fixtureId(902), indicatorId: I1, period: { year: 2024, quarter: 1 }, value: 5 },
        { id: fixtureId(903), indicatorId: I1, period: { year: 2024, quarter: 2 }, value: 6 },
        { id: fixtureId(904), indicatorId: I1, period: { year: 2019 }, value: 90 },
        // An empty value outside the period is no value.
        { id: fixtureId(905), indicatorId: I1, period: { year: 2018 }, value: null },
      ),
    );
    const f = checkPlan(doc);
    expect(f.map((x) => [x.rule, x.entityId, x.field])).toEqual([
      ["observation_outside_plan_period", I1, "y2019"],
      ["observation_outside_plan_period", I1, "y2024"],
    ]);
    expect(f[0]!.message).toEqual({
      uk: "Показник «Кількість зареєстрованих ФОП» має значення за 2019 рік, поза періодом плану 2021–2023",
      en: "Indicator “Кількість зареєстрованих ФОП” has a value for 2019, outside the plan period 2021–2023",
      lt: "Rodiklis „Кількість зареєстрованих ФОП“ turi 2019 m. reikšmę, nepatenkančią į plano laikotarpį 2021–2023",
    });
    // Built from this plan, the sheet has no column for 2019 or 2024: the indicator's name is pointed at.
    expect(ukRefs(doc)).toEqual(["observation_outside_plan_period Показники!D2", "observation_outside_plan_period Показники!D2"]);
    // A sheet built while the plan still ran 2019–2024 has those columns (N = 2019 … S = 2024).
    const wider = edited((d) => ((d.plan.firstYear = 2019), (d.plan.lastYear = 2024)));
    const sheet = buildWorkbook(wider, "uk").find((g) => g.kind === "indicators")!;
    expect(sheet.cells[0]!.slice(13, 19)).toEqual(["2019", "2020", "2021", "2022", "2023", "2024"]);
    expect(locateFindings(f, [sheet], "en").map((l) => l.ref)).toEqual(["Показники!N2", "Показники!S2"]);
  });
});

describe("locateFindings", () => {
  const doc = edited((d) => (d.tasks[0]!.responsibleUnit = undefined));
  const findings = checkPlan(doc);

  it("finds the row by the hidden id, with or without Excel's quote prefix, in any case", () => {
    const grids = buildWorkbook(doc, "uk");
    const goals = grids.find((g) => g.kind === "goals")!;
    expect(goals.cells[3]![0]).toBe(T1);
    const plain: SheetGrid = { ...goals, cells: goals.cells.map((row) => row.map((c, i) => (i === 0 && typeof c === "string" ? c.replace(/^'/, "").toUpperCase() : c))) };
    expect(locateFindings(findings, [plain], "uk").map((l) => l.ref)).toEqual(["'Пріоритети-цілі-завдання'!F4"]);
    // Rows moved by the user: the finding follows its entity.
    const moved: SheetGrid = { ...goals, cells: [goals.cells[0]!, goals.cells[3]!, goals.cells[1]!, goals.cells[2]!] };
    expect(locateFindings(findings, [moved], "uk").map((l) => l.ref)).toEqual(["'Пріоритети-цілі-завдання'!F2"]);
  });

  it("gives the message in the pane's language and the sheet's own name", () => {
    const located = locateFindings(findings, buildWorkbook(doc, "uk"), "en");
    expect(located).toMatchObject([
      {
        sheet: "Пріоритети-цілі-завдання",
        cell: "F4",
        ref: "'Пріоритети-цілі-завдання'!F4",
        message: "Task 1.1.1 “Відкрити центр підтримки підприємців”: no responsible unit",
        rule: "task_without_responsible_unit",
      },
    ]);
  });

  it("never loses a finding: an entity without a row points at its column's header, a missing sheet at A1", () => {
    const other = buildWorkbook(complete(), "uk").map((g) => (g.kind === "goals" ? { ...g, cells: [g.cells[0]!] } : g));
    expect(locateFindings(findings, other, "uk").map((l) => l.ref)).toEqual(["'Пріоритети-цілі-завдання'!F1"]);
    expect(locateFindings(findings, [], "lt")).toMatchObject([
      {
        sheet: "Prioritetai-tikslai-uždaviniai",
        cell: "A1",
        ref: "'Prioritetai-tikslai-uždaviniai'!A1",
        message: "Uždavinys 1.1.1 „Відкрити центр підтримки підприємців“: nenurodytas atsakingas padalinys",
        rule: "task_without_responsible_unit",
      },
    ]);
  });
});
