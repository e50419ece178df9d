import { Button, Field, Select, Text, Textarea } from "@fluentui/react-components";
import { dueDateText } from "../../../../shared/i18n/labels.ts";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { anyBusy } from "../../state/store.ts";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { allowedSteps, needsComment } from "./round-steps.ts";
import { RoundEvents } from "./RoundEvents.tsx";
import { useQuality } from "./useQuality.ts";
import { useRounds } from "./useRounds.ts";

/** The Monitoring section: the linked plan's round of a year, or why there is none to show. */
export function MonitoringView(props: { language: Language; t: Strings }) {
  const planId = usePane((s) => s.workbook?.sync?.engine?.planId);
  const doc = usePane((s) => s.workbook?.doc);
  if (!planId || !doc) return <Text data-testid="monitoring">{props.t.monitoring.notLinked}</Text>;
  return <RoundView key={planId} planId={planId} doc={doc} language={props.language} t={props.t} />;
}

/** The year's round, its steps so far, the steps this token may take (round-steps.ts), and the year's report sheet. */
function RoundView(props: { planId: string; doc: PlanDocument; language: Language; t: Strings }) {
  const { t, doc, language } = props;
  const m = t.monitoring;
  const styles = useSectionStyles();
  const quality = useQuality(language, t);
  const r = useRounds(props.planId, doc, language, t, quality.refused);
  const { session } = usePaneServices();
  // Going to a cell keeps the refusal on screen: it is what the committee is acting on.
  const go = useAction("go-to-cell", { keepOthers: true });
  const busy = usePane(anyBusy);
  // A submit first checks the year's flagged values against their notes (the Worker checks them too).
  const take = (action: (typeof steps)[number]) =>
    action === "submit" && r.year !== undefined ? quality.beforeSubmit(r.year, () => r.step(action)) : r.step(action);
  const years = Array.from({ length: doc.plan.lastYear - doc.plan.firstYear + 1 }, (_, i) => doc.plan.firstYear + i);
  const steps = r.me && r.year !== undefined ? allowedSteps(r.round?.status ?? null, r.actor) : [];
  return (
    <div className={styles.box} data-testid="monitoring">
      <Text block>{m.intro}</Text>
      <ActionResult id="monitoring" t={t} language={language} />
      <div className={styles.row}>
        <Field label={m.year}>
          <Select
            value={r.year === undefined ? "" : String(r.year)}
            onChange={(_, d) => r.chooseYear(Number(d.value))}
            // A year's change may rewrite the sheets: not while another action is under way.
            disabled={busy}
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
        <Button onClick={r.buildReport} disabled={busy || r.year === undefined} data-testid="build-report">
          {m.buildReport}
        </Button>
      </div>
      <Text size={200}>{m.reportHint}</Text>
      <ActionResult id="round-report" t={t} language={language} />
      {r.year !== undefined && (
        <Text weight="semibold" data-testid="round-status">
          {r.round ? m.round(r.year, r.statusLabel(r.round), r.round.version) : m.noRound(r.year)}
        </Text>
      )}
      {r.due && (
        <Text size={200} block data-testid="round-due">
          {t.deadline.memberDue(r.due.year, dueDateText(r.due.dueOn, language))}
        </Text>
      )}
      {r.me && <Text size={200}>{r.actor ? m.actingAs(t.sync.roles[r.actor] ?? r.actor) : m.mayNotAct}</Text>}
      {r.round && r.round.events.length > 0 && <RoundEvents round={r.round} language={language} t={t} />}
      {steps.some(needsComment) && (
        <Field label={m.commentLabel}>
          <Textarea value={r.comment} onChange={(_, d) => r.setComment(d.value)} resize="vertical" data-testid="round-comment" />
        </Field>
      )}
      {r.year !== undefined && (
        <div className={styles.row}>
          <Button onClick={() => quality.check(r.year!)} disabled={busy} data-testid="quality-check">
            {t.quality.check}
          </Button>
          <Text size={200}>{t.quality.checkHint}</Text>
        </div>
      )}
      {steps.includes("submit") && <Text size={200}>{m.syncingFirst}</Text>}
      <div className={styles.row}>
        {steps.map((action) => (
          <Button
            key={action}
            appearance={action === "return" || action === "reopen" ? "secondary" : "primary"}
            onClick={() => take(action)}
            disabled={busy || (needsComment(action) && !r.comment.trim())}
            data-testid={`round-${action}`}
          >
            {m.actions[action]}
          </Button>
        ))}
      </div>
      <ActionResult id="quality" t={t} language={language} />
      {quality.unexplained.length > 0 && (
        <div className={styles.box} role="group" aria-label={t.quality.unexplainedTitle} data-testid="quality-unexplained">
          <Text size={200}>{t.quality.unexplainedTitle}</Text>
          {quality.unexplained.map((p) => (
            <div key={p.ref}>
              <Button size="small" appearance="transparent" onClick={() => go.run(() => session.select(p))} data-testid="quality-go">
                {t.quality.goTo(p.ref)}
              </Button>{" "}
              <Text size={200}>{p.text[language]}</Text>
            </div>
          ))}
          <ActionResult id="go-to-cell" t={t} language={language} />
        </div>
      )}
      <ActionResult id="round" t={t} language={language} />
    </div>
  );
}
