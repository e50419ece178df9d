import { columnLetter } from "../../shared/layout/cells.ts";
import { type ExcelBehaviour, currentProfile, versionAtLeast } from "./excel/behaviour.ts";

export { EXCEL_PROFILES, type ExcelBehaviour, currentProfile } from "./excel/behaviour.ts";

/**
 * A recording fake of the part of the Excel JavaScript API MuniPlan uses. It keeps cells as Excel
 * does (a leading apostrophe becomes a quote prefix, `=…` a formula), refuses to read a property
 * before the `load` has been synced (as Office.js does), checks 2D array sizes, and counts
 * `context.sync()` calls and queued operations. It runs in Node (unit tests) and in Chromium (bundled
 * and injected by the end-to-end test); it is never part of the add-in bundle.
 */

type Value = string | number | boolean;
interface CellData {
  value: Value;
  formula?: string;
  quotePrefix?: boolean;
  numberFormat?: string;
}
interface TableData {
  name: string;
  address: string;
  style?: string;
}
export interface ChartSeriesData {
  name: string;
  /** Sheet-qualified addresses, as a series formula names them. */
  values?: string;
  categories?: string;
  line: { color?: string; lineStyle?: string; weight?: number };
}
export interface ChartData {
  name: string;
  type: string;
  seriesBy: string;
  title?: string;
  series: ChartSeriesData[];
  position?: { from: string; to?: string };
  legend: { visible?: boolean; position?: string };
  reversedCategories?: boolean;
}
export interface SheetData {
  id: string;
  name: string;
  cells: Map<string, CellData>;
  hiddenColumns: Set<number>;
  columnWidths: Map<number, number>;
  wrapColumns: Set<number>;
  tables: TableData[];
  validations: { address: string; rule: unknown }[];
  conditionalFormats: { address: string; rule: unknown; fill?: string; font?: string; colorScale?: unknown }[];
  groups: string[];
  frozenRows: number;
  frozenColumns: number;
  fills: { address: string; color: string }[];
  charts: ChartData[];
  page: { orientation?: string; zoom?: unknown; printTitleRows?: string };
  boldRanges: string[];
  /** Worksheet protection, as `protection.protect` left it. */
  protection: { protected: boolean; options?: unknown; password?: string };
  /** `format.protection.locked` as set, in order (a cell is locked unless the last range covering it says not). */
  locks: { address: string; locked: boolean }[];
  /** Hidden rows (0-based) and why: the user, a collapsed group, or the table's filter. */
  hiddenRows: Map<number, "user" | "outline" | "filter">;
  visibility: "Visible" | "Hidden" | "VeryHidden";
}

export interface FakeStats {
  syncs: number;
  ops: number;
  runs: number;
  /** Largest estimated request between two syncs, in bytes. */
  maxRequestBytes: number;
  /** All request bytes sent. */
  totalBytes: number;
  /** Largest response of one sync, in bytes. */
  maxResponseBytes: number;
  /** All response bytes received. */
  totalResponseBytes: number;
  /** Syncs during which screen updating was suspended. */
  pausedSyncs: number;
}

const key = (r: number, c: number) => `${r},${c}`;

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

interface Box {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

export function parseAddress(address: string): Box {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  if (a === "") return { r0: 0, c0: 0, rows: MAX_ROWS, cols: MAX_COLS };
  const [from, to = from] = a.replace(/\$/g, "").split(":") as [string, string?];
  const part = (p: string) => {
    const m = /^([A-Z]*)(\d*)$/i.exec(p);
    if (!m) throw new Error(`InvalidArgument: bad address ${address}`);
    return { c: m[1] ? colIndex(m[1]) : undefined, r: m[2] ? Number(m[2]) - 1 : undefined };
  };
  const f = part(from);
  const t = part(to!);
  const r0 = f.r ?? 0;
  const c0 = f.c ?? 0;
  const r1 = t.r ?? MAX_ROWS - 1;
  const c1 = t.c ?? MAX_COLS - 1;
  return { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

function boxAddress(b: Box): string {
  return `${columnLetter(b.c0)}${b.r0 + 1}:${columnLetter(b.c0 + b.cols - 1)}${b.r0 + b.rows}`;
}

export class FakeExcel {
  readonly behaviour: ExcelBehaviour;
  constructor(behaviour: Partial<ExcelBehaviour> = {}) {
    this.behaviour = { ...currentProfile(), ...behaviour };
  }
  sheets: SheetData[] = [];
  customXml: { id: string; xml: string }[] = [];
  stats: FakeStats = { syncs: 0, ops: 0, runs: 0, maxRequestBytes: 0, totalBytes: 0, maxResponseBytes: 0, totalResponseBytes: 0, pausedSyncs: 0 };
  screenPaused = false;
  activeSheet?: string;
  selection?: string;
  enableEvents = true;
  /** Set to make the next sync fail, as Office does with a rejected request. */
  failNextSync?: Error;
  private nextId = 1;
  private requestBytes = 0;
  private failAt?: { n: number; error: Error };

  /** As Office.context.requirements.isSetSupported, against behaviour.excelApi. */
  isSetSupported = (name: string, minVersion = "1.1"): boolean =>
    name.toLowerCase() === "excelapi" && versionAtLeast(this.behaviour.excelApi, minVersion);

  /** The Nth queued command from now (1-based, across syncs) fails with `error` (an Excel error code or an Error). */
  failAtCommand(n: number, error: string | Error = "GeneralException"): void {
    this.failAt = { n, error: typeof error === "string" ? new Error(`${error}: injected failure`) : error };
  }

  /** The user hides rows (1-based sheet rows). */
  hideRows(nameOrId: string, firstRow: number, count = 1): void {
    const s = this.sheet(nameOrId)!;
    for (let r = firstRow - 1; r < firstRow - 1 + count; r++) s.hiddenRows.set(r, "user");
  }

  /** The user groups rows `first`..`last` (1-based) and, if `collapsed`, collapses the group (hides them). */
  groupRows(nameOrId: string, first: number, last: number, collapsed = false): void {
    const s = this.sheet(nameOrId)!;
    s.groups.push(`${first}:${last}`);
    if (collapsed) for (let r = first - 1; r < last; r++) s.hiddenRows.set(r, "outline");
  }

  /** The user filters the sheet's table so that these rows (1-based) are hidden. */
  filterRows(nameOrId: string, hiddenRows: number[]): void {
    const s = this.sheet(nameOrId)!;
    if (!s.tables.length) throw new Error(`no table to filter on ${nameOrId}`);
    for (const r of hiddenRows) s.hiddenRows.set(r - 1, "filter");
  }

  /** The user protects a sheet (with a password the add-in does not know), leaving `unlocked` ranges editable. */
  protect(nameOrId: string, password?: string, unlocked: string[] = []): void {
    const s = this.sheet(nameOrId)!;
    for (const address of unlocked) s.locks.push({ address, locked: false });
    s.protection = { protected: true, password };
  }

  /** The user renames a sheet. */
  renameSheet(oldName: string, newName: string): void {
    this.sheet(oldName)!.name = newName;
  }

  /** Save and reopen the file: runtime state is reset; ids are kept or changed per the behaviour. */
  reopen(): void {
    this.enableEvents = true;
    this.screenPaused = false;
    if (this.behaviour.worksheetIdsOnReopen === "changed") for (const s of this.sheets) s.id = `{sheet-${this.nextId++}}`;
  }

  addSheet(name: string): SheetData {
    const sheet: SheetData = {
      id: `{sheet-${this.nextId++}}`,
      name,
      cells: new Map(),
      hiddenColumns: new Set(),
      columnWidths: new Map(),
      wrapColumns: new Set(),
      tables: [],
      validations: [],
      conditionalFormats: [],
      groups: [],
      frozenRows: 0,
      frozenColumns: 0,
      fills: [],
      charts: [],
      page: {},
      boldRanges: [],
      protection: { protected: false },
      locks: [],
      hiddenRows: new Map(),
      visibility: "Visible",
    };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(nameOrId: string): SheetData | undefined {
    const lower = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
  }

  /** `range.values` of the used range from A1, as Excel returns it (formulas as their result: ""). */
  values(nameOrId: string): Value[][] {
    const s = this.sheet(nameOrId);
    if (!s) throw new Error(`no sheet ${nameOrId}`);
    const { rows, cols } = usedSize(s);
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => readValue(s.cells.get(key(r, c)))));
  }

  /** `range.formulas` of the used range: formulas as written, quote-prefixed text without its quote. */
  formulas(nameOrId: string): Value[][] {
    const s = this.sheet(nameOrId)!;
    const { rows, cols } = usedSize(s);
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => {
        const cell = s.cells.get(key(r, c));
        return cell?.formula ?? cell?.value ?? "";
      }),
    );
  }

  /** A user typing into a cell (no quote prefix unless typed). */
  type(nameOrId: string, address: string, value: Value): void {
    const s = this.sheet(nameOrId)!;
    const b = parseAddress(address);
    if (s.protection.protected && isLocked(s, b.r0, b.c0)) throw new Error(`The cell ${address} is on a protected sheet`);
    setCell(s, b.r0, b.c0, value);
  }

  /** A user deleting whole rows (1-based sheet rows), shifting the rest up. */
  deleteRows(nameOrId: string, first: number, count = 1): void {
    const s = this.sheet(nameOrId)!;
    shiftRows(s, first - 1, -count);
  }

  /** A user inserting empty rows before sheet row `before` (1-based). */
  insertRows(nameOrId: string, before: number, count = 1): void {
    const s = this.sheet(nameOrId)!;
    shiftRows(s, before - 1, count);
  }

  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.stats.runs++;
    const context = new FakeContext(this);
    return batch(context as unknown as Excel.RequestContext);
  };

  /** Counts one queued operation of about `bytes` request bytes. */
  op(bytes = 50): void {
    this.stats.ops++;
    if (this.failAt && --this.failAt.n === 0) {
      this.failNextSync = this.failAt.error;
      this.failAt = undefined;
    }
    this.stats.totalBytes += bytes;
    this.requestBytes += bytes;
  }

  async sync(pending: Set<{ ready: boolean }>): Promise<void> {
    this.stats.syncs++;
    if (this.screenPaused) this.stats.pausedSyncs++;
    this.screenPaused = false;
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, this.requestBytes);
    this.requestBytes = 0;
    if (this.failNextSync) {
      const e = this.failNextSync;
      this.failNextSync = undefined;
      throw e;
    }
    for (const p of pending) p.ready = true;
    pending.clear();
  }
}

function usedSize(s: SheetData): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const [k, cell] of s.cells) {
    if (cell.value === "" && !cell.formula) continue;
    const [r, c] = k.split(",").map(Number) as [number, number];
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, c + 1);
  }
  return { rows, cols };
}

/** Whether a cell is locked: Excel's default, unless the last `locked` set over it says not. */
export function isLocked(s: SheetData, r: number, c: number): boolean {
  for (let i = s.locks.length - 1; i >= 0; i--) {
    const b = parseAddress(s.locks[i]!.address);
    if (r >= b.r0 && r < b.r0 + b.rows && c >= b.c0 && c < b.c0 + b.cols) return s.locks[i]!.locked;
  }
  return true;
}

function readValue(cell: CellData | undefined): Value {
  if (!cell) return "";
  return cell.formula ? "" : cell.value;
}

function setCell(s: SheetData, r: number, c: number, v: unknown): void {
  const k = key(r, c);
  const numberFormat = s.cells.get(k)?.numberFormat;
  if (v === null || v === undefined || v === "") {
    s.cells.set(k, { value: "", numberFormat });
    return;
  }
  if (typeof v === "string" && v.startsWith("'")) s.cells.set(k, { value: v.slice(1), quotePrefix: true, numberFormat });
  else if (typeof v === "string" && v.startsWith("=") && v.length > 1) s.cells.set(k, { value: "", formula: v, numberFormat });
  else if (typeof v === "string" && numberFormat !== "@" && /^-?\d+(\.\d+)?$/.test(v)) s.cells.set(k, { value: Number(v), numberFormat });
  else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") s.cells.set(k, { value: v, numberFormat });
  else throw new Error(`InvalidArgument: cannot write ${typeof v}`);
}

function shiftRows(s: SheetData, from: number, by: number): void {
  const moved = new Map<string, CellData>();
  for (const [k, cell] of s.cells) {
    const [r, c] = k.split(",").map(Number) as [number, number];
    if (r < from) moved.set(k, cell);
    else if (by < 0 && r < from - by) continue;
    else moved.set(key(r + by, c), cell);
  }
  s.cells = moved;
}

class Loadable {
  ready = false;
  constructor(protected readonly ctx: FakeContext) {}
  load(_props?: string): this {
    this.ctx.host.op();
    this.ready = false;
    this.ctx.pending.add(this);
    return this;
  }
  protected need(prop: string): void {
    if (!this.ready) throw new Error(`PropertyNotLoaded: ${prop} was read before load() and sync()`);
  }
}

class FakeContext {
  readonly pending = new Set<{ ready: boolean }>();
  readonly workbook: { worksheets: FakeWorksheets; customXmlParts: FakeCustomXmlParts };
  readonly runtime: { enableEvents: boolean };
  readonly application: { suspendScreenUpdatingUntilNextSync(): void };
  readonly trackedObjects = { add() {}, remove() {} };
  constructor(readonly host: FakeExcel) {
    this.workbook = { worksheets: new FakeWorksheets(this), customXmlParts: new FakeCustomXmlParts(this) };
    const h = host;
    this.runtime = {
      get enableEvents() {
        return h.enableEvents;
      },
      set enableEvents(v: boolean) {
        h.op();
        h.enableEvents = v;
      },
    };
    this.application = {
      suspendScreenUpdatingUntilNextSync: () => {
        host.op();
        host.screenPaused = true;
      },
    };
  }
  sync(): Promise<void> {
    return this.host.sync(this.pending);
  }
}

class FakeWorksheets {
  constructor(private readonly ctx: FakeContext) {}
  getItem(nameOrId: string): FakeWorksheet {
    this.ctx.host.op();
    const s = this.ctx.host.sheet(nameOrId);
    if (!s) throw new Error(`ItemNotFound: ${nameOrId}`);
    return new FakeWorksheet(this.ctx, s);
  }
  getItemOrNullObject(nameOrId: string): FakeWorksheet {
    this.ctx.host.op();
    return new FakeWorksheet(this.ctx, this.ctx.host.sheet(nameOrId));
  }
  add(name: string): FakeWorksheet {
    this.ctx.host.op();
    if (this.ctx.host.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
    return new FakeWorksheet(this.ctx, this.ctx.host.addSheet(name));
  }
}

class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly data: SheetData | undefined,
  ) {
    super(ctx);
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return this.data === undefined;
  }
  get id(): string {
    this.need("id");
    return this.live().id;
  }
  get name(): string {
    this.need("name");
    return this.live().name;
  }
  private live(): SheetData {
    if (!this.data) throw new Error("InvalidObjectPath: the worksheet is a null object");
    return this.data;
  }
  private tablesObject?: Loadable;
  get tables() {
    if (this.tablesObject) return this.tablesObject as ReturnType<FakeWorksheet["makeTables"]>;
    const t = this.makeTables();
    this.tablesObject = t;
    return t;
  }
  private makeTables() {
    const ctx = this.ctx;
    const sheet = this;
    const items = new (class extends Loadable {
      get items() {
        this.need("tables.items");
        return (sheet.data?.tables ?? []).map((t) => ({
          name: t.name,
          convertToRange: () => {
            ctx.host.op();
            sheet.live().tables = sheet.live().tables.filter((x) => x !== t);
          },
        }));
      }
      add(address: string, _hasHeaders: boolean) {
        ctx.host.op();
        const t: TableData = { name: `Table${sheet.live().tables.length + 1}`, address };
        sheet.live().tables.push(t);
        return {
          set name(v: string) {
            ctx.host.op();
            t.name = v;
          },
          set style(v: string) {
            ctx.host.op();
            t.style = v;
          },
        };
      }
    })(ctx);
    return items;
  }
  get freezePanes() {
    const freeze = (rows: number, columns: number) => {
      this.ctx.host.op();
      this.live().frozenRows = rows;
      this.live().frozenColumns = columns;
    };
    return {
      freezeRows: (n: number) => freeze(n, 0),
      freezeColumns: (n: number) => freeze(0, n),
      freezeAt: (range: FakeRange | string) => {
        const b = parseAddress(typeof range === "string" ? range : range.address);
        freeze(b.r0 + b.rows, b.c0 + b.cols);
      },
      unfreeze: () => freeze(0, 0),
    };
  }
  private chartsObject?: Loadable;
  get charts() {
    if (this.chartsObject) return this.chartsObject as ReturnType<FakeWorksheet["makeCharts"]>;
    const c = this.makeCharts();
    this.chartsObject = c;
    return c;
  }
  private makeCharts() {
    const ctx = this.ctx;
    const sheet = this;
    return new (class extends Loadable {
      get items() {
        this.need("charts.items");
        return (sheet.data?.charts ?? []).map((c) => new FakeChart(ctx, sheet.live(), c));
      }
      add(type: string, source: FakeRange, seriesBy = "Auto") {
        ctx.host.op();
        const data: ChartData = {
          name: `Chart ${sheet.live().charts.length + 1}`,
          type,
          seriesBy,
          series: source.lines(seriesBy).map((values, i) => ({ name: `Series${i + 1}`, values, line: {} })),
          legend: {},
        };
        sheet.live().charts.push(data);
        return new FakeChart(ctx, sheet.live(), data);
      }
    })(ctx);
  }
  get pageLayout() {
    const page = this.live().page;
    const host = this.ctx.host;
    return {
      set orientation(v: string) {
        host.op();
        page.orientation = v;
      },
      set zoom(v: unknown) {
        host.op();
        page.zoom = v;
      },
      setPrintTitleRows(rows: string) {
        host.op();
        page.printTitleRows = rows;
      },
    };
  }
  activate(): void {
    this.ctx.host.op();
    this.ctx.host.activeSheet = this.live().name;
  }
  private protectionObject?: Loadable;
  get protection() {
    if (this.protectionObject) return this.protectionObject as ReturnType<FakeWorksheet["makeProtection"]>;
    const p = this.makeProtection();
    this.protectionObject = p;
    return p;
  }
  private makeProtection() {
    const ctx = this.ctx;
    const sheet = this;
    return new (class extends Loadable {
      get protected() {
        this.need("protection.protected");
        return sheet.live().protection.protected;
      }
      protect(options?: unknown, password?: string) {
        ctx.host.op();
        // As Excel: protecting a protected sheet is refused.
        if (sheet.live().protection.protected) throw new Error("InvalidOperation: the sheet is already protected");
        sheet.live().protection = { protected: true, options, password };
      }
      unprotect(_password?: string) {
        ctx.host.op();
        sheet.live().protection = { protected: false };
      }
    })(ctx);
  }
  getRange(address = ""): FakeRange {
    this.ctx.host.op();
    return new FakeRange(this.ctx, this.data, parseAddress(address));
  }
  getRangeByIndexes(r0: number, c0: number, rows: number, cols: number): FakeRange {
    this.ctx.host.op();
    return new FakeRange(this.ctx, this.data, { r0, c0, rows, cols });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    this.ctx.host.op();
    if (!this.data) return new FakeRange(this.ctx, undefined, { r0: 0, c0: 0, rows: 0, cols: 0 });
    const { rows, cols } = usedSize(this.data);
    return new FakeRange(this.ctx, rows ? this.data : undefined, { r0: 0, c0: 0, rows, cols });
  }
}

class FakeRange extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly sheet: SheetData | undefined,
    private readonly box: Box,
  ) {
    super(ctx);
  }
  private live(): SheetData {
    if (!this.sheet) throw new Error("InvalidObjectPath: the range is a null object");
    return this.sheet;
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return this.sheet === undefined;
  }
  get rowIndex() {
    this.need("rowIndex");
    return this.box.r0;
  }
  get columnIndex() {
    this.need("columnIndex");
    return this.box.c0;
  }
  get rowCount() {
    this.need("rowCount");
    return this.box.rows;
  }
  get columnCount() {
    this.need("columnCount");
    return this.box.cols;
  }
  get address() {
    return `${this.live().name}!${boxAddress(this.box)}`;
  }
  /** Addresses of its rows or columns: a chart made from the range gets one series per line. */
  lines(seriesBy: string): string[] {
    const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && this.box.cols >= this.box.rows);
    const { r0, c0, rows, cols } = this.box;
    const name = this.live().name;
    return byRows
      ? Array.from({ length: rows }, (_, r) => `${name}!${boxAddress({ r0: r0 + r, c0, rows: 1, cols })}`)
      : Array.from({ length: cols }, (_, c) => `${name}!${boxAddress({ r0, c0: c0 + c, rows, cols: 1 })}`);
  }
  private checkSize(values: unknown[][], what: string): void {
    if (values.length !== this.box.rows || values.some((r) => r.length !== this.box.cols))
      throw new Error(`InvalidArgument: ${what} of ${values.length}×${values[0]?.length ?? 0} does not fit ${boxAddress(this.box)}`);
  }
  /** As Excel: a protected sheet refuses changes to its locked cells. */
  private writable(): void {
    const s = this.live();
    if (!s.protection.protected) return;
    for (let r = this.box.r0; r < this.box.r0 + Math.min(this.box.rows, 10_000); r++)
      for (let c = this.box.c0; c < this.box.c0 + Math.min(this.box.cols, 1_000); c++)
        if (isLocked(s, r, c)) throw new Error(`AccessDenied: ${s.name}!${columnLetter(c)}${r + 1} is locked on a protected sheet`);
  }
  set values(values: unknown[][]) {
    this.checkSize(values, "values");
    this.writable();
    this.ctx.host.op(JSON.stringify(values).length);
    const s = this.live();
    values.forEach((row, r) => row.forEach((v, c) => setCell(s, this.box.r0 + r, this.box.c0 + c, v)));
  }
  get values(): Value[][] {
    this.need("values");
    const s = this.live();
    return Array.from({ length: this.box.rows }, (_, r) => Array.from({ length: this.box.cols }, (_, c) => readValue(s.cells.get(key(this.box.r0 + r, this.box.c0 + c)))));
  }
  set numberFormat(formats: unknown[][]) {
    this.checkSize(formats, "numberFormat");
    this.ctx.host.op(JSON.stringify(formats).length);
    const s = this.live();
    formats.forEach((row, r) =>
      row.forEach((f, c) => {
        const k = key(this.box.r0 + r, this.box.c0 + c);
        s.cells.set(k, { ...(s.cells.get(k) ?? { value: "" }), numberFormat: String(f) });
      }),
    );
  }
  set columnHidden(v: boolean) {
    this.ctx.host.op();
    for (let c = this.box.c0; c < this.box.c0 + this.box.cols; c++) (v ? this.live().hiddenColumns.add(c) : this.live().hiddenColumns.delete(c));
  }
  get format() {
    const host = this.ctx.host;
    const s = this.live();
    const box = this.box;
    return {
      set columnWidth(w: number) {
        host.op();
        for (let c = box.c0; c < box.c0 + Math.min(box.cols, 1000); c++) s.columnWidths.set(c, w);
      },
      set wrapText(v: boolean) {
        host.op();
        for (let c = box.c0; c < box.c0 + Math.min(box.cols, 1000); c++) (v ? s.wrapColumns.add(c) : s.wrapColumns.delete(c));
      },
      set verticalAlignment(_v: string) {
        host.op();
      },
      fill: {
        set color(v: string) {
          host.op();
          s.fills.push({ address: boxAddress(box), color: v });
        },
      },
      font: {
        set bold(v: boolean) {
          host.op();
          if (v) s.boldRanges.push(boxAddress(box));
        },
      },
      protection: {
        set locked(v: boolean) {
          host.op();
          if (s.protection.protected) throw new Error("AccessDenied: cannot change locking on a protected sheet");
          s.locks.push({ address: boxAddress(box), locked: v });
        },
      },
    };
  }
  get dataValidation() {
    const host = this.ctx.host;
    const s = this.live();
    const address = boxAddress(this.box);
    return {
      set rule(rule: unknown) {
        host.op(JSON.stringify(rule).length);
        s.validations.push({ address, rule });
      },
      clear() {
        host.op();
        s.validations = [];
      },
    };
  }
  get conditionalFormats() {
    const host = this.ctx.host;
    const s = this.live();
    const address = boxAddress(this.box);
    return {
      add(_type: string) {
        host.op();
        const entry: SheetData["conditionalFormats"][number] = { address, rule: undefined };
        s.conditionalFormats.push(entry);
        return {
          cellValue: {
            format: {
              fill: {
                set color(v: string) {
                  host.op();
                  entry.fill = v;
                },
              },
              font: {
                set color(v: string) {
                  host.op();
                  entry.font = v;
                },
              },
            },
            set rule(r: unknown) {
              host.op();
              entry.rule = r;
            },
          },
          colorScale: {
            set criteria(c: unknown) {
              host.op(JSON.stringify(c).length);
              entry.colorScale = c;
            },
          },
        };
      },
      clearAll() {
        host.op();
        s.conditionalFormats = [];
      },
    };
  }
  group(_by: string): void {
    this.ctx.host.op();
    this.live().groups.push(`${this.box.r0 + 1}:${this.box.r0 + this.box.rows}`);
  }
  ungroup(_by: string): void {
    this.ctx.host.op();
    this.live().groups = [];
  }
  clear(_applyTo?: string): void {
    this.writable();
    this.ctx.host.op();
    const s = this.live();
    s.cells.clear();
    s.hiddenColumns.clear();
    s.boldRanges = [];
    s.fills = [];
    s.frozenRows = 0;
  }
  select(): void {
    this.ctx.host.op();
    this.ctx.host.activeSheet = this.live().name;
    this.ctx.host.selection = `${this.live().name}!${boxAddress(this.box).replace(/^(\w+):\1$/, "$1")}`;
  }
}

/** A chart as Office.js hands it out; what is set on it is recorded in its ChartData. */
class FakeChart {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: SheetData,
    readonly data: ChartData,
  ) {}
  get name(): string {
    return this.data.name;
  }
  set name(v: string) {
    this.ctx.host.op();
    this.data.name = v;
  }
  get title() {
    const { host } = this.ctx;
    const data = this.data;
    return {
      set text(v: string) {
        host.op(v.length);
        data.title = v;
      },
    };
  }
  get legend() {
    const { host } = this.ctx;
    const legend = this.data.legend;
    return {
      set visible(v: boolean) {
        host.op();
        legend.visible = v;
      },
      set position(v: string) {
        host.op();
        legend.position = v;
      },
    };
  }
  get axes() {
    const { host } = this.ctx;
    const data = this.data;
    return {
      categoryAxis: {
        set reversePlotOrder(v: boolean) {
          host.op();
          data.reversedCategories = v;
        },
      },
    };
  }
  get series() {
    const { ctx, data } = this;
    return {
      getItemAt: (i: number) => {
        ctx.host.op();
        const s = data.series[i];
        if (!s) throw new Error(`ItemNotFound: series ${i}`);
        return new FakeSeries(ctx, s);
      },
      add: (name?: string) => {
        ctx.host.op();
        const s: ChartSeriesData = { name: name ?? `Series${data.series.length + 1}`, line: {} };
        data.series.push(s);
        return new FakeSeries(ctx, s);
      },
    };
  }
  setPosition(from: FakeRange | string, to?: FakeRange | string): void {
    this.ctx.host.op();
    const address = (r: FakeRange | string) => (typeof r === "string" ? r : r.address);
    this.data.position = { from: address(from), to: to === undefined ? undefined : address(to) };
  }
  delete(): void {
    this.ctx.host.op();
    this.sheet.charts = this.sheet.charts.filter((c) => c !== this.data);
  }
}

class FakeSeries {
  constructor(
    private readonly ctx: FakeContext,
    readonly data: ChartSeriesData,
  ) {}
  set name(v: string) {
    this.ctx.host.op(v.length);
    this.data.name = v;
  }
  setValues(range: FakeRange): void {
    this.ctx.host.op();
    this.data.values = range.address;
  }
  setXAxisValues(range: FakeRange): void {
    this.ctx.host.op();
    this.data.categories = range.address;
  }
  get format() {
    const { host } = this.ctx;
    const line = this.data.line;
    return {
      line: {
        set color(v: string) {
          host.op();
          line.color = v;
        },
        set lineStyle(v: string) {
          host.op();
          line.lineStyle = v;
        },
        set weight(v: number) {
          host.op();
          line.weight = v;
        },
      },
    };
  }
}

type XmlPartData = { id: string; xml: string };

class FakeCustomXmlParts {
  constructor(private readonly ctx: FakeContext) {}
  add(xml: string): void {
    this.ctx.host.op(xml.length);
    this.ctx.host.customXml.push({ id: `{xml-${this.ctx.host.customXml.length + 1}-${xml.length}}`, xml });
  }
  getByNamespace(ns: string) {
    const ctx = this.ctx;
    ctx.host.op();
    const found = () => ctx.host.customXml.filter((p) => p.xml.includes(`xmlns="${ns}"`));
    return new (class extends Loadable {
      get items() {
        this.need("items");
        return found().map((p) => new FakeXmlPart(ctx, p));
      }
      getOnlyItemOrNullObject() {
        ctx.host.op();
        const parts = found();
        if (parts.length > 1) throw new Error("InvalidOperation: more than one part in the namespace");
        const part = new FakeXmlPart(ctx, parts[0]);
        ctx.pending.add(part);
        return part;
      }
    })(ctx);
  }
}

class FakeXmlPart extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly part: XmlPartData | undefined,
  ) {
    super(ctx);
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return this.part === undefined;
  }
  get id(): string {
    return this.part!.id;
  }
  getXml(): { value: string } {
    this.ctx.host.op();
    const part = this.part;
    const result = new (class extends Loadable {
      get value() {
        this.need("value");
        return part!.xml;
      }
    })(this.ctx);
    this.ctx.pending.add(result);
    return result;
  }
  setXml(xml: string): void {
    this.ctx.host.op(xml.length);
    this.part!.xml = xml;
  }
  delete(): void {
    this.ctx.host.op();
    const host = this.ctx.host;
    host.customXml = host.customXml.filter((p) => p !== this.part);
  }
}
