import { describe, expect, it } from "vitest";
import { PlanSession } from "../../addin/src/session.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/**
 * A year's value cell on the strict host (each profile): the reasons are a dropdown that only suggests
 * (Excel's error alert off), so a committee member types a number or picks a reason, and the read-back
 * names anything else by its cell. Other dropdowns stay closed.
 */
async function opened() {
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  await session.open();
  await session.write({ ...amuPlan, observations: [] }, "uk");
  return { fake, session };
}
const SHEET = "Показники";
const annual = (doc: PlanDocument, indicatorId: string) =>
  doc.observations
    .filter((o) => o.indicatorId === indicatorId && !o.period.quarter)
    .sort((a, b) => a.period.year - b.period.year)
    .map((o) => [o.period.year, o.value, o.missing ?? null]);

describe("a year's value cell in Excel", () => {
  it("offers the reasons of the sheet's language as a list whose error alert is off", async () => {
    const { fake } = await opened();
    const rules = fake.sheet(SHEET)!.validations.filter((v) => /^[NOP]2:/.test(v.address));
    expect(rules.map((v) => [v.address.replace(/\d+$/, ""), v.rule, v.errorAlert])).toEqual(
      ["N", "O", "P"].map((c) => [
        `${c}2:${c}`,
        { list: { inCellDropDown: true, source: "н/д,н/з,конф.,строк не настав" } },
        { showAlert: false, style: "Stop", title: "", message: "" },
      ]),
    );
  });

  it("takes a typed number and a picked or typed reason, in any language, and both read back", async () => {
    const { fake, session } = await opened();
    const row2 = fake.values(SHEET)[1]![0];
    expect(row2).toBe(fixtureId(700));
    fake.type(SHEET, "N2", 17);
    fake.type(SHEET, "O2", "н/д");
    fake.type(SHEET, "P2", "conf.");
    const result = await session.refresh();
    expect(result.problems).toEqual([]);
    expect(annual(result.doc, fixtureId(700))).toEqual([
      [2013, 17, null],
      [2014, null, "not_available"],
      [2015, null, "confidential"],
    ]);
    // The refresh writes the sheet again: an English token comes back in the sheet's language.
    expect(fake.values(SHEET)[1]!.slice(13, 16)).toEqual([17, "н/д", "конф."]);
    // Read again, nothing changes: the number and the reasons are what the plan holds.
    expect((await session.refresh()).changes).toEqual([]);
  });

  it("lets an unknown word in (the list only suggests), and the read-back names its cell in uk, en and lt", async () => {
    const { fake, session } = await opened();
    fake.type(SHEET, "O3", "невідомо");
    const result = await session.refresh();
    expect(result.problems.map((p) => p.ref)).toEqual(["Показники!O3"]);
    const { text } = result.problems[0]!;
    expect(text.uk).toBe("'невідомо' — не число; очікується число або причина відсутності значення: н/д, н/з, конф., строк не настав; залишено попереднє значення");
    expect(text.en).toContain("expected a number or a reason for no value: n/a, not applicable, conf., not yet due");
    expect(text.lt).toContain("n/d, netaikoma, konf., terminas nesuėjo");
    // Nothing is taken from the sheet while it holds a problem.
    expect(annual(result.doc, fake.values(SHEET)[2]![0] as string)).toEqual([]);
  });

  it("other dropdowns stay closed: a direction outside the list is refused as the user types it", async () => {
    const { fake } = await opened();
    const direction = (fake.values(SHEET)[0] as string[]).indexOf("Напрям змін");
    const cell = `${String.fromCharCode(65 + direction)}2`;
    expect(() => fake.type(SHEET, cell, "вгору")).toThrow("doesn't match the data validation restrictions");
    fake.type(SHEET, cell, "Зменшення");
    expect(fake.values(SHEET)[1]![direction]).toBe("Зменшення");
  });
});
