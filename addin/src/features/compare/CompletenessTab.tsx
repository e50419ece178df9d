import { Button, Field, Input, Text } from "@fluentui/react-components";
import type { Language } from "../../../../shared/model/plan.ts";
import { ReleaseControl } from "../../components/ReleaseControl.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePaneServices } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { mayEditCatalogue } from "./catalogue-form.ts";
import { MemberFilter } from "./MemberFilter.tsx";
import { ReportResult } from "./ReportResult.tsx";
import type { Reports } from "./useReports.ts";

/** The completeness sheet of a year, and the release of that year to the members. */
export function CompletenessTab(props: { reports: Reports; language: Language; t: Strings }) {
  const { reports, language, t } = props;
  const { form, set, kept } = reports;
  const c = t.compare;
  const styles = useSectionStyles();
  const { sync } = usePaneServices();
  return (
    <div className={styles.box}>
      <Field label={c.year}>
        <Input type="number" value={form.year} onChange={(_, d) => set("year", d.value)} aria-label={c.year} />
      </Field>
      <MemberFilter reports={reports} language={language} t={t} />
      <div className={styles.row}>
        <Button appearance="primary" onClick={reports.buildCompleteness} disabled={reports.busy || !reports.association}>
          {c.buildCompleteness}
        </Button>
        <Button onClick={() => kept.completeness && reports.refresh(kept.completeness)} disabled={reports.busy || !kept.completeness}>
          {c.refreshCompleteness}
        </Button>
      </div>
      <ReportResult reports={reports} language={language} t={t} />
      {kept.completeness && <Text size={200}>{c.kept(kept.completeness.sheet.name)}</Text>}
      {reports.me && mayEditCatalogue(reports.me, reports.associationId) && (
        <ReleaseControl client={() => sync.client()} associationId={reports.associationId} year={form.year} language={language} t={t} />
      )}
    </div>
  );
}
