import { z } from "zod";
import { SHEET_KINDS, type SheetKind } from "./grid.ts";
import { Language, PlanDocument } from "../model/plan.ts";
import { SyncState } from "../sync/engine.ts";

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
