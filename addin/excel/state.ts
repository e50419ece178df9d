import { z } from "zod";
import { SHEET_KINDS, type SheetKind } from "../../shared/layout/grid.ts";
import { Language, PlanDocument } from "../../shared/model/plan.ts";
import { SyncState } from "../../shared/sync/engine.ts";
import { Batch } from "./batch.ts";
import type { ExcelRun } from "./host.ts";

/**
 * What MuniPlan keeps inside the workbook (a custom XML part, so it travels with the file): the plan
 * as last written to or read from the sheets — the base that edits are compared with — and which
 * worksheets are MuniPlan's, by id, so renamed sheets are still found and other sheets never touched.
 * Never a token or anything secret: other add-ins can read custom XML parts.
 */
export const SheetRecord = z.object({ id: z.string(), name: z.string(), outlined: z.boolean() });

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

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const unescapeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/**
 * The state of a large plan is larger than one Excel on the web request may carry (5 MB), so it is
 * stored as numbered parts of at most this many characters of JSON.
 */
export const STATE_PART_CHARS = 1_000_000;

export function stateToXmlParts(state: WorkbookState, partChars = STATE_PART_CHARS): string[] {
  const json = JSON.stringify(state);
  const count = Math.max(1, Math.ceil(json.length / partChars));
  return Array.from(
    { length: count },
    (_, i) =>
      `<?xml version="1.0" encoding="UTF-8"?><muniplan xmlns="${STATE_NAMESPACE}" part="${i + 1}" of="${count}">${escapeXml(json.slice(i * partChars, (i + 1) * partChars))}</muniplan>`,
  );
}

export function stateFromXmlParts(xmls: string[]): WorkbookState {
  const parts = xmls.map((xml) => {
    const m = /<muniplan[^>]*\bpart="(\d+)" of="(\d+)"[^>]*>([\s\S]*)<\/muniplan>/.exec(xml);
    if (!m) throw new Error("MuniPlan's data in this workbook is damaged (a part has no <muniplan> element)");
    return { index: Number(m[1]), of: Number(m[2]), body: unescapeXml(m[3]!) };
  });
  parts.sort((a, b) => a.index - b.index);
  if (parts.some((p, i) => p.index !== i + 1 || p.of !== parts.length))
    throw new Error(`MuniPlan's data in this workbook is incomplete (${parts.length} of ${parts[0]?.of ?? "?"} parts)`);
  return WorkbookState.parse(JSON.parse(parts.map((p) => p.body).join("")));
}

/** Queues a look-up of the state's parts; their `items` are there after the caller's next sync. */
export function queueStateLookup(context: Excel.RequestContext): Excel.CustomXmlPartScopedCollection {
  const parts = context.workbook.customXmlParts.getByNamespace(STATE_NAMESPACE);
  parts.load("items/id");
  return parts;
}

/** Queues the state's replacement into the caller's batch, each part within the request budget. */
export async function queueSaveState(
  context: Excel.RequestContext,
  batch: Batch,
  existing: Excel.CustomXmlPartScopedCollection,
  state: WorkbookState,
): Promise<void> {
  for (const part of existing.items) part.delete();
  for (const xml of stateToXmlParts(state)) {
    await batch.reserve(xml.length * 2);
    context.workbook.customXmlParts.add(xml);
  }
}

export async function loadState(run: ExcelRun): Promise<WorkbookState | undefined> {
  return run(async (context) => {
    const parts = queueStateLookup(context);
    await context.sync();
    if (parts.items.length === 0) return undefined;
    const xmls = parts.items.map((p) => p.getXml());
    await context.sync();
    return stateFromXmlParts(xmls.map((x) => x.value));
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
