import type { Mutation, MutationResult, PushRequest, PushResponse } from "../../../shared/api/sync.ts";
import { storedMutations, storeMutationStatements } from "../db/mutations.ts";
import { currentRows, rowKey } from "../db/entities.ts";
import { isConstraintError } from "../db/sql.ts";
import { rowWriteStatements } from "../db/writes.ts";
import { canonicalJson, sha256Hex } from "../crypto.ts";
import type { D1Database } from "../env.ts";
import { ApiError, badRequest } from "../errors.ts";
import { decide, type PushScope } from "./decide.ts";

/** Attempts before a push that keeps losing races to concurrent writers is refused (it can be resent). */
const ATTEMPTS = 3;

export interface Pusher {
  userId: string;
  clientId: string;
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
 * Check first, write under the guard: decisions are made against rows read before the batch, and the
 * batch's version guard (db/writes.ts) aborts it if a concurrent writer moved a row in between; the push
 * is then decided again against the new rows.
 */
export async function push(db: D1Database, scope: PushScope, pusher: Pusher, req: PushRequest): Promise<PushResponse> {
  const { mutations } = req;
  refuseDuplicates(mutations);
  const hashes = await Promise.all(mutations.map((m) => mutationHash(scope.planId, m)));
  for (let attempt = 1; ; attempt++) {
    const stored = await storedMutations(db, mutations.map((m) => m.mutationId));
    mutations.forEach((m, i) => {
      const s = stored.get(m.mutationId);
      if (s && (s.bodyHash !== hashes[i] || s.planId !== scope.planId || s.userId !== pusher.userId))
        throw new ApiError(
          422,
          "idempotency_mismatch",
          `mutations[${i}].mutationId: this id was already used for a different mutation; a new change needs a new id`,
          `mutations[${i}].mutationId`,
        );
    });
    const fresh = mutations.flatMap((m, i) => (stored.has(m.mutationId) ? [] : [i]));
    if (fresh.length === 0) return { results: mutations.map((m) => stored.get(m.mutationId)!.result) };

    const current = await currentRows(db, scope.planId, fresh.map((i) => mutations[i]!.entityId));
    const decisions = new Map(
      fresh.map((i) => {
        const m = mutations[i]!;
        return [i, decide(m, i, current.get(rowKey(m.kind, m.entityId)), scope)] as const;
      }),
    );
    const at = new Date().toISOString();
    const writes = [...decisions.values()].flatMap((d) => (d.write ? [d.write] : []));
    const statements = [
      ...rowWriteStatements(db, { planId: scope.planId, communityId: scope.communityId, actorId: pusher.userId, clientId: pusher.clientId, at }, writes),
      ...storeMutationStatements(
        db,
        { planId: scope.planId, userId: pusher.userId, at },
        fresh.map((i) => ({ bodyHash: hashes[i]!, result: decisions.get(i)!.result })),
      ),
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
