/**
 * The one door to Office.js: `Excel.run` in Excel, or the fake host a test injects (never shipped:
 * the bundle only looks for it on `window`). Components receive these functions, never Office.js.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHost {
  run: ExcelRun;
  /** Office's display language, e.g. "uk-UA", for the pane's default language. */
  displayLanguage?: string;
}

declare global {
  interface Window {
    /** Set by end-to-end tests before the pane loads, in place of Excel. */
    muniplanTestHost?: ExcelHost;
  }
}

/** Resolves with the host the pane runs in, or undefined outside Excel (a plain browser). */
export function connectExcel(): Promise<ExcelHost | undefined> {
  return new Promise((resolve) => {
    if (typeof Office === "undefined") {
      resolve(window.muniplanTestHost);
      return;
    }
    void Office.onReady((info) => {
      if (info.host === Office.HostType.Excel)
        resolve({ run: (batch) => Excel.run(batch), displayLanguage: Office.context.displayLanguage });
      else resolve(window.muniplanTestHost);
    });
  });
}
