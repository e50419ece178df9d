/**
 * The one door to Office.js: `Excel.run` in Excel, or the fake host a test injects (never shipped:
 * the bundle only looks for it on `window`). Components receive these functions, never Office.js.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHost {
  run: ExcelRun;
  /** Office's display language, e.g. "uk-UA", for the pane's default language. */
  displayLanguage?: string;
  /**
   * Whether the host supports a requirement set, e.g. ("ExcelApi", "1.10"): Office's
   * `requirements.isSetSupported`. Members above the manifest's ExcelApi 1.9 are used only where it says
   * so; a host that cannot say is taken to have the manifest's minimum.
   */
  isSetSupported?: (name: string, minVersion?: string) => boolean;
  /** Excel's platform and version (`Office.context.diagnostics`), for reports of what a host does. */
  diagnostics?: { platform: string; version: string };
}

/** Whether `host` supports ExcelApi `version` (false when it cannot say: the manifest asks only for 1.9). */
export const supportsExcelApi = (host: Pick<ExcelHost, "isSetSupported"> | undefined, version: string): boolean =>
  host?.isSetSupported?.("ExcelApi", version) ?? false;

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
        resolve({
          run: (batch) => Excel.run(batch),
          displayLanguage: Office.context.displayLanguage,
          isSetSupported: (name, minVersion) => Office.context.requirements.isSetSupported(name, minVersion),
          diagnostics: { platform: String(Office.context.diagnostics.platform), version: Office.context.diagnostics.version },
        });
      else resolve(window.muniplanTestHost);
    });
  });
}
