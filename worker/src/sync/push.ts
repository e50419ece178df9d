import type { Mutation, MutationResult, PushRequest, PushResponse, SyncKind } from "../../../shared/api/sync.ts";
import { storedMutations, storeMutationStatements } from "../db/mutations.ts";
import { currentRows, observationsAt, referencingRows, rowKey } from "../db/entities.ts";
import { roundsAsRead, roundStates } from "../db/rounds.ts";
import { isConstraintError } from "../db/sql.ts";
import { type RowWrite, rowWriteStatements } from "../db/writes.ts";
import { canonicalJson, sha256Hex } from "../crypto.ts";
import type { D1Database } from "../env.ts";
import { ApiError, badRequest } from "../errors.ts";
import { decide, type PushScope, type Refusal, refusedResult, yearsWritten } from "./decide.ts";
import { referencesOf } from "./references.ts";

/** Attempts before a push that keeps losing races to concurrent writers is refused (it can be resent). */
const ATTEMPTS = 3;

export interface Pusher {
  userId: string;
  clientId: string;
}

/**
 * `whole`: all or nothing. When any new mutation is not applied (refused, a conflict), none is written
 * and none is recorded as decided: the others answer `withheld`, and the same mutations sent again are
 * decided afresh. For a caller that promises its user a set written together (an imported file).
 */
export interface PushOptions {
  whole?: boolean;
}

/** A mutation a `whole` push did not write because another of it was not applied; nothing of it is stored. */
export interface Withheld {
  mutationId: string;
  status: "withheld";
}

/** The idempotency key's body: everything but the id, tied to the plan. */
const mutationHash = (planId: string, { mutationId: _id, ...body }: Mutation) =>
  sha256Hex(canonicalJson({ planId, ...body }));

function refuseDuplicates(mutations: readonly Mutation[]): void {
  const seenIds = new Map<string, number>();
  const seenRows = new Map<string, number>();
  mutations.forEach((m, i) => {
    const id = seenIds.get(m.mutationId);
    if (id !== undefined)
      throw badRequest(`mutations[${i}].mutationId: already used by mutations[${id}]`, `mutations[${i}].mutationId`);
    seenIds.set(m.mutationId, i);
    // One write per row per push keeps "one version step per mutation"; a second edit goes in the next push.
    const row = seenRows.get(rowKey(m.kind, m.entityId));
    if (row !== undefined)
      throw badRequest(
        `mutations[${i}].entityId: the same row is changed by mutations[${row}]; send one change per row per push`,
        `mutations[${i}].entityId`,
      );
    seenRows.set(rowKey(m.kind, m.entityId), i);
  });
}

/**
 * Applies a push: stored results for mutation ids already decided, a decision for each new one, and
 * all new writes and decisions committed in one batch — or none of them.
 *
 * Mutation ids are scoped to the plan and the authenticated user (db/mutations.ts), not to the
 * client id: the client id is whatever the sender says and travels in the workbook file with the
 * queued ids, while the user is who the token proves; so whoever learns a queued id can neither use
 * it up before its owner nor learn that it was used.
 *
 * Check first, write under the guard: decisions are made against rows and monitoring rounds read before
 * the batch, and the batch's guards (rows' versions, db/writes.ts; the written years' rounds,
 * db/rounds.ts; one live value per indicator and period, migrations/0016) abort it if a concurrent writer
 * moved one in between; the push is then decided again, against what that writer wrote: the loser of two
 * racing first values for a year hears `period_taken` (secondValues), as if it had come second.
 */
export function push(db: D1Database, scope: PushScope, pusher: Pusher, req: PushRequest): Promise<PushResponse>;
export function push(
  db: D1Database,
  scope: PushScope,
  pusher: Pusher,
  req: PushRequest,
  options: PushOptions,
): Promise<{ results: (MutationResult | Withheld)[] }>;
export async function push(
  db: D1Database,
  scope: PushScope,
  pusher: Pusher,
  req: PushRequest,
  options: PushOptions = {},
): Promise<{ results: (MutationResult | Withheld)[] }> {
  const { mutations } = req;
  refuseDuplicates(mutations);
  const hashes = await Promise.all(
    mutations.map((m, i) =>
      Promise.resolve()
        .then(() => mutationHash(scope.planId, m))
        .catch((error: unknown) => {
        // JSON nested deeper than the runtime's stack (an attack, never a plan) cannot be hashed.
        if (error instanceof RangeError) throw badRequest(`mutations[${i}].fields: nested too deeply`, `mutations[${i}].fields`);
        throw error;
      }),
    ),
  );
  for (let attempt = 1; ; attempt++) {
    const stored = await storedMutations(db, { planId: scope.planId, userId: pusher.userId }, mutations.map((m) => m.mutationId));
    mutations.forEach((m, i) => {
      const s = stored.get(m.mutationId);
      if (s && s.bodyHash !== hashes[i])
        throw new ApiError(
          422,
          "idempotency_mismatch",
          `mutations[${i}].mutationId: this id was already used for a different mutation; a new change needs a new id`,
          `mutations[${i}].mutationId`,
        );
    });
    const fresh = mutations.flatMap((m, i) => (stored.has(m.mutationId) ? [] : [i]));
    if (fresh.length === 0) return { results: mutations.map((m) => stored.get(m.mutationId)!.result) };

    const [current, rounds] = await Promise.all([
      currentRows(db, scope.planId, fresh.map((i) => mutations[i]!.entityId)),
      roundStates(db, scope.planId),
    ]);
    const decisions = new Map(
      fresh.map((i) => {
        const m = mutations[i]!;
        return [i, decide(m, i, current.get(rowKey(m.kind, m.entityId)), scope, rounds)] as const;
      }),
    );
    const broken = await brokenReferences(db, scope.planId, fresh.flatMap((i) => {
      const write = decisions.get(i)!.write;
      return write ? [{ index: i, write }] : [];
    }));
    const doubled = await secondValues(db, scope.planId, fresh.flatMap((i) => {
      const write = decisions.get(i)!.write;
      return write && !broken.has(i) ? [{ index: i, write }] : [];
    }));
    for (const [i, refusal] of [...broken, ...doubled]) decisions.set(i, { result: refusedResult(mutations[i]!.mutationId, refusal) });
    if (options.whole && fresh.some((i) => decisions.get(i)!.result.status !== "applied"))
      return {
        results: mutations.map((m, i): MutationResult | Withheld => {
          const decided = decisions.get(i)?.result;
          if (!decided) return stored.get(m.mutationId)!.result;
          return decided.status === "applied" ? { mutationId: m.mutationId, status: "withheld" } : decided;
        }),
      };
    const at = new Date().toISOString();
    const writes = [...decisions.values()].flatMap((d) => (d.write ? [d.write] : []));
    const roundYears = new Set(
      writes.flatMap((w) => (w.kind === "observations" ? yearsWritten(w, current.get(rowKey(w.kind, w.id))) : [])),
    );
    const statements = [
      ...rowWriteStatements(db, { planId: scope.planId, communityId: scope.communityId, actorId: pusher.userId, clientId: pusher.clientId, at }, writes),
      ...storeMutationStatements(
        db,
        { planId: scope.planId, userId: pusher.userId, at },
        fresh.map((i) => ({ bodyHash: hashes[i]!, result: decisions.get(i)!.result })),
      ),
      ...roundsAsRead(db, scope.planId, rounds, roundYears),
    ];
    try {
      await db.batch(statements);
    } catch (error) {
      if (!isConstraintError(error)) throw error;
      if (attempt < ATTEMPTS) continue;
      throw new ApiError(409, "conflict", "the plan kept changing while this push was written; send it again");
    }
    return {
      results: mutations.map((m, i): MutationResult => decisions.get(i)?.result ?? stored.get(m.mutationId)!.result),
    };
  }
}

/**
 * A push may not leave a row pointing at a row that is not live (a task under a goal deleted on the
 * server, an observation of a missing indicator), nor delete a row that live rows still point at. Such
 * mutations are refused one by one (the client keeps them for review, nothing is lost) and the rest of
 * the push goes on; refusing one may break another (a goal's tasks with the goal), hence the loop.
 */
async function brokenReferences(db: D1Database, planId: string, writes: { index: number; write: RowWrite }[]): Promise<Map<number, Refusal>> {
  const refused = new Map<number, Refusal>();
  const parentIds = writes.flatMap((w) => (w.write.deleted ? [] : referencesOf(w.write.kind, w.write.data as Record<string, unknown>).map((r) => r.id)));
  const parents = await currentRows(db, planId, [...new Set(parentIds)]);
  const children = await referencingRows(db, planId, writes.filter((w) => w.write.deleted).map((w) => w.write.id));
  for (let changed = true; changed; ) {
    changed = false;
    const active = new Map(writes.filter((w) => !refused.has(w.index)).map((w) => [rowKey(w.write.kind, w.write.id), w]));
    const live = (kind: SyncKind, id: string) => {
      const w = active.get(rowKey(kind, id));
      if (w) return !w.write.deleted;
      const row = parents.get(rowKey(kind, id));
      return row !== undefined && !row.deleted;
    };
    const refuse = (index: number, refusal: Refusal) => {
      if (refused.has(index)) return;
      refused.set(index, refusal);
      changed = true;
    };
    for (const w of active.values()) {
      if (w.write.deleted) continue;
      for (const ref of referencesOf(w.write.kind, w.write.data as Record<string, unknown>))
        if (!ref.kinds.some((k) => live(k, ref.id)))
          refuse(w.index, { rule: "missing_reference", reason: `${ref.field}: no ${ref.kinds.join(" or ")} row ${ref.id} in the plan on the server (deleted there?)` });
    }
    for (const child of children) {
      // A child written in this push is checked with its new state above.
      if (active.has(rowKey(child.kind, child.id))) continue;
      for (const ref of referencesOf(child.kind, child.data)) {
        const parent = ref.kinds.map((k) => active.get(rowKey(k, ref.id))).find((w) => w?.write.deleted);
        if (parent)
          refuse(parent.index, { rule: "still_referenced", reason: `${child.kind} row ${child.id} still points at it (${ref.field}); delete or move it first` });
      }
    }
  }
  return refused;
}

/**
 * One value per indicator and period: an observation written to a period that already has another one
 * (two committee members filling the same year offline, or an edit moving a value onto a filled year)
 * is refused with the reason, and kept by the client for review, instead of quietly counting the year
 * twice — the association's comparison takes one value per member and year.
 */
async function secondValues(db: D1Database, planId: string, writes: { index: number; write: RowWrite }[]): Promise<Map<number, Refusal>> {
  const periodOf = (w: RowWrite) => {
    const d = w.data as { indicatorId: string; period: { year: number; quarter?: number } };
    return { indicatorId: d.indicatorId, year: d.period.year, quarter: d.period.quarter ?? null };
  };
  const placed = writes.filter((w) => w.write.kind === "observations" && !w.write.deleted);
  if (placed.length === 0) return new Map();
  const key = (p: { indicatorId: string; year: number; quarter: number | null }) => `${p.indicatorId}|${p.year}|${p.quarter ?? ""}`;
  const taken = new Map((await observationsAt(db, planId, placed.map((w) => periodOf(w.write)))).map((o) => [key(o), o.id]));
  const refused = new Map<number, Refusal>();
  for (const w of placed) {
    const k = key(periodOf(w.write));
    const holder = taken.get(k);
    if (holder && holder !== w.write.id)
      refused.set(w.index, { rule: "period_taken", reason: `period: this indicator already has a value for this period (observation ${holder})` });
    else taken.set(k, w.write.id);
  }
  return refused;
}
