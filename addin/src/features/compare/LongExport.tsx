import { Button, Field, Input, Select, Text } from "@fluentui/react-components";
import { useState } from "react";
import { LONG_XLSX_MAX_ROWS } from "../../../../shared/export/long.ts";
import { entryName } from "../../../../shared/layout/comparison.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { saveFile } from "./save-file.ts";
import type { Reports } from "./useReports.ts";

/**
 * The association's data in long format (worker/src/routes/long-export.ts), saved as a file for
 * statistics offices' tools: every indicator or one, all years or a range. It is a download, not a
 * sheet: the whole association is 675,000 rows at the largest, more than a workbook should be asked to
 * take through the pane. Excel for Mac saves no file from an add-in (save-file.ts), which the hint says.
 */

const year = (s: string) => (/^\d{4}$/.test(s.trim()) ? Number(s.trim()) : undefined);

export function LongExport(props: { reports: Reports; language: Language; t: Strings }) {
  const { reports, language, t } = props;
  const l = t.longExport;
  const styles = useSectionStyles();
  const { sync } = usePaneServices();
  const action = useAction("longExport", { readOnly: true });
  const [code, setCode] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");

  const run = (format: "csv" | "xlsx") =>
    action.run(async ({ signal }) => {
      const file = await sync.client(signal).exportObservations(reports.associationId, format, { code: code || undefined, from: year(from), to: year(to), lang: language });
      saveFile(file);
      return l.saved(file.filename, (file.blob.size / 1024).toLocaleString(language, { maximumFractionDigits: 1 }));
    });

  return (
    <div className={styles.box} data-testid="long-export">
      <Text weight="semibold">{l.title}</Text>
      <Text block size={200}>
        {l.intro}
      </Text>
      <Field label={l.indicator}>
        <Select className={styles.fit} value={code} onChange={(_, d) => setCode(d.value)} aria-label={l.indicator}>
          <option value="">{l.allIndicators}</option>
          {reports.entries?.map((e) => (
            <option key={e.code} value={e.code}>
              {e.code} — {entryName(e, language)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Field label={l.from} className={styles.grow}>
          <Input type="number" value={from} onChange={(_, d) => setFrom(d.value)} aria-label={l.from} />
        </Field>
        <Field label={l.to} className={styles.grow}>
          <Input type="number" value={to} onChange={(_, d) => setTo(d.value)} aria-label={l.to} />
        </Field>
      </div>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => run("csv")} disabled={action.busy || !reports.association} data-testid="long-export-csv">
          {l.csv}
        </Button>
        <Button onClick={() => run("xlsx")} disabled={action.busy || !reports.association} data-testid="long-export-xlsx">
          {l.xlsx}
        </Button>
      </div>
      <ActionResult id="longExport" t={t} language={language} />
      <Text block size={200}>
        {l.hint(LONG_XLSX_MAX_ROWS.toLocaleString(language))}
      </Text>
    </div>
  );
}
