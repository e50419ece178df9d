import { type ExcelRun, connectExcel } from "../excel/host.ts";
import { type SelectedCell, type SelectionFeed, readSelection, selectionFeed } from "../excel/selection.ts";

/** The selection as the history section takes it: read on request, and followed where Excel reports changes. */
export interface SelectionSource {
  read(): Promise<SelectedCell>;
  feed(): Promise<SelectionFeed>;
}

const sources = new WeakMap<ExcelRun, SelectionSource>();

/**
 * Binds the selection adapter to the pane's Excel (`usePaneServices().excel.run`), once per host: the
 * selection feed registers one Excel handler for the pane's lifetime. Which requirement sets the host has
 * comes from Office (or the test host) as at start-up. It sits beside App, which binds the adapter's
 * other parts into PaneExcel, as the sections may not import addin/excel themselves.
 */
export function selectionSource(run: ExcelRun): SelectionSource {
  let source = sources.get(run);
  if (!source) {
    let feed: Promise<SelectionFeed> | undefined;
    source = { read: () => readSelection(run), feed: () => (feed ??= connectExcel().then((host) => selectionFeed(run, host))) };
    sources.set(run, source);
  }
  return source;
}
