import { z } from "zod";
import { Id, MissingReason } from "../model/plan.ts";
import { CATALOGUE_CODE_MAX } from "./catalogue.ts";
import { ClientId, REFUSAL_RULES } from "./sync.ts";

/**
 * Importing members' workbooks (issue 15): an association's analyst drops members' .xlsx files into
 * the pane's Compare section; the pane reads them (shared/import/) and sends what it read, cell by cell,
 * as JSON. The Worker resolves each file's member and indicators, compares every value with the store
 * and writes the changed ones as that member's observations through the sync push's rules (versioned,
 * audited with the analyst as the actor, the monitoring rounds' locks applied).
 *
 * - `dryRun: true` is the preview: the answer says exactly what would be written, and nothing is.
 * - A file is written whole or not at all: a file with any problem writes nothing; the other files
 *   of the request are written (one transaction per file).
 * - A value equal to the store's is skipped (`unchanged`): importing the same file again writes nothing.
 * - A blank cell (no value, no reason, no note) is skipped (`blank`): an import never clears a value.
 * - Problems (an unknown indicator, a year out of range, a reason MuniPlan does not know, a refusal
 *   by a monitoring round) are named by file, sheet and cell; bad input in the request's shape (a
 *   value that is not a number, too many files) is the API's 400 error with its `field`.
 */

/**
 * A request's size, within the API's 1 MiB body and D1's 1,000 queries per Worker invocation (each
 * statement of a batch counted): 2 reads, then per file 8 reads and one batch that grows by a statement
 * per 19 values (db/writes.ts) and per 32 mutation ids (db/mutations.ts), so at the limits a request
 * makes at most about 600 (20 files of 200 values), as tests/worker/imports.test.ts counts. A larger
 * folder goes in several requests; a member's workbook of 30 indicators × 15 years is 450 values.
 */
export const MAX_IMPORT_FILES = 20;
export const MAX_IMPORT_OBSERVATIONS_PER_FILE = 2000;
export const MAX_IMPORT_OBSERVATIONS = 4000;

/** Where a value was read: the sheet's name and the cell's A1 address ("Показники", "F12"). */
export const ImportSource = z.object({
  sheet: z.string().min(1).max(31, { message: "Excel's sheet names are at most 31 characters" }),
  cell: z.string().regex(/^[A-Z]{1,3}[1-9][0-9]{0,6}$/, { message: "must be an A1 cell address such as F12" }),
});
export type ImportSource = z.infer<typeof ImportSource>;

/**
 * Whose file it is: the member community's id (a MuniPlan workbook) or its official territory code, as
 * typed (normalized by shared/model/territory.ts: " ua0502… " is UA0502…).
 */
export const ImportMember = z.union([
  z.object({ communityId: Id }).strict(),
  z.object({ territoryCode: z.string().min(1).max(32) }).strict(),
]);
export type ImportMember = z.infer<typeof ImportMember>;

/**
 * Which indicator of the member's plan: a catalogue code (the plan's top-level indicator linked to the
 * association's catalogue entry, as the comparison finds it) or the indicator's id in the member's plan.
 */
export const ImportIndicator = z.union([
  z.object({ code: z.string().min(1).max(CATALOGUE_CODE_MAX) }).strict(),
  z.object({ entityId: Id }).strict(),
]);
export type ImportIndicator = z.infer<typeof ImportIndicator>;

/**
 * One cell's value as the file holds it. Year, reason and note are checked by the store's rules per
 * cell (a problem named by sheet and cell, not a 400), so that one bad cell does not hide the rest.
 */
export const ImportObservation = z.object({
  indicator: ImportIndicator,
  year: z.number(),
  /** A number, or null: with `reason`, a value that cannot be given; alone, a blank cell. */
  value: z.number().nullable(),
  /** Why there is no value: one of not_available, not_applicable, confidential, not_yet_due. */
  reason: z.string().max(64).optional(),
  note: z.string().optional(),
  source: ImportSource,
});
export type ImportObservation = z.infer<typeof ImportObservation>;

export const ImportFile = z.object({
  /** The file's name as dropped ("Громада-член 03.xlsx"); names the file in every problem. */
  file: z.string().min(1).max(255),
  member: ImportMember,
  observations: z
    .array(ImportObservation)
    .max(MAX_IMPORT_OBSERVATIONS_PER_FILE, { message: `at most ${MAX_IMPORT_OBSERVATIONS_PER_FILE} values per file` }),
});
export type ImportFile = z.infer<typeof ImportFile>;

export const ImportRequest = z
  .object({
    /** The workbook (pane) importing, kept in the audit log as a push's client id is. */
    clientId: ClientId,
    dryRun: z.boolean(),
    files: z
      .array(ImportFile)
      .min(1, { message: "send at least one file" })
      .max(MAX_IMPORT_FILES, { message: `at most ${MAX_IMPORT_FILES} files per request; send the rest in another` }),
  })
  .superRefine((req, ctx) => {
    const total = req.files.reduce((n, f) => n + f.observations.length, 0);
    if (total > MAX_IMPORT_OBSERVATIONS)
      ctx.addIssue({
        code: "custom",
        path: ["files"],
        message: `at most ${MAX_IMPORT_OBSERVATIONS} values per request (${total} sent); send fewer files per request`,
      });
    const seen = new Map<string, number>();
    req.files.forEach((f, i) => {
      if (seen.has(f.file))
        ctx.addIssue({ code: "custom", path: ["files", i, "file"], message: `the same name as files[${seen.get(f.file)}]; file names name problems, so each is sent once` });
      else seen.set(f.file, i);
    });
  })
  .meta({ id: "ImportRequest" });
export type ImportRequest = z.infer<typeof ImportRequest>;

/** Machine codes of an import problem; the pane names each in its user's language. */
export const IMPORT_PROBLEM_CODES = [
  /** The file's community is not a member of the association (or does not exist: the two are not told apart). */
  "not_a_member",
  /** The file's territory code is not one (shared/model/territory.ts says what it should be). */
  "territory_code_invalid",
  /** The member has no plan in the store to hold its values: its editor links the workbook first. */
  "no_plan",
  /** Another file of the same request is for the same member: import one file per member at a time. */
  "member_twice",
  /** The code is not in the association's catalogue. */
  "code_not_in_catalogue",
  /** The member's plan has no (top-level) indicator linked to the catalogue code. */
  "indicator_not_in_plan",
  /** The entity id is not a live indicator of the member's plan. */
  "indicator_unknown",
  /** The same indicator and year twice in the file. */
  "duplicate_value",
  /** The year, value, reason or note breaks the observation's rules (the message says which). */
  "invalid_value",
  /** The store changed under the import (another writer won); import the file again. */
  "conflict",
  /** The push's refusals (a monitoring round's lock, …), as shared/api/sync.ts names them. */
  ...REFUSAL_RULES,
] as const;
export const ImportProblemCode = z.enum(IMPORT_PROBLEM_CODES);
export type ImportProblemCode = z.infer<typeof ImportProblemCode>;

export const ImportProblem = z.object({
  file: z.string(),
  /** Null for a problem of the whole file (its member). */
  sheet: z.string().nullable(),
  cell: z.string().nullable(),
  /** Which input, as the API's errors name fields (`files[2].observations[14].year`). */
  field: z.string(),
  code: ImportProblemCode,
  /** In English, for an administrator; the pane words `code` for its user. */
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

/** A value as stored: a number or null, the reason for none, the note. */
export const ImportedValue = z.object({
  value: z.number().nullable(),
  reason: MissingReason.nullable(),
  note: z.string().nullable(),
});
export type ImportedValue = z.infer<typeof ImportedValue>;

/** One value the file writes (or, in a preview, would write). */
export const ImportChange = z.object({
  source: ImportSource,
  indicatorId: Id,
  /** The indicator's catalogue code, null for an indicator without one. */
  code: z.string().nullable(),
  indicatorName: z.string(),
  year: z.number().int(),
  /** The store's value before, null where the year had none. */
  before: ImportedValue.nullable(),
  after: ImportedValue,
});
export type ImportChange = z.infer<typeof ImportChange>;

export const ImportFileResult = z.object({
  file: z.string(),
  /** The member the file was matched to; null when it is not a member of the association. */
  member: z
    .object({ communityId: Id, name: z.string(), territoryCode: z.string().nullable() })
    .nullable(),
  /**
   * What the file writes (a preview: would write). A file with problems writes none of them; they are
   * listed so the analyst sees what its fixed version will write.
   */
  changes: z.array(ImportChange),
  /** Values written: `changes.length` after an import without problems, 0 in a preview or with problems. */
  written: z.number().int().nonnegative(),
  /** Values equal to the store's, skipped. */
  unchanged: z.number().int().nonnegative(),
  /** Blank cells, skipped. */
  blank: z.number().int().nonnegative(),
  problems: z.array(ImportProblem),
});
export type ImportFileResult = z.infer<typeof ImportFileResult>;

export const ImportResponse = z
  .object({
    dryRun: z.boolean(),
    files: z.array(ImportFileResult),
    totals: z.object({
      files: z.number().int().nonnegative(),
      /** Files that have problems (and so write nothing). */
      filesWithProblems: z.number().int().nonnegative(),
      changes: z.number().int().nonnegative(),
      written: z.number().int().nonnegative(),
      unchanged: z.number().int().nonnegative(),
      blank: z.number().int().nonnegative(),
      problems: z.number().int().nonnegative(),
    }),
  })
  .meta({ id: "ImportResponse" });
export type ImportResponse = z.infer<typeof ImportResponse>;
