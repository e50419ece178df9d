import { describe, expect, it } from "vitest";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { ApiError, createClient, RoundUnexplainedError } from "../../shared/api/client.ts";
import type { RoundUnexplained } from "../../shared/api/rounds.ts";
import { notesHeader } from "../../shared/layout/indicators.ts";
import type { Language, PlanDocument } from "../../shared/model/plan.ts";
import { SHEET_NAMES } from "../../shared/layout/workbook.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { refusedQuality, sheetQuality } from "../../addin/src/features/monitoring/quality.ts";
import { SheetProblems } from "../../addin/src/state/store.ts";
import { catalogueEntry } from "../support/catalogue-entry.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/**
 * The Monitoring section's quality check on the fake host (every profile, the strict one included): a
 * value typed in the Indicators sheet that breaks the association's rules is named by its cell in the
 * pane's language, and counts as explained once the committee's notes column of the year says why.
 */

const YEAR = 2015;
const [ENR, POP] = [amuPlan.indicators[0]!, amuPlan.indicators[1]!];
const CATALOGUE = [catalogueEntry("ENR", { max: 100, compare: [{ op: "<=", code: "POP" }] }), catalogueEntry("POP", {}, { nameLt: "Gyventojai" })];

/** A workbook (Ukrainian unless said) following the 2015 round, ENR and POP linked, ENR 2014 = 50 and POP 2015 = 90. */
async function workbook(language: Language = "uk") {
  const doc: PlanDocument = {
    ...amuPlan,
    indicators: amuPlan.indicators.map((i) => (i.id === ENR.id ? { ...i, code: "ENR" } : i.id === POP.id ? { ...i, code: "POP" } : i)),
    observations: [
      { id: fixtureId(9501), indicatorId: ENR.id, period: { year: 2014 }, value: 50 },
      { id: fixtureId(9502), indicatorId: POP.id, period: { year: YEAR }, value: 90 },
    ],
  };
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  await session.open();
  await session.write(doc, language, {}, { clientId: "workbook-quality", monitoring: { year: YEAR } });
  const [header, ...rows] = fake.values(SHEET_NAMES.indicators[language]);
  const column = (title: string) => header!.findIndex((h) => String(h) === title);
  const row = rows.findIndex((r) => r.includes(ENR.name)) + 2;
  const cell = (title: string) => `${String.fromCharCode(65 + column(title))}${row}`;
  return { fake, session, value: cell(String(YEAR)), note: cell(notesHeader(YEAR)[language]) };
}

describe("the quality check of the monitoring year's values in the sheet", () => {
  it("names a typed value that breaks a rule by its cell, in the pane's language, until the notes column explains it", async () => {
    const { fake, session, value, note } = await workbook();
    expect(value).toMatch(/^[A-Z]\d+$/);
    expect(note).toMatch(/^[A-Z]\d+$/);
    expect((await sheetQuality(session, CATALOGUE, YEAR, "uk")).located).toEqual([]);

    fake.type("Показники", value, 120);
    const flagged = await sheetQuality(session, CATALOGUE, YEAR, "uk");
    expect(flagged.located.map((p) => [p.ref, p.violation.rule])).toEqual([
      [`Показники!${value}`, "max"],
      [`Показники!${value}`, "compare"],
    ]);
    expect(flagged.open).toHaveLength(2);
    expect(flagged.located[0]!.message).toBe(`ENR: 120 — більше за максимум 100; перевірте значення або поясніть його в «${notesHeader(YEAR).uk}»`);
    // The same finding in Lithuanian names the other indicator by its Lithuanian name.
    const lt = await sheetQuality(session, CATALOGUE, YEAR, "lt");
    expect(lt.located[1]!.message).toContain("turi būti ne daugiau kaip „Gyventojai“ (90)");

    fake.type("Показники", note, "Відкрито новий корпус школи");
    const explained = await sheetQuality(session, CATALOGUE, YEAR, "uk");
    expect(explained.located).toHaveLength(2);
    expect(explained.open).toEqual([]);
    expect(explained.located[0]!.message).toContain("(пояснено в примітці)");
  });

  it("takes a reason typed instead of a value as no value: nothing is flagged", async () => {
    const { fake, session, value } = await workbook();
    fake.type("Показники", value, "н/д");
    expect((await sheetQuality(session, CATALOGUE, YEAR, "uk")).located).toEqual([]);
  });

  it("checks nothing while the sheet holds a problem: the problem is named instead", async () => {
    const { fake, session, value } = await workbook();
    fake.type("Показники", value, "сто двадцять");
    await expect(sheetQuality(session, CATALOGUE, YEAR, "uk")).rejects.toBeInstanceOf(SheetProblems);
  });

  it("names the notes column as the sheets have it: a Ukrainian pane over Lithuanian sheets quotes the Lithuanian header", async () => {
    const { fake, session, value } = await workbook("lt");
    fake.type(SHEET_NAMES.indicators.lt, value, 120);
    const flagged = await sheetQuality(session, CATALOGUE, YEAR, "uk");
    expect(flagged.notes).toBe(notesHeader(YEAR).lt);
    expect(flagged.located[0]!.message).toBe(`ENR: 120 — більше за максимум 100; перевірте значення або поясніть його в «${notesHeader(YEAR).lt}»`);
  });
});

describe("the server's refusal of a round step over unexplained values", () => {
  const refusal: RoundUnexplained = {
    error: { code: "bad_request", message: "1 value(s) of 2015 break the association's quality rules without an explanation", field: "note" },
    violations: [{ rule: "max", indicatorId: ENR.id, code: "ENR", year: YEAR, value: 120, max: 100 }],
  };
  const answering = (status: number, body: unknown) =>
    createClient({ baseUrl: "https://store.test", token: "mpt_test", fetch: async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }) });

  it("comes as a RoundUnexplainedError carrying the values, which the pane locates at their cells with the notes column", async () => {
    const error = await answering(422, refusal)
      .roundStep("plan-1", YEAR, { action: "submit", baseVersion: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoundUnexplainedError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: "RoundUnexplainedError", status: 422, code: "bad_request", field: "note", violations: refusal.violations });

    const { session, value } = await workbook();
    const found = await refusedQuality(session, (error as RoundUnexplainedError).violations, CATALOGUE, YEAR, "uk");
    expect(found.open.map((p) => p.ref)).toEqual([`Показники!${value}`]);
    expect(found.open[0]!.message).toBe(`ENR: 120 — більше за максимум 100; перевірте значення або поясніть його в «${notesHeader(YEAR).uk}»`);
    expect(found.notes).toBe(notesHeader(YEAR).uk);
  });

  it("stays a plain ApiError for another 422 or a 409", async () => {
    const plain = { error: { code: "bad_request", message: "bad", field: null } };
    for (const [status, body] of [[422, plain], [409, { ...plain, error: { ...plain.error, code: "conflict" }, current: null }]] as const) {
      const error = await answering(status, body)
        .roundStep("plan-1", YEAR, { action: "submit", baseVersion: 1 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).not.toBeInstanceOf(RoundUnexplainedError);
      expect((error as ApiError).status).toBe(status);
    }
  });
});
