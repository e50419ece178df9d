import type { MeResponse } from "../../../shared/api/access.ts";
import type { Problem } from "../../../shared/layout/grid.ts";
import type { WorkbookState } from "../../excel/state.ts";
import type { StepState } from "./progress.ts";

/** A long action's step while it runs, and how to cancel it while that step may be cancelled. */
export interface ActionProgress extends StepState {
  cancel?: () => void;
}

/**
 * Where an action stands: running (at which step, for a long one), or what it ended with (a message to
 * show, or the error). A success with `intent: "warning"` still leaves something to look at (lines not
 * recognised, files held back): it is said in amber, not green.
 */
export interface ActionState {
  busy: boolean;
  /** Set from the action's first step until it ends. */
  progress?: ActionProgress;
  outcome?: Success | { ok: false; error: unknown };
  /** The outcome was said again since it arrived (`restate`): announced, not brought into view again. */
  restated?: true;
}

export interface Success {
  ok: true;
  message?: string;
  intent?: "warning";
}

/**
 * Everything the pane shows that outlives one component: the workbook as the plan session last left
 * it (plan, sheets, link to the store and its sync status), the problems its sheets hold, who the
 * connection is, and each action's state. Replaced, never mutated, so a render reads one snapshot.
 */
export interface PaneState {
  /** The workbook has been opened (its plan, if any, is known). */
  loaded: boolean;
  workbook?: WorkbookState;
  problems: Problem[];
  /** The server this workbook connects to (its plan's link, or a connection kept without a plan). */
  server?: string;
  /** Who the token is and what it may do, as the server last said. */
  me?: MeResponse;
  actions: Readonly<Record<string, ActionState>>;
}

export const initialPaneState: PaneState = { loaded: false, problems: [], actions: {} };

/** A store for useSyncExternalStore: one snapshot, replaced by `update`, listeners told each time. */
export class PaneStore {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();

  constructor(state: PaneState = initialPaneState) {
    this.state = state;
  }

  readonly getSnapshot = (): PaneState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: (state: PaneState) => PaneState): void {
    const next = change(this.state);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /**
   * Starts action `id`. Other actions' outcomes are dropped unless `keepOthers` (going to a cell named
   * in a result keeps that result): one result on screen, the latest one. Their progress stays: they still run.
   */
  start(id: string, keepOthers = false): void {
    this.update((s) => ({
      ...s,
      actions: {
        ...(keepOthers ? s.actions : Object.fromEntries(Object.entries(s.actions).map(([k, { outcome: _dropped, ...running }]) => [k, running]))),
        [id]: { busy: true },
      },
    }));
  }

  /** The step running action `id` is at (its steps publish here as they start). */
  progress(id: string, progress: ActionProgress): void {
    this.update((s) => (s.actions[id]?.busy ? { ...s, actions: { ...s.actions, [id]: { ...s.actions[id], progress } } } : s));
  }

  /**
   * Says action `id`'s success again, of what it describes as that has changed since (a file taken off
   * a list), while that success is on screen; `undefined` drops it (nothing left to say it of).
   */
  restate(id: string, outcome: Success | undefined): void {
    this.update((s) => {
      const now = s.actions[id];
      return now?.outcome?.ok ? { ...s, actions: { ...s.actions, [id]: { ...now, outcome, restated: true } } } : s;
    });
  }

  /** Ends action `id` with its outcome; its progress ends with it. */
  finish(id: string, outcome: ActionState["outcome"]): void {
    this.update((s) => ({ ...s, actions: { ...s.actions, [id]: { busy: false, outcome } } }));
  }
}

/** Some action is under way: the pane's other actions wait, as Excel runs one batch of the pane's at a time. */
export const anyBusy = (s: PaneState): boolean => Object.values(s.actions).some((a) => a.busy);

/** Thrown by an action the sheets' problems stopped: nothing was written, and what the user typed stays. */
export class SheetProblems extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The sheets have ${problems.length} problem(s): ${problems.map((p) => p.ref).join(", ")}`);
    this.name = "SheetProblems";
  }
}
