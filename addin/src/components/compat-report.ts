import type { CompatReport, ProbeResult } from "../../excel/compat.ts";
import type { Strings } from "../strings.ts";

type Words = Strings["compat"];

/** What one probe's row says: the outcome in words, and whether MuniPlan handles it (undefined: nothing to handle). */
export function describeResult(r: ProbeResult, t: Words): { outcome: string; text: string; observed?: string; handled?: boolean } {
  switch (r.kind) {
    case "seen":
      return { outcome: r.outcome, text: (t.outcomes[r.probe] as Record<string, string>)[r.outcome]!, observed: r.observed, handled: true };
    case "unexpected":
      return { outcome: "unexpected", text: t.unexpected, observed: r.observed, handled: false };
    case "skipped":
      return { outcome: `skipped (${r.reason})`, text: t.skipped[r.reason] };
    case "failed":
      return { outcome: "failed", text: t.failed(r.error) };
  }
}

/**
 * The report as plain text, for the user to send: the pane's words for people, and each probe's name
 * and outcome as the strict test host names them, so whoever reads it can set the host to match.
 */
export function reportText(report: CompatReport, t: Words): string {
  const lines = [t.reportTitle, report.at, t.excel(report.platform, report.version)];
  if (report.excelApi) lines.push(t.excelApi(report.excelApi));
  if (report.displayLanguage) lines.push(report.displayLanguage);
  for (const r of report.results) {
    const d = describeResult(r, t);
    const mark = d.handled === undefined ? "" : ` [MuniPlan: ${d.handled ? t.handled : t.notHandled}]`;
    lines.push("", t.probes[r.probe], `  ${r.probe} = ${d.outcome}: ${d.text}${mark}`);
    if (d.observed) lines.push(`  ${d.observed}`);
  }
  if (report.leftover) lines.push("", t.leftover(report.leftover));
  return lines.join("\n");
}
