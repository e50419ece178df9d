import { type Batch, RESPONSE_BUDGET_BYTES, excelErrorCode, payloadBytes } from "./batch.ts";
import { newestParts, toXmlParts } from "../../shared/layout/workbook-state.ts";
import type { ExcelRun } from "./host.ts";

// The encoding itself is shared/layout/workbook-state.ts (a member's file is read outside Excel by it too).
export { toXmlParts };

/**
 * Writing and reading what MuniPlan keeps in the workbook as custom XML parts, through Excel: the parts'
 * format and its rules are shared/layout/workbook-state.ts's; here each save is a new generation, added
 * before the older ones are deleted, so a failure in between leaves two and loading takes the newest
 * complete one, and parts are read within Excel's response limit.
 */

/** Generations only ever grow: a clock, and never below the last one seen in this pane. */
let lastGeneration = 0;
const nextGeneration = () => (lastGeneration = Math.max(Date.now(), lastGeneration + 1));

/** The newest complete generation's value, or undefined when there is none or it does not parse (shared/layout/workbook-state.ts). */
export function fromXmlParts(xmls: readonly string[]): unknown {
  const newest = newestParts(xmls);
  if (newest) lastGeneration = Math.max(lastGeneration, newest.latest);
  return newest?.value;
}

/** Queues a look-up of a namespace's parts; their `items` are there after the caller's next sync. */
export function queuePartsLookup(context: Excel.RequestContext, namespace: string): Excel.CustomXmlPartScopedCollection {
  const parts = context.workbook.customXmlParts.getByNamespace(namespace);
  parts.load("items/id");
  return parts;
}

/**
 * Queues a new generation of `value` into the caller's batch (each part within the request budget), then
 * `between` (commands that need the new generation in the workbook first), then the deletion of the
 * looked-up `existing` parts.
 */
export async function queueReplaceParts(
  context: Excel.RequestContext,
  batch: Batch,
  existing: Excel.CustomXmlPartScopedCollection,
  namespace: string,
  value: unknown,
  between?: () => void,
): Promise<void> {
  for (const xml of toXmlParts(namespace, value, nextGeneration())) {
    // Sized as Office.js sends it (JSON.stringify, UTF-8): several parts share a request when they fit.
    await batch.reserve(payloadBytes([[xml]]));
    context.workbook.customXmlParts.add(xml);
  }
  between?.();
  for (const part of existing.items) part.delete();
}

/**
 * The XML of `parts` (looked up and synced), in as few syncs as fit Excel's response limit: the first sync
 * asks for one part, and the largest part read so far sizes how many the next asks for (a state's parts
 * are all about PART_CHARS but its last). A response still over the limit halves the count and asks
 * again; one part alone always fits (see PART_CHARS).
 */
export async function readPartsXml(context: Excel.RequestContext, parts: readonly Excel.CustomXmlPart[]): Promise<string[]> {
  const xmls: string[] = [];
  let largest: number | undefined;
  let cap = Infinity;
  while (xmls.length < parts.length) {
    const fit = largest === undefined ? 1 : Math.max(1, Math.floor(RESPONSE_BUDGET_BYTES / largest));
    const asked = parts.slice(xmls.length, xmls.length + Math.min(fit, cap)).map((p) => p.getXml());
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a round per response-sized group of parts (~4 MB), not per item
      await context.sync();
    } catch (error) {
      if (excelErrorCode(error) !== "ResponsePayloadSizeLimitExceeded" || asked.length === 1) throw error;
      cap = Math.ceil(asked.length / 2);
      continue;
    }
    for (const { value } of asked) {
      xmls.push(value);
      largest = Math.max(largest ?? 0, payloadBytes([[value]]) * 1.1);
    }
  }
  return xmls;
}

/** The values kept under each namespace (undefined where none is complete): one sync to look, then readPartsXml's. */
export async function loadParts(run: ExcelRun, namespaces: readonly string[]): Promise<unknown[]> {
  return run(async (context) => {
    const lookups = namespaces.map((ns) => queuePartsLookup(context, ns));
    await context.sync();
    const xmls = await readPartsXml(context, lookups.flatMap((parts) => parts.items));
    let at = 0;
    return lookups.map((parts) => {
      const mine = xmls.slice(at, (at += parts.items.length));
      return mine.length ? fromXmlParts(mine) : undefined;
    });
  });
}
