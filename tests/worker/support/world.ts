import { env } from "cloudflare:test";
import type { CreatePlanRequest, PlanSnapshot } from "../../../shared/api/plans.ts";
import type { Mutation, PushResponse, UpsertMutation } from "../../../shared/api/sync.ts";
import type { ErrorBody } from "../../../shared/api/errors.ts";
import type { Round } from "../../../shared/api/rounds.ts";
import { amuPlan } from "../../../shared/fixtures/amu-plan.ts";
import type { PlanDocument } from "../../../shared/model/plan.ts";
import { issueToken, tenancy, type Statement } from "../../../worker/src/db/tenancy.ts";
import app from "../../../worker/src/index.ts";

export const PERSONAS = [
  "admin",
  "editor",
  "monitor",
  "analyst",
  /** Editor of another community of the same association. */
  "outsider",
  /** Analyst of an association the community is not a member of. */
  "foreignAnalyst",
  "expired",
  "revoked",
  "anonymous",
] as const;
export type Persona = (typeof PERSONAS)[number];

export const uuid = () => crypto.randomUUID();

export async function run(statements: Statement[]): Promise<void> {
  await env.DB.batch(statements.map((s) => env.DB.prepare(s.sql).bind(...s.params)));
}

/** Calls the worker's app inside workerd with the real bindings (or `overrides` of them). */
export function api(
  path: string,
  init: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  overrides: Partial<typeof env> = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  return Promise.resolve(
    app.request(path, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body }, { ...env, ...overrides }),
  );
}

export async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export async function errorOf(res: Response): Promise<ErrorBody["error"]> {
  return (await json<ErrorBody>(res)).error;
}

/** The AMU plan under fresh plan and community ids, with a few observations to monitor. */
export function planDocument(communityId: string, planId: string): PlanDocument {
  const indicator = amuPlan.indicators[0]!;
  return {
    ...amuPlan,
    community: { ...amuPlan.community, id: communityId, name: `Громада ${communityId.slice(0, 8)}`, kind: "city" },
    plan: { ...amuPlan.plan, id: planId, communityId },
    observations: [2013, 2014, 2015].map((year) => ({ id: uuid(), indicatorId: indicator.id, period: { year }, value: year - 2000 })),
  };
}

/**
 * A fresh tenant world (storage is shared by the tests of a file): association A with communities C
 * and D, association B without C, a user per persona, and — unless `plan: false` — C's and D's plans.
 */
export async function makeWorld(options: { plan?: boolean } = {}) {
  const at = new Date().toISOString();
  const ids = { associationA: uuid(), associationB: uuid(), community: uuid(), otherCommunity: uuid(), plan: uuid(), otherPlan: uuid() };
  const users = Object.fromEntries(PERSONAS.map((p) => [p, uuid()])) as Record<Persona, string>;
  const grants: Statement[] = [
    tenancy.grant(users.admin, "admin", null),
    tenancy.grant(users.editor, "editor", ids.community),
    tenancy.grant(users.monitor, "monitor", ids.community),
    tenancy.grant(users.analyst, "analyst", ids.associationA),
    tenancy.grant(users.outsider, "editor", ids.otherCommunity),
    tenancy.grant(users.foreignAnalyst, "analyst", ids.associationB),
    tenancy.grant(users.expired, "editor", ids.community),
    tenancy.grant(users.revoked, "editor", ids.community),
  ];
  const later = new Date(Date.now() + 86_400_000).toISOString();
  const issued = await Promise.all(
    PERSONAS.filter((p) => p !== "anonymous").map(async (p) => {
      const expiresAt = p === "expired" ? new Date(Date.now() - 1000).toISOString() : later;
      return [p, await issueToken({ userId: users[p], label: "test", expiresAt, at })] as const;
    }),
  );
  const revokedTokenId = issued.find(([p]) => p === "revoked")![1].tokenId;
  await run([
    tenancy.association(ids.associationA, "Association A", at),
    tenancy.association(ids.associationB, "Association B", at),
    tenancy.community(ids.community, "C", at),
    tenancy.community(ids.otherCommunity, "D", at),
    tenancy.membership(ids.associationA, ids.community),
    tenancy.membership(ids.associationA, ids.otherCommunity),
    tenancy.membership(ids.associationB, ids.otherCommunity),
    ...PERSONAS.map((p) => tenancy.user(users[p], `User ${p}`, at)),
    ...grants,
    ...issued.map(([, t]) => t.statement),
    tenancy.revokeToken(revokedTokenId, at),
  ]);
  const tokens = Object.fromEntries([...issued.map(([p, t]) => [p, t.token]), ["anonymous", null]]) as Record<
    Persona,
    string | null
  >;
  const doc = planDocument(ids.community, ids.plan);
  if (options.plan !== false) {
    await createPlan(tokens.admin!, doc);
    await createPlan(tokens.admin!, planDocument(ids.otherCommunity, ids.otherPlan));
  }
  return { ids, users, tokens, doc, issued: Object.fromEntries(issued) };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;

export async function createPlan(token: string, document: PlanDocument): Promise<PlanSnapshot> {
  const body: CreatePlanRequest = { clientId: "test", document };
  const res = await api("/v1/plans", { token, body });
  if (res.status !== 201) throw new Error(`creating the plan: ${res.status} ${await res.text()}`);
  return json<PlanSnapshot>(res);
}

export function pushBody(mutations: Mutation[], clientId = "workbook-1") {
  return { clientId, mutations };
}

export async function push(world: World, token: string | null, mutations: Mutation[]): Promise<PushResponse> {
  const res = await api(`/v1/plans/${world.ids.plan}/push`, { token, body: pushBody(mutations) });
  if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
  return json<PushResponse>(res);
}

/** An update of an observation's value: the one change every writing role may make. */
export function valueUpdate(world: World, value: number, baseVersion = 1, index = 0): UpsertMutation {
  return {
    mutationId: uuid(),
    kind: "observations",
    entityId: world.doc.observations[index]!.id,
    op: "upsert",
    baseVersion,
    fields: { value },
  };
}

/**
 * Opens the monitoring round of `year` (as the community's editor): monitors write observations of a year
 * only while its round is open or returned.
 */
export async function openRound(world: World, year: number, planId: string = world.ids.plan): Promise<Round> {
  const res = await api(`/v1/plans/${planId}/rounds/${year}`, { token: world.tokens.editor, body: { action: "open", baseVersion: 0 } });
  if (res.status !== 201) throw new Error(`opening the ${year} round: ${res.status} ${await res.text()}`);
  return json<Round>(res);
}

export async function countLog(planId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM change_log WHERE plan_id = ?1").bind(planId).first<{ n: number }>();
  return row!.n;
}

export async function stored(planId: string, kind: string, id: string) {
  return env.DB.prepare("SELECT version, deleted, data FROM entities WHERE plan_id = ?1 AND kind = ?2 AND id = ?3")
    .bind(planId, kind, id)
    .first<{ version: number; deleted: number; data: string }>();
}

/** A user holding `grants` (`scopeId` null for admin) and a fresh token valid for a day. */
export async function userWithToken(
  grants: [Parameters<typeof tenancy.grant>[1], string | null][],
): Promise<{ userId: string; token: string }> {
  const at = new Date().toISOString();
  const userId = uuid();
  const { token, statement } = await issueToken({
    userId,
    label: "test",
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    at,
  });
  await run([
    tenancy.user(userId, `User ${userId.slice(0, 8)}`, at),
    ...grants.map(([role, scope]) => tenancy.grant(userId, role, scope)),
    statement,
  ]);
  return { userId, token };
}

/**
 * An association whose members are `keys`, each a community named by `name`, with an admin's and the
 * association's analyst's tokens: the stage of the consolidation tests (comparison, completeness,
 * position, reasons, flags, due dates, the feed).
 */
export async function associationOf<K extends string>(keys: readonly K[], name: (key: K) => string) {
  const at = new Date().toISOString();
  const associationId = uuid();
  const ids = Object.fromEntries(keys.map((k) => [k, uuid()])) as Record<string, string>;
  await run([
    tenancy.association(associationId, "Асоціація", at),
    ...keys.flatMap((k) => [tenancy.community(ids[k]!, name(k), at), tenancy.membership(associationId, ids[k]!)]),
  ]);
  const admin = await userWithToken([["admin", null]]);
  const analyst = await userWithToken([["analyst", associationId]]);
  return { associationId, ids, admin, analyst };
}

/** A community that is a member of no association. */
export async function communityOutsideAssociations(): Promise<string> {
  const id = uuid();
  await run([tenancy.community(id, `Громада ${id.slice(0, 8)}`, new Date().toISOString())]);
  return id;
}
