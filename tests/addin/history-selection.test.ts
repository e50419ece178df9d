import { describe, expect, it } from "vitest";
import { readSelection, selectionFeed } from "../../addin/excel/selection.ts";
import { historyTarget, whyNoStory } from "../../addin/src/features/history/target.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { strings } from "../../addin/src/strings.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { columnLetter } from "../../shared/layout/cells.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { FakeExcel } from "../support/fake-excel.ts";

// Selection → what the store keeps about it, against the strict host: the Indicators sheet's year cells
// are that year's value, a row is its entity, anything else says why it has no story.
const indicator = amuPlan.indicators[0]!;
const value = { id: fixtureId(9001), indicatorId: indicator.id, period: { year: 2014 }, value: 12.5 };
const doc: PlanDocument = { ...amuPlan, observations: [value] };

async function opened() {
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  await session.open();
  await session.write(doc, "uk");
  return { fake, doc: session.state!.doc };
}

/** The sheet address of the cell in `sheet`'s row whose id is `id`, under the header `header`. */
function cellOf(fake: FakeExcel, sheet: string, id: string, header: string): string {
  const rows = fake.values(sheet);
  const row = rows.findIndex((r) => r[0] === id);
  const col = rows[0]!.findIndex((h) => h === header);
  if (row < 1 || col < 0) throw new Error(`no ${header} of ${id} in ${sheet}`);
  return `${sheet}!${columnLetter(col)}${row + 1}`;
}

async function targetOf(fake: FakeExcel, d: PlanDocument, address: string) {
  await fake.userSelects(address);
  const before = { syncs: fake.stats.syncs, runs: fake.stats.runs };
  const target = historyTarget(await readSelection(fake.run), d);
  return { target, syncs: fake.stats.syncs - before.syncs, runs: fake.stats.runs - before.runs };
}

describe("the selected cell's story: which row or value it is", () => {
  it("a year cell of an indicator is that year's value; its notes and name cells are the value and the indicator", async () => {
    const { fake, doc: d } = await opened();
    const year = await targetOf(fake, d, cellOf(fake, "Показники", indicator.id, "2014"));
    expect(year.target).toMatchObject({ found: true, entityId: value.id, kind: "indicators", year: 2014 });
    // One Excel.run of two syncs, whatever the sheet's size: the selection and marks, then two one-row reads.
    expect([year.runs, year.syncs]).toEqual([1, 2]);
    const name = await targetOf(fake, d, cellOf(fake, "Показники", indicator.id, "Назва показника"));
    expect(name.target).toMatchObject({ found: true, entityId: indicator.id, kind: "indicators" });
    expect(name.target).not.toHaveProperty("year");
  });

  it("a year with no stored value, the header row and a new row without an id say why they have no story", async () => {
    const { fake, doc: d } = await opened();
    const empty = await targetOf(fake, d, cellOf(fake, "Показники", indicator.id, "2015"));
    expect(empty.target).toMatchObject({ found: false, why: "noValue", year: 2015 });
    expect(whyNoStory(empty.target as never, strings("uk")).title).toBe("Значення цього показника за 2015 рік ще не збережено.");
    expect((await targetOf(fake, d, "Показники!D1")).target).toMatchObject({ found: false, why: "header" });
    fake.insertRows("Ризики", 3);
    fake.type("Ризики", "C3", "Нова загроза");
    expect((await targetOf(fake, d, "Ризики!C3")).target).toMatchObject({ found: false, why: "noId", address: "Ризики!C3" });
  });

  it("a SWOT item's row is the item; the SWOT matrix beside the table is no row's", async () => {
    const { fake, doc: d } = await opened();
    const item = amuPlan.swot[0]!;
    const row = fake.values("SWOT-аналіз").findIndex((r) => r[0] === item.id) + 1;
    expect((await targetOf(fake, d, `SWOT-аналіз!C${row}`)).target).toMatchObject({ found: true, entityId: item.id, kind: "swot" });
    const header = fake.values("SWOT-аналіз")[0]!;
    const matrix = header.findIndex((h, i) => i > 0 && header[i - 1] === "" && h !== "");
    expect(matrix).toBeGreaterThan(0);
    expect((await targetOf(fake, d, `SWOT-аналіз!${columnLetter(matrix)}${row}`)).target).toMatchObject({ found: false, why: "notMuniPlan" });
  });

  it("a cell right of a table with no blank header (past the used range) is no row's", async () => {
    const { fake, doc: d } = await opened();
    const risk = amuPlan.risks[0]!;
    const row = fake.values("Ризики").findIndex((r) => r[0] === risk.id) + 1;
    expect((await targetOf(fake, d, `Ризики!C${row}`)).target).toMatchObject({ found: true, entityId: risk.id });
    const past = columnLetter(fake.values("Ризики")[0]!.length + 3);
    expect((await targetOf(fake, d, `Ризики!${past}${row}`)).target).toMatchObject({ found: false, why: "notMuniPlan" });
  });

  it("a sheet that is not MuniPlan's is named as such, after one sync", async () => {
    const { fake, doc: d } = await opened();
    fake.addSheet("Мої нотатки");
    fake.type("Мої нотатки", "A2", "00000000-0000-4000-8000-000000000064");
    const other = await targetOf(fake, d, "Мої нотатки!A2");
    expect(other.target).toEqual({ found: false, why: "notMuniPlan", address: "'Мої нотатки'!A2" });
    expect(other.syncs).toBe(1);
    expect(whyNoStory(other.target as never, strings("uk"))).toEqual({
      title: "'Мої нотатки'!A2 — не рядок MuniPlan.",
      next: strings("uk").history.notMuniPlanNext,
    });
  });

  it("the feed follows the selection where the host has ExcelApi 1.2, and says so where it cannot tell", async () => {
    const { fake } = await opened();
    const feed = selectionFeed(fake.run, fake);
    expect(feed.supported).toBe(true);
    const seen: string[] = [];
    let calls = 0;
    const stop = await feed.subscribe(() => {
      calls++;
      void readSelection(fake.run).then((s) => seen.push(s.address));
    });
    await fake.userSelects("Ризики!C2");
    await expect.poll(() => seen).toEqual(["Ризики!C2"]);
    stop();
    await fake.userSelects("Ризики!C3");
    // Counted as the event is handed out, so a listener still called after stop() is seen at once.
    expect(calls).toBe(1);
    expect(selectionFeed(fake.run, undefined).supported).toBe(false);
  });
});
