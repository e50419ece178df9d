import { describe, expect, it } from "vitest";
import { writePlanSheets } from "../../addin/excel/sheets.ts";
import { type WorkbookState, loadState } from "../../addin/excel/state.ts";
import { loadRoundReports, writeRoundReport } from "../../addin/excel/round-report.ts";
import type { Round } from "../../shared/api/rounds.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { buildRoundReport } from "../../shared/layout/round-report.ts";
import { buildWorkbook } from "../../shared/layout/workbook.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { roundReport } from "../../shared/monitoring/report.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/**
 * Review of issue 11, findings 1 and 2: Excel may number worksheet ids by position after a reopen
 * (office-js #1390, docs #297), so a stored id can name another sheet — a user's. The adapter before
 * this fix trusted an id alone (report sheets had nothing else): it rebuilt over the user's sheet. A
 * plan sheet's only other marker was its table, which a rebuild converts first: a failed rebuild and a
 * reopen then made the next write refuse the plan's own sheets as "name taken". Every MuniPlan sheet now
 * carries a sheet-scoped name that a rebuild keeps, and an id counts only when the mark or name confirms it.
 */

const NAMES = ["Бачення і місія", "SWOT-аналіз", "Пріоритети-цілі-завдання", "Ризики", "Показники"];
const round: Round = { planId: amuPlan.plan.id, year: 2014, status: "submitted", version: 2, updatedAt: "2015-01-20T08:00:00.000Z", updatedBy: { id: "u", name: "Комітет" }, events: [] };
const reportGrid = buildRoundReport(roundReport(amuPlan, 2014, round), { language: "uk", community: "X" });
const BUDGET = [
  ["Дохід", 1200],
  ["Витрати", 900],
];

async function withBudget(): Promise<FakeExcel> {
  const fake = new FakeExcel({ worksheetIdsOnReopen: "changed" });
  await fake.run(async (context) => {
    context.workbook.worksheets.add("Бюджет").getRange("A1:B2").values = BUDGET;
    await context.sync();
  });
  return fake;
}

const writePlan = (fake: FakeExcel, doc: PlanDocument, state?: WorkbookState) =>
  writePlanSheets(fake.run, buildWorkbook(doc, "uk"), { version: 1, language: "uk", doc, sheets: state?.sheets }, {}, fake);

describe("a stored id that Excel gave to another sheet after a reopen", () => {
  it("a monitoring report is rebuilt on its own sheet, never over the user's sheet that now has its id", async () => {
    const fake = await withBudget();
    await writeRoundReport(fake.run, reportGrid, 2014, {});
    fake.reopen();
    // Rebuilt after the reopen: the report's stored id is now its position's.
    await writeRoundReport(fake.run, reportGrid, 2014, await loadRoundReports(fake.run));
    // The user drags the report before the budget: after the next reopen each has the other's old id.
    fake.moveSheet("Звіт моніторингу 2014", 0);
    fake.reopen();
    const known = await loadRoundReports(fake.run);
    expect(fake.sheet(known[2014]!.id)?.name).toBe("Бюджет");
    const written = await writeRoundReport(fake.run, reportGrid, 2014, known);
    expect(fake.values("Бюджет")).toEqual(BUDGET);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Звіт моніторингу 2014", "Бюджет"]);
    expect(written.sheet.id).toBe(fake.sheet("Звіт моніторингу 2014")!.id);
  });

  it("a plan sheet whose table the user removed is still found by its mark, and a user's sheet with its old id is left alone", async () => {
    const fake = await withBudget();
    await writePlan(fake, amuPlan);
    fake.sheet("Ризики")!.tables = [];
    fake.moveSheet("Бюджет", fake.sheets.length - 1);
    fake.moveSheet("Ризики", 0);
    fake.reopen();
    const state = await loadState(fake.run);
    await writePlan(fake, amuPlan, state);
    expect(fake.values("Бюджет")).toEqual(BUDGET);
    expect(fake.sheets.map((s) => s.name).sort()).toEqual([...NAMES, "Бюджет"].sort());
  });

  it("a user's copy of a MuniPlan sheet (which copies its mark) is never taken for it", async () => {
    const fake = new FakeExcel({ worksheetIdsOnReopen: "changed" });
    await writePlan(fake, amuPlan);
    fake.duplicateSheet("Ризики", "Ризики (2)");
    fake.type("Ризики (2)", "C2", "моя чернетка");
    fake.reopen();
    await writePlan(fake, amuPlan, await loadState(fake.run));
    expect(fake.values("Ризики (2)")[1]![2]).toBe("моя чернетка");
    expect(fake.values("Ризики")[1]![2]).not.toBe("моя чернетка");
  });
});

describe("a rebuild that failed midway, then a reopen that changed the ids", () => {
  it("the next write finds every sheet of the plan as MuniPlan's, at every failure point", async () => {
    const edited: PlanDocument = { ...amuPlan, risks: amuPlan.risks.map((r, i) => (i === 0 ? { ...r, risk: "Нова редакція ризику" } : r)) };
    const counter = new FakeExcel();
    await writePlan(counter, amuPlan);
    const kept = await loadState(counter.run);
    const before = counter.stats.ops;
    await writePlan(counter, edited, kept);
    const total = counter.stats.ops - before;
    const taken: number[] = [];
    for (let n = 1; n <= total; n += 11) {
      const fake = new FakeExcel({ worksheetIdsOnReopen: "changed" });
      await writePlan(fake, amuPlan);
      const state = await loadState(fake.run);
      fake.failAtCommand(n);
      await writePlan(fake, edited, state).catch(() => undefined);
      fake.reopen();
      const outcome = await writePlan(fake, edited, await loadState(fake.run)).then(
        () => "ok",
        (e: Error) => e.name,
      );
      if (outcome !== "ok") taken.push(n);
      else expect(fake.sheets.map((s) => s.name).sort(), `failure at command ${n}`).toEqual([...NAMES].sort());
    }
    expect(taken).toEqual([]);
  });
});
