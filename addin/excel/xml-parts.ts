import { type Batch, RESPONSE_BUDGET_BYTES, excelErrorCode, payloadBytes } from "./batch.ts";
import type { ExcelRun } from "./host.ts";

/**
 * What MuniPlan keeps in the workbook, as JSON in custom XML parts (they travel with the file), one
 * namespace per thing kept. Safe against Excel's rules and a write that fails midway:
 * - The JSON is XML text with nothing XML forbids: `<`, `>`, `&` and U+FFFE/U+FFFF become JSON \u escapes
 *   (JSON.stringify already escapes controls and lone surrogates), which parse back to the same value.
 * - A value larger than one request may carry is split into numbered parts, never inside a surrogate pair.
 * - Each save is a generation: its parts are added before the older ones are deleted, so a failure
 *   in between leaves two, and loading takes the newest complete one. A failure before the new one is
 *   complete leaves the old one whole.
 * - Read back, the XML may have been reformatted by Excel (declaration, attribute quotes and order,
 *   entities): the element and its attributes are read by name, its text with entities decoded.
 */

/**
 * Characters of JSON per part. A part's response (getXml) must stay under Excel on the web's 5 MB
 * whatever the characters and however Excel serialises them: at most 6 bytes each (\uXXXX), 3.6 MB.
 */
export const PART_CHARS = 600_000;

export function jsonAsXmlText(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Generations only ever grow: a clock, and never below the last one seen in this pane. */
let lastGeneration = 0;
const nextGeneration = () => (lastGeneration = Math.max(Date.now(), lastGeneration + 1));

export function toXmlParts(namespace: string, value: unknown, generation: number, partChars = PART_CHARS): string[] {
  const text = jsonAsXmlText(value);
  const bodies: string[] = [];
  for (let at = 0; at < text.length || bodies.length === 0; ) {
    let end = Math.min(text.length, at + partChars);
    // A surrogate pair cut in two would leave each part with a character XML forbids.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
    bodies.push(text.slice(at, end));
    at = end;
  }
  return bodies.map(
    (body, i) =>
      `<?xml version="1.0" encoding="UTF-8"?><muniplan xmlns="${namespace}" generation="${generation}" part="${i + 1}" of="${bodies.length}">${body}</muniplan>`,
  );
}

interface Part {
  generation: number;
  part: number;
  of: number;
  body: string;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decodeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) =>
    e.startsWith("#x") || e.startsWith("#X") ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? whole),
  );

/** A part's attributes and text; parts written before generations (`muniplan-kept` too) are generation 0, 1 of 1. */
function readPart(xml: string): Part | undefined {
  const m = /<(?:[\w.-]+:)?(muniplan(?:-kept)?)\b([^>]*)>([\s\S]*)<\/(?:[\w.-]+:)?\1\s*>/.exec(xml);
  if (!m) return undefined;
  const attrs = new Map<string, string>();
  for (const a of m[2]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs.set(a[1]!, a[2] ?? a[3]!);
  const number = (name: string, fallback: number) => (attrs.has(name) ? Number(attrs.get(name)) : fallback);
  return { generation: number("generation", 0), part: number("part", 1), of: number("of", 1), body: decodeXml(m[3]!) };
}

/** The newest complete generation's value, or undefined when there is none or it does not parse. */
export function fromXmlParts(xmls: readonly string[]): unknown {
  const generations = new Map<number, Part[]>();
  for (const xml of xmls) {
    const part = readPart(xml);
    if (part) generations.set(part.generation, [...(generations.get(part.generation) ?? []), part]);
  }
  for (const generation of [...generations.keys()].sort((a, b) => b - a)) {
    const parts = generations.get(generation)!.sort((a, b) => a.part - b.part);
    const complete = parts.length === parts[0]!.of && parts.every((p, i) => p.part === i + 1 && p.of === parts.length);
    if (!complete) continue;
    lastGeneration = Math.max(lastGeneration, generation);
    try {
      return JSON.parse(parts.map((p) => p.body).join(""));
    } catch {
      continue;
    }
  }
  return undefined;
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
