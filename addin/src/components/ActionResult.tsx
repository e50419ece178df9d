import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { Language } from "../../../shared/model/plan.ts";
import { Cancelled, describeError } from "../errors.ts";
import { usePane, usePaneServices } from "../state/pane.tsx";
import { type ActionProgress, SheetProblems } from "../state/store.ts";
import { useAction } from "../state/useAction.ts";
import type { Strings } from "../strings.ts";

const useStyles = makeStyles({
  live: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, scrollMarginBlock: tokens.spacingVerticalXXL },
  details: { marginTop: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  progress: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  bar: { flexGrow: 1, minWidth: 0 },
});

/**
 * A long action's progress: its step and what it does, and Cancel while the step may be cancelled (a
 * step writing the workbook or the server says it cannot be stopped: Excel runs a batch once sent).
 */
function Progress(props: { running: ActionProgress; t: Strings }) {
  const { running, t } = props;
  const styles = useStyles();
  const step = t.feedback.step(running.step, running.of);
  return (
    <div className={styles.progress} data-testid="progress">
      <Field className={styles.bar} label={running.label ? `${step}: ${running.label(t)}` : step} validationMessage={running.cancel ? undefined : t.feedback.uncancellable} validationState="none">
        {/* Halfway through the step under way: its length is not known, only that it has begun. */}
        <ProgressBar value={(running.step - 0.5) / running.of} max={1} />
      </Field>
      {running.cancel && (
        <Button size="small" onClick={running.cancel} data-testid="cancel">
          {t.feedback.cancel}
        </Button>
      )}
    </div>
  );
}

/** Why an action was not applied while the sheets hold problems, with a way to the first problem's cell. */
function SheetsBlocked(props: { error: SheetProblems; t: Strings; language: Language }) {
  const { session } = usePaneServices();
  // Going to the cell keeps this explanation on screen: it is what the user is acting on.
  const go = useAction("go-to-cell", { keepOthers: true });
  const first = props.error.problems[0];
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="blocked">
      <MessageBarBody>
        <MessageBarTitle>{props.t.pane.blocked(props.error.problems.length)}</MessageBarTitle>
        {first && (
          <>
            {first.text[props.language]}{" "}
            <Button size="small" appearance="transparent" onClick={() => go.run(() => session.select(first))} data-testid="blocked-go">
              {props.t.pane.goTo(first.ref)}
            </Button>
          </>
        )}
        <ActionResult id="go-to-cell" t={props.t} language={props.language} />
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * The outcome of action `id`, placed right after the button that starts it: scrolled into view when
 * it arrives and announced (aria-live): a success in green, or in amber when it still leaves something
 * to look at (its `intent`); an error in the user's words with its next step and the technical text
 * behind "details".
 */
export function ActionResult(props: { id: string; t: Strings; language: Language }) {
  const { t } = props;
  const styles = useStyles();
  const outcome = usePane((s) => s.actions[props.id]?.outcome);
  const running = usePane((s) => s.actions[props.id]?.progress);
  // Brought into view as the outcome arrives, not as it is said again (PaneStore.restate): the user is
  // then at what changed it, and aria-live announces it all the same.
  const arrived = usePane((s) => (s.actions[props.id]?.restated ? undefined : s.actions[props.id]?.outcome));
  const ref = useRef<HTMLDivElement>(null);
  const started = running !== undefined;
  useEffect(() => {
    if (arrived || started) ref.current?.scrollIntoView({ block: "nearest" });
  }, [arrived, started]);
  const success = outcome?.ok ? outcome : undefined;
  const error = outcome && !outcome.ok ? outcome.error : undefined;
  const described = error !== undefined && !(error instanceof SheetProblems) ? describeError(error, t) : undefined;
  return (
    <div ref={ref} aria-live="polite" className={styles.live}>
      {running && <Progress running={running} t={t} />}
      {success?.message && (
        <MessageBar intent={success.intent ?? "success"} layout="multiline" data-testid="status" data-intent={success.intent ?? "success"}>
          <MessageBarBody>{success.message}</MessageBarBody>
        </MessageBar>
      )}
      {error instanceof SheetProblems && <SheetsBlocked error={error} t={t} language={props.language} />}
      {described && (
        <MessageBar intent={error instanceof Cancelled ? "info" : "error"} layout="multiline" data-testid={error instanceof Cancelled ? "cancelled" : "error"}>
          <MessageBarBody>
            <MessageBarTitle>{described.title}</MessageBarTitle>
            {described.next}
            {/* A cancel is the user's own doing: nothing technical to pass on. */}
            {described.details && !(error instanceof Cancelled) && (
              <details className={styles.details}>
                <summary>{t.pane.details}</summary>
                {described.details}
              </details>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
