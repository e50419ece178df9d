import { useEffect, useEffectEvent, useState } from "react";
import type { MeResponse } from "../../../../shared/api/access.ts";
import { ApiError, RoundUnexplainedError } from "../../../../shared/api/client.ts";
import type { DueDate } from "../../../../shared/api/deadlines.ts";
import type { Round, RoundAction } from "../../../../shared/api/rounds.ts";
import { ROUND_STATUS_LABELS } from "../../../../shared/i18n/labels.ts";
import { buildRoundReport } from "../../../../shared/layout/round-report.ts";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import type { Violation } from "../../../../shared/quality/rules.ts";
import { roundReport } from "../../../../shared/monitoring/report.ts";
import { Cancelled, PaneError, isAbort } from "../../errors.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { SheetProblems } from "../../state/store.ts";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { useSetProblems } from "../plan/usePlanActions.ts";
import { useMe } from "../sync/useConnection.ts";
import { defaultRoundYear, earliestDue, memberDueDates, monitorYears, roundActor, submitBlocker } from "./round-steps.ts";

/**
 * The annual monitoring round of the linked plan (`planId`, `doc`): its rounds, the year shown, who we
 * act as, and the steps and report as actions whose results show beside their buttons. A submit syncs
 * first, so what is reviewed is what the sheets hold; network calls never run inside Excel.run. A step
 * the server refuses over unexplained flagged values goes to `unexplained` (useQuality's `refused`).
 */
export function useRounds(
  planId: string,
  doc: PlanDocument,
  language: Language,
  t: Strings,
  unexplained: (year: number, violations: readonly Violation[]) => Promise<never>,
) {
  const m = t.monitoring;
  const { sync, session, store, excel, around } = usePaneServices();
  const me = useMe();
  const following = usePane((s) => s.workbook?.monitoring?.year);
  const setProblems = useSetProblems();
  const [rounds, setRounds] = useState<Round[]>([]);
  const [dueDates, setDueDates] = useState<DueDate[]>([]);
  const [year, setYear] = useState<number>();
  const [comment, setComment] = useState("");
  const load = useAction("monitoring");
  const steps = useAction("round");
  const report = useAction("round-report");

  const communityOf = (who: MeResponse | undefined) => who?.communities.find((c) => c.planId === planId);
  const actorOf = (who: MeResponse | undefined) => roundActor(communityOf(who)?.roles ?? []);
  /** Keeps the rounds, and says which years a monitor may fill now (the sheet is protected as the action ends). */
  const keep = (list: Round[], who = me) => {
    setRounds(list);
    around.protectFor(monitorYears(actorOf(who), list));
  };
  /** A 409 means the round changed meanwhile: it is reloaded before the refusal is shown. */
  const reloadOn409 = async (task: () => Promise<string | void>) => {
    try {
      return await task();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409)) throw e;
      keep((await sync.client().rounds(planId)).rounds);
      throw new PaneError((w) => ({ title: w.monitoring.conflict(e.message) }));
    }
  };
  /**
   * The Indicators sheet shows the notes of the year shown once that year has a round (of any status);
   * the sheets are read first, so notes typed under the previous year are kept.
   */
  const movesNotes = (y: number | undefined, list: Round[]): y is number => y !== undefined && list.some((r) => r.year === y) && following !== y;
  const showNotes = async (y: number | undefined, list: Round[]) => {
    if (!movesNotes(y, list)) return;
    const outcome = await session.monitor(y);
    if (!outcome) return;
    setProblems(outcome.problems);
    if (outcome.problems.length) throw new SheetProblems(outcome.problems);
  };

  // When the linked plan changes (and when the section opens): who we are, its rounds, the year to show,
  // and the due dates its community's associations set.
  const open = useEffectEvent(() =>
    load.run(async () => {
      const [who, list] = await Promise.all([sync.me(), sync.client().rounds(planId)]);
      store.update((s) => ({ ...s, me: who }));
      keep(list.rounds, who);
      const chosen = year ?? defaultRoundYear(doc.plan, list.rounds, new Date().getFullYear());
      setYear(chosen);
      await Promise.all([showNotes(chosen, list.rounds), memberDueDates(sync.client(), communityOf(who)?.memberOf ?? []).then(setDueDates)]);
    }),
  );
  useEffect(() => {
    void open();
  }, [planId]);

  const round = rounds.find((r) => r.year === year);
  const statusLabel = (r: Round) => ROUND_STATUS_LABELS[r.status][language];

  const chooseYear = (chosen: number) => {
    setYear(chosen);
    if (movesNotes(chosen, rounds)) void load.run(() => showNotes(chosen, rounds));
  };
  const step = (action: RoundAction) =>
    steps.run((control) =>
      reloadOn409(async () => {
        if (year === undefined) return;
        if (action === "submit") {
          // The sync's steps, then the submit: a step sent to the server is not cancelled (it may be applied).
          control.steps.plan(1);
          const outcome = await sync.syncNow(control).catch((e: unknown) => {
            const at = control.steps.state;
            if (isAbort(e)) throw new Cancelled((w) => [w.feedback.ifCancelled.notSubmitted, at?.ifCancelled?.(w)].filter(Boolean).join(" "));
            throw e;
          });
          setProblems(outcome.problems);
          const blocker = submitBlocker(outcome);
          if (blocker) throw new PaneError((w) => ({ title: w.monitoring.blocked[blocker] }));
          control.steps.next((w) => w.feedback.steps.roundStep, { cancellable: false });
        }
        const next = await sync
          .client()
          .roundStep(planId, year, { action, baseVersion: round?.version ?? 0, comment: comment.trim() || undefined })
          .catch((e: unknown) => (e instanceof RoundUnexplainedError ? unexplained(year, e.violations) : Promise.reject(e)));
        const list = [...rounds.filter((r) => r.year !== next.year), next].sort((a, b) => a.year - b.year);
        keep(list);
        setComment("");
        await showNotes(next.year, list);
        return m.stepDone(next.year, statusLabel(next));
      }),
    );
  const buildReport = () =>
    report.run(async (control) => {
      if (year === undefined) return;
      const built = roundReport(doc, year, round ?? null);
      const grid = buildRoundReport(built, { language, community: doc.community.name });
      // One step, the sheet's rebuild in place: shown, never cancelled (it would leave the sheet half-built).
      control.steps.plan(1);
      control.steps.next((w) => w.feedback.steps.writeSheet, { cancellable: false });
      const written = await excel.writeRoundReport(grid, year);
      return m.reportBuilt(written.sheet.name, Object.values(built.summary).reduce((a, b) => a + b, 0));
    });

  return { me, rounds, round, year, due: earliestDue(dueDates, year), comment, setComment, actor: actorOf(me), statusLabel, chooseYear, step, buildReport, busy: load.busy };
}
