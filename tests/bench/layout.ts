import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { buildGoals } from "../../shared/layout/goals.ts";
import type { SheetGrid, SheetKind } from "../../shared/layout/grid.ts";
import { buildIndicators } from "../../shared/layout/indicators.ts";
import { buildRisks } from "../../shared/layout/risks.ts";
import { buildSwot } from "../../shared/layout/swot.ts";
import { readWorkbook } from "../../shared/layout/workbook.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { asExcelReturns } from "../support/excel-values.ts";

/** A plan with `rows` sheet rows, spread over SWOT, goals/tasks, risks and indicators like real plans. */
export function syntheticPlan(rows: number): PlanDocument {
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
  const quarter = Math.max(1, Math.floor(rows / 4));
  const swot = Array.from({ length: quarter }, (_, i) => ({
    id: id(),
    quadrant: (["strength", "weakness", "opportunity", "threat"] as const)[i % 4]!,
    group: `Група ${i % 7}`,
    text: `=Положення ${i}: розвиток громади, «лапки», emoji 🇺🇦`,
    order: Math.floor(i / 4),
  }));
  const priorities = Array.from({ length: 6 }, (_, i) => ({ id: id(), title: `Пріоритет ${i + 1}`, order: i }));
  const goals = Array.from({ length: 24 }, (_, i) => ({ id: id(), priorityId: priorities[i % 6]!.id, title: `Ціль ${i}`, expectedResults: "Результат", order: Math.floor(i / 6) }));
  const tasks = Array.from({ length: quarter }, (_, i) => ({
    id: id(),
    goalId: goals[i % 24]!.id,
    title: `Завдання ${i}`,
    responsibleUnit: "Відділ економіки",
    start: { year: 2014, quarter: 1 + (i % 4) },
    end: { year: 2015 },
    budget: { amount: 1000 + i, currency: "UAH" },
    fundingSource: "Міський бюджет",
    status: "planned" as const,
    order: Math.floor(i / 24),
  }));
  const risks = Array.from({ length: quarter }, (_, i) => ({ id: id(), kind: i % 2 ? ("external" as const) : ("internal" as const), risk: `Ризик ${i}`, mitigation: "- захід 1\n- захід 2", order: i }));
  const indicators = Array.from({ length: quarter }, (_, i) => ({
    id: id(),
    name: `Показник ${i}`,
    unit: "кількість",
    measures: { kind: "goal" as const, id: goals[i % 24]!.id },
    baselineYear: 2012,
    baselineValue: i,
    targetValue: i + 100,
    targetYear: 2015,
    direction: "increase" as const,
    frequency: "annually" as const,
    responsibleUnit: "Аналітичний центр",
    order: i,
  }));
  const observations = indicators.flatMap((ind) => [2013, 2014, 2015].map((year) => ({ id: id(), indicatorId: ind.id, period: { year }, value: year - 2000 })));
  return { community: amuPlan.community, plan: amuPlan.plan, swot, priorities, goals, tasks, risks, indicators, observations };
}

// A full collection on demand, so that no sample pays for the garbage of the one before.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Rows one timing sample handles: a 100-row sheet 100 times, a 10,000-row sheet once. */
const SAMPLE_ROWS = 10_000;

/** CPU time of this process (all its threads, the garbage collector's too), in µs. */
const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Median CPU µs per row of `fn`, which handles `rows` rows, over repeated samples after a warm-up.
 * Every sample handles about SAMPLE_ROWS rows and keeps what it built until it ends, as a caller keeps
 * a grid until it is written: samples of either size then allocate and retain alike, and the garbage
 * collector's share per row is compared like for like. (Timing single 100-row builds whose grids are
 * dropped at once measured V8's young generation, where small results die for free, against 10,000-row
 * results that must be copied out of it.) CPU time, not wall time: on a shared machine another
 * process's burst stretches wall time, not the work done; the median drops what is left of it.
 */
function timePerRow(fn: () => unknown, rows: number): number {
  const runs = Math.max(1, Math.ceil(SAMPLE_ROWS / rows));
  for (let i = 0; i < runs; i++) fn();
  const samples: number[] = [];
  for (let s = 0; s < 7; s++) {
    collectGarbage();
    const kept: unknown[] = [];
    const start = cpuMicros();
    for (let i = 0; i < runs; i++) kept.push(fn());
    samples.push((cpuMicros() - start) / (runs * rows));
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

const BUILDERS: Record<Exclude<SheetKind, "vision">, (doc: PlanDocument, language: "uk") => SheetGrid> = {
  swot: buildSwot,
  goals: buildGoals,
  risks: buildRisks,
  indicators: buildIndicators,
};

export function benchLayout(): void {
  console.log("\n## Layouts: plan → grid and grid → plan, per sheet (CPU µs per row; ratio to the 100-row run of the same sheet)\n");
  console.log("| sheet | rows | cells | build ms | build µs/row | ratio | read ms | read µs/row | ratio |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  const base = new Map<string, { build: number; read: number }>();
  const lines: string[] = [];
  for (const rows of [100, 1_000, 10_000]) {
    const doc = syntheticPlan(rows * 4);
    // One sheet's grid alive at a time: the others' would only enlarge the heap every collection walks.
    for (const kind of ["swot", "goals", "risks", "indicators"] as const) {
      const builder = BUILDERS[kind];
      const grid = builder(doc, "uk");
      const sheet = asExcelReturns(grid);
      const check = readWorkbook(doc, { [grid.kind]: sheet });
      if (check.changes.length || check.problems.length) throw new Error(`round trip of ${grid.name} is not clean`);
      const n = grid.cells.length - 1;
      const perRow = { build: timePerRow(() => builder(doc, "uk"), n), read: timePerRow(() => readWorkbook(doc, { [grid.kind]: sheet }), n) };
      const [build, read] = [(perRow.build * n) / 1000, (perRow.read * n) / 1000];
      if (!base.has(grid.kind)) base.set(grid.kind, perRow);
      const b = base.get(grid.kind)!;
      lines.push(
        `| ${grid.kind} | ${n.toLocaleString("en")} | ${(grid.cells.length * grid.columns.length).toLocaleString("en")} | ${build.toFixed(2)} | ${perRow.build.toFixed(2)} | ${(perRow.build / b.build).toFixed(2)} | ${read.toFixed(2)} | ${perRow.read.toFixed(2)} | ${(perRow.read / b.read).toFixed(2)} |`,
      );
    }
  }
  lines.sort((x, y) => x.split("|")[1]!.localeCompare(y.split("|")[1]!));
  for (const l of lines) console.log(l);
}

// `npx tsx tests/bench/layout.ts` prints this table alone.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) benchLayout();
