import type { CreatePlanRequest } from "../../../shared/api/plans.ts";
import { ENTITY_KINDS, type PlanDocument } from "../../../shared/model/plan.ts";
import { insertPlan } from "../db/plans.ts";
import { isConstraintError } from "../db/sql.ts";
import { rowWriteStatements, type RowWrite } from "../db/writes.ts";
import type { D1Database } from "../env.ts";
import { ApiError, badRequest } from "../errors.ts";
import { brokenReference } from "./references.ts";

/** Two rows of one kind with one id would be one row in the store: refuse the document instead. */
function refuseDuplicateIds(doc: PlanDocument): void {
  for (const kind of ENTITY_KINDS) {
    const first = new Map<string, number>();
    doc[kind].forEach((entity, i) => {
      const earlier = first.get(entity.id);
      if (earlier !== undefined)
        throw badRequest(
          `document.${kind}[${i}].id: the same id as document.${kind}[${earlier}].id`,
          `document.${kind}[${i}].id`,
        );
      first.set(entity.id, i);
    });
  }
}

/**
 * One value per indicator and period (migrations/0016 holds the store to it): a document with a second
 * is refused, naming it, instead of failing its write as if a concurrent writer had won.
 */
function refuseDoubledPeriods(doc: PlanDocument): void {
  const first = new Map<string, number>();
  doc.observations.forEach((o, i) => {
    const period = `${o.indicatorId}|${o.period.year}|${o.period.quarter ?? ""}`;
    const earlier = first.get(period);
    if (earlier !== undefined)
      throw badRequest(
        `document.observations[${i}].period: the same indicator and period as document.observations[${earlier}]; keep one value`,
        `document.observations[${i}].period`,
      );
    first.set(period, i);
  });
}

/** A document whose rows point at rows it does not hold is refused, naming the field. */
function refuseBrokenReferences(doc: PlanDocument): void {
  const ids = new Set(ENTITY_KINDS.flatMap((kind) => doc[kind].map((e) => `${kind}:${e.id}`)));
  const broken = brokenReference(
    ENTITY_KINDS.flatMap((kind) =>
      doc[kind].map((e, i) => ({ kind, id: e.id, data: e as unknown as Record<string, unknown>, where: `document.${kind}[${i}]` })),
    ),
    (kind, id) => ids.has(`${kind}:${id}`),
  );
  if (broken) throw badRequest(broken.message, broken.field);
}

/** Every row of a new plan at version 1: header, community, then the collections in document order. */
function initialRows(doc: PlanDocument): RowWrite[] {
  const row = (kind: RowWrite["kind"], data: { id: string }): RowWrite => ({ kind, id: data.id, version: 1, deleted: false, data });
  return [
    row("plan", doc.plan),
    row("community", doc.community),
    ...ENTITY_KINDS.flatMap((kind) => doc[kind].map((e) => row(kind, e))),
  ];
}

async function communityHasPlan(db: D1Database, communityId: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 FROM plans WHERE community_id = ?1").bind(communityId).first()) !== null;
}

/**
 * Stores a community's plan from a whole document, every row logged as created; returns the plan's id. The caller has checked
 * that the token may edit the community; this checks the document and the one-plan-per-community rule.
 */
export async function createPlan(
  db: D1Database,
  req: CreatePlanRequest,
  actor: { userId: string; existingPlanId: string | null },
): Promise<string> {
  const doc = req.document;
  if (doc.plan.communityId !== doc.community.id)
    throw badRequest("document.plan.communityId: differs from document.community.id", "document.plan.communityId");
  refuseDuplicateIds(doc);
  refuseDoubledPeriods(doc);
  refuseBrokenReferences(doc);
  if (actor.existingPlanId)
    throw new ApiError(409, "conflict", `the community already has a plan (${actor.existingPlanId})`, "document.community.id");
  const at = new Date().toISOString();
  // Plan ids are chosen by clients. One already taken by another community's plan must not tell the
  // caller that plan exists, so the new plan is stored under an id of the server's instead; the
  // answer carries the id to use.
  for (const planId of [doc.plan.id, crypto.randomUUID()]) {
    const stored = { ...doc, plan: { ...doc.plan, id: planId } };
    const ctx = { planId, communityId: doc.community.id, actorId: actor.userId, clientId: req.clientId, at };
    try {
      await db.batch([insertPlan(db, { id: planId, communityId: doc.community.id, at }), ...rowWriteStatements(db, ctx, initialRows(stored))]);
      return planId;
    } catch (error) {
      if (!isConstraintError(error)) throw error;
      // A concurrent create for the same community wins; say so (it is the caller's own community).
      if (await communityHasPlan(db, doc.community.id))
        throw new ApiError(409, "conflict", "the community already has a plan", "document.community.id");
    }
  }
  throw new ApiError(409, "conflict", "the plan could not be stored; send it again", "document.plan.id");
}
