import type { z } from "zod";
import { type Labels, labelMatcher, normalizeLabel } from "../i18n/labels.ts";
import { M, type Msg, join } from "../i18n/problems.ts";
import { Id, type Language } from "../model/plan.ts";
import {
  type Cell,
  type Parsed,
  cellRef,
  columnLetter,
  formatPeriod,
  isEmptyCell,
  parseNumber,
  parsePeriod,
  parseText,
  parseYear,
  textProblem,
} from "./cells.ts";
import type { ConditionalFormat, GridColumn, Problem, SheetGrid, SheetKind, SheetValues, Validation } from "./grid.ts";

/**
 * The one engine behind every tabular sheet: a sheet module declares its columns, turns entities into
 * rows and rows back into entities; cell formats, escaping, header recognition in any language,
 * problem addresses and the fallback to the last good value live here once.
 */

export type ColumnType = "id" | "text" | "number" | "money" | "year" | "period" | "enum" | "computed";

export interface ColumnSpec {
  key: string;
  header: Labels;
  type: ColumnType;
  width: number;
  wrap?: boolean;
  enumLabels?: Record<string, Labels>;
  /** Must be present for the sheet to be read (the id column always is). */
  required?: boolean;
  /** For computed columns: the formula of the row with 0-based index `rowIndex`. */
  formula?: (ctx: FormulaContext) => string;
  numberFormat?: string;
  /** A dropdown of these values (for text columns whose choices come from the plan, e.g. codes). */
  listValues?: string[];
}

export interface FormulaContext {
  rowIndex: number;
  language: Language;
  /** Column letter of a column key of this sheet. */
  col: (key: string) => string;
}

export interface TableSpec {
  kind: SheetKind;
  name: Labels;
  columns: ColumnSpec[];
  conditionalFormats?: (language: Language) => ConditionalFormat[];
  /** The last column kept in view when scrolling right (with every column before it). */
  frozenThrough?: string;
  /**
   * The header of a block MuniPlan writes beside the table for people (the SWOT matrix): from the header
   * cell saying it, in any language, every column rightwards is the block's — never plan data nor the
   * user's own columns, whatever is typed there.
   */
  beside?: Labels;
}

export interface BuildRow {
  values: Record<string, unknown>;
  level?: number;
}

export class LayoutError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
    this.name = "LayoutError";
  }
}

const NUMBER_FORMAT: Record<ColumnType, string> = {
  id: "@",
  text: "@",
  number: "General",
  money: "#,##0.00",
  year: "0",
  period: "@",
  enum: "@",
  computed: "General",
};

function validationOf(c: ColumnSpec, language: Language): Validation | undefined {
  if (c.listValues) return { type: "list", values: c.listValues };
  switch (c.type) {
    case "enum":
      return { type: "list", values: Object.values(c.enumLabels ?? {}).map((l) => l[language]) };
    case "year":
      return { type: "wholeNumber", min: 1900, max: 2200 };
    case "number":
      return { type: "decimal" };
    case "money":
      return { type: "decimal", min: 0 };
    default:
      return undefined;
  }
}

function writeCell(c: ColumnSpec, v: unknown, language: Language): Cell {
  if (v === undefined || v === null || v === "") return null;
  switch (c.type) {
    case "number":
    case "money":
    case "year":
      return v as number;
    case "period":
      return formatPeriod(v as { year: number; quarter?: number });
    case "enum": {
      const label = c.enumLabels?.[v as string];
      if (!label) throw new Error(`${c.key}: no label for ${String(v)}`);
      return label[language];
    }
    default:
      return String(v);
  }
}

/** Ids of a read: which rows are existing entities, which are new, and fresh ids for the new. */
export class Identity {
  private readonly seen = new Set<string>();
  constructor(
    private readonly knownIds: ReadonlySet<string>,
    private readonly newId: () => string,
  ) {}

  /**
   * The id a row stands for. A row keeps its id if this kind of entity had it, or if no entity had it
   * (a row of a plan rebuilt elsewhere); a copied row (an id seen before in this read) or an id of
   * another kind of entity gets a fresh one: copying a row makes a new entity.
   */
  resolve<E extends { id: string }>(row: RowReader, existing: ReadonlyMap<string, E>): { id: string; base?: E } {
    const id = row.id();
    if (id && !this.seen.has(id)) {
      const base = existing.get(id);
      if (base || !this.knownIds.has(id)) {
        this.seen.add(id);
        row.existing = base !== undefined;
        row.resolvedId = id;
        return { id, base };
      }
    }
    row.resolvedId = this.fresh();
    return { id: row.resolvedId };
  }

  fresh(): string {
    const id = this.newId();
    this.seen.add(id);
    return id;
  }
}

/**
 * A column the user added to a MuniPlan sheet: its header and its values by row id. MuniPlan does not
 * read it as plan data, but carries it along when it rewrites the sheet, so it is not lost.
 */
export interface UserColumn {
  header: string;
  byId: Record<string, Cell>;
}

/** The user's own columns of a sheet as read: every header that is none of the layout's. */
export function userColumnsOf(read: TableRead): UserColumn[] {
  return read.otherHeaders.map(({ index, text }) => {
    const byId: Record<string, Cell> = {};
    for (const row of read.rows) {
      const v = row.cellAt(index);
      if (row.resolvedId && !isEmptyCell(v)) byId[row.resolvedId] = v;
    }
    return { header: text, byId };
  });
}

/** Values the user put in a cell go back as they were read (the adapter keeps text text: see excelInput). */
const userCell = (v: Cell | undefined): Cell => v ?? null;

export function buildTable(spec: TableSpec, rows: BuildRow[], language: Language, user: UserColumn[] = []): SheetGrid {
  const name = spec.name[language];
  const indexes = new Map(spec.columns.map((c, i) => [c.key, i]));
  const index = (key: string) => {
    const i = indexes.get(key);
    if (i === undefined) throw new Error(`${spec.kind}: no column ${key}`);
    return i;
  };
  const col = (key: string) => columnLetter(index(key));
  const problems: Problem[] = [];
  const cells: Cell[][] = [[...spec.columns.map((c) => c.header[language]), ...user.map((u) => u.header)]];
  rows.forEach((row, i) => {
    const rowIndex = i + 1;
    cells.push(
      spec.columns.map((c, colIndex) => {
        // Computed columns hold a formula, or a value derived from the plan (a code) kept as text.
        if (c.type === "computed" && c.formula) return c.formula({ rowIndex, language, col });
        const v = row.values[c.key];
        if (typeof v === "string") {
          const problem = textProblem(v);
          if (problem) problems.push(problemAt(name, rowIndex, colIndex, problem));
        }
        return writeCell(c, v, language);
      }).concat(user.map((u) => userCell(u.byId[String(row.values.id)]))),
    );
  });
  // Refuse rather than cut: a sheet with an unstorable cell is not written at all.
  if (problems.length) throw new LayoutError(`${name}: ${problems.length} cell(s) cannot be written to Excel`, problems);
  return {
    kind: spec.kind,
    name,
    language,
    columns: spec.columns.map(
      (c): GridColumn => ({
        key: c.key,
        header: c.header[language],
        width: c.width,
        numberFormat: c.numberFormat ?? NUMBER_FORMAT[c.type],
        hidden: c.type === "id",
        wrap: c.wrap ?? false,
        computed: c.type === "computed",
        formula: c.type === "computed" && c.formula !== undefined,
        validation: validationOf(c, language),
      }),
    ).concat(
      user.map((u, i): GridColumn => ({ key: `user:${i}`, header: u.header, width: 16, numberFormat: "General", hidden: false, wrap: true, computed: false })),
    ),
    cells,
    rowLevels: rows.map((r) => r.level ?? 0),
    frozenRows: 1,
    frozenColumns: spec.frozenThrough ? index(spec.frozenThrough) + 1 : 0,
    table: true,
    conditionalFormats: spec.conditionalFormats?.(language) ?? [],
    cellValidations: [],
    print: { landscape: true, fitToWidth: true, repeatHeaderRows: 1 },
  };
}

export function problemAt(sheet: string, rowIndex: number, colIndex: number, text: Msg): Problem {
  return { sheet, cell: `${columnLetter(colIndex)}${rowIndex + 1}`, ref: cellRef(sheet, rowIndex, colIndex), message: text.en, text };
}

/** A data row of a sheet being read: typed access to its cells, problems named by cell. */
export class RowReader {
  constructor(
    private readonly table: TableRead,
    readonly rowIndex: number,
    private readonly row: Cell[],
  ) {}

  has(key: string): boolean {
    return this.table.columnIndex.has(key);
  }

  raw(key: string): Cell {
    const i = this.table.columnIndex.get(key);
    return i === undefined ? null : (this.row[i] ?? null);
  }

  isEmpty(key: string): boolean {
    return isEmptyCell(this.raw(key));
  }

  problem(key: string, text: Msg): Problem {
    const i = this.table.columnIndex.get(key) ?? 0;
    const p = problemAt(this.table.sheet, this.rowIndex, i, text);
    this.table.problems.push(p);
    return p;
  }

  /** Says what became of a cell: its own message and the outcome for the row. */
  private cellProblem(key: string, what: Msg, outcome: Msg): void {
    const p = this.problem(key, join(what, outcome));
    this.problemOf.set(key, { problem: p, what });
  }

  /** Whether the row stands for an entity the plan already has (set when its id is resolved). */
  existing = false;

  /** The id the row stands for once resolved (a new row's fresh id included). */
  resolvedId?: string;

  /** The cell at a column index, whatever its header. */
  cellAt(index: number): Cell {
    return this.row[index] ?? null;
  }

  /** The problem already named for a cell of this row, with what was wrong in the cell itself. */
  readonly problemOf = new Map<string, { problem: Problem; what: Msg }>();

  header(key: string): Msg {
    return this.table.spec.get(key)?.header ?? M.plain(key);
  }

  /** Replaces the outcome of a cell's problem (a new row that turns out not to be added). */
  restate(key: string, outcome: Msg): boolean {
    const named = this.problemOf.get(key);
    if (!named) return false;
    const text = join(named.what, outcome);
    Object.assign(named.problem, { text, message: text.en });
    return true;
  }

  /** The row's id if it holds a valid one. */
  id(): string | undefined {
    const v = this.raw("id");
    if (isEmptyCell(v)) return undefined;
    const s = String(v).trim().toLowerCase();
    return Id.safeParse(s).success ? s : undefined;
  }

  /**
   * The cell's value by the column's type. A cell that does not parse, or whose value `check` refuses
   * (a rule beyond the type, e.g. by the row's unit), is named in a problem and `fallback` (the last
   * good value, for an existing row) is kept instead.
   */
  get<T>(key: string, fallback?: T, check?: (value: T) => Msg | undefined): T | undefined {
    const spec = this.table.spec.get(key);
    if (!spec || !this.has(key)) return fallback;
    const parsed = parseCell(spec, this.raw(key)) as Parsed<T>;
    const refused = parsed.ok ? parsed.value !== undefined && check?.(parsed.value) : parsed.message;
    if (parsed.ok && !refused) return parsed.value;
    if (refused) this.cellProblem(key, refused, this.existing ? M.previousKept : M.cellLeftEmpty);
    return fallback;
  }
}

function parseCell(spec: ColumnSpec, cell: Cell): Parsed<unknown> {
  switch (spec.type) {
    case "number":
    case "money":
      return parseNumber(cell);
    case "year":
      return parseYear(cell);
    case "period":
      return parsePeriod(cell);
    case "enum": {
      if (isEmptyCell(cell)) return { ok: true, value: undefined };
      const match = labelMatcher(spec.enumLabels ?? {})(String(cell));
      if (match) return { ok: true, value: match };
      return { ok: false, message: M.notOneOf(cell, Object.values(spec.enumLabels ?? {})) };
    }
    default:
      return parseText(cell);
  }
}

export interface TableRead {
  sheet: string;
  spec: Map<string, ColumnSpec>;
  columnIndex: Map<string, number>;
  /** Headers that are none of the spec's columns, by column index (e.g. year columns). */
  otherHeaders: { index: number; text: string }[];
  rows: RowReader[];
  problems: Problem[];
  /** False when a required column is missing: nothing of the sheet may then be taken as deleted. */
  readable: boolean;
}

/** Recognises the header row (in any language) and the data rows of a sheet; blank rows are skipped. */
export function readTable(spec: TableSpec, whole: SheetValues): TableRead {
  const sheet = withoutBeside(spec, whole);
  const header = sheet.values[0] ?? [];
  const byHeader = new Map<string, string>();
  for (const c of spec.columns) {
    byHeader.set(normalizeLabel(c.key), c.key);
    for (const text of Object.values(c.header)) byHeader.set(normalizeLabel(text), c.key);
  }
  const read: TableRead = {
    sheet: sheet.name,
    spec: new Map(spec.columns.map((c) => [c.key, c])),
    columnIndex: new Map(),
    otherHeaders: [],
    rows: [],
    problems: [],
    readable: true,
  };
  header.forEach((h, index) => {
    if (isEmptyCell(h)) return;
    const key = byHeader.get(normalizeLabel(String(h)));
    if (key && !read.columnIndex.has(key)) read.columnIndex.set(key, index);
    else read.otherHeaders.push({ index, text: String(h).trim() });
  });
  for (const c of spec.columns) {
    if ((c.required || c.type === "id") && !read.columnIndex.has(c.key)) {
      read.readable = false;
      read.problems.push({
        ...problemAt(sheet.name, 0, 0, M.columnMissing(c.header)),
      });
    }
  }
  if (!read.readable) return read;
  for (let r = 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const blank = row.every((c, i) => isEmptyCell(c) || read.spec.get(headerKeyAt(read, i) ?? "")?.type === "computed");
    if (!blank) read.rows.push(new RowReader(read, r, row));
  }
  return read;
}

/** The sheet up to the block beside its table, if it has one (see TableSpec.beside). */
function withoutBeside(spec: TableSpec, sheet: SheetValues): SheetValues {
  if (!spec.beside) return sheet;
  const marks = new Set(Object.values(spec.beside).map(normalizeLabel));
  const at = (sheet.values[0] ?? []).findIndex((h) => !isEmptyCell(h) && marks.has(normalizeLabel(String(h))));
  return at < 0 ? sheet : { name: sheet.name, values: sheet.values.map((row) => row.slice(0, at)) };
}

function headerKeyAt(read: TableRead, index: number): string | undefined {
  for (const [k, i] of read.columnIndex) if (i === index) return k;
  return undefined;
}

/**
 * Validates an entity assembled from a row. Fields the schema refuses are named at their cells; an
 * existing row keeps its last good value for them, a new row is not created (and says so).
 */
export function finishEntity<S extends z.ZodType>(
  schema: S,
  candidate: Record<string, unknown>,
  base: z.infer<S> | undefined,
  row: RowReader,
  columnOf: (field: string) => string = (f) => f,
): z.infer<S> | undefined {
  const first = schema.safeParse(candidate);
  if (first.success) return first.data;
  const bad = new Set<string>();
  const outcome = base ? M.previousKept : M.rowNotAdded;
  for (const issue of first.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (bad.has(field)) continue;
    bad.add(field);
    const key = columnOf(field);
    // A cell that already has its problem gets the row's outcome; otherwise say what the schema refused.
    if (row.restate(key, outcome)) continue;
    const what = isEmptyCell(row.raw(key)) ? M.mustBeFilled(row.header(key)) : M.invalid(row.header(key), issue.message);
    row.problem(key, join(what, outcome));
  }
  if (!base) return undefined;
  const repaired: Record<string, unknown> = { ...candidate };
  for (const field of bad) repaired[field] = (base as Record<string, unknown>)[field];
  const second = schema.safeParse(repaired);
  return second.success ? second.data : base;
}
