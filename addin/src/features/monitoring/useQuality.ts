import { useState } from "react";
import type { Problem } from "../../../../shared/layout/grid.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import type { Violation } from "../../../../shared/quality/rules.ts";
import { PaneError } from "../../errors.ts";
import { usePaneServices } from "../../state/pane.tsx";
import { SheetProblems } from "../../state/store.ts";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { useSetProblems } from "../plan/usePlanActions.ts";
import { refusedQuality, sheetQuality } from "./quality.ts";

/**
 * The association's quality rules over the year's values as the sheet holds them now (shared/quality):
 * *Check the values* lists every flagged value at its cell at the top of the pane; before a submit,
 * a flagged value without the committee's note stops it, and the cells still to explain are offered
 * beside the Submit button. The catalogues are fetched outside any Excel batch; the Worker checks the
 * same rule on what it holds and refuses the submit (and an approve) too: its refusal is shown the same way.
 */
export function useQuality(language: Language, t: Strings) {
  const { session, sync } = usePaneServices();
  const setProblems = useSetProblems();
  const action = useAction("quality");
  const [unexplained, setUnexplained] = useState<Problem[]>([]);

  /** The year's flagged values at their cells; the sheets' own problems stop it first. */
  const flagged = async (year: number) => {
    const { entries } = await sync.catalogues();
    try {
      const found = await sheetQuality(session, entries, year, language);
      setProblems(found.located);
      setUnexplained(found.open);
      return found;
    } catch (e) {
      if (e instanceof SheetProblems) setProblems(e.problems);
      throw e;
    }
  };

  /** Why the step waits: the flagged values to explain (listed with go-to-cell), and where to explain them. */
  const needExplanation = (found: { open: readonly unknown[]; notes: string }) =>
    new PaneError((w) => ({ title: w.quality.needExplanation(found.open.length), next: w.quality.needExplanationNext(found.notes) }));

  const check = (year: number) =>
    action.run(async () => {
      const { located, open } = await flagged(year);
      return located.length ? t.quality.flagged(located.length, open.length) : t.quality.clean(year);
    });

  /** Runs `submit` only when every flagged value of the year is explained; says which are not otherwise. */
  const beforeSubmit = async (year: number, submit: () => unknown) => {
    const ready = await action.run(async () => {
      // The sheets' own problems are the submit's to name: it reads them again as it syncs, and stops on them.
      const found = await flagged(year).catch((e: unknown) => {
        if (e instanceof SheetProblems) return undefined;
        throw e;
      });
      if (found?.open.length) throw needExplanation(found);
    });
    if (ready) await submit();
  };

  /**
   * The server refused a round step over `violations` it holds unexplained (a value changed after the
   * pane's check, or by an editor after the submit): they are listed at their cells like the pane's own
   * check, and the step's result says what to do. Always throws, for the step's action to show.
   */
  const refused = async (year: number, violations: readonly Violation[]): Promise<never> => {
    const { entries } = await sync.catalogues();
    const found = await refusedQuality(session, violations, entries, year, language);
    setProblems(found.located);
    setUnexplained(found.open);
    throw needExplanation(found);
  };

  return { check, beforeSubmit, refused, unexplained, busy: action.busy };
}
