/**
 * Excel on the web refuses a request over 5 MB. A Batch queues writes and syncs when the queued
 * payload would pass a safe budget, so a sheet of any size costs one sync per ~4 MB, not one per cell.
 */
export const REQUEST_BUDGET_BYTES = 4_000_000;

/** Excel on the web refuses a response over 5 MB: reads ask for at most this much at a time. */
export const RESPONSE_BUDGET_BYTES = 4_000_000;

export class Batch {
  private queued = 0;
  syncs = 0;

  constructor(
    private readonly context: { sync(): Promise<void> },
    private readonly budget = REQUEST_BUDGET_BYTES,
    /** Queued before every sync of a bulk write but its last (see finish). */
    private readonly beforeSync?: () => void,
  ) {}

  /** Make room for `bytes` more: syncs first if they would not fit with what is queued. */
  async reserve(bytes: number): Promise<void> {
    if (this.queued > 0 && this.queued + bytes > this.budget) await this.flush();
    this.queued += bytes;
  }

  async flush(): Promise<void> {
    this.beforeSync?.();
    await this.sync();
  }

  /**
   * The last sync: without `beforeSync`. Excel's screen-updating pause lasts until the next sync, so one
   * queued into the last sync would outlast the write.
   */
  finish(): Promise<void> {
    return this.sync();
  }

  private async sync(): Promise<void> {
    try {
      await this.context.sync();
    } finally {
      // A failed sync is gone too: Excel dropped what it had not run.
      this.syncs++;
      this.queued = 0;
    }
  }
}

/** Bytes of a 2D array as Office.js serialises it on the wire: JSON, UTF-8, numbers as JSON numbers. */
export function payloadBytes(values: readonly (readonly unknown[])[]): number {
  let bytes = 2;
  for (const row of values) {
    bytes += 3;
    for (const v of row) bytes += valueBytes(v) + 1;
  }
  return bytes;
}

function valueBytes(v: unknown): number {
  if (typeof v === "string") return stringBytes(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v).length;
  return 4;
}

/** A JSON string's UTF-8 bytes: escapes for quotes, backslashes and controls, 1–4 bytes a character. */
function stringBytes(s: string): number {
  let bytes = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) bytes += 6;
    else if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Rows per chunk so that a chunk of `values` stays within the budget. */
export function rowsPerChunk(values: readonly (readonly unknown[])[], budget = REQUEST_BUDGET_BYTES): number {
  if (values.length === 0) return 1;
  const perRow = payloadBytes(values) / values.length;
  return Math.max(1, Math.floor(budget / perRow));
}

/** The code of an Office.js error (OfficeExtension.Error's `code`), or undefined for any other error. */
export function excelErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * A Batch for a bulk write: a screen-updating pause queued into each sync but the last (finish). A pause
 * lasts "until the next sync": if Excel ends it with the sync after the one that carried it, each sync
 * from the second on runs paused and none outlasts the write; if with the sync that carried it, queued
 * last it pauses nothing. Which Excel does is unsettled; the screen is never left paused either way.
 */
export const bulkBatch = (context: Excel.RequestContext): Batch =>
  new Batch(context, undefined, () => context.application.suspendScreenUpdatingUntilNextSync());

/**
 * Runs a bulk write (its syncs in `bulk`) with Excel's change events off (MuniPlan's own writes are not the user's edits) and
 * screen updating paused, one Batch of syncs. Events are switched back on in the last sync of the work,
 * or, when the work fails, in a sync of their own: the failed sync dropped every command after its
 * failing one, the queued switch included, and events left off would keep every later edit unseen.
 */
export async function withEventsOff<T>(context: Excel.RequestContext, bulk: Batch, work: () => Promise<T>): Promise<T> {
  context.runtime.enableEvents = false;
  let restored = false;
  try {
    const result = await work();
    context.runtime.enableEvents = true;
    await bulk.finish();
    restored = true;
    return result;
  } finally {
    if (!restored) {
      // Also ends the screen-updating pause of the last sync that ran. If even this sync fails, the work's own
      // error is the one to tell.
      context.runtime.enableEvents = true;
      await context.sync().catch(() => undefined);
    }
  }
}
