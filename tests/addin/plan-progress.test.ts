import { describe, expect, it } from "vitest";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { isAbort } from "../../addin/src/errors.ts";
import { PlanSession, sheetsShownBy } from "../../addin/src/session.ts";
import { type StepState, Steps } from "../../addin/src/state/progress.ts";
import { strings } from "../../addin/src/strings.ts";
import { FakeExcel } from "../support/fake-excel.ts";

const uk = strings("uk");

/** An action's steps over `signal`, each one as the pane shows it (in Ukrainian). */
function watched(signal: AbortSignal, onStep: (s: StepState) => void = () => undefined) {
  const shown: [number, number, string | undefined, boolean][] = [];
  const steps = new Steps(signal, (s) => {
    shown.push([s.step, s.of, s.label?.(uk), s.cancellable]);
    onStep(s);
  });
  return { steps, shown };
}

async function opened(fake = new FakeExcel()) {
  const session = new PlanSession({ run: fake.run });
  await session.open();
  return { fake, session };
}

describe("creating and rebuilding the plan's sheets shows which sheet is being written", () => {
  it("creating: one step that cannot be cancelled, said sheet by sheet, and a cancel arriving meanwhile does not stop it midway", async () => {
    const { fake, session } = await opened();
    const cancel = new AbortController();
    // The user's cancel lands while the first sheet is being written (the pane offers none then, but a click may race the step).
    const { steps, shown } = watched(cancel.signal, (s) => s.label?.(uk).startsWith("Записую аркуш 1 ") && cancel.abort());
    steps.plan(1);
    steps.next((t) => t.feedback.steps.write, { cancellable: false });
    const count = await session.write(amuPlan, "uk", {}, {}, sheetsShownBy(steps));

    const names = fake.sheets.map((s) => s.name);
    expect(count).toBe(names.length);
    expect(shown).toEqual([
      [1, 1, "Записую аркуші", false],
      ...names.map((name, i) => [1, 1, `Записую аркуш ${i + 1} з ${names.length} («${name}»)`, false]),
    ]);
    // Every sheet was written whole and recorded: the write ran to its end.
    expect(Object.keys(session.state!.sheets)).toHaveLength(names.length);
    expect((await opened(fake)).session.state?.sheets).toEqual(session.state!.sheets);
  });

  it("rebuilding from the sheets: reading may be cancelled and then nothing is written; writing follows as a step of its own", async () => {
    const { fake, session } = await opened();
    await session.write(amuPlan, "uk");
    fake.type("Показники", "C3", "SME");

    // What reading the sheets alone asks of Excel.
    let before = fake.stats.ops;
    await session.readSheets();
    const read = fake.stats.ops - before;

    const cancel = new AbortController();
    const stopped = watched(cancel.signal, () => cancel.abort());
    before = fake.stats.ops;
    const error = await session.refresh(stopped.steps).catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(stopped.shown).toEqual([[1, 2, "Читаю аркуші", true]]);
    expect(stopped.steps.state?.ifCancelled?.(uk)).toBe(uk.feedback.ifCancelled.nothingWritten);
    // Only the read went to Excel, and the plan did not take the typed cell: a later refresh does.
    expect(fake.stats.ops - before).toBe(read);
    expect(session.state!.doc).toBe(amuPlan);

    const { steps, shown } = watched(new AbortController().signal);
    const result = await session.refresh(steps);
    expect(result.changes.length).toBeGreaterThan(0);
    expect(session.state!.doc).not.toBe(amuPlan);
    const names = fake.sheets.map((s) => s.name);
    expect(shown.slice(0, 2)).toEqual([
      [1, 2, "Читаю аркуші", true],
      [2, 2, "Записую аркуші", false],
    ]);
    expect(shown.slice(2).map((s) => s[2])).toEqual(names.map((name, i) => `Записую аркуш ${i + 1} з ${names.length} («${name}»)`));
  });
});
