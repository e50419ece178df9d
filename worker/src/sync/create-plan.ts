import type { CreatePlanRequest } from "../../../shared/api/plans.ts";
import { ENTITY_KINDS, type PlanDocument } from "../../../shared/model/plan.ts";
import { insertPlan } from "../db/plans.ts";
import { isConstraintError } from "../db/sql.ts";
import { rowWriteStatements, type RowWrite } from "../db/writes.ts";
import type { D1Database } from "../env.ts";
import { ApiError, badRequest } from "../errors.ts";

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

/** Every row of a new plan at version 1: header, community, then the collections in document order. */
function initialRows(doc: PlanDocument): RowWrite[] {
  const row = (kind: RowWrite["kind"], data: { id: string }): RowWrite => ({ kind, id: data.id, version: 1, deleted: false, data });
  return [
    row("plan", doc.plan),
    row("community", doc.community),
    ...ENTITY_KINDS.flatMap((kind) => doc[kind].map((e) => row(kind, e))),
  ];
}

/**
 * Stores a community's plan from a whole document, every row logged as created. The caller has checked
 * that the token may edit the community; this checks the document and the one-plan-per-community rule.
 */
export async function createPlan(
  db: D1Database,
  req: CreatePlanRequest,
  actor: { userId: string; existingPlanId: string | null },
): Promise<void> {
  const doc = req.document;
  if (doc.plan.communityId !== doc.community.id)
    throw badRequest("document.plan.communityId: differs from document.community.id", "document.plan.communityId");
  refuseDuplicateIds(doc);
  if (actor.existingPlanId)
    throw new ApiError(409, "conflict", `the community already has a plan (${actor.existingPlanId})`, "document.community.id");
  const at = new Date().toISOString();
  const ctx = { planId: doc.plan.id, communityId: doc.community.id, actorId: actor.userId, clientId: req.clientId, at };
  try {
    await db.batch([insertPlan(db, { id: doc.plan.id, communityId: doc.community.id, at }), ...rowWriteStatements(db, ctx, initialRows(doc))]);
  } catch (error) {
    // A plan id already in use, or a concurrent create for the same community.
    if (isConstraintError(error))
      throw new ApiError(409, "conflict", "the plan id is already in use, or the community already has a plan", "document.plan.id");
    throw error;
  }
}
