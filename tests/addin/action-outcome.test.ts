import { describe, expect, it } from "vitest";
import { IndicatorsGuard } from "../../addin/excel/indicators-guard.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { PaneStore } from "../../addin/src/state/store.ts";
import { runAction, warn } from "../../addin/src/state/useAction.ts";
import { SyncController } from "../../addin/src/sync.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/** The pane's services over an empty workbook. */
function services() {
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  const tokens = { get: () => null, set: () => undefined, remove: () => undefined };
  return { store: new PaneStore(), session, sync: new SyncController(session, tokens), around: new IndicatorsGuard(fake.run, () => undefined) };
}

const outcome = (s: ReturnType<typeof services>, id: string) => s.store.getSnapshot().actions[id]?.outcome;

describe("what a successful action says (ActionResult's green or amber)", () => {
  it("keeps a plain message as a success and warn(message) as a success in the warning's intent", async () => {
    const s = services();
    expect(await runAction(s, "read", { readOnly: true }, async () => "Read: 4.")).toBe(true);
    expect(outcome(s, "read")).toEqual({ ok: true, message: "Read: 4." });
    expect(await runAction(s, "read", { readOnly: true }, async () => warn("Read: 4. Not recognised: 2."))).toBe(true);
    expect(outcome(s, "read")).toEqual({ ok: true, message: "Read: 4. Not recognised: 2.", intent: "warning" });
  });

  it("says a success on screen again, marked so (announced, not scrolled to), and drops it when there is nothing to say it of", async () => {
    const s = services();
    await runAction(s, "check", { readOnly: true }, async () => warn("Ready: 1; with problems: 1."));
    s.store.restate("check", { ok: true, message: "Ready: 1." });
    expect(s.store.getSnapshot().actions.check).toEqual({ busy: false, outcome: { ok: true, message: "Ready: 1." }, restated: true });
    // The next run's outcome arrives anew.
    await runAction(s, "check", { readOnly: true }, async () => "Ready: 2.");
    expect(s.store.getSnapshot().actions.check).toEqual({ busy: false, outcome: { ok: true, message: "Ready: 2." } });
    s.store.restate("check", undefined);
    expect(outcome(s, "check")).toBeUndefined();
  });

  it("leaves an error, or an outcome another action's start dropped, as it is", async () => {
    const s = services();
    await runAction(s, "check", { readOnly: true }, async () => {
      throw new Error("offline");
    });
    s.store.restate("check", { ok: true, message: "Ready: 1." });
    expect(outcome(s, "check")).toMatchObject({ ok: false });
    await runAction(s, "check", { readOnly: true }, async () => "Ready: 1.");
    await runAction(s, "write", { readOnly: true }, async () => "Imported: 1.");
    s.store.restate("check", { ok: true, message: "Ready: 0." });
    expect(outcome(s, "check")).toBeUndefined();
  });
});
