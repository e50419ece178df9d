import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { CompatReport, ProbeResult } from "../../excel/compat.ts";
import type { Language } from "../../../shared/model/plan.ts";
import { usePaneServices } from "../state/pane.tsx";
import { useAction } from "../state/useAction.ts";
import type { Strings } from "../strings.ts";
import { ActionResult } from "./ActionResult.tsx";
import { useScrolledIntoView } from "./scrolled-into-view.ts";

type Words = Strings["compat"];

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  // What Excel gave back or said can be one long token (an XML part, an error): it wraps anywhere rather than widen the pane.
  cell: { verticalAlign: "top", paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS, overflowWrap: "anywhere" },
  observed: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  mark: { width: "88px", paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS, overflowWrap: "normal" },
});

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

/** Copies through the Clipboard API, or the older way where a webview refuses it (or has none). */
async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand("copy");
    } finally {
      area.remove();
    }
  }
}

/** "Check this Excel": runs the probes in the user's Excel and shows what it did, with a report to copy. */
export function CompatCheck(props: { strings: Strings; language: Language }) {
  const t = props.strings.compat;
  const styles = useStyles();
  const { excel } = usePaneServices();
  const compat = useAction("compat");
  const running = compat.busy;
  const [report, setReport] = useState<CompatReport>();
  const [copied, setCopied] = useState<boolean>();
  const results = useScrolledIntoView<HTMLTableElement>(report);

  const check = () => {
    setCopied(undefined);
    return compat.run(async () => setReport(await excel.checkExcel()));
  };

  return (
    <section className={styles.box} data-testid="compat">
      <Text weight="semibold">{t.title}</Text>
      <Text block>{t.intro}</Text>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void check()} disabled={running} data-testid="compat-run">
          {t.run}
        </Button>
        {report && (
          <Button onClick={() => void copyToClipboard(reportText(report, t)).then(setCopied)} data-testid="compat-copy">
            {t.copy}
          </Button>
        )}
        {running && <Spinner size="tiny" label={t.running} />}
        {copied && (
          <Text role="status" data-testid="compat-copied">
            {t.copied}
          </Text>
        )}
      </div>
      <ActionResult id="compat" t={props.strings} language={props.language} />
      {copied === false && report && (
        <>
          <Text block>{t.copyFailed}</Text>
          <Textarea readOnly value={reportText(report, t)} rows={8} aria-label={t.copy} />
        </>
      )}
      {report && (
        <>
          <Text block data-testid="compat-excel">
            {t.excel(report.platform, report.version)}
            {report.excelApi && ` · ${t.excelApi(report.excelApi)}`}
          </Text>
          {report.leftover && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{t.leftover(report.leftover)}</MessageBarBody>
            </MessageBar>
          )}
          <Table ref={results} size="small" aria-label={t.resultsLabel} data-testid="compat-results">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.columns.probe}</TableHeaderCell>
                <TableHeaderCell className={styles.mark}>{t.columns.handled}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.results.map((r) => {
                const d = describeResult(r, t);
                return (
                  <TableRow key={r.probe} data-probe={r.probe} data-outcome={d.outcome}>
                    <TableCell className={styles.cell}>
                      <Text block weight="semibold">
                        {t.probes[r.probe]}
                      </Text>
                      <Text block>
                        <code>{d.outcome}</code> {d.text}
                      </Text>
                      {d.observed && (
                        <Caption1 block className={styles.observed}>
                          {t.columns.result}: {d.observed}
                        </Caption1>
                      )}
                    </TableCell>
                    <TableCell className={mergeClasses(styles.cell, styles.mark)}>
                      {d.handled === undefined ? "—" : d.handled ? `✓ ${t.handled}` : `✗ ${t.notHandled}`}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
