import type { ExcelRun } from "./host.ts";
import { markerTable, queueFind, tempSheetName } from "./own-sheets.ts";
import { SheetProtected } from "./sheets.ts";

/**
 * What a monitor may change on a protected Indicators sheet: only unlocked cells (the value and notes
 * cells of the years whose round is open or returned); no formats, rows, columns or objects. No
 * password: it is a guide for the committee, the server enforces the rule on push.
 */
const MONITOR_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowInsertColumns: false,
  allowInsertRows: false,
  allowInsertHyperlinks: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowSort: false,
  allowAutoFilter: true,
  allowPivotTables: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  selectionMode: "Normal",
};

/** The Indicators sheet, found as the plan's writes find it: a reopened file may have given it another id. */
const indicatorsSheet = (id: string) => ({ kind: "indicators", marker: markerTable("indicators"), id, temp: tempSheetName("indicators"), wanted: "" });

/**
 * The Indicators sheet's protection for a monitor-only token. MuniPlan rewrites that sheet itself (sync,
 * refresh, edits), which a protected sheet refuses: `lift` before MuniPlan's work, `apply` after it.
 * `lift` looks once per session whether the sheet is protected (an editor's workbook a monitor used
 * before is unprotected then), and afterwards only when `apply` protected it.
 */
export class IndicatorsGuard {
  /** Years whose value cells a monitor may fill; undefined: the token is not monitor-only (no protection). */
  private years?: readonly number[];
  /** Whether the sheet may be protected now; undefined until the first look. */
  private maybeProtected?: boolean;

  constructor(
    private readonly run: ExcelRun,
    private readonly sheetId: () => string | undefined,
  ) {}

  /** Protect for a monitor (`years` open to them) from the next `apply` on, or stop protecting (undefined). */
  protectFor(years: readonly number[] | undefined): void {
    this.years = years;
  }

  async lift(): Promise<void> {
    const id = this.sheetId();
    if (!id || this.maybeProtected === false) return;
    await this.run(async (context) => {
      const find = queueFind(context, { indicators: indicatorsSheet(id) });
      await context.sync();
      const located = find.locate((sheet) => sheet.protection.load("protected"));
      await context.sync();
      const own = located.result().found.indicators;
      if (!own?.sheet.protection.protected) return;
      own.sheet.protection.unprotect();
      // Not MuniPlan's protection (it sets no password) but the user's: say which sheet to unprotect.
      await context.sync().catch(() => {
        throw new SheetProtected(own.name);
      });
    });
    this.maybeProtected = false;
  }

  /** Locks the sheet but the data cells under the years' value and notes headers, and protects it (four syncs). */
  async apply(): Promise<void> {
    const id = this.sheetId();
    const years = this.years;
    if (!id || !years) return;
    // The guard is made when the pane starts; the Indicators layout (the notes header's words) is loaded
    // when a monitor's sheet is first protected, so the first load does not carry it.
    const { notesHeader } = await import("../../shared/layout/indicators.ts");
    await this.run(async (context) => {
      const find = queueFind(context, { indicators: indicatorsSheet(id) });
      await context.sync();
      const usedOf = new Map<Excel.Worksheet, Excel.Range>();
      const located = find.locate((sheet) => {
        const range = sheet.getUsedRangeOrNullObject(true);
        range.load("rowCount,columnCount");
        usedOf.set(sheet, range);
        sheet.protection.load("protected");
      });
      await context.sync();
      const sheet = located.result().found.indicators?.sheet;
      if (!sheet) return;
      const used = usedOf.get(sheet)!;
      if (used.isNullObject) return;
      // Found by header, not by position: the user may have added columns of their own.
      const header = sheet.getRangeByIndexes(0, 0, 1, used.columnCount);
      header.load("values");
      await context.sync();
      if (sheet.protection.protected) sheet.protection.unprotect();
      sheet.getRange().format.protection.locked = true;
      // The notes header is as MuniPlan wrote it, in the sheet's language, whichever that is.
      const wanted = new Set(years.flatMap((y) => [String(y), ...Object.values(notesHeader(y))]));
      const rows = used.rowCount;
      header.values[0]!.forEach((h, col) => {
        if (rows > 1 && wanted.has(String(h))) sheet.getRangeByIndexes(1, col, rows - 1, 1).format.protection.locked = false;
      });
      sheet.protection.protect(MONITOR_PROTECTION);
      await context.sync();
    });
    this.maybeProtected = true;
  }
}
