import type { MutationResult } from "../../../shared/api/sync.ts";
import type { D1Database, D1PreparedStatement } from "../env.ts";
import { multiRowInsert } from "./sql.ts";

export interface StoredMutation {
  mutationId: string;
  bodyHash: string;
  result: MutationResult;
}

interface MutationRow {
  mutation_id: string;
  body_hash: string;
  result: string;
}

const toStoredMutation = (r: MutationRow): StoredMutation => ({
  mutationId: r.mutation_id,
  bodyHash: r.body_hash,
  result: JSON.parse(r.result) as MutationResult,
});

/**
 * Mutations already decided in the scope of a plan and the user sending them, by id. The same id in
 * another scope is another mutation: nothing of it is read, so nothing of it is told.
 */
export async function storedMutations(
  db: D1Database,
  scope: { planId: string; userId: string },
  ids: readonly string[],
): Promise<Map<string, StoredMutation>> {
  const { results } = await db
    .prepare(
      `SELECT mutation_id, body_hash, result FROM push_mutations
       WHERE plan_id = ?1 AND user_id = ?2 AND mutation_id IN (SELECT value FROM json_each(?3))`,
    )
    .bind(scope.planId, scope.userId, JSON.stringify(ids))
    .all<MutationRow>();
  return new Map(results.map((r) => [r.mutation_id, toStoredMutation(r)]));
}

/** Records decided mutations; the primary key (plan, user, id) makes a concurrent duplicate abort its batch. */
export function storeMutationStatements(
  db: D1Database,
  ctx: { planId: string; userId: string; at: string },
  decided: readonly { bodyHash: string; result: MutationResult }[],
): D1PreparedStatement[] {
  return multiRowInsert(db, {
    into: "push_mutations (plan_id, user_id, created_at, mutation_id, body_hash, result)",
    shared: [ctx.planId, ctx.userId, ctx.at],
    rows: decided.map((d) => [d.result.mutationId, d.bodyHash, JSON.stringify(d.result)]),
  });
}
