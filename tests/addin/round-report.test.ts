import { describe, expect, it } from "vitest";
import type { Round } from "../../shared/api/rounds.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { buildRoundReport } from "../../shared/layout/round-report.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { roundReport } from "../../shared/monitoring/report.ts";
import { IndicatorsGuard } from "../../addin/excel/indicators-guard.ts";
import { RoundReportNameTaken, loadRoundReports, writeRoundReport } from "../../addin/excel/round-report.ts";
import { SheetProtected } from "../../addin/excel/sheets.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { FakeExcel } from "../support/fake-excel.ts";

const round: Round = {
  planId: amuPlan.plan.id,
  year: 2014,
  status: "submitted",
  version: 2,
  updatedAt: "2015-01-20T08:00:00.000Z",
  updatedBy: { id: "u-monitor", name: "Комітет" },
  events: [],
};

const top = amuPlan.indicators.filter((i) => !i.parentId);
/** The fourth indicator, whose 2014 value is a reason: not available. */
const withReason = top[3]!;

/**
 * The fixture with a 2014 value (and note) on its first indicators, a target of 2014's own on the first,
 * and a reason for no 2014 value on the fourth.
 */
function withValues(value: number): PlanDocument {
  const observations = top
    .slice(0, 3)
    .map((i, k) => ({ id: `00000000-0000-4000-8000-0000000090${k}0`, indicatorId: i.id, period: { year: 2014 }, value: value + k, note: k === 0 ? "за даними комітету" : undefined }));
  const reason = { id: "00000000-0000-4000-8000-000000009090", indicatorId: withReason.id, period: { year: 2014 }, value: null, missing: "not_available" as const };
  const kept = amuPlan.observations.filter((o) => o.indicatorId !== withReason.id || o.period.year !== 2014 || o.period.quarter);
  const indicators = amuPlan.indicators.map((i) => (i.id === top[0]!.id ? { ...i, targets: [{ year: 2014, value: 77 }] } : i));
  return { ...amuPlan, indicators, observations: [...kept, ...observations, reason] };
}

const grid = (doc: PlanDocument, language: "uk" | "en" = "uk") =>
  buildRoundReport(roundReport(doc, 2014, round), { language, community: doc.community.name });

describe("the monitoring report sheet in the workbook", () => {
  it("writes the sheet, its bar chart over the summary, print settings, and keeps the sheet's id, in four syncs", async () => {
    const fake = new FakeExcel();
    const built = grid(withValues(5));
    const written = await writeRoundReport(fake.run, built, 2014, {});
    expect(written.syncs).toBe(4); // look (two), write, keep the id
    expect(fake.stats.syncs).toBe(4);
    expect(fake.stats.pausedSyncs).toBeGreaterThanOrEqual(1);
    expect(fake.enableEvents).toBe(true);
    const sheet = fake.sheet("Звіт моніторингу 2014")!;
    expect(written.sheet).toEqual({ id: sheet.id, name: "Звіт моніторингу 2014" });
    expect(fake.activeSheet).toBe("Звіт моніторингу 2014");

    const values = fake.values(sheet.id);
    expect(values[0]![0]).toBe("Звіт моніторингу за 2014 рік — Асоціація міст України");
    expect(values[1]![0]).toBe("Стан раунду: подано на розгляд (Комітет, 2015-01-20 08:00 UTC)");
    expect(values[2]!.slice(6, 9)).toEqual(["Цільове значення", "Цільове значення 2014", "Значення 2014"]);
    // The priority's number is text, as the plan numbers it.
    expect(values[3]![0]).toBe("1");
    expect(sheet.cells.get("3,0")).toMatchObject({ value: "1", numberFormat: "@" });
    expect(sheet.cells.get("3,0")!.quotePrefix).toBeUndefined();
    const first = built.cells.findIndex((r) => r[8] === 5);
    // The year's own target beside the final one.
    expect(values[first]!.slice(7, 9)).toEqual([77, 5]);
    expect(values[first]![11]).toBe("за даними комітету");
    expect(sheet.cells.get(`${first},9`)?.numberFormat).toBe("0%");
    // A reason for no value is named, as text.
    const reasonRow = values.findIndex((r) => r[1] === withReason.name);
    expect(values[reasonRow]!.slice(7, 9)).toEqual(["", "немає даних"]);
    expect(sheet.cells.get(`${reasonRow},8`)!.quotePrefix).toBeUndefined();

    const summary = values.findIndex((r) => r[10] === "Показників за статусом");
    expect(values.slice(summary + 1, summary + 5).map((r) => r[10])).toEqual(["За планом", "Під загрозою", "Відставання", "Немає даних"]);
    expect(values.slice(summary + 1, summary + 5).map((r) => r[11])).toEqual(built.cells.slice(-4).map((r) => r[11]));

    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0]!;
    const name = "Звіт моніторингу 2014";
    expect(chart).toMatchObject({
      name: "MuniPlan_round_report",
      type: "BarClustered",
      title: "Показники за статусом, 2014",
      legend: { visible: false },
      reversedCategories: true,
      position: { from: `B${summary + 7}`, to: `E${summary + 22}` },
    });
    expect(chart.series).toEqual([
      { name: "Кількість", values: `${name}!L${summary + 2}:L${summary + 5}`, categories: `${name}!K${summary + 2}:K${summary + 5}`, line: {} },
    ]);

    // Status colours over the status column, the summary's labels included.
    expect(sheet.conditionalFormats.map((c) => [c.address, c.fill])).toEqual([
      [`K2:K${values.length}`, "#C6EFCE"],
      [`K2:K${values.length}`, "#FFEB9C"],
      [`K2:K${values.length}`, "#FFC7CE"],
      [`K2:K${values.length}`, "#EDEDED"],
    ]);
    expect(sheet.page).toEqual({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$1:$3" });
    expect(sheet.frozenRows).toBe(3);
    expect(sheet.fills).toContainEqual({ address: "A3:L3", color: "#DDEBF7" });
    expect(sheet.fills).toContainEqual({ address: "A4:L4", color: "#D9E1F2" });
    expect(sheet.boldRanges).toContain("A1:L1");

    expect(await loadRoundReports(fake.run)).toEqual({ 2014: written.sheet });
  });

  it("rebuilds the year's sheet in place: same id, the user's name kept, one MuniPlan chart, the user's chart left", async () => {
    const fake = new FakeExcel();
    const first = await writeRoundReport(fake.run, grid(withValues(5)), 2014, {});
    const sheet = fake.sheet(first.sheet.id)!;
    sheet.name = "Звіт для ради";
    sheet.charts.push({ name: "Мій графік", type: "Pie", seriesBy: "Columns", series: [], legend: {} });
    fake.type(sheet.id, "Z200", "залишок");

    const known = await loadRoundReports(fake.run);
    fake.stats.syncs = 0;
    const again = await writeRoundReport(fake.run, grid(withValues(50), "en"), 2014, known);
    expect(again.syncs).toBe(4);
    expect(again.sheet).toEqual({ id: first.sheet.id, name: "Звіт для ради" });
    expect(fake.sheets).toHaveLength(1);
    expect(sheet.charts.map((c) => c.name)).toEqual(["Мій графік", "MuniPlan_round_report"]);
    const values = fake.values(sheet.id);
    expect(values[0]![0]).toBe("Monitoring report 2014 — Асоціація міст України");
    expect(values.some((r) => r[8] === 50)).toBe(true);
    expect(values.some((r) => r[8] === 5)).toBe(false);
    expect(values.some((r) => r[8] === "not available")).toBe(true);
    // The old contents went with the rebuild; one set of status colours.
    expect(values.some((r) => r.includes("залишок"))).toBe(false);
    expect(sheet.conditionalFormats).toHaveLength(4);
    expect(fake.customXml.filter((p) => p.xml.includes("urn:muniplan:report:round:v1"))).toHaveLength(1);
    expect(await loadRoundReports(fake.run)).toEqual({ 2014: again.sheet });
  });

  it("keeps each year's sheet apart, and makes a deleted one anew", async () => {
    const fake = new FakeExcel();
    const y2014 = await writeRoundReport(fake.run, grid(amuPlan), 2014, {});
    const g2015 = buildRoundReport(roundReport(amuPlan, 2015, null), { language: "uk", community: "АМУ" });
    const y2015 = await writeRoundReport(fake.run, g2015, 2015, await loadRoundReports(fake.run));
    expect(fake.sheets.map((s) => s.name)).toEqual(["Звіт моніторингу 2014", "Звіт моніторингу 2015"]);
    expect(await loadRoundReports(fake.run)).toEqual({ 2014: y2014.sheet, 2015: y2015.sheet });

    // The user deleted 2014's sheet: the next build makes it anew.
    fake.sheets = fake.sheets.filter((s) => s.id !== y2014.sheet.id);
    const rebuilt = await writeRoundReport(fake.run, grid(amuPlan), 2014, await loadRoundReports(fake.run));
    expect(rebuilt.sheet.id).not.toBe(y2014.sheet.id);
    expect(await loadRoundReports(fake.run)).toEqual({ 2014: rebuilt.sheet, 2015: y2015.sheet });
  });

  it("never writes over a sheet of that name that is not the report", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Звіт моніторингу 2014");
    fake.type("Звіт моніторингу 2014", "A1", "чуже");
    await expect(writeRoundReport(fake.run, grid(amuPlan), 2014, {})).rejects.toBeInstanceOf(RoundReportNameTaken);
    expect(fake.values("Звіт моніторингу 2014")).toEqual([["чуже"]]);
    expect(fake.customXml).toHaveLength(0);
  });
});

describe("the Indicators sheet's protection for a monitor", () => {
  async function workbook() {
    const fake = new FakeExcel();
    const session = new PlanSession({ run: fake.run });
    await session.open();
    await session.write(amuPlan, "uk");
    const guard = new IndicatorsGuard(fake.run, () => session.state?.sheets.indicators?.id);
    return { fake, session, guard, sheet: fake.sheet("Показники")! };
  }

  it("leaves only the open years' value cells editable, without a password, formats and rows locked", async () => {
    const { fake, guard, sheet } = await workbook();
    const rows = fake.values("Показники").length;
    expect(fake.values("Показники")[0]!.slice(13, 16)).toEqual(["2013", "2014", "2015"]);
    guard.protectFor([2014]);
    const before = fake.stats.syncs;
    await guard.apply();
    expect(fake.stats.syncs - before).toBe(4);
    expect(sheet.protection).toMatchObject({ protected: true, password: undefined });
    expect(sheet.protection.options).toMatchObject({ allowFormatCells: false, allowInsertRows: false, allowDeleteRows: false, allowEditObjects: false });
    expect(sheet.locks).toEqual([
      { address: "A1:XFD1048576", locked: true },
      { address: `O2:O${rows}`, locked: false },
    ]);
    fake.type("Показники", "O2", 12);
    expect(() => fake.type("Показники", "N2", 12)).toThrow(/protected/);
    expect(() => fake.type("Показники", "D2", "нова назва")).toThrow(/protected/);
    expect(() => fake.type("Показники", "O1", "2016")).toThrow(/protected/);
  });

  it("also leaves the open year's committee notes editable, when the sheet shows them", async () => {
    const { fake, session, guard, sheet } = await workbook();
    await session.monitor(2014);
    const rows = fake.values("Показники").length;
    expect(fake.values("Показники")[0]!.slice(13, 17)).toEqual(["2013", "2014", "2015", "Примітки комітету 2014"]);
    guard.protectFor([2014]);
    await guard.apply();
    expect(sheet.locks).toEqual([
      { address: "A1:XFD1048576", locked: true },
      { address: `O2:O${rows}`, locked: false },
      { address: `Q2:Q${rows}`, locked: false },
    ]);
    fake.type("Показники", "Q2", "дані уточнюються");
    expect(() => fake.type("Показники", "Q1", "Примітки")).toThrow(/protected/);
    // Once 2014's round is no longer open to the committee, its notes are locked with the rest.
    await guard.lift();
    guard.protectFor([2015]);
    await guard.apply();
    expect(() => fake.type("Показники", "Q3", "пізно")).toThrow(/protected/);
    fake.type("Показники", "P3", 7);
  });

  it("is lifted around MuniPlan's own rewrite of the sheet and applied again after it", async () => {
    const { fake, session, guard, sheet } = await workbook();
    guard.protectFor([2014]);
    await guard.apply();
    fake.type("Показники", "O2", 12);
    // A protected sheet is not rewritten (nothing is written, and the pane says why): that is why the pane lifts it first.
    await expect(session.write(amuPlan, "uk")).rejects.toBeInstanceOf(SheetProtected);
    await guard.lift();
    expect(sheet.protection.protected).toBe(false);
    const refreshed = await session.refresh();
    expect(refreshed.problems).toEqual([]);
    await session.write(refreshed.doc, "uk");
    await guard.apply();
    expect(sheet.protection.protected).toBe(true);
    expect(fake.values("Показники")[1]![14]).toBe(12);
    // Applying again (a round opened for 2015 meanwhile) replaces the unlocked columns.
    await guard.lift();
    guard.protectFor([2014, 2015]);
    await guard.apply();
    fake.type("Показники", "P3", 7);
  });

  it("an editor's workbook is unprotected at the first action, then costs nothing", async () => {
    const { fake, guard, sheet } = await workbook();
    guard.protectFor([]);
    await guard.apply();
    expect(() => fake.type("Показники", "O2", 1)).toThrow(/protected/);
    // The workbook is opened with an editor's token: no protection wanted.
    const editor = new IndicatorsGuard(fake.run, () => sheet.id);
    editor.protectFor(undefined);
    let before = fake.stats.syncs;
    await editor.lift();
    expect(fake.stats.syncs - before).toBe(3);
    expect(sheet.protection.protected).toBe(false);
    before = fake.stats.syncs;
    await editor.apply();
    await editor.lift();
    expect(fake.stats.syncs - before).toBe(0);
  });
});
