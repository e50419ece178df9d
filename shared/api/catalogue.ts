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

export const CatalogueEntry = z
  .object({
    associationId: Id,
    code: CatalogueCode,
    ...editable,
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
 * `PUT .../catalogue/{code}`: the entry's whole editable content (a PUT replaces it, so `definition`
 * is sent even when empty). `baseVersion` is the version the
 * edit is based on, 0 to create. The entry comes back active (a PUT re-activates a retired entry).
 */
export const PutCatalogueEntryRequest = z
  .object({ ...editable, baseVersion: z.number().int().min(0) })
  .meta({ id: "PutCatalogueEntryRequest" });
export type PutCatalogueEntryRequest = z.infer<typeof PutCatalogueEntryRequest>;
/** What a client sends: `sharing` may be left out. */
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
