import { z } from "zod";
import { SHEET_KINDS, type SheetKind } from "../../shared/layout/grid.ts";
import { Language, PlanDocument } from "../../shared/model/plan.ts";
import { SyncState } from "../../shared/sync/engine.ts";
import { Batch } from "./batch.ts";
import type { ExcelRun } from "./host.ts";
import { fromXmlParts, queuePartsLookup, queueReplaceParts, readPartsXml, toXmlParts } from "./xml-parts.ts";

/**
 * What MuniPlan keeps inside the workbook (a custom XML part, so it travels with the file): the plan
 * as last written to or read from the sheets — the base that edits are compared with — and which
 * worksheets are MuniPlan's, by id, so renamed sheets are still found and other sheets never touched.
 * Never a token or anything secret: other add-ins can read custom XML parts.
 */
export const SheetRecord = z.object({
  id: z.string(),
  name: z.string(),
  outlined: z.boolean(),
  /** The cells' size as last written (JSON bytes): sizes the first read of the sheet. */
  bytes: z.number().int().nonnegative().optional(),
});

/**
 * The workbook's link to the shared store: the server's address (not secret; the token is kept outside
 * the file, see addin/src/credentials.ts), the sync engine's state — including the queue of changes not
 * yet answered, so that it survives closing the workbook — and what the last sync did.
 */
export const SyncLink = z.object({
  server: z.url(),
  engine: SyncState.optional(),
  last: z.object({ at: z.iso.datetime(), sent: z.number().int(), received: z.number().int(), conflicts: z.number().int(), offline: z.boolean() }).optional(),
});
export type SyncLink = z.infer<typeof SyncLink>;

export const WorkbookState = z.object({
  version: z.literal(1),
  /** This workbook as a sync client (in the server's audit log). Not a secret. */
  clientId: z.string().optional(),
  language: Language,
  doc: PlanDocument,
  sheets: z.partialRecord(z.enum(SHEET_KINDS as [SheetKind, ...SheetKind[]]), SheetRecord),
  sync: SyncLink.optional(),
  /**
   * The monitoring round the workbook follows (set by the Monitoring section for a year of the plan
   * period that has a round): the Indicators sheet shows the committee's notes of its year.
   */
  monitoring: z.object({ year: z.number().int() }).optional(),
});
export type WorkbookState = z.infer<typeof WorkbookState>;
export type SheetRecord = z.infer<typeof SheetRecord>;

export const STATE_NAMESPACE = "urn:muniplan:state:v1";

/** The state as custom XML parts of one generation (see xml-parts.ts). */
export function stateToXmlParts(state: WorkbookState, generation: number, partChars?: number): string[] {
  return toXmlParts(STATE_NAMESPACE, state, generation, partChars);
}

/** The newest complete state among `xmls`; throws when there are parts but none is a complete, valid state. */
export function stateFromXmlParts(xmls: string[]): WorkbookState {
  const value = fromXmlParts(xmls);
  if (value === undefined) throw new Error(`MuniPlan's data in this workbook is damaged or incomplete (${xmls.length} part(s), no complete one)`);
  return WorkbookState.parse(value);
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
