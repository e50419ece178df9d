import { type ReactNode, createContext, useContext, useSyncExternalStore } from "react";
import type { ComparisonResponse, CompletenessResponse } from "../../../shared/api/compare.ts";
import type { SheetKind } from "../../../shared/layout/grid.ts";
import type { RoundReportGrid } from "../../../shared/layout/round-report.ts";
import type { PlanDocument } from "../../../shared/model/plan.ts";
import type { CompatReport } from "../../excel/compat.ts";
import type { ExcelRun } from "../../excel/host.ts";
import type { ComparisonReport, CompletenessReport, ReportQuery, ReportRecord, SheetRef } from "../../excel/reports-state.ts";
import type { SelectedValues } from "../../excel/adopt-range.ts";
import type { SelectedCell, SelectionFeed } from "../../excel/selection.ts";
import type { PlanSession } from "../session.ts";
import type { PendingStore, SyncController } from "../sync.ts";
import { type Permissions, permissions } from "./roles.ts";
import type { PaneState, PaneStore } from "./store.ts";

/**
 * What the pane works with, provided once by App: the store, the plan session and sync over the
 * workbook, and the Excel adapter. Sections take Excel from here, never from addin/excel, so a
 * test or another host can hand them another.
 */
export interface PaneServices {
  store: PaneStore;
  session: PlanSession;
  sync: SyncController;
  /** The Excel adapter's parts the sections use beside the plan session. */
  excel: PaneExcel;
  /**
   * Runs around every action: a monitor's Indicators sheet is unprotected only while the pane writes
   * it; `protectFor` says which years a monitor may fill (undefined for others).
   */
  around: { lift(): Promise<void>; apply(): Promise<void>; protectFor(years: readonly number[] | undefined): void };
  /** Where the shared store is, by default (the pane's own origin in production). */
  defaultServer: string;
  /** The example plan, loaded only when asked for so that it stays out of the first download. */
  example: () => Promise<PlanDocument>;
}

/** Excel as the sections see it: App binds addin/excel's functions to the workbook and hands them in. */
export interface PaneExcel {
  /** Excel for what lives beside the plan (reports, round reports). */
  run: ExcelRun;
  /** "Check this Excel": the probes run in the user's Excel (addin/excel/compat.ts). */
  checkExcel(): Promise<CompatReport>;
  /** Where a workbook with no plan keeps its connection to the store. */
  connection: PendingStore;
  /** The analyst's report sheets: those this workbook has built, and writing one (in place when known). */
  reports: {
    load(): Promise<KeptReports>;
    writeComparison(response: ComparisonResponse, query: ReportQuery<ComparisonReport>, known?: SheetRef, name?: string): Promise<{ record: ComparisonReport }>;
    writeCompleteness(response: CompletenessResponse, query: ReportQuery<CompletenessReport>, known?: SheetRef, name?: string): Promise<{ record: CompletenessReport }>;
    /** The sheet name a write found taken by a sheet that is not MuniPlan's, when that is why it failed. */
    takenName(error: unknown): string | undefined;
  };
  /** Writes (or rebuilds in place) the report sheet of a monitoring year. */
  writeRoundReport(grid: RoundReportGrid, year: number): Promise<{ sheet: { name: string } }>;
  /** The sheet names a write found taken by sheets that are not MuniPlan's, when that is why it failed. */
  takenNames(error: unknown): { kind: SheetKind; name: string }[] | undefined;
  /** The selected cell, for the history section. */
  selection: SelectionSource;
  /** The used part of the selected range, for adopting a plan (addin/excel/adopt-range.ts, downloaded on first use). */
  selectedValues(): Promise<SelectedValues>;
}

/** The selection as the history section takes it: read on request, and followed where Excel reports changes. */
export interface SelectionSource {
  read(): Promise<SelectedCell>;
  /** One feed for the pane's lifetime: it registers Excel's handler once, at its first subscriber. */
  feed: SelectionFeed;
}

/** The reports this workbook has built, as addin/excel keeps them. */
export type KeptReports = { comparison?: ComparisonReport; completeness?: CompletenessReport };
export type { ComparisonReport, CompletenessReport, ReportQuery, ReportRecord };

const PaneContext = createContext<PaneServices | undefined>(undefined);

export function PaneProvider(props: { services: PaneServices; children: ReactNode }) {
  return <PaneContext.Provider value={props.services}>{props.children}</PaneContext.Provider>;
}

export function usePaneServices(): PaneServices {
  const services = useContext(PaneContext);
  if (!services) throw new Error("usePaneServices outside PaneProvider");
  return services;
}

/** A part of the pane's state; `select` returns a part of the snapshot or a primitive, never a new object. */
export function usePane<T>(select: (state: PaneState) => T): T {
  const { store } = usePaneServices();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}

/** What the connected role may do here (state/roles.ts), for the navigation and the sections alike. */
export function usePermissions(): Permissions {
  const me = usePane((s) => s.me);
  const workbook = usePane((s) => s.workbook);
  return permissions(me, workbook);
}
