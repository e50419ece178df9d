import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { adopt, normaliseTitle } from "../../shared/adopt/recognise.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { sequentialIds } from "./adopt-support.ts";

// The Association of Ukrainian Cities' strategy as a document conversion left it (the team's seed 004_…,
// kept in the repository so a fresh clone has it), adopted and compared with the plan transcribed from it by hand.
const seedText = readFileSync(resolve(import.meta.dirname, "../../shared/fixtures/amu-strategy-2013-2015.txt"), "utf8");

/** The texts a plan holds, per kind compared. */
function textsOf(doc: PlanDocument): Record<string, string[]> {
  return {
    priorities: doc.priorities.map((p) => p.title),
    goals: doc.goals.map((g) => g.title),
    tasks: doc.tasks.map((t) => t.title),
    "expected results": doc.goals.flatMap((g) => (g.expectedResults ? [g.expectedResults] : [])),
    risks: doc.risks.map((r) => r.risk),
    indicators: doc.indicators.map((i) => i.name),
  };
}

/** Matched, missed and extra texts of one kind, compared by normalised text (each text matched once). */
function compare(expected: string[], actual: string[]) {
  const left = actual.map(normaliseTitle);
  const missed: string[] = [];
  let matched = 0;
  for (const e of expected) {
    const k = left.indexOf(normaliseTitle(e));
    if (k === -1) missed.push(e);
    else {
      matched++;
      left.splice(k, 1);
    }
  }
  return { matched, missed, extra: left };
}

describe("adopting the AMU strategy's text", () => {
  const result = adopt({ text: seedText }, { id: sequentialIds(), year: 2026 });
  const expected = textsOf(amuPlan);
  const actual = textsOf(result.doc);
  const report = Object.entries(expected).map(([kind, texts]) => ({ kind, total: texts.length, ...compare(texts, actual[kind]!) }));

  it("matches the hand-built plan: at least 95 % of items, none extra", () => {
    console.log(
      "adopted seed 004 vs amu-plan.ts\n" +
        report.map((r) => `  ${r.kind.padEnd(17)} matched ${r.matched}/${r.total}, missed ${r.missed.length}, extra ${r.extra.length}`).join("\n"),
    );
    const matched = report.reduce((n, r) => n + r.matched, 0);
    const total = report.reduce((n, r) => n + r.total, 0);
    expect(matched / total).toBeGreaterThanOrEqual(0.95);
    expect(report.flatMap((r) => r.extra)).toEqual([]);
  });

  it("lists every item it missed among the unrecognised lines", () => {
    const lines = result.unrecognised.map((l) => normaliseTitle(l.text)).join(" ");
    for (const missed of report.flatMap((r) => r.missed)) expect(lines).toContain(normaliseTitle(missed).slice(0, 40));
  });

  it("reads the plan's frame, the indicators' fields and the risks' mitigation as written", () => {
    const { plan } = result.doc;
    expect([plan.title, plan.firstYear, plan.lastYear, plan.language]).toEqual(["Стратегія розвитку АМУ", 2013, 2015, "uk"]);
    expect(plan.vision).toBe(amuPlan.plan.vision);
    expect(plan.mission).toBe(amuPlan.plan.mission);
    const byName = new Map(result.doc.indicators.map((i) => [i.name, i]));
    for (const want of amuPlan.indicators) {
      const got = byName.get(want.name);
      expect(got, want.name).toBeDefined();
      expect([got!.baselineYear, got!.frequency, got!.responsibleUnit]).toEqual([want.baselineYear, want.frequency, want.responsibleUnit]);
      const measured = (d: PlanDocument, id?: string) => d.priorities.find((p) => p.id === id)?.title;
      expect(measured(result.doc, got!.measures?.id)).toBe(measured(amuPlan, want.measures?.id));
      const parent = (d: PlanDocument, id?: string) => d.indicators.find((i) => i.id === id)?.name;
      expect(parent(result.doc, got!.parentId)).toBe(parent(amuPlan, want.parentId));
    }
    expect(result.doc.risks.map((r) => [r.kind, r.mitigation])).toEqual(amuPlan.risks.map((r) => [r.kind, r.mitigation]));
  });

  it("accounts for every line: an item's source, a heading, or unrecognised", () => {
    const used = new Set([...result.items.flatMap((i) => i.source), ...result.headings, ...result.unrecognised].map((l) => l.line));
    const nonBlank = seedText.split("\n").flatMap((l, i) => (l.trim() ? [i + 1] : []));
    expect(nonBlank.filter((n) => !used.has(n))).toEqual([]);
  });
});
