import { useEffect, useEffectEvent, useState } from "react";
import type { CatalogueEntry } from "../../../../shared/api/catalogue.ts";
import type { Member } from "../../../../shared/api/compare.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { type ComparisonReport, type CompletenessReport, type KeptReports, type ReportQuery, type ReportRecord, usePaneServices } from "../../state/pane.tsx";
import type { ActionControl } from "../../state/progress.ts";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { useMe } from "../sync/useConnection.ts";
import { sortEntries } from "./catalogue-form.ts";
import { type CompareForm, comparisonParams, completenessParams, defaultForm, formFromReports } from "../../sections/compare-form.ts";

/**
 * The association analyst's reports: a comparison sheet with its chart and a completeness sheet,
 * built in this workbook from the store and refreshed in place. Data is fetched before any Excel.run.
 */
export function useReports(language: Language, t: Strings) {
  const c = t.compare;
  const { sync, excel, store } = usePaneServices();
  const me = useMe();
  const [kept, setKept] = useState<KeptReports>({});
  const [picked, setAssociationId] = useState("");
  const [entries, setEntries] = useState<CatalogueEntry[]>();
  const [form, setForm] = useState<CompareForm>(defaultForm);
  const [members, setMembers] = useState<Member[]>([]);
  const [taken, setTaken] = useState<{ name: string; retry: (name: string) => Promise<void> }>();
  const load = useAction("compare");
  const report = useAction("report");
  // The association asked for, or the token's first when it reaches no such association.
  const associationId = me?.associations.some((a) => a.id === picked) ? picked : (me?.associations[0]?.id ?? "");
  const association = me?.associations.find((a) => a.id === associationId);

  // Once, when the section opens: the reports this workbook has built, and who a kept connection is.
  const open = useEffectEvent(() =>
    load.run(async () => {
      const reports = await excel.reports.load();
      setKept(reports);
      setForm(formFromReports(reports));
      setAssociationId(reports.comparison?.associationId ?? reports.completeness?.associationId ?? "");
      // A workbook connected before (by its plan, or kept for a workbook with no plan) needs no new token.
      if (sync.connection()) {
        const who = await sync.me();
        store.update((s) => ({ ...s, me: who }));
      }
    }),
  );
  useEffect(() => {
    void open();
  }, []);

  // One list for the Comparison tab and the Catalogue tab, so a change in the catalogue is offered at once.
  const loadCatalogue = async () => {
    const list = sortEntries((await sync.client().catalogue(associationId)).entries);
    setEntries(list);
    return list;
  };
  // Read again when the association or the connection changes.
  const reloadCatalogue = useEffectEvent(() => {
    setEntries(undefined);
    void load.run(async () => {
      await loadCatalogue();
    });
  });
  useEffect(() => {
    if (me && associationId) reloadCatalogue();
  }, [me, associationId]);

  /** Writes a fetched report; a taken sheet name asks for another and writes the same data then. */
  const deliver = async <R extends ReportRecord>(write: (name?: string) => Promise<{ record: R }>, message: (record: R) => string): Promise<string | void> => {
    const attempt = async (name?: string) => {
      try {
        const { record } = await write(name);
        setTaken(undefined);
        setKept((k) => ({ ...k, [record.kind]: record }));
        return message(record);
      } catch (e) {
        const sheetName = excel.reports.takenName(e);
        if (sheetName === undefined) throw e;
        setTaken({ name: sheetName, retry: async (n) => void (await report.run(() => attempt(n))) });
      }
    };
    return attempt();
  };

  /**
   * The store first, outside any Excel.run (cancellable: nothing is written yet); then the sheet, which
   * is rebuilt in place and so is not stopped once begun.
   */
  const fetched = async <T,>(control: ActionControl, ask: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    control.steps.plan(2);
    control.steps.next((w) => w.feedback.steps.ask, { ifCancelled: (w) => w.feedback.ifCancelled.nothingWritten });
    const response = await ask(control.signal);
    control.steps.next((w) => w.feedback.steps.writeSheet, { cancellable: false });
    return response;
  };
  const comparison = async (control: ActionControl, query: ReportQuery<ComparisonReport>, known?: ComparisonReport["sheet"]) => {
    const response = await fetched(control, (signal) => sync.client(signal).comparison(query.associationId, query.params));
    setMembers(response.members);
    return deliver(
      (name) => excel.reports.writeComparison(response, query, known, name),
      (r) => c.built(r.sheet.name, response.members.length, response.indicators.length),
    );
  };
  const completeness = async (control: ActionControl, query: ReportQuery<CompletenessReport>, known?: CompletenessReport["sheet"]) => {
    const response = await fetched(control, (signal) => sync.client(signal).completeness(query.associationId, query.params));
    setMembers(response.rows);
    return deliver(
      (name) => excel.reports.writeCompleteness(response, query, known, name),
      (r) => c.builtCompleteness(r.sheet.name, response.rows.length),
    );
  };

  const asked = { associationId, associationName: association?.name ?? "", language };
  return {
    me,
    kept,
    form,
    set: <K extends keyof CompareForm>(key: K, value: CompareForm[K]) => setForm((f) => ({ ...f, [key]: value })),
    members,
    entries,
    setEntries,
    loadCatalogue,
    associationId,
    association,
    setAssociationId,
    taken,
    cancelTaken: () => setTaken(undefined),
    busy: report.busy,
    buildComparison: () =>
      report.run((control) =>
        comparison(control, { kind: "comparison", ...asked, params: comparisonParams(form), chart: { kind: form.chart, communities: form.communities } }, kept.comparison?.sheet),
      ),
    buildCompleteness: () => report.run((control) => completeness(control, { kind: "completeness", ...asked, params: completenessParams(form) }, kept.completeness?.sheet)),
    // Refresh asks again exactly what the report was built with, whatever the form says now.
    refresh: (record: ReportRecord) =>
      report.run((control) => {
        const { sheet, ...query } = record;
        return query.kind === "comparison" ? comparison(control, query, sheet) : completeness(control, query, sheet);
      }),
  };
}

export type Reports = ReturnType<typeof useReports>;
