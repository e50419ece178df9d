import type { Strings } from "../strings.ts";

/** Where an action is: step `step` of `of`, what it does, and what a cancel would leave. */
export interface StepState {
  step: number;
  of: number;
  label?: (t: Strings) => string;
  /**
   * Whether the pane offers Cancel during this step: false while the step writes the workbook, since
   * a batch sent to Excel cannot be stopped and stopping between its syncs would leave sheets half-built,
   * and while it sends a request the server may carry out whether or not its answer arrives — except a
   * sync's push: its mutation ids make a resend harmless (the server replays its answers), so it may be
   * cancelled and says only what the server confirmed.
   */
  cancellable: boolean;
  /** What is done and what is not when the action is cancelled during this step (in the pane's words). */
  ifCancelled?: (t: Strings) => string;
}

export interface StepOptions {
  cancellable?: boolean;
  ifCancelled?: (t: Strings) => string;
}

/**
 * The steps of a long action, counted as the action learns them (a sync learns its pages of changes
 * only as they come), and the points where a cancel takes effect: `next` throws the abort once the
 * action was cancelled, so nothing after that point starts. A network request under way is stopped by
 * the signal itself.
 */
export class Steps {
  private done = 0;
  private total = 0;
  private current?: StepState;

  constructor(
    private readonly signal: AbortSignal,
    private readonly show: (state: StepState) => void = () => undefined,
  ) {}

  /** `more` steps to come, beyond those planned so far. */
  plan(more: number): void {
    this.total += more;
    if (this.current) this.publish({ ...this.current, of: Math.max(this.total, this.done) });
  }

  /** Starts the next step, unless the action was cancelled (then throws the signal's abort). */
  next(label?: (t: Strings) => string, options: StepOptions = {}): void {
    this.signal.throwIfAborted();
    this.done++;
    this.publish({ step: this.done, of: Math.max(this.total, this.done), label, cancellable: options.cancellable ?? true, ifCancelled: options.ifCancelled });
  }

  /**
   * Says which part of the step under way the action is at (a sheet of a write), without starting
   * another step. Never throws, unlike `next`: it is called from inside work that must not stop midway.
   */
  detail(label: (t: Strings) => string): void {
    if (this.current) this.publish({ ...this.current, label });
  }

  /** The step under way, if one has started. */
  get state(): StepState | undefined {
    return this.current;
  }

  private publish(state: StepState): void {
    this.current = state;
    this.show(state);
  }
}

/** What a long action is handed: the signal that cancels it (pass it to fetch) and its steps. */
export interface ActionControl {
  signal: AbortSignal;
  steps: Steps;
}

/** For work run outside a pane action (a script, a test): never cancelled, its steps shown nowhere. */
export function uncontrolled(): ActionControl {
  const signal = new AbortController().signal;
  return { signal, steps: new Steps(signal) };
}
