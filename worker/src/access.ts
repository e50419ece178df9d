import type { Principal } from "./db/auth.ts";
import { findAssociation } from "./db/catalogue.ts";
import { findCommunity, findPlan, type CommunityRef, type PlanRef } from "./db/plans.ts";
import type { D1Database } from "./env.ts";
import { forbidden, notFound } from "./errors.ts";

/**
 * What a token may do with one community's data: `edit` (admin, editor), `monitor` (observations'
 * values and notes), `analyst` (read indicators and observations of a member community).
 */
export type Access = "edit" | "monitor" | "analyst";

export const isAdmin = (p: Principal) => p.grants.some((g) => g.role === "admin");

export const analystAssociations = (p: Principal): string[] =>
  p.grants.flatMap((g) => (g.role === "analyst" ? [g.associationId] : []));

export function accessTo(p: Principal, communityId: string, reachedAsAnalyst: boolean): Access | null {
  if (isAdmin(p)) return "edit";
  if (p.grants.some((g) => g.role === "editor" && g.communityId === communityId)) return "edit";
  if (p.grants.some((g) => g.role === "monitor" && g.communityId === communityId)) return "monitor";
  return reachedAsAnalyst ? "analyst" : null;
}

/** The plan and the caller's access to it; 404 alike for a plan that is missing and one out of reach. */
export async function planAccess(
  db: D1Database,
  p: Principal,
  planId: string,
): Promise<{ plan: PlanRef; access: Access }> {
  const plan = await findPlan(db, planId, analystAssociations(p));
  const access = plan && accessTo(p, plan.communityId, plan.reachedAsAnalyst);
  if (!plan || !access) throw notFound("plan", "planId");
  return { plan, access };
}

export async function communityAccess(
  db: D1Database,
  p: Principal,
  communityId: string,
  field: string,
): Promise<{ community: CommunityRef; access: Access }> {
  const community = await findCommunity(db, communityId, analystAssociations(p));
  const access = community && accessTo(p, community.id, community.reachedAsAnalyst);
  if (!community || !access) throw notFound("community", field);
  return { community, access };
}

/** 403 for a caller who can see the object but not do this with it. */
export function requireAccess(access: Access, allowed: readonly Access[], doing: string): void {
  if (!allowed.includes(access)) throw forbidden(`the token's role (${access}) may not ${doing}`);
}

/**
 * What a token may do with an association (its catalogue, its consolidated values): `curate` (admins,
 * the association's analysts) or `read` (editors and monitors of a member community). Anyone else gets
 * the 404 of a missing association, so nothing tells whether it exists.
 */
export type AssociationAccess = "curate" | "read";

export async function associationAccess(db: D1Database, p: Principal, associationId: string): Promise<AssociationAccess> {
  const communities = p.grants.flatMap((g) => (g.role === "editor" || g.role === "monitor" ? [g.communityId] : []));
  const association = await findAssociation(db, associationId, communities);
  if (association) {
    if (isAdmin(p) || analystAssociations(p).includes(association.id)) return "curate";
    if (association.reachedAsMember) return "read";
  }
  throw notFound("association", "associationId");
}

export async function requireCurator(db: D1Database, p: Principal, associationId: string, doing: string): Promise<void> {
  if ((await associationAccess(db, p, associationId)) !== "curate")
    throw forbidden(`the token's role may read the association's catalogue but not ${doing} (its analysts do)`);
}
