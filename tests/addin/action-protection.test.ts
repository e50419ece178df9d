import { describe, expect, it } from "vitest";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { IndicatorsGuard } from "../../addin/excel/indicators-guard.ts";
import { readSelection } from "../../addin/excel/selection.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { PaneStore } from "../../addin/src/state/store.ts";
import { type ActionOptions, runAction } from "../../addin/src/state/useAction.ts";
import { SyncController } from "../../addin/src/sync.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/** A monitor's workbook: the plan's sheets, the Indicators sheet protected with 2014's cells open, the pane's services over it. */
async function monitorsWorkbook() {
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  await session.open();
  await session.write(amuPlan, "uk");
  const around = new IndicatorsGuard(fake.run, () => session.state?.sheets.indicators?.id);
  around.protectFor([2014]);
  await around.apply();
  const tokens = { get: () => null, set: () => undefined, remove: () => undefined };
  const services = { store: new PaneStore(), session, sync: new SyncController(session, tokens), around };
  await fake.userSelects("Показники!O2");
  return { fake, services, sheet: fake.sheet("Показники")! };
}

/** What Excel was asked while the pane ran a lookup of the selection as action "history" with `options`. */
async function lookUp(options: ActionOptions) {
  const { fake, services, sheet } = await monitorsWorkbook();
  const locks = structuredClone(sheet.locks);
  const before = { ...fake.stats };
  let address: string | undefined;
  const ok = await runAction(services, "history", options, async () => {
    address = (await readSelection(fake.run)).address;
  });
  expect(ok).toBe(true);
  expect(address).toMatch(/^Показники!O2/);
  // Either way the sheet ends protected.
  expect(sheet.protection.protected).toBe(true);
  const sent = { runs: fake.stats.runs - before.runs, syncs: fake.stats.syncs - before.syncs, ops: fake.stats.ops - before.ops };
  return { sent, bare: await bareRead(), relocked: sheet.locks.length > locks.length };
}

/** The same read alone, on a workbook of its own. */
async function bareRead() {
  const { fake } = await monitorsWorkbook();
  const before = { ...fake.stats };
  await readSelection(fake.run);
  return { runs: fake.stats.runs - before.runs, syncs: fake.stats.syncs - before.syncs, ops: fake.stats.ops - before.ops };
}

describe("a read-only action on a monitor's workbook", () => {
  it("sends Excel the read alone: no protection lifted or applied around it", async () => {
    const { sent, bare, relocked } = await lookUp({ keepOthers: true, readOnly: true });
    expect(bare.runs).toBe(1);
    expect(sent).toEqual(bare);
    expect(relocked).toBe(false);
  });

  it("while an action that writes lifts the protection and applies it again around its work", async () => {
    const { sent, bare, relocked } = await lookUp({ keepOthers: true });
    // One run to lift, the work's, one to apply again (which sets the cells' locks anew).
    expect(sent.runs).toBe(bare.runs + 2);
    expect(sent.ops).toBeGreaterThan(bare.ops);
    expect(relocked).toBe(true);
  });
});
