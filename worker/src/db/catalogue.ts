import { type CatalogueEntry, type PutCatalogueEntryRequest, QualityRules } from "../../../shared/api/catalogue.ts";
import type { D1Database, D1PreparedStatement } from "../env.ts";

/** An association, and whether one of the caller's communities (as editor or monitor) is a member. */
export interface AssociationRef {
  id: string;
  reachedAsMember: boolean;
}

// `?2` is a JSON array of the caller's communities: one parameter however many there are.
export async function findAssociation(
  db: D1Database,
  associationId: string,
  communities: readonly string[],
): Promise<AssociationRef | null> {
  const row = await db
    .prepare(
      `SELECT a.id, EXISTS (SELECT 1 FROM memberships m WHERE m.association_id = a.id
         AND m.community_id IN (SELECT value FROM json_each(?2))) AS reached_as_member
       FROM associations a WHERE a.id = ?1`,
    )
    .bind(associationId, JSON.stringify(communities))
    .first<{ id: string; reached_as_member: number }>();
  return row && { id: row.id, reachedAsMember: row.reached_as_member === 1 };
}

interface CatalogueRow {
  association_id: string;
  code: string;
  name_uk: string;
  name_en: string;
  name_lt: string;
  external_code: string;
  unit: string;
  direction: CatalogueEntry["direction"];
  frequency: CatalogueEntry["frequency"];
  definition: string;
  sharing: CatalogueEntry["sharing"];
  rules: string;
  status: CatalogueEntry["status"];
  version: number;
  updated_at: string;
  updated_by: string;
  updated_by_name: string;
}

const toCatalogueEntry = (r: CatalogueRow): CatalogueEntry => ({
  associationId: r.association_id,
  code: r.code,
  nameUk: r.name_uk,
  nameEn: r.name_en,
  nameLt: r.name_lt,
  ...(r.external_code ? { externalCode: r.external_code } : {}),
  unit: r.unit,
  direction: r.direction,
  frequency: r.frequency,
  definition: r.definition,
  sharing: r.sharing,
  // Written only through the schema (putEntry), so read back through it: an unknown key is dropped, not served.
  rules: QualityRules.parse(JSON.parse(r.rules)),
  status: r.status,
  version: r.version,
  updatedAt: r.updated_at,
  updatedBy: { id: r.updated_by, name: r.updated_by_name },
});

const SELECT_ENTRIES = `SELECT e.association_id, e.code, e.name_uk, e.name_en, e.name_lt, e.external_code, e.unit, e.direction, e.frequency,
    e.definition, e.sharing, e.rules, e.status, e.version, e.updated_at, e.updated_by, u.name AS updated_by_name
  FROM catalogue_entries e JOIN users u ON u.id = e.updated_by`;

/** The whole catalogue, retired entries included, by code. */
export async function listCatalogue(db: D1Database, associationId: string): Promise<CatalogueEntry[]> {
  const { results } = await db
    .prepare(`${SELECT_ENTRIES} WHERE e.association_id = ?1 ORDER BY e.code`)
    .bind(associationId)
    .all<CatalogueRow>();
  return results.map(toCatalogueEntry);
}

/** The catalogues of every association the community is a member of: the rules its values are checked by. */
export async function memberCatalogues(db: D1Database, communityId: string): Promise<CatalogueEntry[]> {
  const { results } = await db
    .prepare(`${SELECT_ENTRIES} WHERE e.association_id IN (SELECT association_id FROM memberships WHERE community_id = ?1) ORDER BY e.association_id, e.code`)
    .bind(communityId)
    .all<CatalogueRow>();
  return results.map(toCatalogueEntry);
}

export interface EntryKey {
  associationId: string;
  code: string;
}

export interface Authorship {
  userId: string;
  at: string;
}

/**
 * The outcome of a guarded write. `applied: false` with `current` at the base version means the write
 * would have changed nothing (the same content, or retiring a retired entry) and was skipped; with
 * another version, the base was stale; `current: null`, there is no such entry.
 */
export type CatalogueWrite = { applied: true; entry: CatalogueEntry } | { applied: false; current: CatalogueEntry | null };

/**
 * Runs one guarded write and reads the entry back in the same batch (one transaction): whether the write
 * applied is its change count, and the entry read is the state the write left, never a later one.
 */
async function guarded(db: D1Database, write: D1PreparedStatement, key: EntryKey): Promise<CatalogueWrite> {
  const [written, read] = await db.batch([
    write,
    db.prepare(`${SELECT_ENTRIES} WHERE e.association_id = ?1 AND e.code = ?2`).bind(key.associationId, key.code),
  ]);
  const row = (read!.results as unknown as CatalogueRow[])[0];
  const entry = row ? toCatalogueEntry(row) : null;
  return written!.meta.changes > 0 && entry ? { applied: true, entry } : { applied: false, current: entry };
}

/**
 * Creates the entry (`baseVersion` 0: only if the code is free) or replaces its content and makes it
 * active (only if it is at `baseVersion`, and only if that changes something). One statement each, the
 * guard in its WHERE / ON CONFLICT: no read between the check and the write. `nameLt`, `rules` and
 * `externalCode` left out are bound as NULL: a create stores none ('' and '{}'), an update keeps the stored ones (COALESCE),
 * so a client that does not know them yet cannot erase them.
 */
export function putEntry(
  db: D1Database,
  key: EntryKey,
  body: PutCatalogueEntryRequest,
  by: Authorship,
): Promise<CatalogueWrite> {
  // The rules as one JSON text, compared as text below: the schema's parse gives its keys in one order.
  const rules = body.rules === undefined ? null : JSON.stringify(body.rules);
  const content = [body.nameUk, body.nameEn, body.unit, body.direction, body.frequency, body.definition, body.sharing, body.nameLt ?? null, rules, body.externalCode ?? null];
  const write =
    body.baseVersion === 0
      ? db
          .prepare(
            `INSERT INTO catalogue_entries (association_id, code, name_uk, name_en, unit, direction, frequency,
               definition, sharing, name_lt, rules, external_code, status, version, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, COALESCE(?10, ''), COALESCE(?11, '{}'), COALESCE(?12, ''), 'active', 1, ?13, ?14)
             ON CONFLICT (association_id, code) DO NOTHING`,
          )
          .bind(key.associationId, key.code, ...content, by.at, by.userId)
      : db
          .prepare(
            `UPDATE catalogue_entries SET name_uk = ?3, name_en = ?4, unit = ?5, direction = ?6, frequency = ?7,
               definition = ?8, sharing = ?9, name_lt = COALESCE(?10, name_lt), rules = COALESCE(?11, rules),
               external_code = COALESCE(?12, external_code),
               status = 'active', version = version + 1, updated_at = ?13, updated_by = ?14
             WHERE association_id = ?1 AND code = ?2 AND version = ?15
               AND (name_uk IS NOT ?3 OR name_en IS NOT ?4 OR unit IS NOT ?5 OR direction IS NOT ?6
                 OR frequency IS NOT ?7 OR definition IS NOT ?8 OR sharing IS NOT ?9
                 OR name_lt IS NOT COALESCE(?10, name_lt) OR rules IS NOT COALESCE(?11, rules)
                 OR external_code IS NOT COALESCE(?12, external_code) OR status <> 'active')`,
          )
          .bind(key.associationId, key.code, ...content, by.at, by.userId, body.baseVersion);
  return guarded(db, write, key);
}

/** Retires an active entry at `baseVersion`; the entry stays, with its content. */
export function retireEntry(db: D1Database, key: EntryKey, baseVersion: number, by: Authorship): Promise<CatalogueWrite> {
  const write = db
    .prepare(
      `UPDATE catalogue_entries SET status = 'retired', version = version + 1, updated_at = ?3, updated_by = ?4
       WHERE association_id = ?1 AND code = ?2 AND version = ?5 AND status = 'active'`,
    )
    .bind(key.associationId, key.code, by.at, by.userId, baseVersion);
  return guarded(db, write, key);
}
