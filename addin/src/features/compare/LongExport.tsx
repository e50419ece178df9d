import { Button, Field, Input, Select, Text } from "@fluentui/react-components";
import { useState } from "react";
import { ApiError, queryString, Unreachable } from "../../../../shared/api/client.ts";
import { LONG_XLSX_MAX_ROWS } from "../../../../shared/export/long.ts";
import { entryName } from "../../../../shared/layout/comparison.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { browserTokenStore } from "../../credentials.ts";
import { usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import type { Reports } from "./useReports.ts";

/**
 * The association's data in long format (worker/src/routes/long-export.ts), saved as a file for
 * statistics offices' tools: every indicator or one, all years or a range. It is a download, not a
 * sheet: the whole association is 675,000 rows at the largest, more than a workbook should be asked to
 * take through the pane. Saving from the pane works in Excel on the web and for Windows; Excel for Mac
 * saves no file from an add-in (OfficeDev/office-js#2700, by design), which the hint says.
 */

/** The export as the connected token downloads it: the bytes, and the name the server gives the file. */
async function downloadExport(server: string, token: string, path: string, signal: AbortSignal): Promise<{ blob: Blob; filename: string }> {
  let res: Response;
  try {
    res = await fetch(`${server.replace(/\/+$/, "")}${path}`, { headers: { authorization: `Bearer ${token}` }, signal });
  } catch (e) {
    throw new Unreachable(e);
  }
  if (!res.ok) {
    // The API's refusal as the pane's client reports it, so the pane words it the same way (errors.ts);
    // its schema is loaded only for a refusal, as the client loads its own.
    const { ErrorBody } = await import("../../../../shared/api/errors.ts");
    const body = ErrorBody.safeParse(await res.json().catch(() => null));
    if (body.success) throw new ApiError(res.status, body.data.error.code, body.data.error.message, body.data.error.field);
    throw new ApiError(res.status, "unreadable_response", `The server answered ${res.status}`, null);
  }
  const filename = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "observations";
  return { blob: await res.blob(), filename };
}

/** Hands the bytes to the browser's download, under `filename`. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the bytes once the click is handled; the URL is kept a while for a slow save dialog.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const year = (s: string) => (/^\d{4}$/.test(s.trim()) ? s.trim() : undefined);

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
      // The pane's client refuses first when no token is connected, with the pane's own next step.
      sync.client(signal);
      const { server, clientId } = sync.connection()!;
      const token = browserTokenStore().get(server, clientId)!;
      const query = queryString({ code: code || undefined, from: year(from), to: year(to), lang: language });
      const path = `/v1/associations/${encodeURIComponent(reports.associationId)}/exports/observations.${format}${query}`;
      const { blob, filename } = await downloadExport(server, token, path, signal);
      save(blob, filename);
      return l.saved(filename, (blob.size / 1024).toLocaleString(language, { maximumFractionDigits: 1 }));
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
