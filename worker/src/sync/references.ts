import type { SyncKind } from "../../../shared/api/sync.ts";

/**
 * The rows a row points at within its plan. The store keeps these references whole: a row may only
 * point at a live row, and a row may only be deleted when no live row points at it any more.
 */
export interface Reference {
  /** The field holding the reference, as the error names it. */
  field: string;
  kinds: readonly SyncKind[];
  id: string;
}

export function referencesOf(kind: SyncKind, data: Record<string, unknown>): Reference[] {
  const refs: Reference[] = [];
  const add = (field: string, kinds: readonly SyncKind[], id: unknown) => {
    if (typeof id === "string") refs.push({ field, kinds, id });
  };
  if (kind === "goals") add("priorityId", ["priorities"], data.priorityId);
  if (kind === "tasks") add("goalId", ["goals"], data.goalId);
  if (kind === "indicators") {
    add("parentId", ["indicators"], data.parentId);
    const measures = data.measures as { kind?: string; id?: unknown } | undefined;
    if (measures) add("measures.id", [measures.kind === "goal" ? "goals" : "priorities"], measures.id);
  }
  if (kind === "observations") add("indicatorId", ["indicators"], data.indicatorId);
  return refs;
}

/** Every row (kind, id, data) that is live after the change, for checking one set of rows against another. */
export interface LiveRow {
  kind: SyncKind;
  id: string;
  data: Record<string, unknown>;
}

/**
 * The first broken reference among `rows`, if any: a reference to a row that is not among `live`.
 * `where` names a row for the error (e.g. `mutations[3]` or `document.tasks[5]`).
 */
export function brokenReference(
  rows: readonly (LiveRow & { where: string })[],
  live: (kind: SyncKind, id: string) => boolean,
): { field: string; message: string } | undefined {
  for (const row of rows)
    for (const ref of referencesOf(row.kind, row.data))
      if (!ref.kinds.some((k) => live(k, ref.id)))
        return { field: `${row.where}.${ref.field}`, message: `${row.where}.${ref.field}: no ${ref.kinds.join(" or ")} row ${ref.id} in this plan` };
  return undefined;
}
