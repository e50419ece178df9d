import { useCallback, useSyncExternalStore } from "react";
import { Cancelled, isAbort } from "../errors.ts";
import { type ActionControl, type StepState, Steps } from "./progress.ts";
import { type ActionState, type PaneStore, anyBusy } from "./store.ts";
import { usePane, usePaneServices } from "./pane.tsx";

/** A long action under way: its step, and how to cancel it while its step may be cancelled. */
export interface Running extends StepState {
  cancel?: () => void;
}

/**
 * The steps of the actions under way, beside the pane's store: they change at every step of a long
 * action and end with it, so they are kept apart from the state the rest of the pane reads.
 */
class RunningActions {
  private running: Readonly<Record<string, Running>> = {};
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(id: string): Running | undefined {
    return this.running[id];
  }

  set(id: string, running: Running | undefined): void {
    const { [id]: _ended, ...others } = this.running;
    this.running = running ? { ...others, [id]: running } : others;
    for (const listener of this.listeners) listener();
  }
}

const runningByPane = new WeakMap<PaneStore, RunningActions>();

function runningOf(store: PaneStore): RunningActions {
  let running = runningByPane.get(store);
  if (!running) runningByPane.set(store, (running = new RunningActions()));
  return running;
}

/** The step action `id` is at while it runs (undefined before its first step and once it has ended). */
export function useRunning(id: string): Running | undefined {
  const running = runningOf(usePaneServices().store);
  return useSyncExternalStore(running.subscribe, () => running.get(id));
}

/**
 * One way for every async action of the pane: `run(work)` marks the action busy, runs it with the
 * Indicators sheet unprotected for its length, keeps its outcome (the message `work` returns, or its
 * error) for <ActionResult id> beside the button, and publishes the workbook as the session left it
 * (and the server it connects to).
 *
 * A long action uses what `work` is handed: it counts its `steps` (shown beside the button as "step k
 * of n"), passes `signal` to its requests, and marks the steps that write the workbook not cancellable.
 * Cancel aborts the signal: a request under way stops at once, anything else at the next step, and
 * the outcome is Cancelled with what the step said a cancel there leaves.
 * Resolves true when the work succeeded, so a form clears only then.
 */
export function useAction(
  id: string,
  options: { keepOthers?: boolean } = {},
): { run: (work: (control: ActionControl) => Promise<string | void>) => Promise<boolean>; busy: boolean; state?: ActionState } {
  const { store, session, sync, around } = usePaneServices();
  const { keepOthers = false } = options;
  const busy = usePane(anyBusy);
  const state = usePane((s) => s.actions[id]);
  const run = useCallback(
    async (work: (control: ActionControl) => Promise<string | void>) => {
      store.start(id, keepOthers);
      const running = runningOf(store);
      const controller = new AbortController();
      const cancel = () => controller.abort();
      const steps = new Steps(controller.signal, (step) => running.set(id, { ...step, cancel: step.cancellable ? cancel : undefined }));
      let outcome: ActionState["outcome"];
      try {
        await around.lift();
        outcome = { ok: true, message: (await work({ signal: controller.signal, steps })) ?? undefined };
      } catch (error) {
        outcome = { ok: false, error: controller.signal.aborted && isAbort(error) ? cancelled(error, steps.state) : error };
      }
      running.set(id, undefined);
      try {
        await around.apply();
      } catch (error) {
        outcome = { ok: false, error };
      }
      store.update((s) => ({ ...s, workbook: session.state, server: sync.connection()?.server }));
      store.finish(id, outcome);
      return outcome.ok;
    },
    [id, keepOthers, store, session, sync, around],
  );
  return { run, busy, state };
}

/** A cancel, said by the step it stopped at: what that step says a cancel leaves, or which step it was. */
function cancelled(error: unknown, at: StepState | undefined): Cancelled {
  if (error instanceof Cancelled) return error;
  if (!at) return new Cancelled();
  return new Cancelled((t) => at.ifCancelled?.(t) ?? t.feedback.cancelledAt(at.step, at.of));
}
