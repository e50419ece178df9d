/**
 * The behaviours of Excel that Microsoft's documentation leaves unsettled (see
 * ../shared/platform-facts.md, "Real Excel versus a fake host"), each with its two settings. The
 * fake host plays either; CI runs every add-in and e2e test under both profiles, so the adapter must
 * be right whichever one a user's Excel turns out to have.
 */
export interface ExcelBehaviour {
  /** A string starting with ' written through `values` into a Text (@) cell: the ' is consumed as a
   *  quote prefix ("consumed") or kept as a character of the text ("kept"). In General cells it is
   *  always consumed (documented). */
  quoteInTextCell: "consumed" | "kept";
  /** CR in text written through `values`: "kept" as written, or "normalized" (CRLF and lone CR read
   *  back as LF). */
  carriageReturn: "kept" | "normalized";
  /** `reopen()` (save and reopen the file): worksheet ids "kept" or "changed". */
  worksheetIdsOnReopen: "kept" | "changed";
  /** `Range.ungroup` on a range with no outline: "ok" (no-op) or "fails" (InvalidOperation). */
  ungroupWithoutOutline: "ok" | "fails";
  /** Setting `dataValidation.rule` on a range that already has a rule: "replaces" or "fails"
   *  (InvalidOperation; the caller must `dataValidation.clear()` first). */
  secondValidationRule: "replaces" | "fails";
  /** `=…` written through `values` (not `formulas`) on a host whose locale uses ; as list separator:
   *  "invariant" (parsed as English syntax, like `formulas`) or "localized" (parsed in the user's
   *  locale: an English formula with commas fails with InvalidArgument). `formulas` is always English. */
  formulaThroughValues: "invariant" | "localized";
  /** Custom XML read back with `getXml()`: "exact" as added, or "reformatted" (the XML declaration
   *  rewritten, attributes re-quoted/reordered, insignificant whitespace changed; same infoset). */
  customXmlRoundTrip: "exact" | "reformatted";
  /** On a protected sheet, API writes to UNLOCKED cells: "allowed" or "refused" (AccessDenied, as for
   *  locked cells). Writes to locked cells are always refused. */
  unlockedCellsWhenProtected: "allowed" | "refused";
  /** Loading a child (e.g. `sheet.tables`, a range of the sheet) of a `*OrNullObject` proxy in the same
   *  sync as its `isNullObject` check when it IS null: "ok" (child reads as empty/null) or "fails"
   *  (InvalidObjectPath rejects the sync). */
  nullObjectChildren: "ok" | "fails";
  /** Highest ExcelApi requirement set the host supports, e.g. "1.17" (default) or "1.9" (an older
   *  host). A member above it fails at sync with ApiNotFound; `isSetSupported` answers accordingly. */
  excelApi: string;
}

/** The second setting of every switch, on the manifest's minimum ExcelApi. */
const SECOND: ExcelBehaviour = {
  quoteInTextCell: "kept",
  carriageReturn: "normalized",
  worksheetIdsOnReopen: "changed",
  ungroupWithoutOutline: "fails",
  secondValidationRule: "fails",
  formulaThroughValues: "localized",
  customXmlRoundTrip: "reformatted",
  unlockedCellsWhenProtected: "refused",
  nullObjectChildren: "fails",
  excelApi: "1.9",
};

/** The profiles CI runs every add-in and e2e test under: "a" takes the first setting of every switch,
 *  "b" the second. The add-in suite also runs under "c": b's switches on a host with outlines (ExcelApi
 *  1.17), since on b's older host MuniPlan builds no outline and so never meets an ungroup that fails. */
export const EXCEL_PROFILES: Record<"a" | "b" | "c", ExcelBehaviour> = {
  a: {
    quoteInTextCell: "consumed",
    carriageReturn: "kept",
    worksheetIdsOnReopen: "kept",
    ungroupWithoutOutline: "ok",
    secondValidationRule: "replaces",
    formulaThroughValues: "invariant",
    customXmlRoundTrip: "exact",
    unlockedCellsWhenProtected: "allowed",
    nullObjectChildren: "ok",
    excelApi: "1.17",
  },
  b: SECOND,
  c: { ...SECOND, excelApi: "1.17" },
};

/** The profile chosen by process.env.MUNIPLAN_EXCEL_PROFILE (Node, workerd) or
 *  globalThis.MUNIPLAN_EXCEL_PROFILE (a page), "a" when unset. */
export function currentProfile(): ExcelBehaviour {
  const g = globalThis as { MUNIPLAN_EXCEL_PROFILE?: string; process?: { env?: Record<string, string | undefined> } };
  const name = g.process?.env?.MUNIPLAN_EXCEL_PROFILE ?? g.MUNIPLAN_EXCEL_PROFILE ?? "a";
  if (name !== "a" && name !== "b" && name !== "c") throw new Error(`MUNIPLAN_EXCEL_PROFILE must be "a", "b" or "c", not "${name}"`);
  return { ...EXCEL_PROFILES[name] };
}

/** Compares requirement-set versions as Office does ("1.10" is above "1.9"). */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
