import { useEffect, useState } from "react";
import { sheetNameProblem } from "../../../../shared/layout/cells.ts";
import type { Problem, SheetKind } from "../../../../shared/layout/grid.ts";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import { sheetsShownBy } from "../../session.ts";
import { usePaneServices } from "../../state/pane.tsx";
import { SheetProblems } from "../../state/store.ts";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { type RefreshFlags, refreshQuality } from "../quality/refresh.ts";

/** The problems the sheets hold, as the last read found them: the pane lists them at the top. */
export function useSetProblems(): (problems: Problem[]) => void {
  const { store } = usePaneServices();
  return (problems) => store.update((s) => ({ ...s, problems }));
}

/** Opens the workbook once: its plan if it has one, and the connection of a workbook with none. */
export function useOpenWorkbook(): void {
  const { run } = useAction("open");
  const { session, sync, store, excel } = usePaneServices();
  useEffect(() => {
    void run(async () => {
      await session.open();
      // An analyst's workbook usually has no plan: its connection to the store is kept apart.
      await sync.keepPendingIn(excel.connection);
      store.update((s) => ({ ...s, loaded: true }));
    });
  }, [run, session, sync, store, excel]);
}

/**
 * A pane edit of the plan, applied on top of what the sheets hold now. While the sheets hold problems
 * nothing is written and the action fails with SheetProblems, so the form that asked keeps its content.
 */
export function usePlanEdit(id: string, t: Strings) {
  const { session } = usePaneServices();
  const setProblems = useSetProblems();
  const action = useAction(id);
  const edit = (change: (d: PlanDocument) => PlanDocument, language?: Language) =>
    action.run(async ({ steps }) => {
      const result = await session.edit(change, language, undefined, steps);
      setProblems(result.problems);
      if (result.problems.length) throw new SheetProblems(result.problems);
      return t.saved;
    });
  return { ...action, edit };
}

/**
 * Reads the sheets back into the plan; with problems nothing is taken, and the problem list says what to fix.
 * A clean read of a linked plan is then checked against the association's quality rules last received
 * (`flags`, shown beside the result): a warning only, as the sheets are already taken.
 */
export function useRefresh(t: Strings, language: Language) {
  const { session, sync } = usePaneServices();
  const setProblems = useSetProblems();
  const action = useAction("refresh");
  const [flags, setFlags] = useState<RefreshFlags>();
  const refresh = () =>
    action.run(async ({ steps }) => {
      setFlags(undefined);
      const result = await session.refresh(steps);
      setProblems(result.problems);
      if (result.problems.length) return;
      setFlags(await refreshQuality(session, sync, result.doc, language));
      return t.refreshed(result.changes.length);
    });
  return { ...action, refresh, flags };
}

/** Creates the plan's sheets, or saves its header over them; a taken sheet name asks for another (`onTaken`). */
export function usePlanWrite(t: Strings, onTaken: (taken: { kind: SheetKind; name: string }[] | undefined) => void) {
  const { session, excel } = usePaneServices();
  const { edit, ...action } = usePlanEdit("plan", t);
  const write = async (next: PlanDocument, names?: Partial<Record<SheetKind, string>>) => {
    const bad = Object.values(names ?? {}).map((n) => n && sheetNameProblem(n)).find(Boolean);
    // The plan exists: its header changes on top of what the sheets hold now, never over them.
    if (session.state && !bad) return edit((d) => ({ ...d, plan: next.plan, community: next.community }), next.plan.language);
    return action.run(async ({ steps }) => {
      if (bad) throw new Error(bad);
      // One step, which cannot be cancelled: the first sync creates sheets, and a write is never stopped midway.
      steps.plan(1);
      steps.next((w) => w.feedback.steps.write, { cancellable: false });
      try {
        const count = await session.write(next, next.plan.language, names, {}, sheetsShownBy(steps));
        onTaken(undefined);
        return t.created(count);
      } catch (e) {
        const taken = excel.takenNames(e);
        if (!taken) throw e;
        onTaken(taken);
      }
    });
  };
  return { ...action, write };
}
