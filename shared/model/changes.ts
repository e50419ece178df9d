import type { Community, EntityKind, EntityOf, Plan, PlanDocument } from "./plan.ts";
import { ENTITY_KINDS } from "./plan.ts";

/**
 * What a read of the sheets (or a pane edit) changes in a plan. Updates carry the whole row before and
 * after plus the names of the fields that differ, so that sync can send only those fields and a
 * conflict can show both values.
 */
export type EntityChange<K extends EntityKind = EntityKind> =
  | { op: "create"; kind: K; entity: EntityOf<K> }
  | { op: "update"; kind: K; id: string; fields: string[]; before: EntityOf<K>; after: EntityOf<K> }
  | { op: "delete"; kind: K; id: string; before: EntityOf<K> };

export type HeaderChange =
  | { op: "update"; kind: "plan"; id: string; fields: string[]; before: Plan; after: Plan }
  | { op: "update"; kind: "community"; id: string; fields: string[]; before: Community; after: Community };

export type PlanChange = EntityChange | HeaderChange;

/**
 * Structural equality for the JSON-like values of the model; an absent field equals undefined. CRLF, a
 * lone CR and LF are one line break: Excel may read text back with LF where it was written with CRLF
 * (unsettled, ../shared/platform-facts.md), which is no edit of the plan.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "string" && typeof b === "string") return a.replace(/\r\n?/g, "\n") === b.replace(/\r\n?/g, "\n");
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

export function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (k) => !sameValue((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]),
  );
}

/** Compares what a sheet says a collection is with what it was: creates, updates and deletes by id. */
export function diffCollection<K extends EntityKind>(
  kind: K,
  before: readonly EntityOf<K>[],
  after: readonly EntityOf<K>[],
): EntityChange<K>[] {
  const old = new Map(before.map((e) => [e.id, e]));
  const seen = new Set<string>();
  const changes: EntityChange<K>[] = [];
  for (const entity of after) {
    seen.add(entity.id);
    const prev = old.get(entity.id);
    if (!prev) {
      changes.push({ op: "create", kind, entity });
      continue;
    }
    const fields = changedFields(prev, entity);
    if (fields.length > 0) changes.push({ op: "update", kind, id: entity.id, fields, before: prev, after: entity });
  }
  for (const prev of before)
    if (!seen.has(prev.id)) changes.push({ op: "delete", kind, id: prev.id, before: prev });
  return changes;
}

export function diffHeader(before: PlanDocument, after: Pick<PlanDocument, "plan" | "community">): HeaderChange[] {
  const out: HeaderChange[] = [];
  const planFields = changedFields(before.plan, after.plan);
  if (planFields.length)
    out.push({ op: "update", kind: "plan", id: after.plan.id, fields: planFields, before: before.plan, after: after.plan });
  const communityFields = changedFields(before.community, after.community);
  if (communityFields.length)
    out.push({
      op: "update",
      kind: "community",
      id: after.community.id,
      fields: communityFields,
      before: before.community,
      after: after.community,
    });
  return out;
}

/** Applies changes to a document, keeping the order of existing entities and appending new ones. */
export function applyChanges(doc: PlanDocument, changes: readonly PlanChange[]): PlanDocument {
  const next: PlanDocument = { ...doc };
  for (const kind of ENTITY_KINDS) {
    const mine = changes.filter((c): c is EntityChange => c.kind === kind);
    if (mine.length === 0) continue;
    const replaced = new Map<string, EntityOf<typeof kind> | null>();
    const created: EntityOf<typeof kind>[] = [];
    for (const c of mine) {
      if (c.op === "create") created.push(c.entity);
      else if (c.op === "update") replaced.set(c.id, c.after);
      else replaced.set(c.id, null);
    }
    const list = (doc[kind] as EntityOf<typeof kind>[])
      .map((e) => (replaced.has(e.id) ? replaced.get(e.id)! : e))
      .filter((e): e is EntityOf<typeof kind> => e !== null);
    (next as Record<EntityKind, unknown>)[kind] = [...list, ...created];
  }
  for (const c of changes) {
    if (c.kind === "plan") next.plan = c.after;
    else if (c.kind === "community") next.community = c.after;
  }
  return next;
}
