import { z } from "zod";
import { demote, ignore, mergeWithPrevious, promote } from "../../../../shared/adopt/operations.ts";
import { type AdoptOptions, type AdoptedItem, type AdoptResult, adopt } from "../../../../shared/adopt/recognise.ts";
import type { SourceLine } from "../../../../shared/adopt/rows.ts";
import { type KeptStorage, boundedStorage } from "../../state/kept.ts";

/** The preview's corrections (shared/adopt/operations.ts), by the name the draft keeps them under. */
export const CORRECTIONS = { promote, demote, merge: mergeWithPrevious, ignore } as const;

/**
 * A correction made in the preview: which, and the item's place among the result's items when it was made.
 * A place, not the item's key: keys are new at each read, while a read of the same lines gives the same
 * items in the same order, so the corrections replayed in turn come to the same plan.
 */
const Correction = z.object({ op: z.enum(["promote", "demote", "merge", "ignore"]), at: z.number().int().nonnegative() });
export type Correction = z.infer<typeof Correction>;

/**
 * What the preview was read from: the draft's text (or its HTML), or a selected range's values, kept with
 * the draft as the selection may have moved since. A range's values are kept only up to RANGE_KEPT_CHARS:
 * a larger range's preview lasts while the panel is open, so the text is never lost to a full storage.
 */
const Read = z.discriminatedUnion("from", [
  z.object({ from: z.literal("text") }),
  z.object({
    from: z.literal("range"),
    address: z.string(),
    firstRow: z.number().int().positive(),
    values: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  }),
]);
export type AdoptRead = z.infer<typeof Read>;
export const RANGE_KEPT_CHARS = 1_000_000;

/**
 * The text being adopted, kept in the pane's browser storage (never the workbook) until its plan's sheets
 * are created: a failed read or write, another section, or the pane closed never loses what was pasted,
 * nor the preview's corrections and the header typed. The HTML is Word's clipboard copy of the same text,
 * read instead of it while the text is as pasted. `read` and `corrections` describe the preview on screen;
 * a text changed since it was read brings no preview back (its corrections were made to other lines).
 */
const Draft = z.object({
  text: z.string(),
  html: z.string().optional(),
  read: Read.optional(),
  corrections: z.array(Correction).default([]),
  header: z.object({ name: z.string(), title: z.string(), firstYear: z.string(), lastYear: z.string(), language: z.string() }).optional(),
});
/** A draft as put (its corrections may be left out) and as kept. */
export type AdoptDraft = z.input<typeof Draft>;
export type KeptDraft = z.infer<typeof Draft>;

export function draftStore(storage: KeptStorage, partition: string) {
  // One draft: a pane adopts one plan at a time.
  const kept = boundedStorage(storage, `${partition}muniplan:adopt`, Draft, 1);
  return {
    get: (): KeptDraft => kept.get("draft") ?? { text: "", corrections: [] },
    put: (draft: AdoptDraft) => kept.put("draft", draft),
  };
}

/** The read a draft keeps for a range: its values while they are small enough to keep (RANGE_KEPT_CHARS). */
export function rangeRead(address: string, firstRow: number, values: readonly (readonly unknown[])[]): AdoptRead | undefined {
  const read = Read.safeParse({ from: "range", address, firstRow, values });
  return read.success && JSON.stringify(values).length <= RANGE_KEPT_CHARS ? read.data : undefined;
}

/** A correction applied to `result`: the item at its place corrected (a place past the end, from a damaged draft, changes nothing). */
export function correct(result: AdoptResult, correction: Correction): AdoptResult {
  const item = result.items[correction.at];
  return item ? CORRECTIONS[correction.op](result, item.key) : result;
}

/** The preview a draft describes, read again and corrected again as it was; none when the draft keeps no read. */
export function previewedIn(draft: KeptDraft, options: AdoptOptions): AdoptResult | undefined {
  const read = draft.read;
  if (!read || (read.from === "text" && !draft.text.trim() && !draft.html)) return undefined;
  const source = read.from === "range" ? { range: read.values } : draft.html ? { html: draft.html } : { text: draft.text };
  return draft.corrections.reduce(correct, adopt(source, options));
}

/** An item and what belongs to it in the plan's tree: a priority's goals, a goal's tasks and expected results, an indicator's parts. */
export interface PreviewNode {
  item: AdoptedItem;
  children: PreviewNode[];
}

/** The adopted items as the preview groups them; `unplaced` holds those the plan cannot hold where they are. */
export interface Preview {
  plan: AdoptedItem[];
  swot: AdoptedItem[];
  priorities: PreviewNode[];
  risks: AdoptedItem[];
  indicators: PreviewNode[];
  unplaced: AdoptedItem[];
}

/** The kind of item each kind is held under in the plan (shared/adopt buildDocument leaves any other out). */
const UNDER: Partial<Record<AdoptedItem["kind"], AdoptedItem["kind"]>> = { goal: "priority", task: "goal", expectedResults: "goal" };

export function previewOf(result: AdoptResult): Preview {
  const byKey = new Map(result.items.map((i) => [i.key, i]));
  const nodes = new Map(result.items.map((i) => [i.key, { item: i, children: [] as PreviewNode[] }]));
  const preview: Preview = { plan: [], swot: [], priorities: [], risks: [], indicators: [], unplaced: [] };
  const placed = new Set<string>();
  // In source order, so a parent is placed before its children (the recogniser only looks back for one).
  for (const item of result.items) {
    const node = nodes.get(item.key)!;
    const parent = item.parent === undefined ? undefined : byKey.get(item.parent);
    if (item.kind === "priority") preview.priorities.push(node);
    else if (item.kind === "indicator" && !parent) preview.indicators.push(node);
    else if (parent && placed.has(parent.key) && parent.kind === (item.kind === "indicator" ? "indicator" : UNDER[item.kind])) nodes.get(parent.key)!.children.push(node);
    else if (item.kind === "swot") preview.swot.push(item);
    else if (item.kind === "risk") preview.risks.push(item);
    else if (item.kind === "title" || item.kind === "period" || item.kind === "vision" || item.kind === "mission") preview.plan.push(item);
    else {
      preview.unplaced.push(item);
      continue;
    }
    placed.add(item.key);
  }
  return preview;
}

/** Every item under a node, the node's own included: what a collapsed group counts. */
export const countOf = (nodes: readonly PreviewNode[]): number => nodes.reduce((n, node) => n + 1 + countOf(node.children), 0);

/**
 * The source lines as the preview names them: "182", "182–184" for a run, "183, 186" otherwise. A range's
 * rows are shifted by `offset` to the sheet's own row numbers.
 */
export function linesOf(source: readonly SourceLine[], offset = 0): string {
  const lines = [...new Set(source.map((s) => s.line + offset))].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const l of lines) {
    const last = runs.at(-1);
    if (last && last[1] === l - 1) last[1] = l;
    else runs.push([l, l]);
  }
  return runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(", ");
}
