import {
  EDITOR_COMMUNITY_FIELDS,
  ENTITY_SCHEMAS,
  MONITOR_FIELDS,
  type Mutation,
  type MutationResult,
  type RefusalRule,
  type SyncRow,
} from "../../../shared/api/sync.ts";
import type { Observation } from "../../../shared/model/plan.ts";
import { ZodError, type z } from "zod";
import type { Access } from "../access.ts";
import type { RoundStates } from "../db/rounds.ts";
import type { RowWrite } from "../db/writes.ts";
import { badRequest, fromZodError } from "../errors.ts";

/** Who is pushing to which plan. */
export interface PushScope {
  planId: string;
  communityId: string;
  access: Access;
  admin: boolean;
}

export type Decision = { result: MutationResult; write?: RowWrite };

/** Why a mutation is refused: the rule, for the client to name in its user's words, and the reason in English. */
export interface Refusal {
  rule: RefusalRule;
  reason: string;
}

/** The `forbidden` result of mutation `mutationId` for `refusal`. */
export const refusedResult = (mutationId: string, refusal: Refusal): MutationResult => ({ mutationId, status: "forbidden", ...refusal });

const onlyThese = (keys: readonly string[], allowed: readonly string[]) => keys.every((k) => allowed.includes(k));

/**
 * Checks that do not depend on the server's row: a mutation failing one is bad input, and the whole
 * push is refused with the field named (nothing of it is written), whatever the row's version.
 */
function checkShape(m: Mutation, at: string, scope: PushScope): void {
  const shape = ENTITY_SCHEMAS[m.kind].shape;
  if (m.kind === "plan" && m.entityId !== scope.planId)
    throw badRequest(`${at}.entityId: the plan row of this plan has the plan's id`, `${at}.entityId`);
  if (m.kind === "community" && m.entityId !== scope.communityId)
    throw badRequest(`${at}.entityId: the community row of this plan has its community's id`, `${at}.entityId`);
  if (m.op === "delete") {
    if (m.baseVersion === 0)
      throw badRequest(`${at}.baseVersion: a delete needs the version it deletes`, `${at}.baseVersion`);
    return;
  }
  for (const key of [...Object.keys(m.fields), ...(m.unset ?? [])])
    if (!Object.hasOwn(shape, key)) throw badRequest(`${at}.fields.${key}: not a field of ${m.kind}`, `${at}.fields.${key}`);
  if ("id" in m.fields && m.fields.id !== m.entityId)
    throw badRequest(`${at}.fields.id: differs from entityId`, `${at}.fields.id`);
  if (m.unset?.includes("id")) throw badRequest(`${at}.unset: the id cannot be removed`, `${at}.unset`);
  if (m.baseVersion === 0 && m.unset?.length)
    throw badRequest(`${at}.unset: a create sends the whole entity; unset is for updates`, `${at}.unset`);
  const required = m.unset?.find((key) => !(shape as Record<string, z.ZodType>)[key]!.safeParse(undefined).success);
  if (required)
    throw badRequest(`${at}.fields.${required}: required; unset removes only optional fields`, `${at}.fields.${required}`);
  // What is sent must be valid before the server's row is looked at: a stale base version or a role's
  // refusal must not hide bad input, or the client would keep it queued across the conflict. A create
  // is checked whole; an update by the issues that concern the fields it sends, each field's own rules
  // and the entity's rules among them (plan years); its merged entity is checked again in nextState.
  const parsed = ENTITY_SCHEMAS[m.kind].safeParse({ ...m.fields, id: m.entityId });
  if (parsed.success) return;
  if (m.baseVersion === 0) throw fromZodError(parsed.error, `${at}.fields`);
  const sent = parsed.error.issues.filter((issue) => issue.path.length > 0 && Object.hasOwn(m.fields, issue.path[0]!));
  if (sent.length) throw fromZodError(new ZodError(sent), `${at}.fields`);
}

/** Why the caller's role refuses this mutation, or null if it may make it. */
function refusal(m: Mutation, scope: PushScope): Refusal | null {
  if ((m.kind === "plan" || m.kind === "community") && m.op === "delete")
    return { rule: "row_not_deletable", reason: `the ${m.kind} row cannot be deleted` };
  const changed = m.op === "upsert" ? [...Object.keys(m.fields), ...(m.unset ?? [])] : [];
  if (scope.access === "monitor") {
    if (m.kind !== "observations") return { rule: "monitor_not_observation", reason: "a monitor may only fill observations (values and notes)" };
    if (m.op === "delete") return { rule: "monitor_no_delete", reason: "a monitor may not delete observations" };
    if (m.baseVersion > 0 && !onlyThese(changed, MONITOR_FIELDS))
      return { rule: "monitor_fields", reason: "a monitor may only change an observation's value (or its reason for no value) and note" };
  }
  if (m.kind === "community" && m.op === "upsert" && !scope.admin && !onlyThese(changed, EDITOR_COMMUNITY_FIELDS))
    return { rule: "community_admin_fields", reason: `only an admin may change a community's fields other than ${EDITOR_COMMUNITY_FIELDS.join(", ")}` };
  return null;
}

/** The years an observation write touches: the one its row is in after it, and the one it leaves. */
export function yearsWritten(write: RowWrite, current: SyncRow | undefined): number[] {
  const yearOf = (data: object) => (data as Observation).period.year;
  return [...new Set([yearOf(write.data), ...(current ? [yearOf(current.data)] : [])])];
}

/**
 * Why the monitoring round of `year` refuses the caller's write to its observations, or null (the rule
 * of shared/api/rounds.ts): nobody writes an approved year; monitors only an open or returned one.
 */
function roundRefusal(year: number, rounds: RoundStates, scope: PushScope): Refusal | null {
  const status = rounds.get(year)?.status;
  if (status === "approved")
    return {
      rule: "round_approved",
      reason: `the ${year} values are locked: the ${year} monitoring round is approved; an editor reopens the round (with a reason) to change them`,
    };
  if (scope.access !== "monitor" || status === "open" || status === "returned") return null;
  return status
    ? { rule: "monitor_round_submitted", reason: `the ${year} monitoring round is ${status}: a monitor fills values only while the round is open or returned` }
    : {
        rule: "monitor_outside_round_year",
        reason: `no monitoring round is open for ${year}: an editor opens the ${year} round before the committee fills its values`,
      };
}

/**
 * Decides one mutation against the server's current row and the plan's monitoring rounds: forbidden,
 * conflict, or the row's next state. Throws a 400 naming the field when the mutation is malformed or its
 * merged entity is invalid.
 */
export function decide(m: Mutation, index: number, current: SyncRow | undefined, scope: PushScope, rounds: RoundStates): Decision {
  const at = `mutations[${index}]`;
  checkShape(m, at, scope);
  const refused = refusal(m, scope);
  if (refused) return { result: refusedResult(m.mutationId, refused) };
  // A tombstone is never written again: the client sees it was deleted and decides (recreate or drop).
  if (current?.deleted || m.baseVersion !== (current?.version ?? 0))
    return { result: { mutationId: m.mutationId, status: "conflict", current: current ?? null } };
  const write = nextState(m, at, current, scope);
  if (m.kind === "observations") {
    const locked = yearsWritten(write, current).map((y) => roundRefusal(y, rounds, scope)).find((r) => r !== null);
    if (locked) return { result: refusedResult(m.mutationId, locked) };
  }
  return { result: { mutationId: m.mutationId, status: "applied", version: write.version }, write };
}

/** The row after the mutation, validated: the tombstone of a delete, the merged entity of an upsert. */
function nextState(m: Mutation, at: string, current: SyncRow | undefined, scope: PushScope): RowWrite {
  const version = m.baseVersion + 1;
  if (m.op === "delete") return { kind: m.kind, id: m.entityId, version, deleted: true, data: current!.data };

  const merged: Record<string, unknown> = { ...(current?.data ?? {}), ...m.fields, id: m.entityId };
  for (const key of m.unset ?? []) delete merged[key];
  const parsed = ENTITY_SCHEMAS[m.kind].safeParse(merged);
  if (!parsed.success) throw fromZodError(parsed.error, `${at}.fields`);
  if (m.kind === "plan" && (parsed.data as { communityId: string }).communityId !== scope.communityId)
    throw badRequest(`${at}.fields.communityId: a plan cannot move to another community`, `${at}.fields.communityId`);
  return { kind: m.kind, id: m.entityId, version, deleted: false, data: parsed.data };
}
