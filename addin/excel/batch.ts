/**
 * Excel on the web refuses a request over 5 MB. A Batch queues writes and syncs when the queued
 * payload would pass a safe budget, so a sheet of any size costs one sync per ~4 MB, not one per cell.
 */
export const REQUEST_BUDGET_BYTES = 4_000_000;

export class Batch {
  private queued = 0;
  syncs = 0;

  constructor(
    private readonly context: { sync(): Promise<void> },
    private readonly budget = REQUEST_BUDGET_BYTES,
    /** Queued before every sync of a bulk write (Excel's screen-updating pause lasts one sync). */
    private readonly beforeSync?: () => void,
  ) {}

  /** Make room for `bytes` more: syncs first if they would not fit with what is queued. */
  async reserve(bytes: number): Promise<void> {
    if (this.queued > 0 && this.queued + bytes > this.budget) await this.flush();
    this.queued += bytes;
  }

  async flush(): Promise<void> {
    this.beforeSync?.();
    await this.context.sync();
    this.syncs++;
    this.queued = 0;
  }

  get pending(): boolean {
    return this.queued > 0;
  }
}

/** Approximate request size of a 2D array as Office.js serialises it (JSON). */
export function payloadBytes(values: unknown[][]): number {
  let bytes = 2;
  for (const row of values) {
    bytes += 2;
    for (const v of row) bytes += (typeof v === "string" ? v.length * 2 : 8) + 3;
  }
  return bytes;
}

/** Rows per chunk so that a chunk of `values` stays within the budget. */
export function rowsPerChunk(values: unknown[][], budget = REQUEST_BUDGET_BYTES): number {
  if (values.length === 0) return 1;
  const perRow = payloadBytes(values) / values.length;
  return Math.max(1, Math.floor(budget / perRow));
}
