import { z } from "zod";
import type { PlanVersions } from "../api/plans.ts";
import {
  Cursor,
  MAX_BODY_BYTES,
  MAX_MUTATIONS_PER_PUSH,
  Mutation,
  type MutationResult,
  RefusalRule,
  SYNC_KINDS,
  SyncKind,
  SyncRow,
  Version,
} from "../api/sync.ts";
import { applyChanges, changedFields, diffCollection, diffHeader, sameValue, type PlanChange } from "../model/changes.ts";
import { ENTITY_KINDS, Id, ONE_ANSWER_FIELDS, PlanDocument, type EntityKind } from "../model/plan.ts";

/**
 * The sync engine: pure functions from (sync state, the plan as the sheets read) to (new state, the plan
 * to write back, the mutations to send). No I/O; ids come from an injected `newId`, so a run is
 * deterministic.
 *
 * Three documents meet here:
 * - `synced` (in the state): what the server holds as far as this client knows — the base of local edits;
 * - `current`: the plan as read from the sheets, local edits included;
 * - server rows: what a push answers or a pull brings.
 *
 * Rules the functions keep:
 * - One mutation per entity in the outbox. A mutation stays there, unchanged and with its id, until the
 *   server answers it, so a retry after a lost answer is recognised by the server (idempotent push).
 * - A pull never rewrites or drops an outbox mutation that the server may already have committed. A
 *   pulled row that is exactly that mutation's effect (version baseVersion + 1, same data) *is* its
 *   answer: the mutation leaves the outbox as applied. Any other newer row makes the mutation stale: it
 *   is left in the outbox, the server answers it `conflict`, and since the row was already merged by the
 *   pull that answer only removes it; the entity's remaining local change is then prepared again against
 *   the version the pull brought.
 * - Nothing is lost: a field changed on both sides to different values is a conflict; `current` keeps the
 *   local value and the conflict keeps the server's row until the user chooses.
 * - Entities in an open conflict are not prepared; refused mutations are kept (for an editor) and the
 *   same change is not prepared again.
 * - Entities the server brings are appended to their collection; positions in the arrays are not synced
 *   (the `order` fields are), so two converged workbooks hold the same entities, not the same array order.
 *
 * A "Sync now" cycle: read the sheets (`current`) → pull every page (mergePull) → prepareOutgoing (its
 * `added` and outgoingSummary(state.outbox) are the preview; a held push simply keeps the old state) →
 * push nextPush(outbox) and applyPushResults until the outbox is empty or the network fails → store the
 * state and write `current` to the sheets. Pulling first avoids most stale-base conflicts; pushing first is
 * also correct, at the cost of a round trip for an entity the other side changed.
 */

export const Conflict = z.object({
  /** `${kind}:${entityId}` */
  key: z.string(),
  kind: SyncKind,
  entityId: Id,
  /**
   * Fields changed on both sides to different values (for a delete against an edit: the fields the other
   * side edited). Empty when a push met a newer row that changes other fields only: the conflict then only
   * holds the entity back until the next pull merges that row, which closes it.
   */
  fields: z.array(z.string()),
  /** The local entity as it stood when the conflict was found, or null if deleted locally. */
  local: z.unknown(),
  /** The server's row (a tombstone if deleted there; `updatedBy` says who); null if the server has none. */
  server: SyncRow.nullable(),
  /** The mutation that met the conflict, or the stale one still in the outbox. */
  mutation: Mutation.optional(),
});
export type Conflict = z.infer<typeof Conflict>;

export const RefusedMutation = z.object({ mutation: Mutation, reason: z.string(), rule: RefusalRule.optional() });
export type RefusedMutation = z.infer<typeof RefusedMutation>;

/** What a workbook keeps between syncs (validated when loaded back). */
export const SyncState = z.object({
  planId: Id,
  /** Pull cursor: the server's change-feed position. */
  cursor: Cursor,
  /** `${kind}:${id}` → the server version last seen (tombstones included). */
  versions: z.record(z.string(), Version),
  /** What the server holds, as far as this client knows: the base of local changes. */
  synced: PlanDocument,
  /** Prepared and possibly sent; resent as is (same ids) until answered. */
  outbox: z.array(Mutation),
  /** Forbidden for this token: kept for an editor, never dropped. */
  refused: z.array(RefusedMutation),
  conflicts: z.array(Conflict),
});
export type SyncState = z.infer<typeof SyncState>;

export type Choice = "mine" | "theirs";
export type OutgoingSummary = Record<SyncKind, { created: number; changed: number; deleted: number }>;

type Entity = Record<string, unknown> & { id: string };
/** A mutation before it gets its id. */
type Draft = Mutation extends infer M ? (M extends Mutation ? Omit<M, "mutationId"> : never) : never;

export const versionKey = (kind: SyncKind, id: string): string => `${kind}:${id}`;

function parseKey(key: string): { kind: SyncKind; id: string } {
  const at = key.indexOf(":");
  const kind = SyncKind.parse(key.slice(0, at));
  return { kind, id: key.slice(at + 1) };
}

const keyOfMutation = (m: Mutation) => versionKey(m.kind, m.entityId);

/** The server's per-kind versions (a plan snapshot) as the state's flat map. */
export function flattenVersions(versions: PlanVersions): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of SYNC_KINDS) for (const [id, v] of Object.entries(versions[kind] ?? {})) out[versionKey(kind, id)] = v;
  return out;
}

export function initialSyncState(
  planId: string,
  doc: PlanDocument,
  versions: Record<string, number>,
  cursor: number,
): SyncState {
  if (doc.plan.id !== planId) throw new Error(`initialSyncState: the document is plan ${doc.plan.id}, not ${planId}`);
  return { planId, cursor, versions: { ...versions }, synced: doc, outbox: [], refused: [], conflicts: [] };
}

// ---------------------------------------------------------------------------------------------------
// Entities of a document by key

function entitiesOf(doc: PlanDocument, kind: SyncKind): readonly Entity[] {
  if (kind === "plan") return [doc.plan as Entity];
  if (kind === "community") return [doc.community as Entity];
  return doc[kind] as readonly Entity[];
}

function indexDoc(doc: PlanDocument): Map<string, Entity> {
  const index = new Map<string, Entity>();
  for (const kind of SYNC_KINDS) for (const e of entitiesOf(doc, kind)) index.set(versionKey(kind, e.id), e);
  return index;
}

/** A document and the entity puts to make in it, applied at once (existing entities keep their place). */
class DocEdit {
  private readonly index: Map<string, Entity>;
  private readonly puts = new Map<string, Entity | null>();
  constructor(readonly doc: PlanDocument) {
    this.index = indexDoc(doc);
  }
  get(key: string): Entity | null {
    return this.puts.has(key) ? this.puts.get(key)! : (this.index.get(key) ?? null);
  }
  put(key: string, entity: Entity | null): void {
    this.puts.set(key, entity);
  }
  result(): PlanDocument {
    if (this.puts.size === 0) return this.doc;
    const changes: PlanChange[] = [];
    for (const [key, after] of this.puts) {
      const { kind, id } = parseKey(key);
      const before = this.index.get(key) ?? null;
      if (sameValue(before, after)) continue;
      if (kind === "plan" || kind === "community") {
        if (!before || !after) throw new Error(`sync: the ${kind} row cannot be created or deleted (${id})`);
        changes.push({ op: "update", kind, id, fields: changedFields(before, after), before, after } as PlanChange);
      } else if (before && after)
        changes.push({ op: "update", kind, id, fields: changedFields(before, after), before, after } as PlanChange);
      else if (after) changes.push({ op: "create", kind, entity: after } as PlanChange);
      else changes.push({ op: "delete", kind, id, before } as PlanChange);
    }
    return changes.length ? applyChanges(this.doc, changes) : this.doc;
  }
}

function withoutUndefined(e: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
}

/** What a mutation makes of the entity it is based on. */
function effect(before: Entity | null, m: Mutation): Entity | null {
  if (m.op === "delete") return null;
  if (m.baseVersion === 0) return { ...withoutUndefined(m.fields), id: m.entityId };
  const next: Record<string, unknown> = { ...(before ?? {}), ...m.fields, id: m.entityId };
  for (const k of m.unset ?? []) delete next[k];
  return next as Entity;
}

// ---------------------------------------------------------------------------------------------------
// Three-way merge of one entity

interface Merged {
  /** The entity `current` should hold (local values kept where the two sides disagree). */
  merged: Entity | null;
  conflict: boolean;
  fields: string[];
}

/** Changed fields with the fields they make one answer with (ONE_ANSWER_FIELDS): a change to one is a change to all. */
function withPartners(fields: readonly string[]): string[] {
  const out = new Set(fields);
  for (const group of ONE_ANSWER_FIELDS) if (group.some((k) => out.has(k))) for (const k of group) out.add(k);
  return [...out];
}

/**
 * base: what both sides started from; local: `current`; server: the server's row data (null: deleted or
 * absent). `sticky`: fields of an open conflict, which stay in conflict while the two sides differ.
 */
function merge3(base: Entity | null, local: Entity | null, server: Entity | null, sticky: readonly string[]): Merged {
  if (sameValue(base, local)) return { merged: server, conflict: false, fields: [] };
  if (sameValue(local, server)) return { merged: local, conflict: false, fields: [] };
  if (!server) return { merged: local, conflict: true, fields: changedFields(base ?? {}, local!) };
  if (!local) {
    const fields = changedFields(base ?? {}, server);
    return { merged: null, conflict: fields.length > 0, fields };
  }
  const b: Record<string, unknown> = base ?? {};
  const localChanged = new Set(withPartners(changedFields(b, local)));
  const serverChanged = withPartners(changedFields(b, server));
  const differ = (k: string) => !sameValue(local[k], server[k]);
  const fields = [...new Set([...serverChanged.filter((k) => localChanged.has(k)), ...sticky])].filter(differ);
  const merged: Record<string, unknown> = { ...local };
  for (const k of serverChanged) {
    if (localChanged.has(k) || fields.includes(k)) continue;
    if (server[k] === undefined) delete merged[k];
    else merged[k] = server[k];
  }
  return { merged: merged as Entity, conflict: fields.length > 0, fields };
}

// ---------------------------------------------------------------------------------------------------
// Preparing mutations

/** The mutation (without its id) that takes the server from `base` to `local`, or null if they agree. */
function draft(kind: SyncKind, id: string, base: Entity | null, local: Entity | null, version: number | undefined): Draft | null {
  if (sameValue(base, local)) return null;
  const needVersion = () => {
    if (!version) throw new Error(`sync: no server version is known for ${versionKey(kind, id)}`);
    return version;
  };
  if (!local) return { kind, entityId: id, baseVersion: needVersion(), op: "delete" };
  if (!base) return { kind, entityId: id, baseVersion: 0, op: "upsert", fields: withoutUndefined(local) };
  const fields: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const k of changedFields(base, local)) {
    if (local[k] === undefined) unset.push(k);
    else fields[k] = local[k];
  }
  return { kind, entityId: id, baseVersion: needVersion(), op: "upsert", fields, ...(unset.length ? { unset } : {}) };
}

const sameChange = (a: Draft, b: Draft) =>
  a.kind === b.kind &&
  a.entityId === b.entityId &&
  a.op === b.op &&
  (a.baseVersion === 0) === (b.baseVersion === 0) &&
  (a.op === "delete" ||
    (b.op === "upsert" && sameValue(a.fields, b.fields) && sameValue(a.unset ?? [], b.unset ?? [])));

const KIND_RANK = new Map<SyncKind, number>(SYNC_KINDS.map((k, i) => [k, i]));

/** How deep an indicator sits in the breakdown tree (a breakdown points at its parent). */
function indicatorDepths(doc: PlanDocument): Map<string, number> {
  const parent = new Map(doc.indicators.map((i) => [i.id, i.parentId]));
  const depth = new Map<string, number>();
  for (const id of parent.keys()) {
    let d = 0;
    const seen = new Set([id]);
    for (let p = parent.get(id); p && parent.has(p) && !seen.has(p); p = parent.get(p)) {
      seen.add(p);
      d++;
    }
    depth.set(id, d);
  }
  return depth;
}

/**
 * Creates and updates parent-first (SYNC_KINDS order: priorities, goals, tasks …, indicators before
 * observations, a parent indicator before its breakdowns), then deletes child-first.
 */
function orderDrafts(drafts: Draft[], current: PlanDocument, synced: PlanDocument): Draft[] {
  const upDepth = indicatorDepths(current);
  const downDepth = indicatorDepths(synced);
  const rank = (d: Draft, depth: Map<string, number>) =>
    KIND_RANK.get(d.kind)! * 1_000_000 + (d.kind === "indicators" ? (depth.get(d.entityId) ?? 0) : 0);
  // Array.prototype.sort is stable: within a rank, the document's order is kept.
  const upserts = drafts.filter((d) => d.op === "upsert").sort((a, b) => rank(a, upDepth) - rank(b, upDepth));
  const deletes = drafts.filter((d) => d.op === "delete").sort((a, b) => rank(b, downDepth) - rank(a, downDepth));
  return [...upserts, ...deletes];
}

function assertPlan(state: SyncState, current: PlanDocument): void {
  if (current.plan.id !== state.planId || state.synced.plan.id !== state.planId)
    throw new Error(`sync: the workbook's plan ${current.plan.id} is not the synced plan ${state.planId}`);
  if (current.community.id !== state.synced.community.id)
    throw new Error(`sync: the workbook's community ${current.community.id} is not the synced one ${state.synced.community.id}`);
}

/** Every entity whose `current` differs from `synced`, as (kind, id, base, local). */
function localChanges(synced: PlanDocument, current: PlanDocument) {
  const out: { kind: SyncKind; id: string; base: Entity | null; local: Entity | null }[] = [];
  for (const c of diffHeader(synced, current)) out.push({ kind: c.kind, id: c.id, base: c.before as Entity, local: c.after as Entity });
  for (const kind of ENTITY_KINDS)
    for (const c of diffCollection(kind as EntityKind, synced[kind], current[kind])) {
      if (c.op === "create") out.push({ kind, id: c.entity.id, base: null, local: c.entity as Entity });
      else if (c.op === "update") out.push({ kind, id: c.id, base: c.before as Entity, local: c.after as Entity });
      else out.push({ kind, id: c.id, base: c.before as Entity, local: null });
    }
  return out;
}

/**
 * Appends mutations for the local changes (`current` against `synced`) that are not yet in the outbox.
 * Pure, so the pane can call it for a preview and keep the state only when the user sends.
 */
export function prepareOutgoing(
  state: SyncState,
  current: PlanDocument,
  newId: () => string,
): { state: SyncState; added: Mutation[] } {
  assertPlan(state, current);
  const waiting = new Set([...state.outbox.map(keyOfMutation), ...state.conflicts.map((c) => c.key)]);
  const drafts: Draft[] = [];
  for (const { kind, id, base, local } of localChanges(state.synced, current)) {
    const key = versionKey(kind, id);
    if (waiting.has(key)) continue;
    const d = draft(kind, id, base, local, state.versions[key]);
    if (!d || state.refused.some((r) => sameChange(r.mutation, d))) continue;
    drafts.push(d);
  }
  const added = orderDrafts(drafts, current, state.synced).map((d) => ({ mutationId: newId(), ...d }) as Mutation);
  if (added.length === 0) return { state, added };
  return { state: { ...state, outbox: [...state.outbox, ...added] }, added };
}

/** New, changed and deleted rows per kind, for the pane's preview of what will be sent. */
export function outgoingSummary(mutations: readonly Mutation[]): OutgoingSummary {
  const out = Object.fromEntries(SYNC_KINDS.map((k) => [k, { created: 0, changed: 0, deleted: 0 }])) as OutgoingSummary;
  for (const m of mutations) {
    const s = out[m.kind];
    if (m.op === "delete") s.deleted++;
    else if (m.baseVersion === 0) s.created++;
    else s.changed++;
  }
  return out;
}

/**
 * The next push: the head of the outbox, within the API's limits on mutations per push and body size
 * (always at least one mutation). The outbox holds one mutation per entity, so any slice is a valid push.
 */
export function nextPush(
  outbox: readonly Mutation[],
  maxMutations = MAX_MUTATIONS_PER_PUSH,
  maxBytes = MAX_BODY_BYTES - 4096,
): Mutation[] {
  const encoder = new TextEncoder();
  const out: Mutation[] = [];
  let bytes = 0;
  for (const m of outbox) {
    if (out.length >= maxMutations) break;
    const size = encoder.encode(JSON.stringify(m)).length + 1;
    if (out.length > 0 && bytes + size > maxBytes) break;
    out.push(m);
    bytes += size;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Push results

function putConflict(conflicts: Conflict[], c: Conflict): void {
  const at = conflicts.findIndex((x) => x.key === c.key);
  if (at >= 0) conflicts[at] = c;
  else conflicts.push(c);
}

/**
 * Takes the server's answers to `sent` (one result per mutation, in order). An answer to a mutation no
 * longer in the outbox (answered before, or recognised in a pull) changes nothing.
 */
export function applyPushResults(state: SyncState, sent: readonly Mutation[], results: readonly MutationResult[]): SyncState {
  if (sent.length !== results.length)
    throw new Error(`sync: ${results.length} results for ${sent.length} mutations sent`);
  results.forEach((r, i) => {
    if (r.mutationId !== sent[i]!.mutationId)
      throw new Error(`sync: result ${i} answers mutation ${r.mutationId}, but ${sent[i]!.mutationId} was sent there`);
  });
  const outbox = [...state.outbox];
  const versions = { ...state.versions };
  const refused = [...state.refused];
  const conflicts = [...state.conflicts];
  const synced = new DocEdit(state.synced);
  sent.forEach((sentMutation, i) => {
    const r = results[i]!;
    const at = outbox.findIndex((o) => o.mutationId === sentMutation.mutationId);
    if (at < 0) return;
    const m = outbox[at]!;
    if (!sameValue(m, sentMutation)) throw new Error(`sync: mutation ${m.mutationId} was sent with a different body`);
    outbox.splice(at, 1);
    const key = keyOfMutation(m);
    const seen = versions[key] ?? 0;
    if (r.status === "applied") {
      if (r.version > seen) {
        versions[key] = r.version;
        synced.put(key, effect(synced.get(key), m));
      }
    } else if (r.status === "forbidden") {
      refused.push({ mutation: m, reason: r.reason, rule: r.rule });
    } else {
      const row = r.current;
      // The pull already merged this row (or a newer one): the entity's change is prepared again from there.
      if (row && row.version <= seen) return;
      const base = synced.get(key);
      const local = effect(base, m);
      const server = row && !row.deleted ? (row.data as Entity) : null;
      if (!row && !local) {
        // Deleting what the server does not have: done.
        synced.put(key, null);
        delete versions[key];
        return;
      }
      const previous = conflicts.find((c) => c.key === key);
      const { fields } = merge3(base, local, server, previous?.fields ?? []);
      putConflict(conflicts, { key, kind: m.kind, entityId: m.entityId, fields, local, server: row, mutation: m });
    }
  });
  return { ...state, outbox, versions, refused, conflicts, synced: synced.result() };
}

// ---------------------------------------------------------------------------------------------------
// Pull

/**
 * Merges a page of the change feed into the state and the sheets' plan, entity by entity (3-way: base
 * `synced`, local `current`, server row). Rows at or below the version already seen are ignored.
 * Returns the conflicts this page opened or updated.
 */
export function mergePull(
  state: SyncState,
  current: PlanDocument,
  rows: readonly SyncRow[],
  cursor: number,
): { state: SyncState; current: PlanDocument; conflicts: Conflict[] } {
  assertPlan(state, current);
  const latest = new Map<string, SyncRow>();
  for (const row of rows) {
    const key = versionKey(row.kind, row.id);
    const had = latest.get(key);
    if (!had || had.version < row.version) latest.set(key, row);
  }
  const outbox = [...state.outbox];
  const versions = { ...state.versions };
  const conflicts = [...state.conflicts];
  const opened: Conflict[] = [];
  const synced = new DocEdit(state.synced);
  const local = new DocEdit(current);
  for (const [key, row] of latest) {
    if (row.version <= (versions[key] ?? 0)) continue;
    const server = row.deleted ? null : (row.data as Entity);
    let base = synced.get(key);
    const mine = local.get(key);
    const pending = outbox.findIndex((m) => keyOfMutation(m) === key);
    let mutation = pending >= 0 ? outbox[pending] : undefined;
    if (mutation && row.version === mutation.baseVersion + 1 && sameValue(effect(base, mutation), server)) {
      // Our own write, committed but not yet answered: it is applied, and the base of what else changed locally.
      outbox.splice(pending, 1);
      mutation = undefined;
      base = server;
    }
    const previous = conflicts.find((c) => c.key === key);
    const m = merge3(base, mine, server, previous?.fields ?? []);
    synced.put(key, server);
    versions[key] = row.version;
    if (!sameValue(m.merged, mine)) local.put(key, m.merged);
    if (m.conflict) {
      const c: Conflict = {
        key,
        kind: row.kind,
        entityId: row.id,
        fields: m.fields,
        local: m.merged,
        server: row,
        ...((mutation ?? previous?.mutation) ? { mutation: (mutation ?? previous?.mutation)! } : {}),
      };
      putConflict(conflicts, c);
      opened.push(c);
    } else if (previous) conflicts.splice(conflicts.indexOf(previous), 1);
  }
  return {
    state: { ...state, cursor, outbox, versions, conflicts, synced: synced.result() },
    current: local.result(),
    conflicts: opened,
  };
}

// ---------------------------------------------------------------------------------------------------
// Conflicts

/** Each conflicting field with both values, for the pane. */
export function conflictValues(c: Conflict): { field: string; local: unknown; server: unknown }[] {
  const local = (c.local ?? null) as Record<string, unknown> | null;
  const server = c.server && !c.server.deleted ? (c.server.data as Record<string, unknown>) : null;
  return c.fields.map((field) => ({ field, local: local?.[field], server: server?.[field] }));
}

/** Points the references to an entity at its new id (a re-created entity keeps its children). */
function rekey(doc: PlanDocument, kind: SyncKind, from: string, to: string): PlanDocument {
  const swap = (id: string | undefined) => (id === from ? to : id);
  const next: PlanDocument = { ...doc };
  if (kind !== "plan" && kind !== "community")
    (next as Record<EntityKind, unknown>)[kind] = (doc[kind] as Entity[]).map((e) => (e.id === from ? { ...e, id: to } : e));
  if (kind === "priorities") next.goals = next.goals.map((g) => (g.priorityId === from ? { ...g, priorityId: to } : g));
  if (kind === "goals") next.tasks = next.tasks.map((t) => (t.goalId === from ? { ...t, goalId: to } : t));
  if (kind === "indicators") {
    next.observations = next.observations.map((o) => (o.indicatorId === from ? { ...o, indicatorId: to } : o));
    next.indicators = next.indicators.map((i) => (i.parentId === from ? { ...i, parentId: swap(i.parentId) } : i));
  }
  if (kind === "priorities" || kind === "goals") {
    const target = kind === "priorities" ? "priority" : "goal";
    next.indicators = next.indicators.map((i) =>
      i.measures?.kind === target && i.measures.id === from ? { ...i, measures: { kind: target, id: to } } : i,
    );
  }
  return next;
}

/**
 * Closes a conflict. "theirs": the conflicting fields take the server's values (a server delete removes
 * the entity; a local delete gives way to the server's row); local changes to other fields are kept.
 * "mine": the local values stand, fields only the server changed are taken, and a mutation is prepared
 * against the server's version — a delete if deleted locally, a create if the server has no row, or, if
 * the server deleted it (a tombstone is never written again), a re-create under a new id with the
 * references to it in the plan pointed at the new id.
 *
 * `synced` and `versions` take the server's row either way. The entity's remaining change is prepared at
 * once unless a mutation for it is still in the outbox (then the next prepareOutgoing does it).
 */
export function resolveConflict(
  state: SyncState,
  current: PlanDocument,
  key: string,
  choice: Choice,
  newId: () => string,
): { state: SyncState; current: PlanDocument } {
  assertPlan(state, current);
  const c = state.conflicts.find((x) => x.key === key);
  if (!c) throw new Error(`sync: no open conflict for ${key}`);
  const row = c.server;
  const server = row && !row.deleted ? (row.data as Entity) : null;
  const syncedEdit = new DocEdit(state.synced);
  const localEdit = new DocEdit(current);
  const base = syncedEdit.get(key);
  const local = localEdit.get(key);
  const { merged, fields } = merge3(base, local, server, c.fields);

  let resolved: Entity | null;
  if (choice === "theirs") {
    if (!server || !local) resolved = server;
    else {
      const next: Record<string, unknown> = { ...(merged ?? local) };
      for (const f of fields) {
        if (server[f] === undefined) delete next[f];
        else next[f] = server[f];
      }
      resolved = next as Entity;
    }
  } else resolved = local && server ? merged : local;

  const versions = { ...state.versions };
  if (row) versions[key] = Math.max(versions[key] ?? 0, row.version);
  else delete versions[key]; // the server has no such row: mine is a create
  syncedEdit.put(key, server);
  localEdit.put(key, resolved);
  let nextCurrent = localEdit.result();
  let target = { kind: c.kind, id: c.entityId };
  if (row?.deleted && resolved) {
    // The server keeps its tombstone: mine lives on as a new entity.
    target = { kind: c.kind, id: newId() };
    nextCurrent = rekey(nextCurrent, c.kind, c.entityId, target.id);
  }
  const nextState: SyncState = {
    ...state,
    versions,
    synced: syncedEdit.result(),
    conflicts: state.conflicts.filter((x) => x !== c),
  };
  const targetKey = versionKey(target.kind, target.id);
  if (state.outbox.some((m) => keyOfMutation(m) === targetKey)) return { state: nextState, current: nextCurrent };
  const targetBase = indexDoc(nextState.synced).get(targetKey) ?? null;
  const targetLocal = indexDoc(nextCurrent).get(targetKey) ?? null;
  const d = draft(target.kind, target.id, targetBase, targetLocal, versions[targetKey]);
  if (!d) return { state: nextState, current: nextCurrent };
  return {
    state: { ...nextState, outbox: [...nextState.outbox, { mutationId: newId(), ...d } as Mutation] },
    current: nextCurrent,
  };
}

/**
 * Puts refused mutations back to be prepared (for an editor reviewing a monitor's queue): they leave
 * `refused`, and the next prepareOutgoing prepares the entity's change anew against its current version.
 */
export function releaseRefused(state: SyncState, mutationIds: readonly string[]): SyncState {
  return { ...state, refused: state.refused.filter((r) => !mutationIds.includes(r.mutation.mutationId)) };
}
