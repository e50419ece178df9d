import { describe, expect, it } from "vitest";
import type { MeResponse } from "../../shared/api/access.ts";
import type { ApiClient } from "../../shared/api/client.ts";
import { ComparisonResponse, CompletenessResponse } from "../../shared/api/compare.ts";
import { ReportNameTaken, writeComparison, writeCompleteness } from "../../addin/excel/reports.ts";
import { type ComparisonReport, type CompletenessReport, type ReportQuery, connectionStore, loadReports } from "../../addin/excel/reports-state.ts";
import { loadState } from "../../addin/excel/state.ts";
import { storageTokenStore } from "../../addin/src/credentials.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { SyncController } from "../../addin/src/sync.ts";
import { FakeExcel } from "../support/fake-excel.ts";

// Whole-workbook writes of thousands of rows: their figures are the point, not their speed on a busy machine.
const HEAVY = 120_000;

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const EVIL = '=HYPERLINK("x")';
const YEARS = Array.from({ length: 15 }, (_, i) => 2010 + i);
const CODE = "UA32020030000083742";

/**
 * A comparison of `members` communities over 2010–2024 for `codes` indicators, values made up from
 * the member, year and indicator (`shift` changes them all, for a refresh), every seventh member
 * without data, the first alone with a territory code. Statistics and ranks are not recomputed: the layout writes what the store says.
 */
function comparison(members: number, codes = 1, shift = 0): ComparisonResponse {
  const list = Array.from({ length: members }, (_, k) => ({
    communityId: id(1000 + k),
    name: k === 1 ? EVIL : `Громада ${String(k + 1).padStart(4, "0")} (${["Київська", "Львівська", "Одеська"][k % 3]} обл.)`,
    territoryCode: k === 0 ? CODE : null,
    region: ["Київська", "Львівська", "Одеська"][k % 3]!,
    kind: "amalgamated_community" as const,
    population: 5_000 + 137 * k,
  }));
  return ComparisonResponse.parse({
    associationId: id(1),
    years: YEARS,
    perCapita: false,
    generatedAt: "2025-03-01T10:00:00.000Z",
    members: list,
    indicators: Array.from({ length: codes }, (_, c) => ({
      entry: { code: `IND-${c + 1}`, nameUk: `Показник ${c + 1}`, nameEn: `Indicator ${c + 1}`, unit: "грн", direction: "increase", status: "active" },
      stats: YEARS.map((year, j) => ({ year, count: members, min: j, q1: 10 + j + shift, median: 20 + j + shift, q3: 30 + j + shift, max: 40 + j })),
      reasons: YEARS.map(() => 0),
      rows: list
        .filter((_, k) => k % 7 !== 6)
        .map((m, k) => ({
          communityId: m.communityId,
          values: YEARS.map((_, j) => Math.round((k * 31 + j * 7 + c + shift) * 1.37 * 100) / 100),
          ranks: YEARS.map(() => k + 1),
          quartiles: YEARS.map(() => ((k % 4) + 1) as 1 | 2 | 3 | 4),
        })),
    })),
  });
}

const comparisonQuery = (chart: ComparisonReport["chart"] = { kind: "line", communities: [] }): ReportQuery<ComparisonReport> => ({
  kind: "comparison",
  associationId: id(1),
  associationName: "Асоціація міст України",
  language: "uk",
  params: { codes: ["IND-1"], from: 2010, to: 2024, perCapita: false },
  chart,
});

describe("the comparison sheet in the workbook", () => {
  it("writes the sheet, a line chart over its ranges, and keeps the query with the sheet's id", async () => {
    const fake = new FakeExcel();
    const written = await writeComparison(fake.run, comparison(10), comparisonQuery({ kind: "line", communities: [{ id: id(1002), name: "Громада 0003 (Одеська обл.)" }] }));
    expect(written.syncs).toBe(4); // look (two), write, keep the query
    const sheet = fake.sheet("Порівняння")!;
    expect(written.record.sheet).toEqual({ id: sheet.id, name: "Порівняння" });
    const values = fake.values("Порівняння");
    expect(values[0]![0]).toBe("Порівняння громад — Асоціація міст України, 2010–2024 (дані на 2025-03-01 10:00 UTC)");
    expect(values[2]![0]).toBe("Показник 1 (IND-1), грн; ранг 1 — найбільше значення");
    expect(values[3]).toEqual(["Громада", "Код території", "Регіон", "Тип", "Населення", ...YEARS.map(String), "Ранг 2024", "Квартиль 2024"]);
    expect(values[4]!.slice(0, 7)).toEqual(["Громада 0001 (Київська обл.)", CODE, "Київська", "Територіальна громада", 5000, 0, 9.59]);
    expect(sheet.cells.get("4,1")).toMatchObject({ value: CODE, numberFormat: "@" });
    expect(values[5]![1]).toBe(""); // no code yet
    // A community named like a formula lands as text, not as a formula.
    expect(values[5]![0]).toBe(EVIL);
    // A Text (@) column takes it as it is: no quote prefix, which Excel might keep as a character.
    expect(sheet.cells.get("5,0")).toMatchObject({ value: EVIL, numberFormat: "@" });
    expect(sheet.cells.get("5,0")!.quotePrefix).toBeUndefined();
    expect(sheet.cells.get("5,0")!.formula).toBeUndefined();
    // The seventh member has no data: its row is there, with empty value cells.
    expect(values[10]!.slice(0, 1)).toEqual(["Громада 0007 (Київська обл.)"]);
    expect(values[10]!.slice(5)).toEqual(Array(17).fill(""));
    expect(values[14]!.slice(0, 7)).toEqual(["Медіана", "", "", "", "", 20, 21]);
    expect(values[19]!.slice(0, 6)).toEqual(["Громад зі значенням", "", "", "", "", 10]);
    expect(sheet.cells.get("19,5")!.numberFormat).toBe("0");
    expect(sheet.cells.get("14,5")!.numberFormat).toBe("#,##0.00");

    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0]!;
    expect(chart).toMatchObject({ name: "MuniPlan_comparison_1", type: "Line", title: "Показник 1, грн: 2010–2024", position: { from: "X3", to: "AE22" } });
    expect(chart.series.map((s) => [s.name, s.values, s.categories])).toEqual([
      ["Медіана", "Порівняння!F15:T15", "Порівняння!F4:T4"],
      ["Нижній квартиль (Q1)", "Порівняння!F16:T16", "Порівняння!F4:T4"],
      ["Верхній квартиль (Q3)", "Порівняння!F17:T17", "Порівняння!F4:T4"],
      ["Громада 0003 (Одеська обл.)", "Порівняння!F7:T7", "Порівняння!F4:T4"],
    ]);
    expect(chart.series[1]!.line).toEqual({ color: "#8EA9DB", lineStyle: "Dash", weight: 1.5 });

    expect(sheet.frozenRows).toBe(4);
    expect(sheet.frozenColumns).toBe(1);
    expect(sheet.fills).toContainEqual({ address: "A4:V4", color: "#DDEBF7" });
    expect(sheet.conditionalFormats).toEqual([
      {
        address: "V5:V14",
        rule: undefined,
        colorScale: {
          minimum: { type: "Number", formula: "1", color: "#63BE7B" },
          midpoint: { type: "Number", formula: "2.5", color: "#FFEB84" },
          maximum: { type: "Number", formula: "4", color: "#F8696B" },
        },
      },
    ]);
    expect(fake.enableEvents).toBe(true);
    expect(fake.activeSheet).toBe("Порівняння");
    expect((await loadReports(fake.run)).comparison).toEqual(written.record);
  });

  it("a bar chart shows the last year's values, best first, from data written beside the table", async () => {
    const fake = new FakeExcel();
    await writeComparison(fake.run, comparison(10), comparisonQuery({ kind: "bar", communities: [] }));
    const values = fake.values("Порівняння");
    // The ranks run in member order except for the member without data: the by-rank list skips it.
    expect(values.slice(4, 14).map((r) => r[23])).toEqual([
      "Громада 0001 (Київська обл.)",
      EVIL,
      "Громада 0003 (Одеська обл.)",
      "Громада 0004 (Київська обл.)",
      "Громада 0005 (Львівська обл.)",
      "Громада 0006 (Одеська обл.)",
      "Громада 0008 (Львівська обл.)",
      "Громада 0009 (Одеська обл.)",
      "Громада 0010 (Київська обл.)",
      "",
    ]);
    const chart = fake.sheet("Порівняння")!.charts[0]!;
    expect(chart).toMatchObject({ type: "BarClustered", title: "Показник 1, грн: 2024", reversedCategories: true, legend: { visible: false } });
    expect(chart.series).toEqual([{ name: "2024", values: "Порівняння!Y5:Y13", categories: "Порівняння!X5:X13", line: {} }]);
  });

  it("Refresh rebuilds the same sheet in place: new values, one MuniPlan chart, the analyst's own chart and sheet name kept", async () => {
    const fake = new FakeExcel();
    const first = await writeComparison(fake.run, comparison(10), comparisonQuery());
    const sheet = fake.sheet("Порівняння")!;
    sheet.name = "Порівняння 2024";
    sheet.charts.push({ name: "Мій графік", type: "Pie", seriesBy: "Auto", series: [], legend: {} });
    const before = fake.values("Порівняння 2024");

    const stored = (await loadReports(fake.run)).comparison!;
    const second = await writeComparison(fake.run, comparison(8, 1, 5), comparisonQuery(), stored.sheet);
    expect(fake.sheets).toHaveLength(1);
    expect(second.record.sheet).toEqual({ id: first.record.sheet.id, name: "Порівняння 2024" });
    const after = fake.values("Порівняння 2024");
    expect(after[4]![5]).not.toBe(before[4]![5]);
    expect(after[4]![5]).toBe(Math.round(5 * 1.37 * 100) / 100);
    expect(after[12]![0]).toBe("Медіана"); // 8 members now: the statistics moved up, nothing left below
    expect(after).toHaveLength(4 + 8 + 7); // six statistics and the count of reasons
    expect(sheet.charts.map((c) => c.name)).toEqual(["Мій графік", "MuniPlan_comparison_1"]);
    expect(sheet.charts[1]!.series[0]!.values).toBe("Порівняння 2024!F13:T13");
    expect(sheet.conditionalFormats).toHaveLength(1);
    expect(fake.customXml.filter((p) => p.xml.includes("urn:muniplan:report:comparison:v1"))).toHaveLength(1);
  });

  it("never touches a sheet that is not MuniPlan's: a taken name is refused before anything is written", async () => {
    const fake = new FakeExcel();
    const theirs = fake.addSheet("Порівняння");
    fake.type("Порівняння", "A1", "мої розрахунки");
    const refused = writeComparison(fake.run, comparison(10), comparisonQuery());
    await expect(refused).rejects.toBeInstanceOf(ReportNameTaken);
    await expect(refused).rejects.toMatchObject({ kind: "comparison", sheetName: "Порівняння" });
    expect(fake.sheets).toEqual([theirs]);
    expect(fake.values("Порівняння")).toEqual([["мої розрахунки"]]);
    expect(fake.customXml).toEqual([]);

    const written = await writeComparison(fake.run, comparison(10), comparisonQuery(), undefined, "Порівняння АМУ");
    expect(written.record.sheet.name).toBe("Порівняння АМУ");
    expect(fake.values("Порівняння")).toEqual([["мої розрахунки"]]);
    // Refresh finds the report's sheet by id, whatever sheet has the default name.
    const again = await writeComparison(fake.run, comparison(10), comparisonQuery(), written.record.sheet);
    expect(again.record.sheet).toEqual(written.record.sheet);
    expect(fake.sheets).toHaveLength(2);
  });
});

describe("the comparison's cost in Excel on the web", () => {
  async function measure(members: number, codes: number) {
    const fake = new FakeExcel();
    const query = { ...comparisonQuery(), params: { ...comparisonQuery().params, codes: Array.from({ length: codes }, (_, c) => `IND-${c + 1}`) } };
    const written = await writeComparison(fake.run, comparison(members, codes), query);
    return { syncs: written.syncs, fakeSyncs: fake.stats.syncs, maxBytes: fake.stats.maxRequestBytes, totalBytes: fake.stats.totalBytes, charts: fake.sheet("Порівняння")!.charts.length };
  }

  it("10 members: four syncs (look in two, write, keep the query)", async () => {
    const small = await measure(10, 1);
    expect(small.syncs).toBe(4);
    expect(small.fakeSyncs).toBe(4);
    expect(small.maxBytes).toBeLessThan(100_000);
  });

  it("1,500 members × 15 years: one request per ~4 MB, each under the 5 MB limit", async () => {
    const one = await measure(1_500, 1);
    expect(one.syncs).toBe(4);
    expect(one.maxBytes).toBeLessThan(5_000_000);

    // The most a comparison asks for: 10 indicators, ~15,000 rows. Syncs grow with bytes only.
    const all = await measure(1_500, 10);
    expect(all.charts).toBe(10);
    expect(all.maxBytes).toBeLessThan(5_000_000);
    expect(all.syncs).toBe(all.fakeSyncs);
    // Look (two syncs), two writes of ~4 MB (UTF-8 JSON, as Office.js sends it), keep the query.
    expect(all.syncs).toBe(5);
    expect(all.syncs).toBeLessThanOrEqual(2 + Math.ceil(all.totalBytes / 1_500_000));
  }, HEAVY);
});

describe("the completeness sheet in the workbook", () => {
  const response = (filled: boolean) =>
    CompletenessResponse.parse({
      associationId: id(1),
      year: 2024,
      generatedAt: "2025-03-01T10:00:00.000Z",
      entries: [
        { code: "POP", nameUk: "Чисельність населення", nameEn: "Population", unit: "осіб", direction: "keep", status: "active" },
        { code: "BUD-OWN", nameUk: "Власні доходи", nameEn: "Own revenue", unit: "грн", direction: "increase", status: "active" },
      ],
      rows: [
        {
          communityId: id(11),
          name: "Бровари",
          territoryCode: CODE,
          region: "Київська",
          kind: "city",
          population: 109000,
          hasPlan: true,
          round: "approved",
          cells: ["filled", filled ? "filled" : "reason"],
          missing: [null, filled ? null : "not_available"],
          filled: filled ? 2 : 1,
          withReason: filled ? 0 : 1,
          empty: 0,
        },
        { communityId: id(12), name: EVIL, region: null, kind: null, population: null, hasPlan: false, round: null, cells: ["not_in_plan", "not_in_plan"], filled: 0, withReason: 0, empty: 0 },
      ],
    });
  const query: ReportQuery<CompletenessReport> = { kind: "completeness", associationId: id(1), associationName: "АМУ", language: "uk", params: { year: 2024 } };

  it("is an Excel table the analyst sorts and filters, states coloured", async () => {
    const fake = new FakeExcel();
    const written = await writeCompleteness(fake.run, response(false), query);
    expect(written.syncs).toBe(4);
    const sheet = fake.sheet("Повнота")!;
    expect(sheet.tables).toEqual([{ name: "MuniPlan_completeness", address: "A1:N3", style: "TableStyleMedium2" }]);
    expect(fake.values("Повнота")).toEqual([
      [
        "Громада",
        "Код території",
        "Регіон",
        "Тип",
        "Населення",
        "Є план",
        "Моніторинг 2024",
        "Чисельність населення (POP)",
        "Власні доходи (BUD-OWN)",
        "Заповнено за 2024",
        "З причиною відсутності",
        "Порожніх",
        "Частка заповнених",
        // The response sets no due date (as an older Worker's): the column says so.
        "Вчасність",
      ],
      ["Бровари", CODE, "Київська", "Місто", 109000, "так", "затверджено", "заповнено", "причина: немає даних", 1, 1, 0, 0.5, "строк не встановлено"],
      [EVIL, "", "", "", "", "ні", "не відкрито", "немає в плані", "немає в плані", 0, 0, 0, 0, "строк не встановлено"],
    ]);
    // The round's column: approved green, not opened grey.
    expect(sheet.conditionalFormats.filter((c) => c.address === "G2:G3").map((c) => [c.rule, c.fill])).toEqual([
      [{ formula1: '="затверджено"', operator: "EqualTo" }, "#C6EFCE"],
      [{ formula1: '="не відкрито"', operator: "EqualTo" }, "#EDEDED"],
    ]);
    expect(sheet.conditionalFormats.filter((c) => c.address === "H2:H3").map((c) => [c.rule, c.fill])).toEqual([
      [{ formula1: '="заповнено"', operator: "EqualTo" }, "#C6EFCE"],
      [{ formula1: '="причина: немає даних"', operator: "EqualTo" }, "#FFEB9C"],
      [{ formula1: '="причина: не застосовується"', operator: "EqualTo" }, "#FFEB9C"],
      [{ formula1: '="причина: конфіденційно"', operator: "EqualTo" }, "#FFEB9C"],
      [{ formula1: '="причина: строк ще не настав"', operator: "EqualTo" }, "#FFEB9C"],
      [{ formula1: '="порожньо"', operator: "EqualTo" }, "#FFC7CE"],
      [{ formula1: '="немає в плані"', operator: "EqualTo" }, "#EDEDED"],
    ]);
    expect([sheet.frozenRows, sheet.frozenColumns]).toEqual([1, 1]);
    expect(sheet.charts).toEqual([]);

    // Refresh: the same table, new states.
    const again = await writeCompleteness(fake.run, response(true), query, written.record.sheet);
    expect(again.record.sheet.id).toBe(sheet.id);
    expect(sheet.tables).toHaveLength(1);
    expect(fake.values("Повнота")[1]!.slice(7)).toEqual(["заповнено", "заповнено", 2, 0, 0, 1, "строк не встановлено"]);
    // Both reports are kept, each in its own part, and neither is the plan's state.
    await writeComparison(fake.run, comparison(3), comparisonQuery());
    const kept = await loadReports(fake.run);
    expect([kept.completeness?.sheet.name, kept.comparison?.sheet.name]).toEqual(["Повнота", "Порівняння"]);
    expect(await loadState(fake.run)).toBeUndefined();
  });
});

describe("an analyst's workbook with no plan", () => {
  const me: MeResponse = {
    user: { id: "u1", name: "Аналітик АМУ" },
    token: { id: "t1", expiresAt: "2026-01-01T00:00:00.000Z" },
    grants: [{ role: "analyst", associationId: id(1) }],
    communities: [],
    associations: [{ id: id(1), name: "Асоціація міст України", memberCount: 565 }],
  };

  async function pane(fake: FakeExcel, storage: Map<string, string>) {
    const session = new PlanSession({ run: fake.run });
    await session.open();
    const made: { server: string; token: string }[] = [];
    const tokens = storageTokenStore({
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    });
    const sync = new SyncController(session, tokens, (server, token) => {
      made.push({ server, token });
      return { me: async () => me } as unknown as ApiClient;
    });
    await sync.keepPendingIn(connectionStore(fake.run));
    return { sync, made };
  }

  it("keeps its connection (server and clientId, not the token) across closing and reopening", async () => {
    const fake = new FakeExcel();
    const storage = new Map<string, string>();
    const first = await pane(fake, storage);
    expect(first.sync.connection()).toBeUndefined();
    await first.sync.connect("https://muniplan.example/pane", "secret-token");
    const connection = first.sync.connection()!;
    expect(connection.server).toBe("https://muniplan.example");
    expect(fake.customXml.map((p) => p.xml).join()).not.toContain("secret-token");
    expect(await loadState(fake.run)).toBeUndefined();

    // Reopened: the workbook says where and as whom; the token comes from the pane's storage.
    const reopened = await pane(fake, storage);
    expect(reopened.sync.connection()).toEqual(connection);
    await expect(reopened.sync.me()).resolves.toEqual(me);
    expect(reopened.made.at(-1)).toEqual({ server: "https://muniplan.example", token: "secret-token" });
    // Connecting again keeps the workbook's clientId: one token entry per workbook.
    await reopened.sync.connect("https://muniplan.example", "new-token");
    expect(reopened.sync.connection()).toEqual(connection);
    expect(storage.size).toBe(1);
  });

  it("a damaged kept part is taken as no connection, not as an error", async () => {
    const fake = new FakeExcel();
    fake.customXml.push({ id: "{x}", xml: '<muniplan-kept xmlns="urn:muniplan:connection:v1">{"server":</muniplan-kept>' });
    const { sync } = await pane(fake, new Map());
    expect(sync.connection()).toBeUndefined();
  });
});
