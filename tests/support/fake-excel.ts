import { columnLetter } from "../../shared/layout/cells.ts";
import { API_SETS } from "./excel/api-sets.ts";
import { type ExcelBehaviour, currentProfile, versionAtLeast } from "./excel/behaviour.ts";
import { type CellData, type Value, writeCell } from "./excel/cells.ts";
import { ExcelError, excelError } from "./excel/errors.ts";
import { PAYLOAD_LIMIT_BYTES, jsonBytes } from "./excel/payload.ts";
import { reformatXml, rootNamespace, xmlProblem } from "./excel/xml.ts";
import {
  type Box,
  type ChartData,
  type ChartSeriesData,
  MAX_COLS,
  MAX_ROWS,
  type SheetData,
  type TableData,
  boxAddress,
  boxContains,
  boxMinus,
  boxesIntersect,
  cellKey,
  copySheet,
  isLocked,
  newSheet,
  numberFormatOf,
  outlineGroups,
  parseAddress,
  readValue,
  shiftRows,
  usedBox,
} from "./excel/workbook.ts";

export { EXCEL_PROFILES, type ExcelBehaviour, currentProfile } from "./excel/behaviour.ts";
export { ExcelError } from "./excel/errors.ts";
export type { CellData, Value } from "./excel/cells.ts";
export type { ChartData, ChartSeriesData, HiddenBy, SheetData, TableData } from "./excel/workbook.ts";

/**
 * A strict model of the part of the Excel JavaScript API MuniPlan uses, as Microsoft documents it
 * (../../shared/platform-facts.md, "Real Excel versus a fake host"). Calls on proxies queue commands;
 * `context.sync()` runs them in order, and the first that fails rejects the sync with an
 * OfficeExtension.Error-shaped error, the ones before it applied, the ones after it dropped. Properties
 * read before their `load` was synced throw PropertyNotLoaded; cells convert what is written as Excel
 * does; requests and responses are measured as the JSON Office.js sends and refused over 5 MB. What
 * Excel leaves unsettled follows `behaviour` (see excel/behaviour.ts). Runs in Node, workerd and
 * Chromium (bundled by tests/e2e/browser.ts); never part of the add-in bundle.
 */

export interface FakeStats {
  syncs: number;
  /** Commands queued (actions and object instantiations, as Office.js counts them). */
  ops: number;
  runs: number;
  /** Largest request of one sync, in bytes of its JSON. */
  maxRequestBytes: number;
  /** All request bytes sent. */
  totalBytes: number;
  /** Largest response of one sync, in bytes of its JSON. */
  maxResponseBytes: number;
  /** All response bytes received. */
  totalResponseBytes: number;
  /** Syncs during which screen updating was suspended. */
  pausedSyncs: number;
}

interface XmlPartData {
  id: string;
  xml: string;
}

/** A loaded value waiting for its sync to succeed (Office.js fills proxies only from a good response). */
interface Loaded {
  response: unknown;
  commit(): void;
}
interface Command {
  /** The API member ("Range.values"), checked against the host's ExcelApi; loads check each property instead. */
  member?: string;
  /** What the action carries to Excel (sized as JSON). */
  args?: unknown;
  /** Changes the workbook (a sync that also loads is undone whole when its response is too large). */
  write?: boolean;
  /** Reads from the workbook into the response: "small" when it can only be a few scalars (an id, a count). */
  read?: "small" | "any";
  run(): Loaded | void;
}

// The JSON Office.js wraps each action in (ids, type, name, object path), beside the action's arguments.
const actionEnvelope = (member: string | undefined) => jsonBytes({ Id: 1000, ActionType: 1, Name: member ?? "Load", ObjectPathId: 1000, ArgumentInfo: { Arguments: [] } });
const MAX_READ_CELLS = 5_000_000;
/** The most a load of scalar properties (ids, names, counts, flags) can answer with. */
const SMALL_READ_BYTES = 4_096;

export class FakeExcel {
  readonly behaviour: ExcelBehaviour;
  sheets: SheetData[] = [];
  customXml: XmlPartData[] = [];
  stats: FakeStats = { syncs: 0, ops: 0, runs: 0, maxRequestBytes: 0, totalBytes: 0, maxResponseBytes: 0, totalResponseBytes: 0, pausedSyncs: 0 };
  screenPaused = false;
  activeSheet?: string;
  selection?: string;
  enableEvents = true;
  /** The handlers add-ins registered on workbook.onSelectionChanged (ExcelApi 1.2): in the runtime, not the file. */
  readonly selectionHandlers = new Set<(args: Excel.SelectionChangedEventArgs) => Promise<unknown>>();
  /** Set to make the next sync fail as a whole, as Office does with a rejected request (nothing applied). */
  failNextSync?: Error;
  private nextId = 1;
  private failAt?: { n: number; error: Error };
  /** Sheets whose outline a command changed: their `groups` are derived once per sync, not per command. */
  readonly regroup = new Set<SheetData>();

  constructor(behaviour: Partial<ExcelBehaviour> = {}) {
    this.behaviour = { ...currentProfile(), ...behaviour };
  }

  /** As Office.context.requirements.isSetSupported, against behaviour.excelApi. */
  isSetSupported = (name: string, minVersion = "1.1"): boolean => name.toLowerCase() === "excelapi" && versionAtLeast(this.behaviour.excelApi, minVersion);

  /**
   * The Nth command queued from now (1-based, counted across the coming syncs) fails with `error` (an
   * Excel error code or a full Error): the commands of its sync before it stay applied, the ones after
   * it are dropped, the sync rejects.
   */
  failAtCommand(n: number, error: string | Error = "GeneralException"): void {
    if (n < 1) throw new Error("failAtCommand counts from 1");
    this.failAt = { n, error: typeof error === "string" ? new ExcelError(error, `injected failure at command ${n}`) : error };
  }

  // ---- what a user does in Excel ----

  addSheet(name: string): SheetData {
    const sheet = newSheet(this.newSheetId(), name);
    this.sheets.push(sheet);
    return sheet;
  }

  private newSheetId(): string {
    return this.newId("sheet");
  }

  /** A fresh id, never reused in this workbook (Excel's are GUIDs). */
  newId(kind: "sheet" | "xml-part"): string {
    return `{${kind}-${this.nextId++}}`;
  }

  sheet(nameOrId: string): SheetData | undefined {
    const lower = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
  }

  private must(nameOrId: string): SheetData {
    const s = this.sheet(nameOrId);
    if (!s) throw new Error(`no sheet ${nameOrId}`);
    return s;
  }

  /** `range.values` of the used range from A1, as Excel returns it (formulas as their result: ""). */
  values(nameOrId: string): Value[][] {
    const s = this.must(nameOrId);
    const b = usedBox(s, true);
    const [rows, cols] = b ? [b.r0 + b.rows, b.c0 + b.cols] : [0, 0];
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => readValue(s.cells.get(cellKey(r, c)))));
  }

  /** `range.formulas` of the used range from A1: formulas as written, quote-prefixed text without its quote. */
  formulas(nameOrId: string): Value[][] {
    const s = this.must(nameOrId);
    const b = usedBox(s, true);
    const [rows, cols] = b ? [b.r0 + b.rows, b.c0 + b.cols] : [0, 0];
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => formulaOf(s.cells.get(cellKey(r, c)))));
  }

  /**
   * A user typing into a cell: converted as Excel converts typing; refused on a protected sheet's locked
   * cells, and outside a list rule's entries while the rule's error alert is shown (refusedByList).
   */
  type(nameOrId: string, address: string, value: Value): void {
    const s = this.must(nameOrId);
    const b = parseAddress(address);
    if (s.protection.protected && isLocked(s, b.r0, b.c0)) throw new Error(`The cell ${address} is on a protected sheet`);
    if (refusedByList(lastValidation(s, b), value))
      throw new Error(`${s.name}!${address}: this value doesn't match the data validation restrictions defined for this cell`);
    this.enter(s, b, value);
  }

  /**
   * A user pasting text into a cell (a plain paste, not paste-values): converted as typing, but never
   * checked against the cell's validation, whose rule the paste replaces (a pasted cell brings none).
   */
  paste(nameOrId: string, address: string, value: Value): void {
    const s = this.must(nameOrId);
    const b = parseAddress(address);
    if (s.protection.protected && isLocked(s, b.r0, b.c0)) throw new Error(`The cell ${address} is on a protected sheet`);
    removeValidation(s, b);
    this.enter(s, b, value);
  }

  private enter(s: SheetData, b: Box, value: Value): void {
    const k = cellKey(b.r0, b.c0);
    const cell = writeCell(numberFormatOf(s, k, b.c0), value, "values", this.behaviour);
    if (cell) s.cells.set(k, cell);
  }

  /** A user deleting whole rows (1-based sheet rows), shifting the rest up. */
  deleteRows(nameOrId: string, first: number, count = 1): void {
    shiftRows(this.must(nameOrId), first - 1, -count);
  }

  /** A user inserting empty rows before sheet row `before` (1-based). */
  insertRows(nameOrId: string, before: number, count = 1): void {
    shiftRows(this.must(nameOrId), before - 1, count);
  }

  /** The user hides rows (1-based). */
  hideRows(nameOrId: string, firstRow: number, count = 1): void {
    const s = this.must(nameOrId);
    for (let r = firstRow - 1; r < firstRow - 1 + count; r++) s.hiddenRows.set(r, "user");
  }

  /** The user groups rows `first`..`last` (1-based) and, if `collapsed`, collapses the group (hides them). */
  groupRows(nameOrId: string, first: number, last: number, collapsed = false): void {
    const s = this.must(nameOrId);
    for (let r = first - 1; r < last; r++) {
      s.outline.set(r, (s.outline.get(r) ?? 0) + 1);
      if (collapsed) s.hiddenRows.set(r, "outline");
    }
    s.groups = outlineGroups(s.outline);
  }

  /** The user filters the table on the sheet so that these rows (1-based) are hidden. */
  filterRows(nameOrId: string, hiddenRows: number[]): void {
    const s = this.must(nameOrId);
    for (const r of hiddenRows) {
      if (!s.tables.some((t) => boxContains(parseAddress(t.address), { r0: r - 1, c0: parseAddress(t.address).c0, rows: 1, cols: 1 })))
        throw new Error(`row ${r} of ${nameOrId} is in no table to filter`);
      s.hiddenRows.set(r - 1, "filter");
    }
  }

  /** The user protects a sheet (with a password the add-in does not know), leaving the `unlocked` ranges editable. */
  protect(nameOrId: string, password?: string, unlocked: string[] = []): void {
    const s = this.must(nameOrId);
    for (const address of unlocked) s.locks.push({ address, locked: false });
    s.protection = { protected: true, password };
  }

  /**
   * A user selecting `address` ("Sheet!B3", "Sheet!B3:D4"; several areas joined by ","), which activates
   * its sheet. As in Excel, the workbook's onSelectionChanged handlers are called afterwards, outside any
   * batch, each with only `workbook` in its arguments (what was selected is read in a batch of its own),
   * and not while `enableEvents` is off. Resolves when the handlers have settled.
   */
  async userSelects(address: string): Promise<void> {
    const first = address.split(",")[0]!;
    const sheet = this.must(first.slice(0, first.lastIndexOf("!")));
    this.activeSheet = sheet.name;
    this.selection = address;
    if (!this.enableEvents) return;
    await Promise.resolve();
    await Promise.allSettled([...this.selectionHandlers].map((h) => h({ workbook: {} as Excel.Workbook })));
  }

  renameSheet(oldName: string, newName: string): void {
    this.must(oldName).name = newName;
  }

  /**
   * Save and reopen the file: what lives in the file (cells, tables, custom XML, hidden rows,
   * protection) is kept; the runtime (events, screen updating) starts afresh; worksheet ids are kept
   * or changed per the behaviour.
   */
  reopen(): void {
    this.enableEvents = true;
    this.selectionHandlers.clear();
    this.screenPaused = false;
    // Ids seen after a reopen look like positions ({00000000-0001-0000-0003-…}, office-js #1390, docs #297):
    // numbered by position, so a sheet may get an id another sheet had before (moved or deleted sheets).
    if (this.behaviour.worksheetIdsOnReopen === "changed")
      this.sheets.forEach((s, i) => (s.id = `{00000000-0001-0000-${i.toString(16).padStart(4, "0")}-000000000000}`));
  }

  /** The user moves a sheet to a position (0-based), as dragging its tab does. */
  moveSheet(nameOrId: string, position: number): void {
    const s = this.must(nameOrId);
    this.sheets = this.sheets.filter((x) => x !== s);
    this.sheets.splice(position, 0, s);
  }

  /** The user copies a sheet (Move or Copy → Create a copy): cells, tables (renamed, as table names are unique) and sheet-scoped names come along. */
  duplicateSheet(nameOrId: string, newName: string): SheetData {
    const copy = { ...copySheet(this.must(nameOrId)), id: this.newSheetId(), name: newName };
    for (const t of copy.tables) {
      let n = 2;
      while (this.sheets.some((s) => s.tables.some((x) => x.name.toLowerCase() === `${t.name}${n}`.toLowerCase()))) n++;
      t.name = `${t.name}${n}`;
    }
    this.sheets.push(copy);
    return copy;
  }

  // ---- Excel.run ----

  /** As Excel.run: the batch's context, and a last sync of what it left queued when it resolves. */
  run = async <T,>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.stats.runs++;
    const context = new FakeContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.queue.length) await context.sync();
    return result;
  };

  /** Runs a context's queued commands as one request to Excel. */
  async execute(queue: Command[]): Promise<void> {
    await Promise.resolve();
    this.stats.syncs++;
    this.stats.ops += queue.length;
    let request = 2;
    for (const cmd of queue) request += actionEnvelope(cmd.member) + (cmd.args === undefined ? 0 : jsonBytes(cmd.args));
    this.stats.totalBytes += request;
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, request);
    if (this.failNextSync) {
      const e = this.failNextSync;
      this.failNextSync = undefined;
      throw e;
    }
    if (request > PAYLOAD_LIMIT_BYTES) throw excelError("RequestPayloadSizeLimitExceeded", `the request is ${request} bytes; Excel takes at most ${PAYLOAD_LIMIT_BYTES}`);
    // Only a request that writes and may read a lot can be refused after it ran: keep a copy to undo it.
    const smallReads = queue.filter((c) => c.read === "small").length;
    const undo = queue.some((c) => c.write) && (queue.some((c) => c.read === "any") || smallReads * SMALL_READ_BYTES > PAYLOAD_LIMIT_BYTES) ? this.snapshot() : undefined;
    const results: Loaded[] = [];
    let failure: Error | undefined;
    // A pause lasts until the next sync (suspendScreenUpdatingUntilNextSync): through this one, not past it,
    // unless this one suspends again. Whether Excel resumes at the end of Excel.run is not documented: not here.
    const pausedBefore = this.screenPaused;
    this.screenPaused = false;
    for (const [i, cmd] of queue.entries()) {
      if (this.failAt && --this.failAt.n === 0) {
        failure = this.failAt.error;
        if (failure instanceof ExcelError) failure.debugInfo.errorLocation ??= cmd.member ?? `command ${i + 1}`;
        this.failAt = undefined;
        break;
      }
      try {
        if (cmd.member) requireApi(this, cmd.member);
        const loaded = cmd.run();
        if (loaded) results.push(loaded);
      } catch (e) {
        if (!(e instanceof ExcelError)) throw e;
        e.debugInfo.errorLocation ??= cmd.member ?? `command ${i + 1}`;
        failure = e;
        // The dropped commands count as queued ones: an injected failure that falls on one of them is gone with it.
        if (this.failAt && (this.failAt.n -= queue.length - i - 1) <= 0) this.failAt = undefined;
        break;
      }
    }
    for (const s of this.regroup) s.groups = outlineGroups(s.outline);
    this.regroup.clear();
    if (pausedBefore || this.screenPaused) this.stats.pausedSyncs++;
    if (failure) throw failure;
    const response = jsonBytes(results.map((r) => r.response).filter((r) => r !== undefined));
    if (response > PAYLOAD_LIMIT_BYTES) {
      if (undo) undo();
      throw excelError("ResponsePayloadSizeLimitExceeded", `the response is ${response} bytes; Excel returns at most ${PAYLOAD_LIMIT_BYTES}`);
    }
    this.stats.totalResponseBytes += response;
    this.stats.maxResponseBytes = Math.max(this.stats.maxResponseBytes, response);
    for (const r of results) r.commit();
  }

  /** Restores the workbook as it is now (Excel applies nothing of a request whose response it cannot send). */
  private snapshot(): () => void {
    const sheets = this.sheets.map((s) => [s, copySheet(s)] as const);
    const xml = this.customXml.map((p) => [p, p.xml] as const);
    const runtime = { enableEvents: this.enableEvents, activeSheet: this.activeSheet, selection: this.selection };
    return () => {
      this.sheets = sheets.map(([live, copy]) => Object.assign(live, copy));
      this.customXml = xml.map(([part, text]) => Object.assign(part, { xml: text }));
      Object.assign(this, runtime);
    };
  }
}

function requireApi(host: FakeExcel, member: string): void {
  const set = API_SETS[member];
  if (set === undefined) throw new Error(`the fake host has no API set for ${member}: add it to tests/support/excel/api-sets.ts`);
  if (!versionAtLeast(host.behaviour.excelApi, set)) throw excelError("ApiNotFound", `${member} needs ExcelApi ${set}; this Excel has ${host.behaviour.excelApi}`, member);
}

function formulaOf(cell: CellData | undefined): Value {
  return cell?.formula ?? cell?.value ?? "";
}

// ---- the request context and its proxies ----

class FakeContext {
  readonly queue: Command[] = [];
  readonly trackedObjects = { add() {}, remove() {} };
  private objects: Record<string, unknown> = {};
  constructor(readonly host: FakeExcel) {}
  enqueue(cmd: Command): void {
    this.queue.push(cmd);
  }
  sync(): Promise<void> {
    return this.host.execute(this.queue.splice(0));
  }
  private once<T>(key: string, make: () => T): T {
    return (this.objects[key] ??= make()) as T;
  }
  get workbook() {
    return this.once("workbook", () => new FakeWorkbook(this));
  }
  get runtime() {
    return this.once("runtime", () => new FakeRuntime(this));
  }
  get application() {
    return this.once("application", () => new FakeApplication(this));
  }
}

type Origin<T> =
  /** Got by a method (getItem, getRange, add…): instantiated by a command of its own, resolved when it runs. */
  | { method: string; args?: unknown; write?: boolean; make: () => T | null }
  /** A navigation property (range.format, sheet.tables…): resolved through its parent whenever it is used. */
  | { property: string; get: () => T | null }
  /** An item of a loaded collection. */
  | { bound: T };

/**
 * A proxy as Office.js hands it out. Its target is resolved when its commands run, so a proxy made
 * before the object exists (a range of a sheet added in the same batch) works, and one whose object
 * is gone fails then.
 */
abstract class ClientObject<T> {
  private target?: T | null;
  /** Its instantiation ran in a sync that succeeded: `isNullObject` can be read. */
  private known = false;
  /** Values loaded (after their sync) or set on the proxy, as Office.js keeps them. */
  protected readonly local = new Map<string, unknown>();

  constructor(
    protected readonly ctx: FakeContext,
    protected readonly type: string,
    private readonly origin: Origin<T>,
  ) {
    if ("bound" in origin) {
      this.target = origin.bound;
      this.known = true;
    } else if ("method" in origin)
      ctx.enqueue({
        member: origin.method,
        args: origin.args,
        write: origin.write,
        run: () => {
          this.target = origin.make();
          return { response: undefined, commit: () => void (this.known = true) };
        },
      });
  }

  protected get host(): FakeExcel {
    return this.ctx.host;
  }

  /** Its target when a command runs: null for a null object; fails when its instantiation did not run. */
  current(): T | null {
    if ("property" in this.origin) {
      requireApi(this.host, this.origin.property);
      return this.origin.get();
    }
    if (this.target === undefined) throw excelError("InvalidObjectPath", `the ${this.type} was never made: the request that made it failed`);
    return this.target;
  }

  /** Its target for an action: a null object cannot be acted on. */
  live(): T {
    const t = this.current();
    if (t === null) throw excelError("InvalidObjectPath", `the ${this.type} is a null object`);
    return t;
  }

  /** The parent's target as a child is resolved: a null parent gives a null child or fails, per behaviour. */
  protected childOf<P>(parent: ClientObject<P>): P | null {
    const p = parent.current();
    if (p === null && this.host.behaviour.nullObjectChildren === "fails")
      throw excelError("InvalidObjectPath", `a child of a null ${parent.type} was loaded (check isNullObject in an earlier sync)`);
    return p;
  }

  get isNullObject(): boolean {
    if ("method" in this.origin && !this.known) throw notLoaded(this.type, "isNullObject");
    return this.current() === null;
  }

  /** The properties `load` can read, each from the target. */
  protected abstract loaders(): Record<string, (t: T) => unknown>;

  /** Properties whose value grows with the workbook (a range's cells), unlike ids, names and flags. */
  protected largeProperties(): ReadonlySet<string> {
    return NO_PROPERTIES;
  }

  protected read<V>(prop: string): V {
    if (this.local.has(prop)) return this.local.get(prop) as V;
    // Office.js: a null object's properties read as undefined once the sync told it so.
    if (this.known && this.target === null) return undefined as V;
    throw notLoaded(this.type, prop);
  }

  /** Queues an action on the target (a method call or property set). */
  protected act(member: string, args: unknown, run: (t: T) => void): void {
    this.ctx.enqueue({ member, args, write: true, run: () => run(this.live()) });
  }

  protected setProperty<V>(prop: string, value: V, apply: (t: T, v: V) => void): void {
    this.local.set(prop, value);
    this.act(`${this.type}.${prop}`, value, (t) => apply(t, value));
  }

  load(select?: string | string[] | { select?: string | string[] }): this {
    const props = selection(select);
    this.ctx.enqueue({
      args: props,
      read: props.length && props.every((p) => !this.largeProperties().has(p)) ? "small" : "any",
      run: () => {
        if (this.current() === null) return { response: null, commit: () => {} };
        const values = this.snapshot(props);
        return { response: values, commit: () => this.fillLoaded(values) };
      },
    });
    return this;
  }

  /** The values of `props` (all when none) as a load reads them now. */
  snapshot(props: string[]): Record<string, unknown> {
    const t = this.live();
    const loaders = this.loaders();
    // Office.js knows isNullObject without loading it; code that names it in a load is common.
    const names = props.length ? props.filter((p) => p !== "isNullObject") : Object.keys(loaders);
    const values: Record<string, unknown> = {};
    for (const p of names) {
      const loader = loaders[p];
      if (!loader) throw excelError("InvalidArgument", `${this.type} has no property '${p}' to load`);
      if (API_SETS[`${this.type}.${p}`]) requireApi(this.host, `${this.type}.${p}`);
      values[p] = loader(t);
    }
    return values;
  }

  fillLoaded(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.local.set(k, v);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.local);
  }
}

const NO_PROPERTIES: ReadonlySet<string> = new Set();
const RANGE_GRIDS: ReadonlySet<string> = new Set(["values", "formulas", "numberFormat", "text"]);

function selection(select?: string | string[] | { select?: string | string[] }): string[] {
  const raw = typeof select === "object" && !Array.isArray(select) ? select.select : select;
  const list = Array.isArray(raw) ? raw : (raw ?? "").split(",");
  return list.map((p) => p.trim()).filter(Boolean);
}

function notLoaded(type: string, prop: string): ExcelError {
  return excelError(
    "PropertyNotLoaded",
    `The property '${prop}' of ${type} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/**
 * A collection: `load("items/name")` (or "name", or nothing) loads its items with those properties;
 * `items` is there after the sync.
 */
abstract class Collection<T, I, P extends ClientObject<I>> extends ClientObject<T> {
  protected abstract itemsOf(t: T): I[];
  protected abstract item(target: I): P;
  protected loaders() {
    return {};
  }
  override load(select?: string | string[] | { select?: string | string[] }): this {
    const props = selection(select).map((p) => p.replace(/^items\/?/, "")).filter(Boolean);
    this.ctx.enqueue({
      args: props,
      read: "any",
      run: () => {
        const t = this.current();
        const items = t === null ? [] : this.itemsOf(t).map((target) => this.item(target));
        const loaded = items.map((p) => p.snapshot(props));
        return {
          response: { items: loaded },
          commit: () => {
            items.forEach((p, i) => p.fillLoaded(loaded[i]!));
            this.local.set("items", items);
          },
        };
      },
    });
    return this;
  }
  get items(): P[] {
    return this.read("items");
  }
}

// ---- workbook, runtime, application ----

class FakeWorkbook {
  private cache: Record<string, unknown> = {};
  constructor(private readonly ctx: FakeContext) {}
  private once<T>(key: string, make: () => T): T {
    return (this.cache[key] ??= make()) as T;
  }
  get worksheets(): Worksheets {
    return this.once("worksheets", () => new Worksheets(this.ctx));
  }
  get tables(): Tables {
    return this.once("tables", () => new Tables(this.ctx, { property: "Workbook.tables", get: () => ({}) }));
  }
  get customXmlParts(): CustomXmlParts {
    return this.once("customXmlParts", () => new CustomXmlParts(this.ctx));
  }
  /**
   * The selected range (ExcelApi 1.1): the selection when the command runs, else A1 of the active sheet.
   * Several selected areas fail with InvalidSelection, as Excel's single-range getter does.
   */
  getSelectedRange(): Range {
    return new Range(this.ctx, {
      method: "Workbook.getSelectedRange",
      make: () => {
        const host = this.ctx.host;
        const address = host.selection ?? `${host.sheet(host.activeSheet ?? "")?.name ?? host.sheets[0]!.name}!A1`;
        if (address.includes(",")) throw excelError("InvalidSelection", `${address} has several areas: getSelectedRange takes one`);
        const sheet = host.sheet(address.slice(0, address.lastIndexOf("!")));
        if (!sheet) throw excelError("InvalidSelection", `the selection ${address} is on no sheet`);
        return { sheet, box: parseAddress(address) };
      },
    });
  }
  /** workbook.onSelectionChanged (ExcelApi 1.2): a handler is registered by the sync after `add`, removed by the sync after `remove`. */
  get onSelectionChanged() {
    const ctx = this.ctx;
    const handlers = ctx.host.selectionHandlers;
    return {
      add: (handler: (args: Excel.SelectionChangedEventArgs) => Promise<unknown>) => {
        ctx.enqueue({ member: "Workbook.onSelectionChanged", run: () => void handlers.add(handler) });
        return {
          context: ctx,
          remove: () => ctx.enqueue({ member: "Workbook.onSelectionChanged", run: () => void handlers.delete(handler) }),
        };
      },
    };
  }
}

class FakeRuntime extends ClientObject<FakeExcel> {
  constructor(ctx: FakeContext) {
    super(ctx, "Runtime", { bound: ctx.host });
  }
  protected loaders() {
    return { enableEvents: (h: FakeExcel) => h.enableEvents };
  }
  get enableEvents(): boolean {
    return this.read("enableEvents");
  }
  set enableEvents(v: boolean) {
    this.setProperty("enableEvents", v, (h, value) => void (h.enableEvents = value));
  }
}

class FakeApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.enqueue({ member: "Application.suspendScreenUpdatingUntilNextSync", run: () => void (this.ctx.host.screenPaused = true) });
  }
}

// ---- worksheets ----

const FORBIDDEN_SHEET_NAME = /[[\]:*?/\\]/;

function checkSheetName(host: FakeExcel, name: string, self?: SheetData): void {
  if (!name.trim() || name.length > 31 || FORBIDDEN_SHEET_NAME.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history")
    throw excelError("InvalidArgument", `'${name}' is not a valid sheet name`);
  const other = host.sheet(name);
  if (other && other !== self) throw excelError("ItemAlreadyExists", `a sheet named '${name}' already exists`);
}

class Worksheets extends Collection<FakeExcel, SheetData, Worksheet> {
  constructor(ctx: FakeContext) {
    super(ctx, "WorksheetCollection", { property: "Workbook.worksheets", get: () => ctx.host });
  }
  protected itemsOf(h: FakeExcel) {
    return h.sheets;
  }
  protected item(s: SheetData) {
    return new Worksheet(this.ctx, { bound: s });
  }
  getItem(key: string): Worksheet {
    return new Worksheet(this.ctx, {
      method: "WorksheetCollection.getItem",
      args: [key],
      make: () => this.live().sheet(key) ?? throwError(excelError("ItemNotFound", `there is no sheet '${key}'`)),
    });
  }
  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(this.ctx, { method: "WorksheetCollection.getItemOrNullObject", args: [key], make: () => this.live().sheet(key) ?? null });
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.ctx, {
      method: "WorksheetCollection.getActiveWorksheet",
      make: () => this.live().sheet(this.host.activeSheet ?? "") ?? this.live().sheets[0] ?? null,
    });
  }
  add(name?: string): Worksheet {
    return new Worksheet(this.ctx, {
      method: "WorksheetCollection.add",
      args: [name],
      write: true,
      make: () => {
        const host = this.live();
        let n = host.sheets.length + 1;
        while (!name && host.sheet(`Sheet${n}`)) n++;
        const wanted = name || `Sheet${n}`;
        checkSheetName(host, wanted);
        return host.addSheet(wanted);
      },
    });
  }
}

const visibleSheets = (h: FakeExcel) => h.sheets.filter((s) => s.visibility === "Visible");

class Worksheet extends ClientObject<SheetData> {
  constructor(ctx: FakeContext, origin: Origin<SheetData>) {
    super(ctx, "Worksheet", origin);
  }
  protected loaders() {
    return {
      id: (s: SheetData) => s.id,
      name: (s: SheetData) => s.name,
      visibility: (s: SheetData) => s.visibility,
      position: (s: SheetData) => this.host.sheets.indexOf(s),
    };
  }
  get id(): string {
    return this.read("id");
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.setProperty("name", v, (s, name) => {
      checkSheetName(this.host, name, s);
      s.name = name;
    });
  }
  get visibility(): SheetData["visibility"] {
    return this.read("visibility");
  }
  set visibility(v: SheetData["visibility"]) {
    this.setProperty("visibility", v, (s, visibility) => {
      if (visibility !== "Visible" && s.visibility === "Visible" && visibleSheets(this.host).length === 1)
        throw excelError("InvalidOperation", "a workbook must keep at least one visible sheet");
      s.visibility = visibility;
    });
  }
  delete(): void {
    this.act("Worksheet.delete", undefined, (s) => {
      if (s.visibility === "Visible" && visibleSheets(this.host).length === 1) throw excelError("InvalidOperation", "a workbook must keep at least one visible sheet");
      if (s.protection.protected) throw excelError("AccessDenied", `${s.name} is protected`);
      this.host.sheets = this.host.sheets.filter((x) => x !== s);
    });
  }
  activate(): void {
    this.act("Worksheet.activate", undefined, (s) => {
      if (s.visibility !== "Visible") throw excelError("InvalidOperation", `${s.name} is hidden`);
      this.host.activeSheet = s.name;
    });
  }
  getRange(address = ""): Range {
    return new Range(this.ctx, { method: "Worksheet.getRange", args: [address], make: () => this.rangeOf(parseAddress(address)) });
  }
  getRangeByIndexes(r0: number, c0: number, rows: number, cols: number): Range {
    return new Range(this.ctx, {
      method: "Worksheet.getRangeByIndexes",
      args: [r0, c0, rows, cols],
      make: () => {
        if (r0 < 0 || c0 < 0 || rows < 1 || cols < 1 || r0 + rows > MAX_ROWS || c0 + cols > MAX_COLS)
          throw excelError("InvalidArgument", `getRangeByIndexes(${r0}, ${c0}, ${rows}, ${cols}) is outside the sheet`);
        return this.rangeOf({ r0, c0, rows, cols });
      },
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return new Range(this.ctx, {
      method: "Worksheet.getUsedRangeOrNullObject",
      args: [valuesOnly],
      make: () => {
        const s = this.childOf(this);
        const box = s && usedBox(s, valuesOnly);
        return s && box ? { sheet: s, box } : null;
      },
    });
  }
  getUsedRange(valuesOnly = false): Range {
    return new Range(this.ctx, {
      method: "Worksheet.getUsedRange",
      args: [valuesOnly],
      make: () => {
        const s = this.childOf(this);
        return s && { sheet: s, box: usedBox(s, valuesOnly) ?? { r0: 0, c0: 0, rows: 1, cols: 1 } };
      },
    });
  }
  private rangeOf(box: Box): RangeTarget | null {
    const s = this.childOf(this);
    return s && { sheet: s, box };
  }
  private cache: Record<string, unknown> = {};
  private once<T>(key: string, make: () => T): T {
    return (this.cache[key] ??= make()) as T;
  }
  get tables(): Tables {
    return this.once("tables", () => new Tables(this.ctx, { property: "Worksheet.tables", get: () => (this.childOf(this) ? { sheet: this.current()! } : null) }));
  }
  get charts(): Charts {
    return this.once("charts", () => new Charts(this.ctx, { property: "Worksheet.charts", get: () => this.childOf(this) }));
  }
  get protection(): Protection {
    return this.once("protection", () => new Protection(this.ctx, { property: "Worksheet.protection", get: () => this.childOf(this) }));
  }
  get freezePanes(): FreezePanes {
    return this.once("freezePanes", () => new FreezePanes(this.ctx, { property: "Worksheet.freezePanes", get: () => this.childOf(this) }));
  }
  get pageLayout(): PageLayout {
    return this.once("pageLayout", () => new PageLayout(this.ctx, { property: "Worksheet.pageLayout", get: () => this.childOf(this) }));
  }
  get names(): NamedItems {
    return this.once("names", () => new NamedItems(this.ctx, { property: "Worksheet.names", get: () => this.childOf(this) }));
  }
}

// ---- sheet-scoped names ----

interface NameTarget {
  sheet: SheetData;
  item: SheetData["names"][number];
}

/** A sheet's defined names: unique per sheet (case-insensitive); the same name may be on other sheets. */
class NamedItems extends Collection<SheetData, NameTarget, NamedItem> {
  constructor(ctx: FakeContext, origin: Origin<SheetData>) {
    super(ctx, "NamedItemCollection", origin);
  }
  protected itemsOf(sheet: SheetData) {
    return sheet.names.map((item) => ({ sheet, item }));
  }
  protected item(target: NameTarget) {
    return new NamedItem(this.ctx, { bound: target });
  }
  add(name: string, reference: string, comment?: string): NamedItem {
    return new NamedItem(this.ctx, {
      method: "NamedItemCollection.add",
      args: [name, reference, comment],
      write: true,
      make: () => {
        const sheet = this.live();
        // Excel's rule for a defined name: a letter, _ or \ first, then letters, digits, _ and .; never a cell address.
        if (!/^[A-Za-z_\\][\w.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw excelError("InvalidArgument", `'${name}' is not a valid name`);
        if (sheet.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw excelError("ItemAlreadyExists", `the sheet already has a name '${name}'`);
        const item = { name, formula: reference };
        sheet.names.push(item);
        return { sheet, item };
      },
    });
  }
}

class NamedItem extends ClientObject<NameTarget> {
  constructor(ctx: FakeContext, origin: Origin<NameTarget>) {
    super(ctx, "NamedItem", origin);
  }
  protected loaders() {
    return { name: ({ item }: NameTarget) => item.name };
  }
  get name(): string {
    return this.read("name");
  }
}

function throwError(e: Error): never {
  throw e;
}

// ---- protection ----

/** What a change to a protected sheet needs: cells (values), formats of cells, rows or columns, or structure. */
type Change = "cells" | "formatCells" | "formatRows" | "formatColumns" | "objects" | "structure";
const ALLOWED_BY: Partial<Record<Change, string>> = {
  formatCells: "allowFormatCells",
  formatRows: "allowFormatRows",
  formatColumns: "allowFormatColumns",
  objects: "allowEditObjects",
};

/** As Excel: a protected sheet refuses changes its protection options do not allow, and values in locked cells. */
function guard(host: FakeExcel, s: SheetData, change: Change, box?: Box): void {
  if (!s.protection.protected) return;
  const option = ALLOWED_BY[change];
  if (option && s.protection.options?.[option] === true) return;
  if (change === "cells" && box && !anyLocked(s, box) && host.behaviour.unlockedCellsWhenProtected === "allowed") return;
  throw excelError("AccessDenied", `${s.name} is protected${box ? ` (${boxAddress(box)})` : ""}: the change is refused`);
}

/** Whether any cell of `box` is locked (cells are locked unless a later `locked = false` covers them). */
function anyLocked(s: SheetData, box: Box): boolean {
  let unlocked: Box[] = [];
  for (const l of s.locks) {
    const b = parseAddress(l.address);
    unlocked = l.locked ? unlocked.flatMap((u) => boxMinus(u, b)) : [...unlocked, b];
  }
  let rest = [box];
  for (const u of unlocked) rest = rest.flatMap((r) => boxMinus(r, u));
  return rest.length > 0;
}

class Protection extends ClientObject<SheetData> {
  constructor(ctx: FakeContext, origin: Origin<SheetData>) {
    super(ctx, "WorksheetProtection", origin);
  }
  protected loaders() {
    return { protected: (s: SheetData) => s.protection.protected, options: (s: SheetData) => s.protection.options ?? {} };
  }
  get protected(): boolean {
    return this.read("protected");
  }
  get options(): Record<string, unknown> {
    return this.read("options");
  }
  protect(options?: Record<string, unknown>, password?: string): void {
    this.act("WorksheetProtection.protect", [options, password], (s) => {
      if (s.protection.protected) throw excelError("InvalidOperation", `${s.name} is already protected`);
      s.protection = { protected: true, options, password };
    });
  }
  unprotect(password?: string): void {
    this.act("WorksheetProtection.unprotect", [password], (s) => {
      if (s.protection.password !== undefined && s.protection.password !== password) throw excelError("InvalidArgument", `${s.name} is protected with a password that was not given`);
      s.protection = { protected: false };
    });
  }
}

class FreezePanes extends ClientObject<SheetData> {
  constructor(ctx: FakeContext, origin: Origin<SheetData>) {
    super(ctx, "WorksheetFreezePanes", origin);
  }
  protected loaders() {
    return {};
  }
  private freeze(member: string, args: unknown, at: (s: SheetData) => [number, number]): void {
    this.act(`WorksheetFreezePanes.${member}`, args, (s) => {
      [s.frozenRows, s.frozenColumns] = at(s);
    });
  }
  freezeRows(n = 1): void {
    this.freeze("freezeRows", [n], () => [n, 0]);
  }
  freezeColumns(n = 1): void {
    this.freeze("freezeColumns", [n], () => [0, n]);
  }
  freezeAt(range: Range | string): void {
    this.freeze("freezeAt", [typeof range === "string" ? range : "<range>"], () => {
      const b = typeof range === "string" ? parseAddress(range) : range.live().box;
      return [b.r0 + b.rows, b.c0 + b.cols];
    });
  }
  unfreeze(): void {
    this.freeze("unfreeze", undefined, () => [0, 0]);
  }
}

class PageLayout extends ClientObject<SheetData> {
  constructor(ctx: FakeContext, origin: Origin<SheetData>) {
    super(ctx, "PageLayout", origin);
  }
  protected loaders() {
    return { orientation: (s: SheetData) => s.page.orientation ?? "Portrait", zoom: (s: SheetData) => s.page.zoom ?? { scale: 100 } };
  }
  set orientation(v: string) {
    this.setProperty("orientation", v, (s, o) => void (s.page.orientation = o));
  }
  // Office.js sends zoom whole: properties set one by one on the proxy would not reach Excel.
  set zoom(v: unknown) {
    this.setProperty("zoom", v, (s, z) => void (s.page.zoom = z));
  }
  setPrintTitleRows(rows: string): void {
    this.act("PageLayout.setPrintTitleRows", [rows], (s) => void (s.page.printTitleRows = rows));
  }
}

// ---- ranges ----

interface RangeTarget {
  sheet: SheetData;
  box: Box;
}

/** An address as Excel gives it: "A1" for a cell, "A:C" for whole columns, "2:5" for whole rows. */
function excelAddress(box: Box): string {
  const [first, last] = [columnLetter(box.c0), columnLetter(box.c0 + box.cols - 1)];
  if (box.cols === MAX_COLS) return `${box.r0 + 1}:${box.r0 + box.rows}`;
  if (box.rows === MAX_ROWS) return `${first}:${last}`;
  return boxAddress(box).replace(/^([A-Z]+\d+):\1$/, "$1");
}

/** A sheet name as an address gives it: quoted when Excel quotes it. */
const sheetRef = (name: string) => (/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
const cellsOf = ({ box }: RangeTarget) => box.rows * box.cols;

class Range extends ClientObject<RangeTarget> {
  constructor(ctx: FakeContext, origin: Origin<RangeTarget>) {
    super(ctx, "Range", origin);
  }
  protected loaders() {
    const grid = (f: (t: RangeTarget, r: number, c: number) => unknown) => (t: RangeTarget) => {
      if (cellsOf(t) > MAX_READ_CELLS) throw excelError("RangeExceedsLimit", `${boxAddress(t.box)} has more than ${MAX_READ_CELLS} cells to read`);
      return Array.from({ length: t.box.rows }, (_, r) => Array.from({ length: t.box.cols }, (_, c) => f(t, t.box.r0 + r, t.box.c0 + c)));
    };
    const cell = (t: RangeTarget, r: number, c: number) => t.sheet.cells.get(cellKey(r, c));
    return {
      address: (t: RangeTarget) => `${sheetRef(t.sheet.name)}!${excelAddress(t.box)}`,
      rowIndex: (t: RangeTarget) => t.box.r0,
      columnIndex: (t: RangeTarget) => t.box.c0,
      rowCount: (t: RangeTarget) => t.box.rows,
      columnCount: (t: RangeTarget) => t.box.cols,
      cellCount: cellsOf,
      values: grid((t, r, c) => readValue(cell(t, r, c))),
      formulas: grid((t, r, c) => formulaOf(cell(t, r, c))),
      numberFormat: grid((t, r, c) => numberFormatOf(t.sheet, cellKey(r, c), c) ?? "General"),
      text: grid((t, r, c) => String(readValue(cell(t, r, c)))),
      rowHidden: (t: RangeTarget) => allOrNull(t.box.r0, t.box.rows, (r) => t.sheet.hiddenRows.has(r)),
      columnHidden: (t: RangeTarget) => allOrNull(t.box.c0, t.box.cols, (c) => t.sheet.hiddenColumns.has(c)),
    };
  }
  protected override largeProperties() {
    return RANGE_GRIDS;
  }
  /** Where the range is, unquoted, as the fake records it (chart series, selection). */
  where(): string {
    const { sheet, box } = this.live();
    return `${sheet.name}!${boxAddress(box)}`;
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get cellCount(): number {
    return this.read("cellCount");
  }
  get values(): Value[][] {
    return this.read("values");
  }
  set values(v: unknown[][]) {
    this.writeCells("values", v);
  }
  get formulas(): Value[][] {
    return this.read("formulas");
  }
  set formulas(v: unknown[][]) {
    this.writeCells("formulas", v);
  }
  get text(): string[][] {
    return this.read("text");
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(v: unknown[][] | string) {
    this.setProperty("numberFormat", v, (t, formats) => {
      guard(this.host, t.sheet, "formatCells");
      const { sheet: s, box } = t;
      if (typeof formats === "string" && box.rows === MAX_ROWS) {
        // A whole column's format, kept per column (a million cells each would not fit a test's memory).
        for (let c = box.c0; c < box.c0 + box.cols; c++) s.columnFormats.set(c, formats);
        for (const [k, cell] of s.cells) {
          const c = Number(k.slice(k.indexOf(",") + 1));
          if (c >= box.c0 && c < box.c0 + box.cols && cell.numberFormat !== undefined) s.cells.set(k, { ...cell, numberFormat: undefined });
        }
        return;
      }
      forEachInput(t, formats, (r, c, f) => {
        if (f === null || f === undefined) return;
        const k = cellKey(r, c);
        s.cells.set(k, { ...(s.cells.get(k) ?? { value: "" }), numberFormat: f === "" ? "General" : String(f) });
      });
    });
  }
  get rowHidden(): boolean | null {
    return this.read("rowHidden");
  }
  set rowHidden(v: boolean) {
    this.setProperty("rowHidden", v, ({ sheet: s, box }, hidden) => {
      guard(this.host, s, "formatRows");
      for (let r = box.r0; r < box.r0 + Math.min(box.rows, MAX_ROWS); r++) {
        if (hidden) s.hiddenRows.set(r, "user");
        else s.hiddenRows.delete(r);
      }
    });
  }
  get columnHidden(): boolean | null {
    return this.read("columnHidden");
  }
  set columnHidden(v: boolean) {
    this.setProperty("columnHidden", v, ({ sheet: s, box }, hidden) => {
      guard(this.host, s, "formatColumns");
      for (let c = box.c0; c < box.c0 + box.cols; c++) (hidden ? s.hiddenColumns.add(c) : s.hiddenColumns.delete(c));
    });
  }

  private writeCells(via: "values" | "formulas", input: unknown[][]): void {
    this.setProperty(via, input, (t, v) => {
      guard(this.host, t.sheet, "cells", t.box);
      const s = t.sheet;
      forEachInput(t, v, (r, c, value) => {
        const k = cellKey(r, c);
        const cell = writeCell(numberFormatOf(s, k, c), value, via, this.host.behaviour);
        if (cell) s.cells.set(k, cell);
      });
    });
  }

  clear(applyTo: "All" | "Formats" | "Contents" | string = "All"): void {
    this.act("Range.clear", [applyTo], (t) => {
      const { sheet: s, box } = t;
      const contents = applyTo !== "Formats";
      const formats = applyTo === "All" || applyTo === "Formats";
      guard(this.host, s, contents ? "cells" : "formatCells", box);
      const inside = (k: string) => {
        const [r, c] = k.split(",").map(Number) as [number, number];
        return r >= box.r0 && r < box.r0 + box.rows && c >= box.c0 && c < box.c0 + box.cols;
      };
      for (const [k, cell] of s.cells) {
        if (!inside(k)) continue;
        const kept = { value: contents ? "" : cell.value, formula: contents ? undefined : cell.formula, numberFormat: formats ? undefined : cell.numberFormat };
        if (kept.value === "" && kept.formula === undefined && kept.numberFormat === undefined) s.cells.delete(k);
        else s.cells.set(k, kept);
      }
      if (formats) {
        // Formats of the cells go; hidden rows and columns, widths, frozen panes, charts and tables stay.
        const keep = (address: string) => !boxesIntersect(parseAddress(address), box);
        s.fills = s.fills.filter((f) => keep(f.address));
        s.boldRanges = s.boldRanges.filter(keep);
        if (box.rows === MAX_ROWS) for (let c = box.c0; c < box.c0 + box.cols; c++) s.columnFormats.delete(c);
      }
    });
  }

  select(): void {
    this.act("Range.select", undefined, (t) => {
      this.host.activeSheet = t.sheet.name;
      this.host.selection = this.where().replace(/!([A-Z]+\d+):\1$/, "!$1");
    });
  }

  group(groupOption: "ByRows" | "ByColumns" = "ByRows"): void {
    this.act("Range.group", [groupOption], ({ sheet: s, box }) => {
      if (groupOption !== "ByRows") throw new Error("the fake host models outlines by rows only");
      guard(this.host, s, "structure");
      for (let r = box.r0; r < box.r0 + box.rows; r++) if ((s.outline.get(r) ?? 0) >= 8) throw excelError("InvalidOperation", "Excel outlines at most 8 levels");
      for (let r = box.r0; r < box.r0 + box.rows; r++) s.outline.set(r, (s.outline.get(r) ?? 0) + 1);
      this.host.regroup.add(s);
    });
  }

  /** One outline level less for the rows; hidden (collapsed) rows stay hidden. */
  ungroup(groupOption: "ByRows" | "ByColumns" = "ByRows"): void {
    this.act("Range.ungroup", [groupOption], ({ sheet: s, box }) => {
      if (groupOption !== "ByRows") throw new Error("the fake host models outlines by rows only");
      guard(this.host, s, "structure");
      const grouped = [...s.outline.keys()].filter((r) => r >= box.r0 && r < box.r0 + box.rows);
      if (!grouped.length) {
        if (this.host.behaviour.ungroupWithoutOutline === "fails") throw excelError("InvalidOperation", `${s.name}!${boxAddress(box)} has no outline to ungroup`);
        return;
      }
      for (const r of grouped) {
        const level = s.outline.get(r)! - 1;
        if (level) s.outline.set(r, level);
        else s.outline.delete(r);
      }
      this.host.regroup.add(s);
    });
  }

  private cache: Record<string, unknown> = {};
  private once<T>(key: string, make: () => T): T {
    return (this.cache[key] ??= make()) as T;
  }
  get format(): RangeFormat {
    return this.once("format", () => new RangeFormat(this.ctx, { property: "Range.format", get: () => this.childOf(this) }));
  }
  get dataValidation(): DataValidation {
    return this.once("dataValidation", () => new DataValidation(this.ctx, { property: "Range.dataValidation", get: () => this.childOf(this) }));
  }
  get conditionalFormats(): ConditionalFormats {
    return this.once("conditionalFormats", () => new ConditionalFormats(this.ctx, { property: "Range.conditionalFormats", get: () => this.childOf(this) }));
  }
}

function allOrNull(from: number, count: number, test: (i: number) => boolean): boolean | null {
  let some = false;
  let all = true;
  for (let i = from; i < from + Math.min(count, MAX_ROWS); i++) {
    if (test(i)) some = true;
    else all = false;
    if (some && !all) return null;
  }
  return all;
}

/** Each cell of a 2D input (or a single value for every cell), checked against the range's size. */
function forEachInput(t: RangeTarget, input: unknown, each: (r: number, c: number, v: unknown) => void): void {
  const { box } = t;
  if (!Array.isArray(input)) {
    if (cellsOf(t) > MAX_READ_CELLS) throw excelError("RangeExceedsLimit", `${boxAddress(box)} has too many cells`);
    for (let r = 0; r < box.rows; r++) for (let c = 0; c < box.cols; c++) each(box.r0 + r, box.c0 + c, input);
    return;
  }
  if (input.length !== box.rows || input.some((row) => !Array.isArray(row) || row.length !== box.cols))
    throw excelError("InvalidArgument", `an array of ${input.length}×${(input[0] as unknown[] | undefined)?.length ?? 0} does not fit ${boxAddress(box)}`);
  (input as unknown[][]).forEach((row, r) => row.forEach((v, c) => each(box.r0 + r, box.c0 + c, v)));
}

class RangeFormat extends ClientObject<RangeTarget> {
  constructor(ctx: FakeContext, origin: Origin<RangeTarget>) {
    super(ctx, "RangeFormat", origin);
  }
  protected loaders() {
    return {
      columnWidth: ({ sheet, box }: RangeTarget) => sheet.columnWidths.get(box.c0) ?? 48,
      wrapText: ({ sheet, box }: RangeTarget) => allOrNull(box.c0, box.cols, (c) => sheet.wrapColumns.has(c)),
    };
  }
  private columns(prop: string, value: unknown, each: (s: SheetData, c: number) => void): void {
    this.setProperty(prop, value, ({ sheet, box }) => {
      guard(this.host, sheet, prop === "columnWidth" ? "formatColumns" : "formatCells");
      for (let c = box.c0; c < box.c0 + box.cols; c++) each(sheet, c);
    });
  }
  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(w: number) {
    this.columns("columnWidth", w, (s, c) => s.columnWidths.set(c, w));
  }
  get wrapText(): boolean | null {
    return this.read("wrapText");
  }
  set wrapText(v: boolean) {
    this.columns("wrapText", v, (s, c) => (v ? s.wrapColumns.add(c) : s.wrapColumns.delete(c)));
  }
  set verticalAlignment(v: string) {
    this.setProperty("verticalAlignment", v, ({ sheet }) => guard(this.host, sheet, "formatCells"));
  }
  get fill() {
    const format = this;
    return {
      set color(v: string) {
        format.act("RangeFill.color", v, ({ sheet, box }) => {
          guard(format.host, sheet, "formatCells");
          sheet.fills.push({ address: boxAddress(box), color: v });
        });
      },
    };
  }
  get font() {
    const format = this;
    return {
      set bold(v: boolean) {
        format.act("RangeFont.bold", v, ({ sheet, box }) => {
          guard(format.host, sheet, "formatCells");
          if (v) sheet.boldRanges.push(boxAddress(box));
          else sheet.boldRanges = sheet.boldRanges.filter((a) => a !== boxAddress(box));
        });
      },
    };
  }
  get protection() {
    const format = this;
    return {
      set locked(v: boolean) {
        format.act("FormatProtection.locked", v, ({ sheet, box }) => {
          if (sheet.protection.protected) throw excelError("AccessDenied", `cannot change locking on the protected sheet ${sheet.name}`);
          sheet.locks.push({ address: boxAddress(box), locked: v });
        });
      },
    };
  }
}

const MAX_LIST_SOURCE = 255;

class DataValidation extends ClientObject<RangeTarget> {
  constructor(ctx: FakeContext, origin: Origin<RangeTarget>) {
    super(ctx, "DataValidation", origin);
  }
  protected loaders() {
    return {
      rule: ({ sheet, box }: RangeTarget) => lastValidation(sheet, box)?.rule ?? {},
      type: ({ sheet, box }: RangeTarget) => {
        const rule = lastValidation(sheet, box)?.rule as Record<string, unknown> | undefined;
        return rule ? Object.keys(rule)[0] : "None";
      },
    };
  }
  get rule(): unknown {
    return this.read("rule");
  }
  set rule(rule: Excel.DataValidationRule) {
    this.setProperty("rule", rule, ({ sheet: s, box }) => {
      guard(this.host, s, "structure");
      const source = (rule as { list?: { source?: unknown } }).list?.source;
      if (typeof source === "string" && source.length > MAX_LIST_SOURCE)
        throw excelError("InvalidArgument", `a list source of ${source.length} characters is longer than Excel's ${MAX_LIST_SOURCE}`);
      const existing = s.validations.filter((v) => boxesIntersect(parseAddress(v.address), box));
      if (existing.length && this.host.behaviour.secondValidationRule === "fails")
        throw excelError("InvalidOperation", `${s.name}!${boxAddress(box)} already has a validation rule: clear it first`);
      removeValidation(s, box);
      s.validations.push({ address: boxAddress(box), rule });
    });
  }
  private extra(prop: "errorAlert" | "prompt" | "ignoreBlanks", value: unknown): void {
    this.setProperty(prop, value, ({ sheet: s, box }) => {
      const v = lastValidation(s, box);
      if (v) Object.assign(v, { [prop]: value });
    });
  }
  set errorAlert(v: unknown) {
    this.extra("errorAlert", v);
  }
  set prompt(v: unknown) {
    this.extra("prompt", v);
  }
  set ignoreBlanks(v: boolean) {
    this.extra("ignoreBlanks", v);
  }
  clear(): void {
    this.act("DataValidation.clear", undefined, ({ sheet: s, box }) => {
      guard(this.host, s, "structure");
      removeValidation(s, box);
    });
  }
}

/** The rule that applies to `box` (the last set over it). */
function lastValidation(s: SheetData, box: Box): SheetData["validations"][number] | undefined {
  return [...s.validations].reverse().find((v) => boxesIntersect(parseAddress(v.address), box));
}

/**
 * Whether Excel's error alert stops a typed entry for a list rule: an entry outside an inline list
 * (items split at every comma, spaces kept, compared exactly: the strict reading), unless the alert is
 * off (`errorAlert.showAlert` false; it is on by default) or the entry is blank (`ignoreBlanks`, on by
 * default). Only typing is checked, as in Excel (a paste or `range.values` bypasses validation); number
 * rules are not modelled here: tests type bad numbers to stand for a paste.
 */
function refusedByList(v: SheetData["validations"][number] | undefined, value: Value): boolean {
  const source = (v?.rule as { list?: { source?: unknown } } | undefined)?.list?.source;
  if (typeof source !== "string" || source.startsWith("=")) return false;
  if ((v!.errorAlert as { showAlert?: boolean } | undefined)?.showAlert === false) return false;
  const text = String(value);
  if (text === "" && v!.ignoreBlanks !== false) return false;
  return !source.split(",").includes(text);
}

/** Takes `box` out of every rule's range (a rule over a larger range keeps the rest). */
function removeValidation(s: SheetData, box: Box): void {
  s.validations = s.validations.flatMap((v) => {
    const b = parseAddress(v.address);
    if (!boxesIntersect(b, box)) return [v];
    return boxMinus(b, box).map((rest) => ({ ...v, address: boxAddress(rest) }));
  });
}

type ConditionalFormatData = SheetData["conditionalFormats"][number];

class ConditionalFormats extends ClientObject<RangeTarget> {
  constructor(ctx: FakeContext, origin: Origin<RangeTarget>) {
    super(ctx, "ConditionalFormatCollection", origin);
  }
  protected loaders() {
    return {};
  }
  add(type: string) {
    const cf = new ConditionalFormat(this.ctx, {
      method: "ConditionalFormatCollection.add",
      args: [type],
      write: true,
      make: () => {
        const { sheet, box } = this.live();
        guard(this.host, sheet, "structure");
        const entry: ConditionalFormatData = { address: boxAddress(box), rule: undefined };
        sheet.conditionalFormats.push(entry);
        return entry;
      },
    });
    return cf.api();
  }
  clearAll(): void {
    this.act("ConditionalFormatCollection.clearAll", undefined, ({ sheet, box }) => {
      guard(this.host, sheet, "structure");
      sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => !boxesIntersect(parseAddress(c.address), box));
    });
  }
}

class ConditionalFormat extends ClientObject<ConditionalFormatData> {
  constructor(ctx: FakeContext, origin: Origin<ConditionalFormatData>) {
    super(ctx, "ConditionalFormat", origin);
  }
  protected loaders() {
    return {};
  }
  /** The nested objects Office.js hands out (cellValue.format.fill…), each setter one action. */
  api() {
    const cf = this;
    const change = (member: string, v: unknown, apply: (e: ConditionalFormatData) => void) => cf.act(member, v, apply);
    return {
      cellValue: {
        format: {
          fill: {
            set color(v: string) {
              change("ConditionalRangeFill.color", v, (e) => void (e.fill = v));
            },
          },
          font: {
            set color(v: string) {
              change("ConditionalRangeFont.color", v, (e) => void (e.font = v));
            },
          },
        },
        set rule(v: unknown) {
          change("CellValueConditionalFormat.rule", v, (e) => void (e.rule = v));
        },
      },
      colorScale: {
        set criteria(v: unknown) {
          change("ColorScaleConditionalFormat.criteria", v, (e) => void (e.colorScale = v));
        },
      },
    };
  }
}

// ---- tables ----

interface TableTarget {
  sheet: SheetData;
  table: TableData;
}
/** A table collection: of one sheet, or of the workbook (no sheet). */
interface TablesTarget {
  sheet?: SheetData;
}

const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

function allTables(host: FakeExcel): TableTarget[] {
  return host.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
}

function checkTableName(host: FakeExcel, name: string, self?: TableData): void {
  if (!TABLE_NAME.test(name) || name.length > 255 || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name))
    throw excelError("InvalidArgument", `'${name}' is not a valid table name`);
  if (allTables(host).some(({ table }) => table !== self && table.name.toLowerCase() === name.toLowerCase()))
    throw excelError("ItemAlreadyExists", `a table named '${name}' already exists in the workbook`);
}

class Tables extends Collection<TablesTarget, TableTarget, Table> {
  constructor(ctx: FakeContext, origin: Origin<TablesTarget>) {
    super(ctx, "TableCollection", origin);
  }
  protected itemsOf(t: TablesTarget) {
    return t.sheet ? t.sheet.tables.map((table) => ({ sheet: t.sheet!, table })) : allTables(this.host);
  }
  protected item(target: TableTarget) {
    return new Table(this.ctx, { bound: target });
  }
  private find(name: string): TableTarget | undefined {
    return this.itemsOf(this.live()).find(({ table }) => table.name.toLowerCase() === name.toLowerCase());
  }
  getItem(name: string): Table {
    return new Table(this.ctx, {
      method: "TableCollection.getItem",
      args: [name],
      make: () => this.find(name) ?? throwError(excelError("ItemNotFound", `there is no table '${name}'`)),
    });
  }
  getItemOrNullObject(name: string): Table {
    return new Table(this.ctx, { method: "TableCollection.getItemOrNullObject", args: [name], make: () => this.find(name) ?? null });
  }
  add(address: string, hasHeaders: boolean): Table {
    return new Table(this.ctx, {
      method: "TableCollection.add",
      args: [address, hasHeaders],
      write: true,
      make: () => {
        const scope = this.live();
        const sheet = scope.sheet ?? this.host.sheet(address.slice(0, address.lastIndexOf("!")).replace(/^'|'$/g, ""));
        if (!sheet) throw excelError("InvalidArgument", `${address} names no sheet`);
        if (!hasHeaders) throw new Error("the fake host models tables.add with headers only");
        guard(this.host, sheet, "structure");
        const box = parseAddress(address);
        if (sheet.tables.some((t) => boxesIntersect(parseAddress(t.address), box))) throw excelError("InvalidOperation", `a table cannot overlap another table (${address})`);
        let n = 1;
        while (allTables(this.host).some(({ table }) => table.name.toLowerCase() === `table${n}`)) n++;
        const table: TableData = { name: `Table${n}`, address: boxAddress(box) };
        nameHeaders(sheet, box);
        sheet.tables.push(table);
        return { sheet, table };
      },
    });
  }
}

/** As tables.add: header cells become text; blank ones are named ColumnN, repeated ones get a number. */
function nameHeaders(s: SheetData, box: Box): void {
  const seen = new Set<string>();
  for (let c = box.c0; c < box.c0 + box.cols; c++) {
    const k = cellKey(box.r0, c);
    const cell = s.cells.get(k);
    let name = cell?.formula ? "" : String(cell?.value ?? "");
    if (name.trim() === "") name = `Column${c - box.c0 + 1}`;
    const base = name;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base}${i}`;
    seen.add(name.toLowerCase());
    s.cells.set(k, { ...(cell ?? {}), value: name, formula: undefined });
  }
}

class Table extends ClientObject<TableTarget> {
  constructor(ctx: FakeContext, origin: Origin<TableTarget>) {
    super(ctx, "Table", origin);
  }
  protected loaders() {
    return { name: ({ table }: TableTarget) => table.name, style: ({ table }: TableTarget) => table.style ?? "TableStyleMedium2" };
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.setProperty("name", v, ({ table }, name) => {
      checkTableName(this.host, name, table);
      table.name = name;
    });
  }
  get style(): string {
    return this.read("style");
  }
  set style(v: string) {
    this.setProperty("style", v, ({ table }, style) => void (table.style = style));
  }
  /** The table becomes a plain range; rows its filter hid stay hidden. */
  convertToRange(): Range {
    return new Range(this.ctx, {
      method: "Table.convertToRange",
      write: true,
      make: () => {
        const { sheet, table } = this.live();
        guard(this.host, sheet, "structure");
        sheet.tables = sheet.tables.filter((t) => t !== table);
        const box = parseAddress(table.address);
        for (const [r, by] of sheet.hiddenRows) if (by === "filter" && r >= box.r0 && r < box.r0 + box.rows) sheet.hiddenRows.set(r, "user");
        return { sheet, box };
      },
    });
  }
  clearFilters(): void {
    this.act("Table.clearFilters", undefined, ({ sheet, table }) => {
      const b = parseAddress(table.address);
      for (const [r, by] of sheet.hiddenRows) if (by === "filter" && r >= b.r0 && r < b.r0 + b.rows) sheet.hiddenRows.delete(r);
    });
  }
  getRange(): Range {
    return new Range(this.ctx, {
      method: "Table.getRange",
      make: () => {
        const t = this.childOf(this);
        return t && { sheet: t.sheet, box: parseAddress(t.table.address) };
      },
    });
  }
  private worksheetObject?: Worksheet;
  get worksheet(): Worksheet {
    this.worksheetObject ??= new Worksheet(this.ctx, { property: "Table.worksheet", get: () => this.childOf(this)?.sheet ?? null });
    return this.worksheetObject;
  }
}

// ---- charts ----

interface ChartTarget {
  sheet: SheetData;
  data: ChartData;
}

class Charts extends Collection<SheetData, ChartTarget, Chart> {
  constructor(ctx: FakeContext, origin: Origin<SheetData>) {
    super(ctx, "ChartCollection", origin);
  }
  protected itemsOf(sheet: SheetData) {
    return sheet.charts.map((data) => ({ sheet, data }));
  }
  protected item(target: ChartTarget) {
    return new Chart(this.ctx, { bound: target });
  }
  add(type: string, source: Range, seriesBy = "Auto"): Chart {
    return new Chart(this.ctx, {
      method: "ChartCollection.add",
      args: [type, "<range>", seriesBy],
      write: true,
      make: () => {
        const sheet = this.live();
        guard(this.host, sheet, "objects");
        const lines = seriesLines(source.live(), seriesBy);
        const data: ChartData = { name: `Chart ${sheet.charts.length + 1}`, type, seriesBy, series: lines.map((values, i) => ({ name: `Series${i + 1}`, values, line: {} })), legend: {} };
        sheet.charts.push(data);
        return { sheet, data };
      },
    });
  }
}

/** Addresses of a range's rows or columns: a chart made from the range gets one series per line. */
function seriesLines({ sheet, box }: RangeTarget, seriesBy: string): string[] {
  const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && box.cols >= box.rows);
  const { r0, c0, rows, cols } = box;
  return byRows
    ? Array.from({ length: rows }, (_, r) => `${sheet.name}!${boxAddress({ r0: r0 + r, c0, rows: 1, cols })}`)
    : Array.from({ length: cols }, (_, c) => `${sheet.name}!${boxAddress({ r0, c0: c0 + c, rows, cols: 1 })}`);
}

class Chart extends ClientObject<ChartTarget> {
  constructor(ctx: FakeContext, origin: Origin<ChartTarget>) {
    super(ctx, "Chart", origin);
  }
  protected loaders() {
    return { name: ({ data }: ChartTarget) => data.name, chartType: ({ data }: ChartTarget) => data.type };
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.setProperty("name", v, ({ data }, name) => void (data.name = name));
  }
  private set(member: string, v: unknown, apply: (d: ChartData) => void): void {
    this.act(member, v, ({ data }) => apply(data));
  }
  get title() {
    const chart = this;
    return {
      set text(v: string) {
        chart.set("ChartTitle.text", v, (d) => void (d.title = v));
      },
    };
  }
  get legend() {
    const chart = this;
    return {
      set visible(v: boolean) {
        chart.set("ChartLegend.visible", v, (d) => void (d.legend.visible = v));
      },
      set position(v: string) {
        chart.set("ChartLegend.position", v, (d) => void (d.legend.position = v));
      },
    };
  }
  get axes() {
    const chart = this;
    return {
      categoryAxis: {
        set reversePlotOrder(v: boolean) {
          chart.set("ChartAxis.reversePlotOrder", v, (d) => void (d.reversedCategories = v));
        },
      },
    };
  }
  get series() {
    return {
      getItemAt: (i: number) =>
        new ChartSeries(this.ctx, {
          method: "ChartSeriesCollection.getItemAt",
          args: [i],
          make: () => this.live().data.series[i] ?? throwError(excelError("ItemNotFound", `the chart has no series ${i}`)),
        }),
      add: (name?: string) =>
        new ChartSeries(this.ctx, {
          method: "ChartSeriesCollection.add",
          args: [name],
          write: true,
          make: () => {
            const { data } = this.live();
            const s: ChartSeriesData = { name: name ?? `Series${data.series.length + 1}`, line: {} };
            data.series.push(s);
            return s;
          },
        }),
    };
  }
  setPosition(from: Range | string, to?: Range | string): void {
    const where = (r: Range | string) => (typeof r === "string" ? r : r.where());
    this.act("Chart.setPosition", [typeof from === "string" ? from : "<range>"], ({ data }) => {
      data.position = { from: where(from), to: to === undefined ? undefined : where(to) };
    });
  }
  delete(): void {
    this.act("Chart.delete", undefined, ({ sheet, data }) => {
      guard(this.host, sheet, "objects");
      sheet.charts = sheet.charts.filter((c) => c !== data);
    });
  }
}

class ChartSeries extends ClientObject<ChartSeriesData> {
  constructor(ctx: FakeContext, origin: Origin<ChartSeriesData>) {
    super(ctx, "ChartSeries", origin);
  }
  protected loaders() {
    return { name: (s: ChartSeriesData) => s.name };
  }
  set name(v: string) {
    this.setProperty("name", v, (s, name) => void (s.name = name));
  }
  setValues(range: Range): void {
    this.act("ChartSeries.setValues", ["<range>"], (s) => void (s.values = range.where()));
  }
  setXAxisValues(range: Range): void {
    this.act("ChartSeries.setXAxisValues", ["<range>"], (s) => void (s.categories = range.where()));
  }
  get format() {
    const series = this;
    const set = (member: string, v: unknown, apply: (line: ChartSeriesData["line"]) => void) => series.act(member, v, (s) => apply(s.line));
    return {
      line: {
        set color(v: string) {
          set("ChartLineFormat.color", v, (l) => void (l.color = v));
        },
        set lineStyle(v: string) {
          set("ChartLineFormat.lineStyle", v, (l) => void (l.lineStyle = v));
        },
        set weight(v: number) {
          set("ChartLineFormat.weight", v, (l) => void (l.weight = v));
        },
      },
    };
  }
}

// ---- custom XML parts ----

function namespaceOf(part: XmlPartData): string {
  try {
    return rootNamespace(part.xml);
  } catch {
    return "";
  }
}

function checkXml(xml: string): void {
  const problem = xmlProblem(xml);
  if (problem) throw excelError("InvalidArgument", `the custom XML is not well-formed: ${problem}`);
}

class CustomXmlParts extends Collection<FakeExcel, XmlPartData, CustomXmlPart> {
  constructor(ctx: FakeContext) {
    super(ctx, "CustomXmlPartCollection", { property: "Workbook.customXmlParts", get: () => ctx.host });
  }
  protected itemsOf(h: FakeExcel) {
    return h.customXml;
  }
  protected item(part: XmlPartData) {
    return new CustomXmlPart(this.ctx, { bound: part });
  }
  add(xml: string): CustomXmlPart {
    return new CustomXmlPart(this.ctx, {
      method: "CustomXmlPartCollection.add",
      args: [xml],
      write: true,
      make: () => {
        checkXml(xml);
        const host = this.live();
        const part = { id: host.newId("xml-part"), xml };
        host.customXml.push(part);
        return part;
      },
    });
  }
  getItemOrNullObject(id: string): CustomXmlPart {
    return new CustomXmlPart(this.ctx, { method: "CustomXmlPartCollection.getItemOrNullObject", args: [id], make: () => this.live().customXml.find((p) => p.id === id) ?? null });
  }
  getByNamespace(namespaceUri: string): CustomXmlPartsInNamespace {
    return new CustomXmlPartsInNamespace(this.ctx, { method: "CustomXmlPartCollection.getByNamespace", args: [namespaceUri], make: () => ({ namespaceUri }) });
  }
}

class CustomXmlPartsInNamespace extends Collection<{ namespaceUri: string }, XmlPartData, CustomXmlPart> {
  constructor(ctx: FakeContext, origin: Origin<{ namespaceUri: string }>) {
    super(ctx, "CustomXmlPartScopedCollection", origin);
  }
  protected itemsOf({ namespaceUri }: { namespaceUri: string }) {
    return this.host.customXml.filter((p) => namespaceOf(p) === namespaceUri);
  }
  protected item(part: XmlPartData) {
    return new CustomXmlPart(this.ctx, { bound: part });
  }
  getOnlyItemOrNullObject(): CustomXmlPart {
    return new CustomXmlPart(this.ctx, {
      method: "CustomXmlPartScopedCollection.getOnlyItemOrNullObject",
      make: () => {
        const parts = this.itemsOf(this.live());
        return parts.length === 1 ? parts[0]! : null;
      },
    });
  }
}

class CustomXmlPart extends ClientObject<XmlPartData> {
  constructor(ctx: FakeContext, origin: Origin<XmlPartData>) {
    super(ctx, "CustomXmlPart", origin);
  }
  protected loaders() {
    return { id: (p: XmlPartData) => p.id, namespaceUri: namespaceOf };
  }
  get id(): string {
    return this.read("id");
  }
  get namespaceUri(): string {
    return this.read("namespaceUri");
  }
  /** The part's XML, as added or as Excel rewrites it (per behaviour), after the sync. */
  getXml(): { value: string } {
    const result = new ClientResult<string>();
    this.ctx.enqueue({
      member: "CustomXmlPart.getXml",
      read: "any",
      run: () => {
        const { xml } = this.live();
        const value = this.host.behaviour.customXmlRoundTrip === "reformatted" ? reformatXml(xml) : xml;
        return { response: value, commit: () => result.set(value) };
      },
    });
    return result;
  }
  setXml(xml: string): void {
    this.act("CustomXmlPart.setXml", [xml], (p) => {
      checkXml(xml);
      p.xml = xml;
    });
  }
  delete(): void {
    this.act("CustomXmlPart.delete", undefined, (p) => {
      this.host.customXml = this.host.customXml.filter((x) => x !== p);
    });
  }
}

/** OfficeExtension.ClientResult: its value is there after the sync. */
class ClientResult<T> {
  private loaded = false;
  private v?: T;
  set(v: T): void {
    this.v = v;
    this.loaded = true;
  }
  get value(): T {
    if (!this.loaded) throw excelError("PropertyNotLoaded", "The value of the result object has not been loaded yet. Before reading the value property, call \"context.sync()\" on the associated request context.");
    return this.v as T;
  }
}
