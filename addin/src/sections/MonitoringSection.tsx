import { Button, Field, MessageBar, MessageBarBody, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useEffectEvent, useState } from "react";
import type { MeResponse } from "../../../shared/api/access.ts";
import { ApiError, Unreachable } from "../../../shared/api/client.ts";
import type { Round, RoundAction } from "../../../shared/api/rounds.ts";
import { ROUND_STATUS_LABELS } from "../../../shared/i18n/labels.ts";
import { buildRoundReport } from "../../../shared/layout/round-report.ts";
import { roundReport } from "../../../shared/monitoring/report.ts";
import type { ExcelRun } from "../../excel/host.ts";
import { RoundReportNameTaken, loadRoundReports, writeRoundReport } from "../../excel/round-report.ts";
import { useSectionStyles } from "../components/section-styles.ts";
import type { PlanSession } from "../session.ts";
import type { LinkedSectionProps } from "./SyncSection.tsx";
import { allowedSteps, defaultRoundYear, monitorYears, needsComment, roundActor, submitBlocker } from "./round-steps.ts";

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, "& td, & th": { padding: "2px 6px", textAlign: "left", verticalAlign: "top" } },
});

/**
 * The annual monitoring round of the linked plan: the year's round, its steps so far, the steps this
 * token may take (round-steps.ts), and the year's report sheet. A submit syncs first, so that what is
 * reviewed is what the sheets hold; network calls never run inside Excel.run.
 */
export function MonitoringSection(
  props: LinkedSectionProps & {
    /** For the monitoring year: the Indicators sheet shows the committee's notes of the round's year. */
    session: PlanSession;
    run: ExcelRun;
    /** The years a monitor-only token may fill (undefined for others), for the Indicators sheet's protection. */
    onMonitorYears: (years: number[] | undefined) => void;
  },
) {
  const { t, sync, doc, language } = props;
  const m = t.monitoring;
  const styles = { ...useSectionStyles(), ...useStyles() };
  const planId = props.link?.engine?.planId;
  const [me, setMe] = useState<MeResponse>();
  const [rounds, setRounds] = useState<Round[]>([]);
  const [year, setYear] = useState<number>();
  const [comment, setComment] = useState("");
  const [done, setDone] = useState<string>();

  const actorOf = (who: MeResponse | undefined) => roundActor(who?.communities.find((c) => c.planId === planId)?.roles ?? []);
  /** Keeps the rounds, and tells the pane which years a monitor may fill now (it protects the sheet as the action ends). */
  const keep = (list: Round[], who = me) => {
    setRounds(list);
    props.onMonitorYears(monitorYears(actorOf(who), list));
  };

  /** Failures in the section's words where it has them; a 409 reloads the rounds, then shows the server's message. */
  const work = (task: () => Promise<void>) =>
    props.act(async () => {
      setDone(undefined);
      try {
        await task();
      } catch (e) {
        if (e instanceof Unreachable) throw new Error(m.unreachable);
        if (e instanceof ApiError && e.status === 409 && planId) {
          keep((await sync.client().rounds(planId)).rounds);
          throw new Error(m.conflict(e.message));
        }
        if (e instanceof RoundReportNameTaken) throw new Error(m.reportNameTaken(e.sheetName));
        throw e;
      }
    });

  /**
   * The year whose notes the Indicators sheet shows follows the section's year once that year has a
   * round (of any status: notes of a submitted or approved round are still worth reading); a year
   * without one leaves the column as it was.
   */
  const movesNotes = (y: number | undefined, list: Round[]): y is number =>
    y !== undefined && list.some((r) => r.year === y) && props.session.state?.monitoring?.year !== y;
  /** Within the section's action, so that a monitor's protection is lifted while the sheets are rewritten. */
  const showNotes = async (y: number | undefined, list: Round[]) => {
    if (!movesNotes(y, list)) return;
    const outcome = await props.session.monitor(y);
    if (!outcome) return;
    props.onProblems(outcome.problems);
    if (outcome.problems.length) throw new Error(t.fixFirst);
    props.onDocChanged();
  };

  // When the linked plan changes (and when the section opens): who we are, its rounds, and the year to show.
  const loadRounds = useEffectEvent((planId: string) => {
    if (!doc) return;
    void work(async () => {
      const [who, list] = await Promise.all([sync.me(), sync.client().rounds(planId)]);
      setMe(who);
      keep(list.rounds, who);
      const chosen = year ?? defaultRoundYear(doc.plan, list.rounds, new Date().getFullYear());
      setYear(chosen);
      await showNotes(chosen, list.rounds);
    });
  });
  const hasDoc = !!doc;
  useEffect(() => {
    if (planId && hasDoc) loadRounds(planId);
  }, [planId, hasDoc]);

  if (!planId || !doc) return <Text data-testid="monitoring">{m.notLinked}</Text>;

  const years = Array.from({ length: doc.plan.lastYear - doc.plan.firstYear + 1 }, (_, i) => doc.plan.firstYear + i);
  const round = rounds.find((r) => r.year === year);
  const actor = actorOf(me);
  const steps = me && year !== undefined ? allowedSteps(round?.status ?? null, actor) : [];
  const statusLabel = (r: Round) => ROUND_STATUS_LABELS[r.status][language];

  const step = (action: RoundAction) =>
    work(async () => {
      if (year === undefined) return;
      if (action === "submit") {
        const outcome = await sync.syncNow();
        props.onProblems(outcome.problems);
        props.onDocChanged();
        const blocker = submitBlocker(outcome);
        if (blocker) throw new Error(m.blocked[blocker]);
      }
      const next = await sync.client().roundStep(planId, year, {
        action,
        baseVersion: round?.version ?? 0,
        comment: comment.trim() || undefined,
      });
      const list = [...rounds.filter((r) => r.year !== next.year), next].sort((a, b) => a.year - b.year);
      keep(list);
      setComment("");
      await showNotes(next.year, list);
      setDone(m.stepDone(next.year, statusLabel(next)));
    });

  const buildReport = () =>
    work(async () => {
      if (year === undefined) return;
      const report = roundReport(doc, year, round ?? null);
      const grid = buildRoundReport(report, { language, community: doc.community.name });
      const written = await writeRoundReport(props.run, grid, year, await loadRoundReports(props.run));
      setDone(m.reportBuilt(written.sheet.name, Object.values(report.summary).reduce((a, b) => a + b, 0)));
    });

  return (
    <div className={styles.box} data-testid="monitoring">
      <Text block>{m.intro}</Text>
      <div className={styles.row}>
        <Field label={m.year}>
          <Select
            value={year === undefined ? "" : String(year)}
            onChange={(_, d) => {
              const chosen = Number(d.value);
              setYear(chosen);
              if (movesNotes(chosen, rounds)) void work(() => showNotes(chosen, rounds));
            }}
            // A year's change may rewrite the sheets: not while another action is under way.
            disabled={props.busy}
            aria-label={m.year}
            data-testid="round-year"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={buildReport} disabled={props.busy || year === undefined} data-testid="build-report">
          {m.buildReport}
        </Button>
      </div>
      <Text size={200}>{m.reportHint}</Text>
      {year !== undefined && (
        <Text weight="semibold" data-testid="round-status">
          {round ? m.round(year, statusLabel(round), round.version) : m.noRound(year)}
        </Text>
      )}
      {me && <Text size={200}>{actor ? m.actingAs(t.sync.roles[actor] ?? actor) : m.mayNotAct}</Text>}
      {round && round.events.length > 0 && (
        <table className={styles.table} data-testid="round-events">
          <thead>
            <tr>
              <th>{m.when}</th>
              <th>{m.who}</th>
              <th>{m.step}</th>
              <th>{m.comment}</th>
            </tr>
          </thead>
          <tbody>
            {round.events.map((e, i) => (
              <tr key={i}>
                <td>{new Date(e.at).toLocaleString(language)}</td>
                <td>{e.by.name}</td>
                <td>{m.steps[e.action]}</td>
                <td style={{ whiteSpace: "pre-wrap" }}>{e.comment ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {steps.some(needsComment) && (
        <Field label={m.commentLabel}>
          <Textarea value={comment} onChange={(_, d) => setComment(d.value)} resize="vertical" data-testid="round-comment" />
        </Field>
      )}
      {steps.includes("submit") && <Text size={200}>{m.syncingFirst}</Text>}
      <div className={styles.row}>
        {steps.map((action) => (
          <Button
            key={action}
            appearance={action === "return" || action === "reopen" ? "secondary" : "primary"}
            onClick={() => step(action)}
            disabled={props.busy || (needsComment(action) && !comment.trim())}
            data-testid={`round-${action}`}
          >
            {m.actions[action]}
          </Button>
        ))}
      </div>
      {done && (
        <MessageBar intent="success" data-testid="monitoring-status">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
