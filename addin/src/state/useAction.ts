import { useCallback } from "react";
import { Cancelled, isAbort } from "../errors.ts";
import { type ActionControl, type StepState, Steps } from "./progress.ts";
import { type ActionState, type Success, anyBusy } from "./store.ts";
import { type PaneServices, usePane, usePaneServices } from "./pane.tsx";

/**
 * One way for every async action of the pane: `run(work)` marks the action busy, runs it with the
 * Indicators sheet unprotected for its length (unless `readOnly`: an action that only reads the
 * workbook leaves a monitor's protection alone), keeps its outcome (the message `work` returns, plain or
 * as `warn(message)`, or its error) for <ActionResult id> beside the button, and publishes the workbook
 * as the session left it (and the server it connects to).
 *
 * A long action uses what `work` is handed: it counts its `steps` (kept in the store as the action's
 * `progress`, shown beside the button as "step k of n"), passes `signal` to its requests, and marks
 * the steps that write the workbook not cancellable.
 * Cancel aborts the signal: a request under way stops at once, anything else at the next step, and
 * the outcome is Cancelled with what the step said a cancel there leaves.
 * Resolves true when the work succeeded, so a form clears only then. `restate` says the success on
 * screen again when what it describes changes outside the action (PaneStore.restate).
 */
export function useAction(
  id: string,
  options: ActionOptions = {},
): { run: (work: ActionWork) => Promise<boolean>; restate: (said?: Said) => void; busy: boolean; state?: ActionState } {
  const { store, session, sync, around } = usePaneServices();
  const { keepOthers = false, readOnly = false } = options;
  const busy = usePane(anyBusy);
  const state = usePane((s) => s.actions[id]);
  const run = useCallback(
    (work: ActionWork) => runAction({ store, session, sync, around }, id, { keepOthers, readOnly }, work),
    [id, keepOthers, readOnly, store, session, sync, around],
  );
  const restate = useCallback((said?: Said) => store.restate(id, said === undefined ? undefined : succeeded(said)), [id, store]);
  return { run, restate, busy, state };
}

export interface ActionOptions {
  /** Keep the other actions' outcomes on screen (going to a cell a result names). */
  keepOthers?: boolean;
  /** The action only reads the workbook: a monitor's sheet protection is neither lifted nor applied. */
  readOnly?: boolean;
}

/** A success that still leaves something to look at, said in amber beside the button. */
export interface Warning {
  message: string;
  intent: "warning";
}

export const warn = (message: string): Warning => ({ message, intent: "warning" });

/** What a success says: a message, green, or a warning, amber. */
export type Said = string | Warning;

export type ActionWork = (control: ActionControl) => Promise<Said | void>;

const succeeded = (said: Said | void): Success => (typeof said === "object" ? { ok: true, ...said } : { ok: true, message: said ?? undefined });

/** useAction's `run`, over the pane's services (apart from React, for tests). */
export async function runAction(
  services: Pick<PaneServices, "store" | "session" | "sync" | "around">,
  id: string,
  options: ActionOptions,
  work: ActionWork,
): Promise<boolean> {
  const { store, session, sync, around } = services;
  store.start(id, options.keepOthers);
  const controller = new AbortController();
  const cancel = () => controller.abort();
  const steps = new Steps(controller.signal, (step) => store.progress(id, { ...step, cancel: step.cancellable ? cancel : undefined }));
  let outcome: ActionState["outcome"];
  try {
    if (!options.readOnly) await around.lift();
    outcome = succeeded(await work({ signal: controller.signal, steps }));
  } catch (error) {
    outcome = { ok: false, error: controller.signal.aborted && isAbort(error) ? cancelled(error, steps.state) : error };
  }
  try {
    if (!options.readOnly) await around.apply();
  } catch (error) {
    outcome = { ok: false, error };
  }
  store.update((s) => ({ ...s, workbook: session.state, server: sync.connection()?.server }));
  store.finish(id, outcome);
  return outcome.ok;
}

/** A cancel, said by the step it stopped at: what that step says a cancel leaves, or which step it was. */
function cancelled(error: unknown, at: StepState | undefined): Cancelled {
  if (error instanceof Cancelled) return error;
  if (!at) return new Cancelled();
  return new Cancelled((t) => at.ifCancelled?.(t) ?? t.feedback.cancelledAt(at.step, at.of));
}
