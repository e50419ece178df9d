import { Batch } from "./batch.ts";
import { STATE_NAMESPACE, checkedState } from "../../shared/layout/workbook-state.ts";
import type { WorkbookState } from "../../shared/layout/workbook-state-schema.ts";
import type { ExcelRun } from "./host.ts";
import { fromXmlParts, queuePartsLookup, queueReplaceParts, readPartsXml, toXmlParts } from "./xml-parts.ts";

// The schemas load with the first read of a workbook's state (checkedState): they bring zod, which the
// pane's first load leaves out.
export type { SheetRecord, SyncLink, WorkbookState } from "../../shared/layout/workbook-state-schema.ts";

// Named here too, with the state it holds, for the adapter's users.
export { STATE_NAMESPACE };

/** The state as custom XML parts of one generation (see xml-parts.ts). */
export function stateToXmlParts(state: WorkbookState, generation: number, partChars?: number): string[] {
  return toXmlParts(STATE_NAMESPACE, state, generation, partChars);
}

/** The newest complete state among `xmls`; throws when there are parts but none is a complete, valid state. */
export function stateFromXmlParts(xmls: string[]): Promise<WorkbookState> {
  return checkedState(fromXmlParts(xmls), xmls.length);
}

/** Queues a look-up of the state's parts; their `items` are there after the caller's next sync. */
export function queueStateLookup(context: Excel.RequestContext): Excel.CustomXmlPartScopedCollection {
  return queuePartsLookup(context, STATE_NAMESPACE);
}

/**
 * Queues the state's replacement into the caller's batch: the new generation first, then `between`,
 * then the old parts deleted (see queueReplaceParts).
 */
export function queueSaveState(
  context: Excel.RequestContext,
  batch: Batch,
  existing: Excel.CustomXmlPartScopedCollection,
  state: WorkbookState,
  between?: () => void,
): Promise<void> {
  return queueReplaceParts(context, batch, existing, STATE_NAMESPACE, state, between);
}

export async function loadState(run: ExcelRun): Promise<WorkbookState | undefined> {
  return run(async (context) => {
    const parts = queueStateLookup(context);
    await context.sync();
    if (parts.items.length === 0) return undefined;
    return stateFromXmlParts(await readPartsXml(context, parts.items));
  });
}

export async function saveState(run: ExcelRun, state: WorkbookState): Promise<void> {
  await run(async (context) => {
    const batch = new Batch(context);
    const parts = queueStateLookup(context);
    await batch.flush();
    await queueSaveState(context, batch, parts, state);
    await batch.flush();
  });
}
