import type { MeResponse } from "../../../shared/api/access.ts";
import type { D1Database } from "../env.ts";

interface Reach {
  admin: boolean;
  /** Communities held directly (editor or monitor). */
  communities: readonly string[];
  associations: readonly string[];
}

interface CommunityRow {
  id: string;
  name: string;
  plan_id: string | null;
  reached_as_analyst: number;
  member_of: string;
}
interface AssociationRow {
  id: string;
  name: string;
  member_count: number;
}

/** The communities and associations a token reaches (all of them for an admin). */
export async function reachable(
  db: D1Database,
  reach: Reach,
): Promise<{
  communities: (Omit<MeResponse["communities"][number], "roles"> & { reachedAsAnalyst: boolean })[];
  associations: MeResponse["associations"];
}> {
  const params = [reach.admin ? 1 : 0, JSON.stringify(reach.communities), JSON.stringify(reach.associations)];
  const [communities, associations] = await db.batch([
    db
      .prepare(
        `SELECT c.id, c.name, p.id AS plan_id,
           EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id
             AND m.association_id IN (SELECT value FROM json_each(?3))) AS reached_as_analyst,
           -- A community's own users see all its memberships; an analyst only those of its associations.
           (SELECT json_group_array(m.association_id) FROM memberships m WHERE m.community_id = c.id
             AND (?1 = 1 OR c.id IN (SELECT value FROM json_each(?2))
               OR m.association_id IN (SELECT value FROM json_each(?3)))) AS member_of
         FROM communities c LEFT JOIN plans p ON p.community_id = c.id
         WHERE ?1 = 1 OR c.id IN (SELECT value FROM json_each(?2))
           OR c.id IN (SELECT community_id FROM memberships WHERE association_id IN (SELECT value FROM json_each(?3)))
         ORDER BY c.name, c.id`,
      )
      .bind(...params),
    db
      .prepare(
        `SELECT a.id, a.name, (SELECT COUNT(*) FROM memberships m WHERE m.association_id = a.id) AS member_count
         FROM associations a WHERE ?1 = 1 OR a.id IN (SELECT value FROM json_each(?3)) ORDER BY a.name, a.id`,
      )
      .bind(...params),
  ]);
  return {
    communities: (communities!.results as unknown as CommunityRow[]).map((r) => ({
      id: r.id,
      name: r.name,
      planId: r.plan_id,
      reachedAsAnalyst: r.reached_as_analyst === 1,
      memberOf: (JSON.parse(r.member_of) as string[]).sort(),
    })),
    associations: (associations!.results as unknown as AssociationRow[]).map((r) => ({
      id: r.id,
      name: r.name,
      memberCount: r.member_count,
    })),
  };
}
