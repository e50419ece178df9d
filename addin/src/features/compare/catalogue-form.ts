import type { MeResponse } from "../../../../shared/api/access.ts";
import { CatalogueCode, type CatalogueEntry, type PutCatalogueEntryInput, PutCatalogueEntryRequest, type Sharing } from "../../../../shared/api/catalogue.ts";
import { ApiError } from "../../../../shared/api/client.ts";
import type { Direction, Frequency } from "../../../../shared/model/plan.ts";
import { refused } from "../../sections/compare-form.ts";

/**
 * The catalogue editor's form as typed, and its reading through the contract's own schemas, so the pane
 * refuses what the Worker would refuse, naming the same field.
 */
export interface CatalogueForm {
  code: string;
  nameUk: string;
  nameEn: string;
  unit: string;
  direction: Direction;
  frequency: Frequency;
  definition: string;
  sharing: Sharing;
}

/** A new entry starts kept to the analysts, as the API keeps one sent without `sharing`. */
export const emptyCatalogueForm = (): CatalogueForm => ({
  code: "",
  nameUk: "",
  nameEn: "",
  unit: "",
  direction: "increase",
  frequency: "annually",
  definition: "",
  sharing: "analysts",
});

export const formFromEntry = (entry: CatalogueEntry): CatalogueForm => ({
  code: entry.code,
  nameUk: entry.nameUk,
  nameEn: entry.nameEn,
  unit: entry.unit,
  direction: entry.direction,
  frequency: entry.frequency,
  definition: entry.definition,
  sharing: entry.sharing,
});

// The code is the entry's key in the path, not in the body: it is read by its own schema, under its own name.
const CatalogueWrite = PutCatalogueEntryRequest.extend({ code: CatalogueCode });

/**
 * The PUT the form asks for: `baseVersion` 0 creates, an entry's version replaces it (and re-activates a
 * retired one). Throws FormError naming the first field the contract refuses.
 */
export function catalogueWrite(form: CatalogueForm, baseVersion: number): { code: string; body: PutCatalogueEntryInput } {
  const parsed = CatalogueWrite.safeParse({ ...form, code: form.code.trim(), baseVersion });
  if (!parsed.success) throw refused(parsed.error);
  const { code, ...body } = parsed.data;
  return { code, body };
}

/** Active entries first, then by code; retired ones stay listed (members' values keep their link). */
export const sortEntries = (entries: readonly CatalogueEntry[]): CatalogueEntry[] =>
  [...entries].sort((a, b) => (a.status === b.status ? a.code.localeCompare(b.code) : a.status === "active" ? -1 : 1));

/** The list after the server answered a write with `entry`: it replaces the entry of its code, or joins the list. */
export const withEntry = (entries: readonly CatalogueEntry[], entry: CatalogueEntry): CatalogueEntry[] =>
  sortEntries([...entries.filter((e) => e.code !== entry.code), entry]);

/** The association's analysts and the admins keep its catalogue; anyone else only reads it. */
export const mayEditCatalogue = (me: MeResponse, associationId: string): boolean =>
  me.grants.some((g) => g.role === "admin" || (g.role === "analyst" && g.associationId === associationId));

/** A stale baseVersion: the entry changed since the form was filled. */
export const isConflict = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 409;
