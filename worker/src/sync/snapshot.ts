import type { PlanSnapshot, PlanVersions } from "../../../shared/api/plans.ts";
import { SYNC_KINDS } from "../../../shared/api/sync.ts";
import type { Community, Plan, PlanDocument } from "../../../shared/model/plan.ts";
import { ENTITY_KINDS } from "../../../shared/model/plan.ts";
import { planRows } from "../db/entities.ts";
import type { D1Database } from "../env.ts";

/** The plan as it stands: its live rows assembled into a PlanDocument, with versions and cursor. */
export async function planSnapshot(db: D1Database, planId: string): Promise<PlanSnapshot> {
  const { rows, cursor } = await planRows(db, planId);
  const versions = Object.fromEntries(SYNC_KINDS.map((k) => [k, {}])) as PlanVersions;
  const collections = Object.fromEntries(ENTITY_KINDS.map((k) => [k, [] as unknown[]]));
  let plan: Plan | undefined;
  let community: Community | undefined;
  for (const row of rows) {
    versions[row.kind][row.id] = row.version;
    if (row.kind === "plan") plan = row.data;
    else if (row.kind === "community") community = row.data;
    else collections[row.kind]!.push(row.data);
  }
  // Both are written with the plan and can never be deleted (sync/decide.ts refuses it).
  if (!plan || !community) throw new Error(`plan ${planId} has no header or community row`);
  return { document: { plan, community, ...collections } as PlanDocument, versions, cursor };
}
