import { useEffect, useEffectEvent, useState } from "react";
import type { ApiClient } from "../../../../shared/api/client.ts";
import { type DueDate, dueOnProblem, MAX_DUE_YEARS_AFTER } from "../../../../shared/api/deadlines.ts";
import { ReleaseYear } from "../../../../shared/api/releases.ts";
import { dueDateText } from "../../../../shared/i18n/labels.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { PaneError } from "../../errors.ts";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";

/**
 * The analyst's due date of a year's monitoring round (shared/api/deadlines.ts): the year's date as
 * stored, a date being typed, and setting or removing it. Nothing is asked of the store until the
 * form's year is a year; a date outside the years the Worker takes is refused here, in the pane's words.
 */
export function useDueDate(props: { client: () => ApiClient; associationId: string; year: string; language: Language; t: Strings }) {
  const year = ReleaseYear.safeParse(props.year);
  const dueYear = year.success ? year.data : undefined;
  /** undefined: not known yet; null: the year has none. */
  const [current, setCurrent] = useState<DueDate | null>();
  const [draft, setDraft] = useState("");
  const action = useAction("dueDate");

  const read = useEffectEvent((associationId: string, y: number) => props.client().dueDates(associationId, y));
  useEffect(() => {
    setCurrent(undefined);
    if (dueYear === undefined || !props.associationId) return;
    let live = true;
    // Only what the pane shows: a failure leaves the line empty; setting reports its own errors.
    read(props.associationId, dueYear).then(
      (list) => {
        if (!live) return;
        const found = list.dueDates[0] ?? null;
        setCurrent(found);
        setDraft(found?.dueOn ?? "");
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.associationId, dueYear]);

  const save = (y: number) =>
    action.run(async () => {
      const problem = dueOnProblem(y, draft);
      if (problem)
        throw new PaneError((t) => ({
          title: problem === "before_year" ? t.deadline.beforeYear(y) : t.deadline.tooLate(y, y + MAX_DUE_YEARS_AFTER),
          next: t.deadline.pickNext,
        }));
      const stored = await props.client().setDueDate(props.associationId, y, draft);
      setCurrent(stored);
      return props.t.deadline.saved(y, dueDateText(stored.dueOn, props.language));
    });

  const clear = (y: number) =>
    action.run(async () => {
      await props.client().clearDueDate(props.associationId, y);
      setCurrent(null);
      setDraft("");
      return props.t.deadline.cleared(y);
    });

  return { year: dueYear, current, draft, setDraft, save, clear, busy: action.busy };
}
