import { z } from "zod";
import { Direction, EXCEL_MAX_CELL_TEXT, Frequency, Id } from "../model/plan.ts";
import { UnicodeText } from "../model/text.ts";
import { Actor } from "./access.ts";
import { ErrorBody } from "./errors.ts";
import { Version } from "./sync.ts";

/**
 * An association's catalogue of standard indicators. Members add catalogue indicators to their
 * indicator sheets linked by `code` (the plan model's `Indicator.code`); the association's analysts
 * (and admins) keep the catalogue, editors and monitors of member communities read it.
 */

export const CATALOGUE_CODE_MAX = 32;
export const CATALOGUE_NAME_MAX = 300;
export const CATALOGUE_UNIT_MAX = 50;
export const EXTERNAL_CODE_MAX = 64;

/** Upper-case letters, digits, `.`, `_` and `-`: "POP", "BUD-OWN", "EDU.2". */
export const CatalogueCode = z
  .string()
  .regex(new RegExp(`^[A-Z0-9._-]{1,${CATALOGUE_CODE_MAX}}$`), {
    message: `must be 1 to ${CATALOGUE_CODE_MAX} characters of A-Z, 0-9, '.', '_' or '-' (such as POP)`,
  });
export type CatalogueCode = z.infer<typeof CatalogueCode>;

export const CATALOGUE_STATUSES = ["active", "retired"] as const;
export const CatalogueStatus = z.enum(CATALOGUE_STATUSES);
export type CatalogueStatus = z.infer<typeof CatalogueStatus>;

/**
 * Who sees an entry's consolidated values: only the association's analysts (`analysts`), also each
 * member its own rank and quartile (`position`), or every member the named comparison (`named`).
 */
export const SHARINGS = ["analysts", "position", "named"] as const;
export const Sharing = z.enum(SHARINGS);
export type Sharing = z.infer<typeof Sharing>;

const requiredText = (max: number) =>
  UnicodeText.max(max, { message: `at most ${max} characters` })
    .refine((s) => s.trim().length > 0, { message: "must not be empty" });

/**
 * The association's quality rules for an entry's values (issue 14), checked by shared/quality/rules.ts
 * for the pane's sheet check and the Worker's submit of a monitoring round alike. Each is optional:
 * - `min` / `max`: the valid range, bounds included;
 * - `maxChangePct`: the largest change from the previous year's value, in % of that value;
 * - `compare`: the value against another catalogue indicator's value of the same member and year
 *   (`{ op: "<=", code: "POP" }` on "enrolled" reads "enrolled ≤ population").
 * A value that breaks one is flagged; the committee explains it in its note before submitting.
 */
export const COMPARE_OPS = ["<=", "<", ">=", ">", "="] as const;
export const CompareOp = z.enum(COMPARE_OPS);
export type CompareOp = z.infer<typeof CompareOp>;
export const QUALITY_COMPARISONS_MAX = 5;

export const QualityRules = z
  .object({
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    maxChangePct: z.number().finite().positive({ message: "must be a percentage above 0" }).optional(),
    compare: z
      .array(z.object({ op: CompareOp, code: CatalogueCode }))
      .max(QUALITY_COMPARISONS_MAX, { message: `at most ${QUALITY_COMPARISONS_MAX} comparisons` })
      .optional(),
  })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { path: ["max"], message: "must not be below the minimum" })
  .meta({ id: "QualityRules" });
export type QualityRules = z.infer<typeof QualityRules>;

/** What an analyst edits: everything but the code (the entry's key) and its status. */
const editable = {
  nameUk: requiredText(CATALOGUE_NAME_MAX),
  nameEn: requiredText(CATALOGUE_NAME_MAX),
  /** Fixed for every member: their values are compared in this unit. */
  unit: requiredText(CATALOGUE_UNIT_MAX),
  direction: Direction,
  frequency: Frequency,
  /** How the value is measured, its sources; may be empty. */
  definition: UnicodeText.max(EXCEL_MAX_CELL_TEXT, { message: `at most ${EXCEL_MAX_CELL_TEXT} characters` }),
  /** Analysts only unless the association shares it back; a PUT without it keeps it to analysts. */
  sharing: Sharing.default("analysts"),
};

/** The Lithuanian name; empty where the association has none yet (Lithuanian plans then take the English). */
const NameLt = UnicodeText.max(CATALOGUE_NAME_MAX, { message: `at most ${CATALOGUE_NAME_MAX} characters` });

/**
 * The same indicator's code in an outside scheme, so that data keyed by it meets national statistics and
 * standards: an ISO 37120 number ("ISO37120:5.1"), a statistics office's code. One line, no edge spaces
 * (it is compared as it is). A PUT with `""` clears it.
 */
export const ExternalCode = UnicodeText.max(EXTERNAL_CODE_MAX, { message: `at most ${EXTERNAL_CODE_MAX} characters` })
  .refine((s) => !/[\t\n\r]/.test(s), { message: "must be on one line (such as ISO37120:5.1)" })
  .refine((s) => s.trim() === s, { message: "must not start or end with a space (such as ISO37120:5.1)" });

export const CatalogueEntry = z
  .object({
    associationId: Id,
    code: CatalogueCode,
    ...editable,
    nameLt: NameLt.default(""),
    /** Left out where the entry has none, so clients written before it see entries as they were. */
    externalCode: ExternalCode.optional(),
    /** `{}` where the entry has none. */
    rules: QualityRules.default({}),
    /** Retired entries stay listed so members' data keeps its link; a PUT re-activates them. */
    status: CatalogueStatus,
    /** 1 on create, +1 per change. */
    version: Version,
    updatedAt: z.iso.datetime(),
    updatedBy: Actor,
  })
  .meta({ id: "CatalogueEntry" });
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;

/**
 * `PUT .../catalogue/{code}`: the entry's editable content (a PUT replaces it, so `definition` is sent
 * even when empty). `nameLt` and `rules`, added later (issue 14), and `externalCode` (issue 15) may be
 * left out: an update then keeps the entry's, a create stores none; `""` and `{}` clear them. `baseVersion` is the version the edit is
 * based on, 0 to create. The entry comes back active (a PUT re-activates a retired entry).
 */
export const PutCatalogueEntryRequest = z
  .object({
    ...editable,
    nameLt: NameLt.optional(),
    rules: QualityRules.optional(),
    externalCode: ExternalCode.optional(),
    baseVersion: z.number().int().min(0),
  })
  .meta({ id: "PutCatalogueEntryRequest" });
export type PutCatalogueEntryRequest = z.infer<typeof PutCatalogueEntryRequest>;
/** What a client sends: `sharing`, `nameLt`, `rules` and `externalCode` may be left out. */
export type PutCatalogueEntryInput = z.input<typeof PutCatalogueEntryRequest>;

/** `POST .../catalogue/{code}/retire`. */
export const RetireCatalogueEntryRequest = z
  .object({ baseVersion: Version })
  .meta({ id: "RetireCatalogueEntryRequest" });
export type RetireCatalogueEntryRequest = z.infer<typeof RetireCatalogueEntryRequest>;

/** Every entry of the catalogue, retired ones included, by code. */
export const CatalogueList = z.object({ entries: z.array(CatalogueEntry) }).meta({ id: "CatalogueList" });
export type CatalogueList = z.infer<typeof CatalogueList>;

/**
 * 409 on a write: the API's error shape (`code: "conflict"`, `field: "baseVersion"`) plus the entry as
 * it stands, so the client can show it and retry on its version.
 */
export const CatalogueConflict = ErrorBody.extend({ current: CatalogueEntry }).meta({ id: "CatalogueConflict" });
export type CatalogueConflict = z.infer<typeof CatalogueConflict>;

export const AssociationParams = z.object({ associationId: Id });
export const CatalogueEntryParams = AssociationParams.extend({ code: CatalogueCode });
