import { describe, expect, it } from "vitest";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { loadState } from "../../addin/excel/state.ts";
import { describeError, PaneError } from "../../addin/src/errors.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { SheetProblems } from "../../addin/src/state/store.ts";
import { strings } from "../../addin/src/strings.ts";
import { SyncController } from "../../addin/src/sync.ts";
import { FakeExcel } from "../support/fake-excel.ts";

const noToken = { get: () => null, set: () => undefined, remove: () => undefined };
const failing = () => {
  throw new Error("no request is expected");
};

/** What the pane says for `error`, in each language: the title and the next step. */
const said = (error: unknown) => (["uk", "en", "lt"] as const).map((language) => describeError(error, strings(language)));

// The sync's refusals of its own reach the user in the pane's language with a next step, never as English.
describe("sync refuses in the user's words", () => {
  it("without a plan, without a connection, without a link", async () => {
    const fake = new FakeExcel();
    const session = new PlanSession({ run: fake.run });
    await session.open();
    const sync = new SyncController(session, noToken, failing);
    const noPlan = await sync.syncNow().catch((e: unknown) => e);
    const notConnected = (() => {
      try {
        sync.client();
      } catch (e) {
        return e;
      }
    })();
    await session.write(amuPlan, "uk");
    const notLinked = await sync.syncNow().catch((e: unknown) => e);
    for (const [error, title, next] of [
      [noPlan, "noPlan", "noPlanNext"],
      [notConnected, "notConnected", "notConnectedNext"],
      [notLinked, "notLinked", "notLinkedNext"],
    ] as const) {
      expect(error).toBeInstanceOf(PaneError);
      const [uk, en, lt] = said(error);
      expect([uk, en, lt].map((d) => [d!.title, d!.next])).toEqual((["uk", "en", "lt"] as const).map((l) => [strings(l).feedback[title], strings(l).feedback[next]]));
      expect(new Set([uk!.next, en!.next, lt!.next]).size).toBe(3);
    }
    expect(fake.sheet("SWOT-аналіз")).toBeDefined();
  });

  it("a conflict is not resolved over a problem in the sheets: the problem is named, nothing is written", async () => {
    const fake = new FakeExcel();
    const session = new PlanSession({ run: fake.run });
    await session.open();
    await session.write(amuPlan, "uk");
    fake.type("Показники", "O2", "abc");
    const before = await loadState(fake.run);
    const error = await new SyncController(session, noToken, failing).resolve("indicators:x", "mine").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetProblems);
    expect((error as SheetProblems).problems.map((p) => p.ref)).toEqual(["Показники!O2"]);
    expect(fake.values("Показники")[1]![14]).toBe("abc");
    // Read, never written: the typed cell is the user's to fix.
    expect(await loadState(fake.run)).toEqual(before);
  });
});
