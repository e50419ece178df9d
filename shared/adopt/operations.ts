import type { SourceLine } from "./rows.ts";
import { buildDocument, levelOf, type AdoptedItem, type AdoptKind, type AdoptResult } from "./recognise.ts";

/**
 * The preview's corrections, as pure functions: each returns a new result (items, unrecognised lines and the
 * plan built again), the one given is left as it was. An item moves alone, as one paragraph does in Word's
 * outline: what was under it goes to the item of its old kind just above it (its previous sibling), or, if
 * there is none, to the unrecognised lines with the rest of its branch — nothing disappears.
 */

/** The kind an item of each kind belongs to. */
const PARENT_KIND: Partial<Record<AdoptKind, AdoptKind>> = { goal: "priority", task: "goal", expectedResults: "goal" };
const UP: Partial<Record<AdoptKind, AdoptKind>> = { goal: "priority", task: "goal" };
const DOWN: Partial<Record<AdoptKind, AdoptKind>> = { priority: "goal", goal: "task" };

const isPart = (i: AdoptedItem) => i.kind === "indicator" && i.parent !== undefined;

/** The item of the same kind and parent just above `item`: where its children go when it cannot keep them. */
function previousSibling(items: readonly AdoptedItem[], item: AdoptedItem): AdoptedItem | undefined {
  const at = items.indexOf(item);
  for (let k = at - 1; k >= 0; k--) {
    const i = items[k]!;
    if (i.kind === item.kind && i.parent === item.parent && isPart(i) === isPart(item)) return i;
  }
  return undefined;
}

export function canPromote(result: AdoptResult, key: string): boolean {
  const item = result.items.find((i) => i.key === key);
  return item !== undefined && (UP[item.kind] !== undefined || isPart(item));
}

export function canDemote(result: AdoptResult, key: string): boolean {
  const item = result.items.find((i) => i.key === key);
  if (!item || (DOWN[item.kind] === undefined && (item.kind !== "indicator" || isPart(item)))) return false;
  return previousSibling(result.items, item) !== undefined;
}

/** Copies the items so a correction never changes the result it was given. */
const copy = (result: AdoptResult) => ({ items: result.items.map((i) => ({ ...i, source: [...i.source] })), unrecognised: [...result.unrecognised] });

function finish(result: AdoptResult, items: AdoptedItem[], unrecognised: SourceLine[]): AdoptResult {
  const byKey = new Map(items.map((i) => [i.key, i]));
  for (const i of items) i.level = levelOf(i.kind, i.parent ? byKey.get(i.parent) : undefined);
  unrecognised.sort((a, b) => a.line - b.line);
  return { ...result, items, unrecognised, doc: buildDocument(result.base, items) };
}

/**
 * `gone`'s children find a new parent: `to`, when they may belong to an item of its kind, else its previous
 * sibling; a child with neither is set aside with its branch.
 */
function rehome(items: AdoptedItem[], unrecognised: SourceLine[], gone: AdoptedItem, to: AdoptedItem | undefined): AdoptedItem[] {
  const fallback = previousSibling(items, gone);
  const setAside = new Set<string>();
  for (const child of items.filter((i) => i.parent === gone.key)) {
    const wants = child.kind === "indicator" ? "indicator" : PARENT_KIND[child.kind];
    const home = [to, fallback].find((h) => h && h.key !== child.key && h.kind === wants && !isPart(h));
    if (home) child.parent = home.key;
    else setAside.add(child.key);
  }
  // A branch set aside takes its descendants with it.
  let grew = true;
  while (grew) {
    grew = false;
    for (const i of items) if (i.parent && setAside.has(i.parent) && !setAside.has(i.key)) grew = !!setAside.add(i.key);
  }
  for (const i of items) if (setAside.has(i.key)) unrecognised.push(...i.source);
  return items.filter((i) => !setAside.has(i.key));
}

export function promote(result: AdoptResult, key: string): AdoptResult {
  if (!canPromote(result, key)) return result;
  let { items, unrecognised } = copy(result);
  const item = items.find((i) => i.key === key)!;
  const oldParent = items.find((i) => i.key === item.parent);
  // What it had under it cannot belong to a higher item: it goes to the sibling above.
  items = rehome(items, unrecognised, item, undefined);
  if (!isPart(item)) item.kind = UP[item.kind]!;
  if (oldParent?.parent && !isPart(item)) item.parent = oldParent.parent;
  else delete item.parent;
  // Its old siblings below it now come under it, as in an outline.
  for (const i of items.slice(items.indexOf(item) + 1)) {
    const wants = i.kind === "indicator" ? "indicator" : PARENT_KIND[i.kind];
    if (oldParent && i.parent === oldParent.key && wants === item.kind) i.parent = item.key;
  }
  return finish(result, items, unrecognised);
}

export function demote(result: AdoptResult, key: string): AdoptResult {
  if (!canDemote(result, key)) return result;
  let { items, unrecognised } = copy(result);
  const item = items.find((i) => i.key === key)!;
  const sibling = previousSibling(items, item)!;
  items = rehome(items, unrecognised, item, sibling);
  if (item.kind !== "indicator") item.kind = DOWN[item.kind]!;
  item.parent = sibling.key;
  return finish(result, items, unrecognised);
}

/** Joins the item to the one above it (a title a line break cut in two); its children go along. */
export function mergeWithPrevious(result: AdoptResult, key: string): AdoptResult {
  let { items, unrecognised } = copy(result);
  const at = items.findIndex((i) => i.key === key);
  if (at <= 0) return result;
  const item = items[at]!;
  const previous = items[at - 1]!;
  previous.text = `${previous.text} ${item.text}`;
  if (item.mitigation) previous.mitigation = previous.mitigation ? `${previous.mitigation}\n${item.mitigation}` : item.mitigation;
  previous.source.push(...item.source);
  items = rehome(items, unrecognised, item, previous).filter((i) => i !== item);
  return finish(result, items, unrecognised);
}

/** Not an item after all: its lines go to the unrecognised ones, what was under it to its sibling above. */
export function ignore(result: AdoptResult, key: string): AdoptResult {
  let { items, unrecognised } = copy(result);
  const item = items.find((i) => i.key === key);
  if (!item) return result;
  unrecognised.push(...item.source);
  items = rehome(items, unrecognised, item, undefined).filter((i) => i !== item);
  return finish(result, items, unrecognised);
}
