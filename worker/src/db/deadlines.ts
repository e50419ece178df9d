import { type DueDate, dueEnd } from "../../../shared/api/deadlines.ts";
import type { D1Database, D1PreparedStatement } from "../env.ts";
import type { Authorship } from "./catalogue.ts";

/**
 * An association's due dates per reporting year (shared/api/deadlines.ts, migration 0013). Every change
 * that changes something is recorded in due_date_events in the same batch (one transaction), with who
 * and when: a due date decides which members read as late.
 */

interface DueDateRow {
  year: number;
  due_on: string;
  updated_at: string;
  updated_by: string;
  updated_by_name: string;
}

const toDueDate = (r: DueDateRow): DueDate => ({
  year: r.year,
  dueOn: r.due_on,
  dueEnd: dueEnd(r.due_on),
  updatedAt: r.updated_at,
  updatedBy: { id: r.updated_by, name: r.updated_by_name },
});

/** ?1 association id, ?2 year (NULL: every year). */
const SELECT_DUE_DATES = `SELECT d.year, d.due_on, d.updated_at, d.updated_by, u.name AS updated_by_name
  FROM due_dates d JOIN users u ON u.id = d.updated_by
  WHERE d.association_id = ?1 AND (?2 IS NULL OR d.year = ?2) ORDER BY d.year`;

export interface DueDateKey {
  associationId: string;
  year: number;
}

/** The year's due date (or, `year` null, every year's), as one statement for a caller's batch. */
export const dueDatesStatement = (db: D1Database, associationId: string, year: number | null): D1PreparedStatement =>
  db.prepare(SELECT_DUE_DATES).bind(associationId, year);

export const readDueDates = (result: { results: unknown[] }): DueDate[] => (result.results as DueDateRow[]).map(toDueDate);

/** The association's due dates by year (`year` null), or the year's (none or one). */
export async function listDueDates(db: D1Database, associationId: string, year: number | null): Promise<DueDate[]> {
  return readDueDates(await dueDatesStatement(db, associationId, year).all());
}

/**
 * The event of the statement just before it in the batch, if that statement changed a row (`changes()`
 * is the change count of the connection's last write, which in a D1 batch is that statement): an
 * unchanged date leaves no event.
 */
const eventStatement = (db: D1Database, key: DueDateKey, dueOn: string | null, by: Authorship) =>
  db
    .prepare(`INSERT INTO due_date_events (association_id, year, due_on, actor, at) SELECT ?1, ?2, ?3, ?4, ?5 WHERE changes() > 0`)
    .bind(key.associationId, key.year, dueOn, by.userId, by.at);

/** Sets the year's due date (replacing any before) and reads it back, in one batch. */
export async function setDueDate(db: D1Database, key: DueDateKey, dueOn: string, by: Authorship): Promise<DueDate> {
  const [, , read] = await db.batch([
    db
      .prepare(
        `INSERT INTO due_dates (association_id, year, due_on, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (association_id, year) DO UPDATE SET due_on = excluded.due_on, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by
         WHERE due_dates.due_on IS NOT excluded.due_on`,
      )
      .bind(key.associationId, key.year, dueOn, by.at, by.userId),
    eventStatement(db, key, dueOn, by),
    dueDatesStatement(db, key.associationId, key.year),
  ]);
  return readDueDates(read!)[0]!;
}

/** Clears the year's due date; whether there was one. */
export async function clearDueDate(db: D1Database, key: DueDateKey, by: Authorship): Promise<boolean> {
  const [deleted] = await db.batch([
    db.prepare("DELETE FROM due_dates WHERE association_id = ?1 AND year = ?2").bind(key.associationId, key.year),
    eventStatement(db, key, null, by),
  ]);
  return deleted!.meta.changes > 0;
}
