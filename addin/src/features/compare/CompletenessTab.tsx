import { Button, Field, Input, Text } from "@fluentui/react-components";
import type { ApiClient } from "../../../../shared/api/client.ts";
import { dueDateText } from "../../../../shared/i18n/labels.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { ReleaseControl } from "../../components/ReleaseControl.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePaneServices } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { mayEditCatalogue } from "./catalogue-form.ts";
import { TerritoryCodes } from "./ComparisonTab.tsx";
import { MemberFilter } from "./MemberFilter.tsx";
import { ReportResult } from "./ReportResult.tsx";
import { useDueDate } from "./useDueDate.ts";
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
      <TerritoryCodes members={reports.members} language={language} t={t} />
      {reports.me && mayEditCatalogue(reports.me, reports.associationId) && (
        <>
          <DueDateControl client={() => sync.client()} associationId={reports.associationId} year={form.year} language={language} t={t} />
          <ReleaseControl client={() => sync.client()} associationId={reports.associationId} year={form.year} language={language} t={t} />
        </>
      )}
    </div>
  );
}

/** The analyst's due date of the form's year: completeness tells on time, late and missing by it. */
function DueDateControl(props: { client: () => ApiClient; associationId: string; year: string; language: Language; t: Strings }) {
  const d = props.t.deadline;
  const styles = useSectionStyles();
  const due = useDueDate(props);
  const year = due.year;
  if (year === undefined) return null;
  return (
    <div className={styles.box} data-testid="due-date">
      <Text weight="semibold" block>
        {d.title}
      </Text>
      <Text size={200} block>
        {d.hint}
      </Text>
      {due.current !== undefined && (
        <Text size={200} block data-testid="due-date-status">
          {due.current ? d.current(year, dueDateText(due.current.dueOn, props.language)) : d.none(year)}
        </Text>
      )}
      <div className={styles.row}>
        <Field label={d.label(year)} className={styles.grow}>
          <Input type="date" value={due.draft} onChange={(_, v) => due.setDraft(v.value)} />
        </Field>
        <Button onClick={() => due.save(year)} disabled={due.busy || !due.draft || !props.associationId}>
          {d.save}
        </Button>
        {due.current && (
          <Button onClick={() => due.clear(year)} disabled={due.busy}>
            {d.clear}
          </Button>
        )}
      </div>
      <ActionResult id="dueDate" t={props.t} language={props.language} />
    </div>
  );
}
