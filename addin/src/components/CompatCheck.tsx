import { Button, MessageBar, MessageBarBody, Spinner, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { CompatReport } from "../../excel/compat.ts";
import type { Language } from "../../../shared/model/plan.ts";
import { usePaneServices } from "../state/pane.tsx";
import { useAction } from "../state/useAction.ts";
import type { Strings } from "../strings.ts";
import { ActionResult } from "./ActionResult.tsx";
import { reportText } from "./compat-report.ts";
import { CompatResults } from "./CompatResults.tsx";
import { useScrolledIntoView } from "./scrolled-into-view.ts";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
});

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
          <CompatResults report={report} t={t} ref={results} />
        </>
      )}
    </section>
  );
}
