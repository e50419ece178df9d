import type { Msg } from "../i18n/problems.ts";
import type { Language } from "../model/plan.ts";
import type { Cell } from "./cells.ts";

export type SheetKind = "vision" | "swot" | "goals" | "risks" | "indicators";
export const SHEET_KINDS: readonly SheetKind[] = ["vision", "swot", "goals", "risks", "indicators"];

export type Validation =
  | {
      type: "list";
      values: string[];
      /** Suggestions only: any other entry is let in (error alert off); the read-back checks it. */
      open?: boolean;
    }
  | { type: "wholeNumber"; min: number; max?: number }
  | { type: "decimal"; min?: number; max?: number };

export interface GridColumn {
  key: string;
  header: string;
  /** Excel column width in characters. */
  width: number;
  /** Excel number format; "@" marks a text column. */
  numberFormat: string;
  hidden: boolean;
  wrap: boolean;
  /** Computed by an Excel formula: written, never read back. */
  computed: boolean;
  /**
   * Every data cell (below the header) holds a formula in English (invariant) syntax, which the adapter
   * writes through `range.formulas`: through `values` Excel would parse it in the user's locale.
   */
  formula?: boolean;
  validation?: Validation;
}

/** Colour a column's cells by their (localized) text. */
export interface ConditionalFormat {
  columnKey: string;
  rules: { equals: string; fill: string; font: string }[];
}

/**
 * One sheet as the add-in writes it. `cells[0]` is the header row. Cells hold what the sheet is to show,
 * text as it is (never escaped here): the adapter escapes it by its column's number format (see
 * `excelInput`), and writes the cells of `formula` columns, which hold formulas, through `range.formulas`.
 */
export interface SheetGrid {
  kind: SheetKind;
  name: string;
  language: Language;
  columns: GridColumn[];
  cells: Cell[][];
  /** Outline level per data row (cells[1..]): 0 for top level rows. */
  rowLevels: number[];
  frozenRows: number;
  /**
   * Columns kept in view when scrolling right, from A (a hidden column counts), frozen together with the
   * `frozenRows` (at least one when this is set): 0 or absent for none.
   */
  frozenColumns?: number;
  /** A block MuniPlan writes beside the table, for reading by people only (the SWOT matrix). */
  beside?: GridBlock;
  /** Whether the range is to become an Excel table with a header row. */
  table: boolean;
  conditionalFormats: ConditionalFormat[];
  /**
   * Validation of single cells (0-based row and column), for form-like sheets, or of a block of cells
   * up to `lastRow` and `lastCol`, for rules that differ by row (an indicator's values by its unit).
   */
  cellValidations: { row: number; col: number; lastRow?: number; lastCol?: number; validation: Validation }[];
  print: { landscape: boolean; fitToWidth: boolean; repeatHeaderRows: number };
}

/**
 * Cells beside a sheet's table, from row 1 and column `col` (0-based; one empty column after the table):
 * text only, in wrapped columns of `widths` characters; `headings` are bold, filled when they say so.
 * The reader never takes it for plan data (see TableSpec.beside).
 */
export interface GridBlock {
  col: number;
  widths: number[];
  cells: (string | null)[][];
  headings: { row: number; col: number; fill?: string }[];
}

/** A sheet as read back from Excel: its name and `range.values` of the used range, from A1. */
export interface SheetValues {
  name: string;
  values: Cell[][];
}

/** Something wrong in a sheet, named by sheet and cell so the pane can select it. */
export interface Problem {
  sheet: string;
  /** A1 address within the sheet, e.g. "H7". */
  cell: string;
  /** `Sheet!H7`, quoted as Excel would. */
  ref: string;
  /** In English; `text` has it in every sheet language, for the pane. */
  message: string;
  text: Msg;
}

export function formatProblem(p: Problem): string {
  return `${p.ref}: ${p.message}`;
}
