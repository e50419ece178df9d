import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import type { Strings } from "../../strings.ts";
import { NameTakenBar } from "./NameTakenBar.tsx";
import type { Reports } from "./useReports.ts";

/** Under a report's buttons: what the build did, or the sheet name to choose instead of a taken one. */
export function ReportResult(props: { reports: Reports; language: Language; t: Strings }) {
  const { reports } = props;
  return (
    <>
      <ActionResult id="report" t={props.t} language={props.language} />
      {reports.taken && <NameTakenBar key={reports.taken.name} taken={reports.taken} busy={reports.busy} onCancel={reports.cancelTaken} t={props.t} />}
    </>
  );
}
