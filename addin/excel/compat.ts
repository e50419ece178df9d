import type { SheetKind } from "../../shared/layout/grid.ts";
import { type ExcelHost, supportsExcelApi } from "./host.ts";
import { type OwnSheet, markerTable, queueFind, tempSheetName } from "./own-sheets.ts";
import { type SheetRecord, loadState } from "./state.ts";

/**
 * "Check this Excel": the behaviours of Excel that Microsoft's documentation leaves unsettled
 * (../shared/platform-facts.md, "Real Excel versus a fake host"), probed in the user's own Excel.
 * MuniPlan is written to be right under either behaviour of each; the check tells us which one real
 * hosts have, so a user's report settles a question the documentation does not. The names and the two
 * outcomes are those of the strict test host's switches (tests/support/excel/behaviour.ts).
 */
export const PROBES = {
  /** A ' written into a Text (@) cell: consumed as a quote prefix, or kept as a character. */
  quoteInTextCell: ["consumed", "kept"],
  /** CR in text: read back as written, or CRLF and lone CR as LF. */
  carriageReturn: ["kept", "normalized"],
  /** MuniPlan's sheets keep the ids stored in the workbook after the file was closed and reopened, or not. */
  worksheetIdsOnReopen: ["kept", "changed"],
  /** `Range.ungroup` where there is no outline: a no-op, or an error. */
  ungroupWithoutOutline: ["ok", "fails"],
  /** A second `dataValidation.rule` on a range: replaces the first, or is refused. */
  secondValidationRule: ["replaces", "fails"],
  /** An English formula (`,` between arguments) written through `values`: parsed as English, or in the user's locale. */
  formulaThroughValues: ["invariant", "localized"],
  /** A custom XML part read back: exactly as added, or reformatted with the same content. */
  customXmlRoundTrip: ["exact", "reformatted"],
  /** Writing to an unlocked cell of a protected sheet: allowed, or refused like a locked cell. */
  unlockedCellsWhenProtected: ["allowed", "refused"],
  /** A child of a missing sheet's null object loaded with its `isNullObject`: reads as empty, or fails the sync. */
  nullObjectChildren: ["ok", "fails"],
} as const;

export type Probe = keyof typeof PROBES;
export const PROBE_NAMES = Object.keys(PROBES) as Probe[];

export type ProbeResult = { probe: Probe } & (
  | /** One of the two known behaviours; MuniPlan handles both. `observed` is what Excel did. */
  { kind: "seen"; outcome: string; observed: string }
  /** Neither known behaviour: MuniPlan was not written for it. */
  | { kind: "unexpected"; observed: string }
  /** Not probed: the API is missing (`unsupported`), or there is nothing to compare with. */
  | { kind: "skipped"; reason: "unsupported" | "noStoredId" | "sheetsGone" }
  /** The probe itself could not run (the error Excel gave). */
  | { kind: "failed"; error: string }
);

export interface CompatReport {
  at: string;
  /** From Office.context.diagnostics ("unknown" outside Office). */
  platform: string;
  version: string;
  /** The highest ExcelApi requirement set the host says it supports, when it answers. */
  excelApi?: string;
  displayLanguage?: string;
  results: ProbeResult[];
  /** A probe sheet or part the check could not remove: the user should delete it by hand. */
  leftover?: string;
}

/** The namespace of the check's own custom XML part: never MuniPlan's state. */
export const PROBE_NAMESPACE = "urn:muniplan:compat-probe:v1";
export const PROBE_SHEET_PREFIX = "MuniPlan check ";

const PROBE_XML = `<?xml version="1.0" encoding="UTF-8"?><probe xmlns="${PROBE_NAMESPACE}" b="2" a="1"><text>Київ &amp; Vilnius &lt;'"&gt;</text><empty/></probe>`;
const QUOTED = "'0012";
const WITH_CR = "line 1\r\nline 2\rline 3";
const FORMULA = "=SUM(1,2)";
/** Requirement sets the report names the highest of: ExcelApi 1.1 … 1.30. */
const EXCEL_API_VERSIONS = Array.from({ length: 30 }, (_, i) => `1.${i + 1}`);

/** A failed sync as the report shows it: Excel's error code and message. */
function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === "string" && !e.message.startsWith(code) ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}

const seen = (probe: Probe, outcome: string, observed: string): ProbeResult => ({ probe, kind: "seen", outcome, observed });
const unexpected = (probe: Probe, observed: string): ProbeResult => ({ probe, kind: "unexpected", observed });

/**
 * Runs every probe against the host, each in its own `Excel.run`, so that one refused sync (which
 * drops the rest of its batch) cannot stop the others. The probe sheet and part are removed in
 * `finally`, whatever the probes did; nothing else of the workbook is written.
 */
export async function runCompatCheck(host: ExcelHost): Promise<CompatReport> {
  const { run } = host;
  const suffix = Math.random().toString(36).slice(2, 8).padEnd(6, "0");
  const sheetName = `${PROBE_SHEET_PREFIX}${suffix}`;
  const results: ProbeResult[] = [];
  let leftover: string | undefined;
  try {
    // The sheet-based probes need the probe sheet; the others do not, so a refused sheet stops only those.
    const sheetError = await run(async (context) => {
      const sheet = context.workbook.worksheets.add(sheetName);
      sheet.visibility = "Hidden";
      await context.sync();
    }).then(
      () => undefined,
      (e: unknown) => describeError(e),
    );
    const onSheet = (probe: Probe, body: (sheet: Excel.Worksheet, context: Excel.RequestContext) => Promise<ProbeResult>) =>
      sheetError ? Promise.resolve<ProbeResult>({ probe, kind: "failed", error: sheetError }) : attempt(probe, () => run((context) => body(context.workbook.worksheets.getItem(sheetName), context)));
    const probes: Record<Probe, () => Promise<ProbeResult>> = {
      quoteInTextCell: () =>
        onSheet("quoteInTextCell", async (sheet, context) => {
          const cell = sheet.getRange("A1");
          cell.numberFormat = [["@"]];
          cell.values = [[QUOTED]];
          cell.load("values");
          await context.sync();
          const v = cell.values[0]![0];
          const observed = `${JSON.stringify(QUOTED)} → ${JSON.stringify(v)}`;
          if (v === QUOTED) return seen("quoteInTextCell", "kept", observed);
          if (v === QUOTED.slice(1)) return seen("quoteInTextCell", "consumed", observed);
          return unexpected("quoteInTextCell", observed);
        }),
      carriageReturn: () =>
        onSheet("carriageReturn", async (sheet, context) => {
          const cell = sheet.getRange("B1");
          cell.numberFormat = [["@"]];
          cell.values = [[WITH_CR]];
          cell.load("values");
          await context.sync();
          const v = cell.values[0]![0];
          const observed = `${JSON.stringify(WITH_CR)} → ${JSON.stringify(v)}`;
          if (v === WITH_CR) return seen("carriageReturn", "kept", observed);
          if (v === WITH_CR.replace(/\r\n?/g, "\n")) return seen("carriageReturn", "normalized", observed);
          return unexpected("carriageReturn", observed);
        }),
      worksheetIdsOnReopen: () => attempt("worksheetIdsOnReopen", () => probeStoredIds(host)),
      ungroupWithoutOutline: () =>
        // Range.ungroup is ExcelApi 1.10; asking a host below it would only show that it is missing.
        !supportsExcelApi(host, "1.10")
          ? Promise.resolve<ProbeResult>({ probe: "ungroupWithoutOutline", kind: "skipped", reason: "unsupported" })
          : onSheet("ungroupWithoutOutline", async (sheet, context) => {
              sheet.getRange("10:12").ungroup("ByRows");
              return context.sync().then(
                () => seen("ungroupWithoutOutline", "ok", "ungroup(ByRows) → ok"),
                (e: unknown) => seen("ungroupWithoutOutline", "fails", `ungroup(ByRows) → ${describeError(e)}`),
              );
            }),
      secondValidationRule: () =>
        onSheet("secondValidationRule", async (sheet, context) => {
          const cell = sheet.getRange("C1");
          cell.dataValidation.rule = { list: { inCellDropDown: true, source: "a,b" } };
          // The first rule's own sync, so that only the second one's fate decides the outcome.
          await context.sync();
          cell.dataValidation.rule = { list: { inCellDropDown: true, source: "c,d" } };
          return context.sync().then(
            () => seen("secondValidationRule", "replaces", "rule a,b then c,d → ok"),
            (e: unknown) => seen("secondValidationRule", "fails", `rule a,b then c,d → ${describeError(e)}`),
          );
        }),
      formulaThroughValues: () =>
        onSheet("formulaThroughValues", async (sheet, context) => {
          const cell = sheet.getRange("D1");
          cell.values = [[FORMULA]];
          cell.load("values,formulas");
          return context.sync().then(
            () => {
              const [v, f] = [cell.values[0]![0], cell.formulas[0]![0]];
              const observed = `${FORMULA} → value ${JSON.stringify(v)}, formula ${JSON.stringify(f)}`;
              // Taken as written in English, the cell holds that formula (as text it would hold it as its value).
              return f === FORMULA && v !== FORMULA ? seen("formulaThroughValues", "invariant", observed) : unexpected("formulaThroughValues", observed);
            },
            (e: unknown) => seen("formulaThroughValues", "localized", `${FORMULA} → ${describeError(e)}`),
          );
        }),
      customXmlRoundTrip: () =>
        attempt("customXmlRoundTrip", () =>
          run(async (context) => {
            // Commands run in order at sync: the XML is read before the part is deleted.
            const part = context.workbook.customXmlParts.add(PROBE_XML);
            const xml = part.getXml();
            part.delete();
            await context.sync();
            // eslint-disable-next-line office-addins/load-object-before-read -- a ClientResult has no load: its value is there after the sync.
            const back = xml.value;
            if (back === PROBE_XML) return seen("customXmlRoundTrip", "exact", "identical");
            const observed = JSON.stringify(back);
            if (canonicalXml(back) === canonicalXml(PROBE_XML)) return seen("customXmlRoundTrip", "reformatted", observed);
            return unexpected("customXmlRoundTrip", observed);
          }),
        ),
      unlockedCellsWhenProtected: () =>
        onSheet("unlockedCellsWhenProtected", async (sheet, context) => {
          const cell = sheet.getRange("E1");
          cell.format.protection.locked = false;
          sheet.protection.protect();
          await context.sync();
          try {
            cell.values = [["unlocked"]];
            cell.load("values");
            return await context.sync().then(
              () => {
                const v = cell.values[0]![0];
                return v === "unlocked" ? seen("unlockedCellsWhenProtected", "allowed", "write → ok") : unexpected("unlockedCellsWhenProtected", `write → ok, read ${JSON.stringify(v)}`);
              },
              (e: unknown) => seen("unlockedCellsWhenProtected", "refused", `write → ${describeError(e)}`),
            );
          } finally {
            sheet.protection.unprotect();
            await context.sync();
          }
        }),
      nullObjectChildren: () =>
        attempt("nullObjectChildren", () =>
          run(async (context) => {
            // A sheet that cannot exist: the check's own name with a suffix no sheet of it ever has.
            const ghost = context.workbook.worksheets.getItemOrNullObject(`${sheetName} absent`);
            // What this probe asks: a child of the null object loaded in the sync that tells it is null.
            ghost.tables.load("items/name");
            return context.sync().then(
              () => (ghost.isNullObject ? seen("nullObjectChildren", "ok", "isNullObject + tables → ok") : unexpected("nullObjectChildren", "the missing sheet exists")),
              (e: unknown) => seen("nullObjectChildren", "fails", `isNullObject + tables → ${describeError(e)}`),
            );
          }),
        ),
    };
    // One after another: a probe's commands must not interleave with another's on the same sheet.
    for (const probe of PROBE_NAMES) results.push(await probes[probe]());
  } finally {
    leftover = await removeProbes(host, sheetName);
  }
  return {
    at: new Date().toISOString(),
    platform: host.diagnostics?.platform ?? "unknown",
    version: host.diagnostics?.version ?? "unknown",
    excelApi: EXCEL_API_VERSIONS.filter((v) => supportsExcelApi(host, v)).at(-1),
    displayLanguage: host.displayLanguage,
    results,
    leftover,
  };
}

/** A probe whose own run was refused (outside the sync it decides on) reports why, and the check goes on. */
async function attempt(probe: Probe, body: () => Promise<ProbeResult>): Promise<ProbeResult> {
  try {
    return await body();
  } catch (e) {
    return { probe, kind: "failed", error: describeError(e) };
  }
}

/**
 * Compares the sheet ids MuniPlan stored in the workbook with its sheets' ids now, each sheet found as
 * MuniPlan finds it (its mark or table, see own-sheets.ts): never by a name the user may have changed,
 * nor by a stored id Excel may have given another sheet. The stored ids may be from this session (a
 * Refresh stores the ids it finds), so "kept" says only that they did not change since MuniPlan last
 * saved them.
 */
async function probeStoredIds(host: ExcelHost): Promise<ProbeResult> {
  const probe = "worksheetIdsOnReopen";
  const state = await loadState(host.run);
  const records = Object.entries(state?.sheets ?? {}) as [SheetKind, SheetRecord][];
  if (records.length === 0) return { probe, kind: "skipped", reason: "noStoredId" };
  return host.run(async (context) => {
    const wants = Object.fromEntries(
      records.map(([kind, r]) => [kind, { kind, marker: markerTable(kind), id: r.id, stored: r.name, temp: tempSheetName(kind), wanted: r.name }]),
    ) as Record<SheetKind, OwnSheet>;
    const find = queueFind(context, wants);
    await context.sync();
    const located = find.locate();
    await context.sync();
    const { found } = located.result();
    const present = records.flatMap(([kind, record]) => (found[kind] ? [{ record, now: found[kind] }] : []));
    if (present.length === 0) return { probe, kind: "skipped", reason: "sheetsGone" };
    const changed = present.filter((p) => p.now.id !== p.record.id);
    const describe = (p: (typeof present)[number]) => `${p.now.name}: ${p.record.id} → ${p.now.id}`;
    return changed.length > 0 ? seen(probe, "changed", changed.map(describe).join("; ")) : seen(probe, "kept", present.map(describe).join("; "));
  });
}

/**
 * Removes the probe sheet and any probe part. A second attempt follows a refused one, so that a
 * passing failure does not leave the sheet behind; what still stays is named for the user to delete.
 */
async function removeProbes(host: ExcelHost, sheetName: string): Promise<string | undefined> {
  const remove = () =>
    host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
      const parts = context.workbook.customXmlParts.getByNamespace(PROBE_NAMESPACE).load("items/id");
      await context.sync();
      for (const part of parts.items) part.delete();
      if (!sheet.isNullObject) {
        // Left protected when the protection probe could not unprotect it; a protected sheet may refuse deletion.
        const protection = sheet.protection.load("protected");
        await context.sync();
        if (protection.protected) protection.unprotect();
        sheet.delete();
      }
      await context.sync();
    });
  try {
    await remove().catch(remove);
    return undefined;
  } catch {
    return `${sheetName} / ${PROBE_NAMESPACE}`;
  }
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );

/**
 * The probe part's content, with what XML does not distinguish taken out (the declaration, attribute
 * order and quotes, entity spelling, `<a/>` versus `<a></a>`, whitespace between elements), so that a
 * reformatted part compares equal to the one added and a changed one does not.
 */
export function canonicalXml(xml: string): string {
  const out: string[] = [];
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let covered = 0;
  for (const m of xml.matchAll(token)) {
    // A stretch no token matched is not XML this probe wrote: nothing to compare.
    if (m.index !== covered) return `unparsed:${xml}`;
    covered += m[0].length;
    const [, close, name, attrs, selfClose, text] = m;
    if (text !== undefined) {
      if (text.trim() !== "") out.push(`T${JSON.stringify(decode(text))}`);
    } else if (name !== undefined) {
      if (close) {
        out.push(`E${name}`);
        continue;
      }
      const list = [...(attrs ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((a) => `${a[1]}=${JSON.stringify(decode(a[2] ?? a[3] ?? ""))}`);
      out.push(`S${name}[${list.sort().join(",")}]`);
      if (selfClose) out.push(`E${name}`);
    }
  }
  return covered === xml.length ? out.join("") : `unparsed:${xml}`;
}
