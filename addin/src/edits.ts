import { type Cell, parseNumber, parsePeriod, parseText, parseYear } from "../../shared/layout/cells.ts";
import { ENTITY_SCHEMAS } from "../../shared/api/sync.ts";
import { ENTITY_KINDS, type EntityKind, type EntityOf, type Goal, type Indicator, type Language, type PlanDocument, type SwotItem, type Task } from "../../shared/model/plan.ts";

/**
 * Edits made in the pane: a form's strings become an entity through the same parsers the sheets
 * use (so "1 234,5" or "2014-Q2" mean the same in both), the zod schema validates it, and the
 * document gets it in the right place. Pure: the pane writes the result to the sheets.
 */
export type FieldType = "text" | "number" | "year" | "period" | "choice";

export interface FieldSpec {
  /** The entity field, or "budget.amount" / "budget.currency" / "measures" for composite ones. */
  name: string;
  type: FieldType;
  required?: boolean;
}

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;


/** The key entities of a kind are numbered within (SWOT per quadrant, goals per priority …). */
const GROUP: Partial<Record<EntityKind, (e: never) => string>> = {
  swot: (e: SwotItem) => e.quadrant,
  goals: (e: Goal) => e.priorityId,
  tasks: (e: Task) => e.goalId,
};
const groupOf = (kind: EntityKind, e: unknown) => (GROUP[kind] as ((x: unknown) => string) | undefined)?.(e) ?? "";

function parseField(type: FieldType, raw: string, language: Language): { ok: true; value: unknown } | { ok: false; message: string } {
  if (type === "choice") return { ok: true, value: raw === "" ? undefined : raw };
  const cell: Cell = raw;
  const parsed = type === "number" ? parseNumber(cell) : type === "year" ? parseYear(cell) : type === "period" ? parsePeriod(cell) : parseText(cell);
  return parsed.ok ? parsed : { ok: false, message: parsed.message[language] };
}

/**
 * Builds an entity of `kind` from a form. `base` is the entity being edited (or the fixed fields of
 * a new one: id, parent, order). Returns the entity, or messages by field name.
 */
export function formToEntity<K extends EntityKind>(
  kind: K,
  fields: readonly FieldSpec[],
  values: FormValues,
  base: Partial<EntityOf<K>> & { id: string },
  messages: { required: (f: string) => string; language: Language },
): { entity: EntityOf<K> } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const candidate: Record<string, unknown> = { ...base };
  for (const f of fields) {
    const parsed = parseField(f.type, (values[f.name] ?? "").trim() === "" ? "" : (values[f.name] ?? ""), messages.language);
    if (!parsed.ok) {
      errors[f.name] = parsed.message;
      continue;
    }
    if (f.required && parsed.value === undefined) errors[f.name] = messages.required(f.name);
    setPath(candidate, f.name, parsed.value);
  }
  const budget = candidate.budget as { amount?: number; currency?: string } | undefined;
  if (budget && budget.amount === undefined && budget.currency === undefined) delete candidate.budget;
  else if (budget?.currency) budget.currency = budget.currency.toUpperCase();
  const measures = candidate.measures as string | undefined;
  if (typeof measures === "string") candidate.measures = JSON.parse(measures);
  if (Object.keys(errors).length) return { errors };
  const result = ENTITY_SCHEMAS[kind].safeParse(candidate);
  if (result.success) return { entity: result.data as EntityOf<K> };
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".");
    const field = fields.find((f) => f.name === path || path.startsWith(`${f.name}.`) || f.name.startsWith(`${path}.`));
    errors[field?.name ?? path] ??= issue.message;
  }
  return { errors };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, tail] = path.split(".") as [string, string?];
  if (!tail) {
    if (value === undefined) delete target[head];
    else target[head] = value;
    return;
  }
  const inner = { ...((target[head] as Record<string, unknown>) ?? {}) };
  if (value === undefined) delete inner[tail];
  else inner[tail] = value;
  target[head] = inner;
}

/** Adds or replaces an entity; a new one goes last in its group. */
export function upsert<K extends EntityKind>(doc: PlanDocument, kind: K, entity: EntityOf<K>): PlanDocument {
  const list = doc[kind] as EntityOf<K>[];
  const exists = list.some((e) => e.id === entity.id);
  const group = groupOf(kind, entity);
  const placed = exists
    ? list.map((e) => (e.id === entity.id ? entity : e))
    : [...list, { ...entity, order: list.filter((e) => groupOf(kind, e) === group).length }];
  return renumber({ ...doc, [kind]: placed });
}

/** Deletes an entity and what cannot exist without it (a goal's tasks, an indicator's values …). */
export function remove(doc: PlanDocument, kind: EntityKind, id: string): PlanDocument {
  let next: PlanDocument = { ...doc, [kind]: (doc[kind] as { id: string }[]).filter((e) => e.id !== id) };
  if (kind === "priorities") for (const g of doc.goals.filter((g) => g.priorityId === id)) next = remove(next, "goals", g.id);
  if (kind === "goals") next = { ...next, tasks: next.tasks.filter((t) => t.goalId !== id) };
  if (kind === "priorities" || kind === "goals")
    next = { ...next, indicators: next.indicators.map((i) => (i.measures?.id === id ? { ...i, measures: undefined } : i)) };
  if (kind === "indicators") {
    const gone = new Set([id, ...doc.indicators.filter((i) => i.parentId === id).map((i) => i.id)]);
    next = { ...next, indicators: next.indicators.filter((i) => !gone.has(i.id)), observations: next.observations.filter((o) => !gone.has(o.indicatorId)) };
  }
  return renumber(next);
}

/**
 * What a delete took from the plan, so that undoing it gives back the same entities (same ids, same
 * fields, same places) — to the sheets and to sync a restore, never a new entity.
 */
export interface Removal {
  /** The entities gone, by kind: the one deleted and what went with it (a goal's tasks, an indicator's values …). */
  taken: { [K in EntityKind]?: EntityOf<K>[] };
  /** Indicators that measured a deleted priority or goal, with what they measured. */
  unlinked: { indicatorId: string; measures: NonNullable<Indicator["measures"]> }[];
}

/** `remove`, and what it took (for `restore`). */
export function removeWithUndo(doc: PlanDocument, kind: EntityKind, id: string): { doc: PlanDocument; removal: Removal } {
  const next = remove(doc, kind, id);
  const taken: Removal["taken"] = {};
  for (const k of ENTITY_KINDS) {
    const kept = new Set((next[k] as { id: string }[]).map((e) => e.id));
    const gone = (doc[k] as EntityOf<typeof k>[]).filter((e) => !kept.has(e.id));
    if (gone.length) (taken as Record<string, unknown>)[k] = gone;
  }
  const after = new Map(next.indicators.map((i) => [i.id, i]));
  const unlinked = doc.indicators.flatMap((i) => (i.measures && after.has(i.id) && !after.get(i.id)!.measures ? [{ indicatorId: i.id, measures: i.measures }] : []));
  return { doc: next, removal: { taken, unlinked } };
}

/**
 * Puts back what a delete took, on top of the plan as it is now (other edits since stay): each entity
 * not in the plan again returns at its old place in its group; an indicator that still measures
 * nothing measures again what it did.
 */
export function restore(doc: PlanDocument, removal: Removal): PlanDocument {
  const out: PlanDocument = { ...doc };
  for (const k of ENTITY_KINDS) {
    const back = ((removal.taken[k] ?? []) as { id: string; order?: number }[]).filter((e) => !(doc[k] as { id: string }[]).some((x) => x.id === e.id));
    if (!back.length) continue;
    let list = out[k] as { id: string; order?: number }[];
    // Lowest place first, so each returning one moves those at or after its place down by one.
    for (const e of [...back].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))) {
      const group = groupOf(k, e);
      list = [...list.map((x) => (x.order !== undefined && e.order !== undefined && groupOf(k, x) === group && x.order >= e.order ? { ...x, order: x.order + 1 } : x)), e];
    }
    (out as Record<string, unknown>)[k] = list;
  }
  const measures = new Map(removal.unlinked.map((u) => [u.indicatorId, u.measures]));
  out.indicators = out.indicators.map((i) => (!i.measures && measures.has(i.id) ? { ...i, measures: measures.get(i.id) } : i));
  return renumber(out);
}

/** Orders are positions within their group: 0, 1, 2 … (as the sheets keep them). */
function renumber(doc: PlanDocument): PlanDocument {
  const out = { ...doc };
  for (const kind of ["swot", "priorities", "goals", "tasks", "risks", "indicators"] as const) {
    const counters = new Map<string, number>();
    const sorted = [...(doc[kind] as EntityOf<typeof kind>[])].sort((a, b) => a.order - b.order);
    const orderOf = new Map<string, number>();
    for (const e of sorted) {
      const g = groupOf(kind, e);
      const n = counters.get(g) ?? 0;
      counters.set(g, n + 1);
      orderOf.set(e.id, n);
    }
    (out as Record<string, unknown>)[kind] = (doc[kind] as EntityOf<typeof kind>[]).map((e) => (e.order === orderOf.get(e.id) ? e : { ...e, order: orderOf.get(e.id)! }));
  }
  return out;
}

/** A form's strings for an existing entity (the inverse of formToEntity). */
export function entityToForm(fields: readonly FieldSpec[], entity: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const [head, tail] = f.name.split(".") as [string, string?];
    const v = tail ? (entity[head] as Record<string, unknown> | undefined)?.[tail] : entity[head];
    if (v === undefined || v === null) values[f.name] = "";
    else if (f.name === "measures") values[f.name] = JSON.stringify(v);
    else if (f.type === "period") {
      const p = v as { year: number; quarter?: number };
      values[f.name] = p.quarter ? `${p.year}-Q${p.quarter}` : String(p.year);
    } else values[f.name] = String(v);
  }
  return values;
}
