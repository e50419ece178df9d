import { Link, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useState } from "react";
import type { Language, PlanDocument } from "../../shared/model/plan.ts";
import type { ExcelHost, ExcelRun } from "../excel/host.ts";
import { IndicatorsGuard } from "../excel/indicators-guard.ts";
import { readSelection, selectionFeed } from "../excel/selection.ts";
import { SheetNameTaken } from "../excel/sheets.ts";
import { isNamedError } from "./errors.ts";
import { Pane } from "./features/pane/Pane.tsx";
import type { Section } from "./features/pane/sections.ts";
import type { PlanSession } from "./session.ts";
import { type PaneServices, PaneProvider } from "./state/pane.tsx";
import { PaneStore } from "./state/store.ts";
import type { SyncController } from "./sync.ts";
import type { Strings } from "./strings.ts";

export { SECTIONS, type Section } from "./features/pane/sections.ts";

// The reports and the kept connection (their schemas, the report layouts) are downloaded when first used,
// not with the pane's first screen (tests/unit/first-load.test.ts).
const reportsState = () => import("../excel/reports-state.ts");
const reports = () => import("../excel/reports.ts");
const roundReport = () => import("../excel/round-report.ts");

/** The task pane: sections over one plan session and one store, Excel handed to them through context. */
export function App(props: {
  session: PlanSession;
  sync: SyncController;
  /** Excel for what lives beside the plan: the analyst's reports, a plan-less workbook's connection. */
  run: ExcelRun;
  /** What Office says about itself (diagnostics, requirement sets), for the help's Excel check. */
  excel?: Omit<ExcelHost, "run">;
  /** Where the shared store is, by default (the pane's own origin in production). */
  defaultServer: string;
  /** The language the pane opens in, its words already loaded. */
  initial: { language: Language; t: Strings };
  initialSection: Section;
  example: () => Promise<PlanDocument>;
}) {
  // Made once: the pane's services live as long as the pane.
  const [services] = useState<PaneServices>(() => ({
    store: new PaneStore(),
    session: props.session,
    sync: props.sync,
    excel: {
      run: props.run,
      // Platform, version and requirement sets come with the host, when Office gave them. The probes
      // are downloaded with the help that runs them, not with the pane.
      checkExcel: async () => (await import("../excel/compat.ts")).runCompatCheck({ ...props.excel, run: props.run }),
      connection: {
        load: async () => (await reportsState()).connectionStore(props.run).load(),
        save: async (connection) => (await reportsState()).connectionStore(props.run).save(connection),
      },
      reports: {
        load: async () => (await reportsState()).loadReports(props.run),
        writeComparison: async (response, query, known, name) => (await reports()).writeComparison(props.run, response, query, known, name),
        writeCompleteness: async (response, query, known, name) => (await reports()).writeCompleteness(props.run, response, query, known, name),
        takenName: (error) => (isNamedError(error, "ReportNameTaken") ? error.sheetName : undefined),
      },
      writeRoundReport: async (grid, year) => {
        const round = await roundReport();
        return round.writeRoundReport(props.run, grid, year, await round.loadRoundReports(props.run));
      },
      takenNames: (error) => (error instanceof SheetNameTaken ? error.taken : undefined),
      // Whether Excel reports selection changes comes from Office (or the test host) as at start-up.
      selection: { read: () => readSelection(props.run), feed: selectionFeed(props.run, props.excel) },
      selectedValues: async () => (await import("../excel/adopt-range.ts")).readSelectedValues(props.run),
    },
    // A monitor's Indicators sheet is protected between the pane's actions, never during them: MuniPlan rewrites it.
    around: new IndicatorsGuard(props.run, () => props.session.state?.sheets.indicators?.id),
    defaultServer: props.defaultServer,
    example: props.example,
  }));
  return (
    <PaneProvider services={services}>
      <Pane initial={props.initial} initialSection={props.initialSection} />
    </PaneProvider>
  );
}

/** What the pane shows outside Excel: a plain browser cannot hold a workbook. */
export function OutsideExcel(props: { t: Strings }) {
  const { t } = props;
  return (
    <main style={{ padding: 16, maxWidth: 640 }}>
      <MessageBar intent="warning" layout="multiline" data-testid="outside-excel">
        <MessageBarBody>
          <MessageBarTitle>{t.outsideTitle}</MessageBarTitle>
          {t.outsideBody} <Link href="help.html">MuniPlan</Link>
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}
