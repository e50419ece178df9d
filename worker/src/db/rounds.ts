import type {
  AssociationRounds,
  Round,
  RoundAction,
  RoundEvent,
  RoundStatus,
  RoundStepRequest,
} from "../../../shared/api/rounds.ts";
import { ROUND_STEPS } from "../../../shared/api/rounds.ts";
import type { D1Database, D1PreparedStatement } from "../env.ts";
import type { Authorship } from "./catalogue.ts";

interface RoundRow {
  plan_id: string;
  year: number;
  status: RoundStatus;
  version: number;
  updated_at: string;
  updated_by: string;
  updated_by_name: string;
}

interface EventRow {
  year: number;
  action: RoundAction;
  status: RoundStatus;
  actor: string;
  actor_name: string;
  comment: string | null;
  at: string;
}

const toEvent = (r: EventRow): RoundEvent => ({
  action: r.action,
  status: r.status,
  by: { id: r.actor, name: r.actor_name },
  at: r.at,
  comment: r.comment,
});

const toRound = (r: RoundRow, events: RoundEvent[]): Round => ({
  planId: r.plan_id,
  year: r.year,
  status: r.status,
  version: r.version,
  updatedAt: r.updated_at,
  updatedBy: { id: r.updated_by, name: r.updated_by_name },
  events,
});

/** A plan's rounds (`year` null) or one of them, with their events: two statements for one batch. */
function readStatements(db: D1Database, planId: string, year: number | null): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db
      .prepare(
        `SELECT r.plan_id, r.year, r.status, r.version, r.updated_at, r.updated_by, u.name AS updated_by_name
         FROM rounds r JOIN users u ON u.id = r.updated_by
         WHERE r.plan_id = ?1 AND (?2 IS NULL OR r.year = ?2) ORDER BY r.year`,
      )
      .bind(planId, year),
    db
      .prepare(
        `SELECT e.year, e.action, e.status, e.actor, u.name AS actor_name, e.comment, e.at
         FROM round_events e JOIN users u ON u.id = e.actor
         WHERE e.plan_id = ?1 AND (?2 IS NULL OR e.year = ?2) ORDER BY e.year, e.seq`,
      )
      .bind(planId, year),
  ];
}

function assemble(rounds: { results: unknown[] }, events: { results: unknown[] }): Round[] {
  const byYear = new Map<number, RoundEvent[]>();
  for (const e of events.results as unknown as EventRow[]) {
    const list = byYear.get(e.year) ?? [];
    list.push(toEvent(e));
    byYear.set(e.year, list);
  }
  return (rounds.results as unknown as RoundRow[]).map((r) => toRound(r, byYear.get(r.year) ?? []));
}

/** Every round of a plan, by year, each with its events oldest first (one transaction). */
export async function listRounds(db: D1Database, planId: string): Promise<Round[]> {
  const [rounds, events] = await db.batch(readStatements(db, planId, null));
  return assemble(rounds!, events!);
}

export async function findRound(db: D1Database, planId: string, year: number): Promise<Round | null> {
  const [rounds, events] = await db.batch(readStatements(db, planId, year));
  return assemble(rounds!, events!)[0] ?? null;
}

export interface RoundKey {
  planId: string;
  year: number;
}

/** The outcome of a step: the round it left, or (not applied) the round as it stands, null if none. */
export type RoundWrite = { applied: true; round: Round } | { applied: false; current: Round | null };

/**
 * Takes one step as one statement guarded on the round's version and on the statuses the step applies
 * to (for `open`: on the year having no round), records its event and reads the round back, all in one
 * batch (one transaction): no read between the check and the write, and the round read is the state the
 * step left. An `open` must come with baseVersion 0 (the caller checks).
 *
 * `planAt`, for a step decided on the plan's values (a submit checked against the quality rules): the
 * plan's feed cursor they were read at. A write to the plan committed since aborts the batch with a
 * constraint error (as roundsAsRead does for a push), and the caller decides the step again.
 *
 * The event is copied from the round row at the step's version. If the step did not apply and another
 * step produced that version, that step's event is there already (written in its own batch) and the
 * insert does nothing: the trail holds exactly the steps that applied.
 */
export async function stepRound(
  db: D1Database,
  key: RoundKey,
  step: Pick<RoundStepRequest, "action" | "baseVersion"> & { comment: string | null },
  by: Authorship,
  planAt?: number,
): Promise<RoundWrite> {
  const { from, to } = ROUND_STEPS[step.action];
  const asRead =
    planAt === undefined
      ? []
      : [
          db
            .prepare(
              `UPDATE rounds SET version = CASE WHEN (SELECT COALESCE(MAX(last_seq), 0) FROM entities WHERE plan_id = ?1) = ?3 THEN version END
               WHERE plan_id = ?1 AND year = ?2`,
            )
            .bind(key.planId, key.year, planAt),
        ];
  const write =
    step.action === "open"
      ? db
          .prepare(
            `INSERT INTO rounds (plan_id, year, status, version, updated_at, updated_by) VALUES (?1, ?2, ?3, 1, ?4, ?5)
             ON CONFLICT (plan_id, year) DO NOTHING`,
          )
          .bind(key.planId, key.year, to, by.at, by.userId)
      : db
          .prepare(
            `UPDATE rounds SET status = ?3, version = version + 1, updated_at = ?4, updated_by = ?5
             WHERE plan_id = ?1 AND year = ?2 AND version = ?6 AND status IN (SELECT value FROM json_each(?7))`,
          )
          .bind(key.planId, key.year, to, by.at, by.userId, step.baseVersion, JSON.stringify(from));
  const event = db
    .prepare(
      `INSERT INTO round_events (plan_id, year, seq, action, status, actor, comment, at)
       SELECT plan_id, year, version, ?4, status, updated_by, ?5, updated_at FROM rounds
       WHERE plan_id = ?1 AND year = ?2 AND version = ?3
       ON CONFLICT (plan_id, year, seq) DO NOTHING`,
    )
    .bind(key.planId, key.year, step.baseVersion + 1, step.action, step.comment);
  const [written, , rounds, events] = (await db.batch([...asRead, write, event, ...readStatements(db, key.planId, key.year)])).slice(asRead.length);
  const round = assemble(rounds!, events!)[0] ?? null;
  return written!.meta.changes > 0 && round ? { applied: true, round } : { applied: false, current: round };
}

/** Where each of a plan's rounds stands, by year: what a push decides observation writes against. */
export type RoundStates = ReadonlyMap<number, { status: RoundStatus; version: number }>;

export async function roundStates(db: D1Database, planId: string): Promise<RoundStates> {
  const { results } = await db
    .prepare("SELECT year, status, version FROM rounds WHERE plan_id = ?1")
    .bind(planId)
    .all<{ year: number; status: RoundStatus; version: number }>();
  return new Map(results.map((r) => [r.year, { status: r.status, version: r.version }]));
}

/**
 * A statement for a push's write batch that aborts it unless the rounds of `years` are still as `read`
 * (the same version, or still no round): the push decided its observation writes against them, and an
 * approval committed in between must not let a write into the approved year. Like the rows' version
 * guard (db/writes.ts), a mismatch sets the NOT NULL `version` to NULL, failing the batch with a
 * constraint error, and the push is decided again. A matching round is left as it is.
 */
export function roundsAsRead(
  db: D1Database,
  planId: string,
  read: RoundStates,
  years: ReadonlySet<number>,
): D1PreparedStatement[] {
  if (years.size === 0) return [];
  const expected = Object.fromEntries([...years].map((y) => [y, read.get(y)?.version ?? null]));
  return [
    db
      .prepare(
        `UPDATE rounds SET version = CASE WHEN version IS
           (SELECT value FROM json_each(?2) WHERE key = CAST(rounds.year AS TEXT)) THEN version END
         WHERE plan_id = ?1 AND CAST(year AS TEXT) IN (SELECT key FROM json_each(?2))`,
      )
      .bind(planId, JSON.stringify(expected)),
  ];
}

/** Each member of the association, by name, with where its plan's round of `year` stands (null: none). */
export async function associationRounds(
  db: D1Database,
  associationId: string,
  year: number,
): Promise<AssociationRounds["members"]> {
  const { results } = await db
    .prepare(
      `SELECT c.id AS community_id, c.name, r.status, r.updated_at
       FROM memberships m
       JOIN communities c ON c.id = m.community_id
       LEFT JOIN plans p ON p.community_id = c.id
       LEFT JOIN rounds r ON r.plan_id = p.id AND r.year = ?2
       WHERE m.association_id = ?1 ORDER BY c.name, c.id`,
    )
    .bind(associationId, year)
    .all<{ community_id: string; name: string; status: RoundStatus | null; updated_at: string | null }>();
  return results.map((r) => ({ communityId: r.community_id, name: r.name, status: r.status, updatedAt: r.updated_at }));
}
