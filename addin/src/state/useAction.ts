import { useCallback } from "react";
import { type ActionState, anyBusy } from "./store.ts";
import { usePane, usePaneServices } from "./pane.tsx";

/**
 * One way for every async action of the pane: `run(work)` marks the action busy, runs it with the
 * Indicators sheet unprotected for its length, keeps its outcome (the message `work` returns, or its
 * error) for <ActionResult id> beside the button, and publishes the workbook as the session left it
 * (and the server it connects to).
 * Resolves true when the work succeeded, so a form clears only then.
 */
export function useAction(id: string, options: { keepOthers?: boolean } = {}): { run: (work: () => Promise<string | void>) => Promise<boolean>; busy: boolean; state?: ActionState } {
  const { store, session, sync, around } = usePaneServices();
  const { keepOthers = false } = options;
  const busy = usePane(anyBusy);
  const state = usePane((s) => s.actions[id]);
  const run = useCallback(
    async (work: () => Promise<string | void>) => {
      store.start(id, keepOthers);
      let outcome: ActionState["outcome"];
      try {
        await around.lift();
        outcome = { ok: true, message: (await work()) ?? undefined };
      } catch (error) {
        outcome = { ok: false, error };
      }
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
