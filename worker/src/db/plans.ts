import type { D1Database, D1PreparedStatement } from "../env.ts";

/** A plan, and whether the caller's analyst associations reach its community. */
export interface PlanRef {
  id: string;
  communityId: string;
  reachedAsAnalyst: boolean;
}

export interface CommunityRef {
  id: string;
  name: string;
  planId: string | null;
  reachedAsAnalyst: boolean;
}

// `?2` is a JSON array of the caller's analyst associations: one parameter however many there are.
const REACHED_AS_ANALYST = `EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id
  AND m.association_id IN (SELECT value FROM json_each(?2))) AS reached_as_analyst`;

export async function findPlan(db: D1Database, planId: string, analystOf: readonly string[]): Promise<PlanRef | null> {
  const row = await db
    .prepare(`SELECT p.id, c.id AS community_id, ${REACHED_AS_ANALYST}
              FROM plans p JOIN communities c ON c.id = p.community_id WHERE p.id = ?1`)
    .bind(planId, JSON.stringify(analystOf))
    .first<{ id: string; community_id: string; reached_as_analyst: number }>();
  return row && { id: row.id, communityId: row.community_id, reachedAsAnalyst: row.reached_as_analyst === 1 };
}

export async function findCommunity(
  db: D1Database,
  communityId: string,
  analystOf: readonly string[],
): Promise<CommunityRef | null> {
  const row = await db
    .prepare(`SELECT c.id, c.name, p.id AS plan_id, ${REACHED_AS_ANALYST}
              FROM communities c LEFT JOIN plans p ON p.community_id = c.id WHERE c.id = ?1`)
    .bind(communityId, JSON.stringify(analystOf))
    .first<{ id: string; name: string; plan_id: string | null; reached_as_analyst: number }>();
  return (
    row && { id: row.id, name: row.name, planId: row.plan_id, reachedAsAnalyst: row.reached_as_analyst === 1 }
  );
}

export function insertPlan(db: D1Database, plan: { id: string; communityId: string; at: string }): D1PreparedStatement {
  return db
    .prepare("INSERT INTO plans (id, community_id, created_at) VALUES (?1, ?2, ?3)")
    .bind(plan.id, plan.communityId, plan.at);
}
