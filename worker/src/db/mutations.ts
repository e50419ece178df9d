import type { MutationResult } from "../../../shared/api/sync.ts";
import type { D1Database, D1PreparedStatement } from "../env.ts";
import { multiRowInsert } from "./sql.ts";

export interface StoredMutation {
  mutationId: string;
  planId: string;
  userId: string;
  bodyHash: string;
  result: MutationResult;
}

interface MutationRow {
  mutation_id: string;
  plan_id: string;
  user_id: string;
  body_hash: string;
  result: string;
}

const toStoredMutation = (r: MutationRow): StoredMutation => ({
  mutationId: r.mutation_id,
  planId: r.plan_id,
  userId: r.user_id,
  bodyHash: r.body_hash,
  result: JSON.parse(r.result) as MutationResult,
});

/** Mutations already decided, by id. */
export async function storedMutations(db: D1Database, ids: readonly string[]): Promise<Map<string, StoredMutation>> {
  const { results } = await db
    .prepare(
      `SELECT mutation_id, plan_id, user_id, body_hash, result FROM push_mutations
       WHERE mutation_id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids))
    .all<MutationRow>();
  return new Map(results.map((r) => [r.mutation_id, toStoredMutation(r)]));
}

/** Records decided mutations; the primary key makes a concurrent duplicate abort its batch. */
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
