import { z } from "zod";
import type { AdoptedItem, AdoptResult } from "../../../../shared/adopt/recognise.ts";
import type { SourceLine } from "../../../../shared/adopt/rows.ts";
import { type KeptStorage, boundedStorage } from "../../state/kept.ts";

/**
 * The text being adopted, kept in the pane's browser storage (never the workbook) until its plan's sheets
 * are created: a failed read or write, another section, or the pane closed never loses what was pasted.
 * The HTML is Word's clipboard copy of the same text, read instead of it while the text is as pasted.
 */
const Draft = z.object({ text: z.string(), html: z.string().optional() });
export type AdoptDraft = z.infer<typeof Draft>;

export function draftStore(storage: KeptStorage, partition: string) {
  // One draft: a pane adopts one plan at a time.
  const kept = boundedStorage(storage, `${partition}muniplan:adopt`, Draft, 1);
  return {
    get: (): AdoptDraft => kept.get("draft") ?? { text: "" },
    put: (draft: AdoptDraft) => kept.put("draft", draft),
  };
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
