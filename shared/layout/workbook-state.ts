import type { WorkbookState } from "./workbook-state-schema.ts";

/**
 * How a MuniPlan workbook keeps its plan and says it is one, apart from Excel: the custom XML parts its
 * state is kept in (STATE_NAMESPACE, encoded as below; the schema is workbook-state-schema.ts) and the
 * mark each of its own sheets carries. The add-in writes them (addin/excel/state.ts, xml-parts.ts,
 * own-sheets.ts); a member's file read outside Excel is read by them (shared/import/read.ts).
 */

/** The namespace of the custom XML parts that hold MuniPlan's workbook state. */
export const STATE_NAMESPACE = "urn:muniplan:state:v1";

/** Whether a custom XML part is one of the state's (its root element in STATE_NAMESPACE), however Excel quoted the attribute. */
export const inStateNamespace = (xml: string): boolean => new RegExp(`xmlns(?::\\w+)?\\s*=\\s*["']${STATE_NAMESPACE}["']`).test(xml);

/**
 * What every sheet-scoped name that marks a MuniPlan sheet starts with. Apart from the table names
 * (`MuniPlan_<kind>`): Excel keeps table and defined names in one namespace.
 */
export const SHEET_MARK_PREFIX = "MuniPlanSheet_";

/** The sheet-scoped name that marks a MuniPlan sheet of `kind` ("indicators", "round_2014"). */
export const sheetMark = (kind: string): string => `${SHEET_MARK_PREFIX}${kind}`;

/**
 * What MuniPlan keeps in a workbook is JSON in custom XML parts (they travel with the file), one
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

/**
 * The newest complete generation's value (undefined when none parses) and the newest complete generation
 * (a later save is numbered above it, parsed or not); undefined when no generation is complete.
 */
export function newestParts(xmls: readonly string[]): { value: unknown; latest: number } | undefined {
  const generations = new Map<number, Part[]>();
  for (const xml of xmls) {
    const part = readPart(xml);
    if (part) generations.set(part.generation, [...(generations.get(part.generation) ?? []), part]);
  }
  let latest: number | undefined;
  for (const generation of [...generations.keys()].sort((a, b) => b - a)) {
    const parts = generations.get(generation)!.sort((a, b) => a.part - b.part);
    const complete = parts.length === parts[0]!.of && parts.every((p, i) => p.part === i + 1 && p.of === parts.length);
    if (!complete) continue;
    latest ??= generation;
    try {
      return { value: JSON.parse(parts.map((p) => p.body).join("")), latest };
    } catch {
      continue;
    }
  }
  return latest === undefined ? undefined : { value: undefined, latest };
}

/**
 * `newest`, the newest complete value of a workbook's `parts` state parts (undefined: none is), checked by
 * the state's schema; throws when it is not a valid state. The schema loads with the first state read: it
 * brings zod, which the pane's first load leaves out.
 */
export async function checkedState(newest: unknown, parts: number): Promise<WorkbookState> {
  if (newest === undefined) throw new Error(`MuniPlan's data in this workbook is damaged or incomplete (${parts} part(s), no complete one)`);
  return (await import("./workbook-state-schema.ts")).WorkbookState.parse(newest);
}

/** The workbook state its STATE_NAMESPACE parts hold (see checkedState). */
export const stateOfParts = (parts: readonly string[]): Promise<WorkbookState> => checkedState(newestParts(parts)?.value, parts.length);
