import { strToU8, unzipSync, zipSync } from "fflate";
import { stateToXmlParts } from "../../addin/excel/state.ts";
import { sheetMark } from "../../addin/excel/own-sheets.ts";
import type { ExportTable } from "../../shared/export/table.ts";
import { toXlsx } from "../../shared/export/xlsx.ts";
import type { SheetGrid } from "../../shared/layout/grid.ts";
import { buildIndicators } from "../../shared/layout/indicators.ts";
import type { Language, PlanDocument } from "../../shared/model/plan.ts";

/**
 * Members' workbooks as real .xlsx bytes, for the import's tests (unit, Chromium, bench): written by our
 * own .xlsx writer (shared/export/xlsx.ts) and then given what a workbook MuniPlan saved carries — the
 * plan as custom XML parts (addin/excel/state.ts) and the Indicators sheet's mark — by editing the zip.
 */

/** A sheet the layouts built, as the writer's table: text and numbers as they are (formulas stay text). */
export function gridTable(grid: SheetGrid, sheetName = grid.name): ExportTable {
  const cell = (c: unknown) => (typeof c === "number" || typeof c === "string" ? c : c == null ? null : String(c));
  return { sheetName, header: grid.cells[0]!.map((h) => String(h ?? "")), rows: grid.cells.slice(1).map((r) => r.map(cell)) };
}

export interface MemberWorkbookOptions {
  language?: Language;
  /** The Indicators sheet's name in the file (a member may rename it): found by its mark then. */
  sheetName?: string;
  /** Changes a member made in the sheet after MuniPlan wrote it: cells by [row, column] of the table. */
  edit?: (table: ExportTable) => void;
  /** Leave MuniPlan's data out (the sheet copied into another workbook). */
  withoutState?: boolean;
}

/** A MuniPlan workbook of `doc`: its Indicators sheet as the layout writes it, its state, its mark. */
export function memberWorkbook(doc: PlanDocument, options: MemberWorkbookOptions = {}): Uint8Array {
  const language = options.language ?? "uk";
  const grid = buildIndicators(doc, language);
  const table = gridTable(grid, options.sheetName);
  options.edit?.(table);
  const files = unzipSync(toXlsx(table));
  if (options.sheetName) {
    // The mark is a sheet-scoped defined name (own-sheets.ts), written into workbook.xml as Excel keeps it.
    const workbook = new TextDecoder().decode(files["xl/workbook.xml"]);
    files["xl/workbook.xml"] = strToU8(
      workbook.replace("<definedNames>", `<definedNames><definedName name="${sheetMark("indicators")}" localSheetId="0">"indicators"</definedName>`),
    );
  }
  if (!options.withoutState) {
    const state = {
      version: 1 as const,
      language,
      doc,
      sheets: { indicators: { id: "{00000000-0001-0000-0000-000000000000}", name: grid.name, outlined: false } },
    };
    stateToXmlParts(state, Date.now(), 4000).forEach((xml, i) => (files[`customXml/item${i + 1}.xml`] = strToU8(xml)));
  }
  return zipSync(files);
}
