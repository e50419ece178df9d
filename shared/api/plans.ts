import { z } from "zod";
import { Id, PlanDocument } from "../model/plan.ts";
import { ClientId, Cursor, SyncKind, Version } from "./sync.ts";

export const PlanParams = z.object({ planId: Id });

export const CreatePlanRequest = z
  .object({ clientId: ClientId, document: PlanDocument })
  .meta({ id: "CreatePlanRequest" });
export type CreatePlanRequest = z.infer<typeof CreatePlanRequest>;

/** The version of every live row, by kind and id. */
export const PlanVersions = z.record(SyncKind, z.record(z.string(), Version));
export type PlanVersions = z.infer<typeof PlanVersions>;

/**
 * A plan as it stands, with each row's version and the feed cursor it was read at: pull from `cursor`
 * to follow it from there.
 */
export const PlanSnapshot = z
  .object({ document: PlanDocument, versions: PlanVersions, cursor: Cursor })
  .meta({ id: "PlanSnapshot" });
export type PlanSnapshot = z.infer<typeof PlanSnapshot>;
