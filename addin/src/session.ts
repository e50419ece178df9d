import type { LocatedFinding } from "../../shared/check/plan-check.ts";
import type { Problem, SheetKind, SheetValues } from "../../shared/layout/grid.ts";
import type { UserColumns } from "../../shared/layout/workbook.ts";
import type { PlanChange } from "../../shared/model/changes.ts";
import type { Language, PlanDocument } from "../../shared/model/plan.ts";
import type { ExcelHost } from "../excel/host.ts";
import { type SheetProgress, readPlanSheets, selectCell, writePlanSheets } from "../excel/sheets.ts";
import { type WorkbookState, loadState, saveState } from "../excel/state.ts";
import { PaneError } from "./errors.ts";
import type { Steps } from "./state/progress.ts";

/** The sheets' layouts (plan → grids → plan): downloaded with the first write or read of the sheets, as opening a workbook needs only its saved state. */
const layouts = () => import("../../shared/layout/workbook.ts");

export interface ReadOutcome {
  changes: PlanChange[];
  problems: Problem[];
  /** Sheets the user deleted: rebuilt from the plan at the next write. */
  missing: SheetKind[];
}

/**
 * The pane's work with one workbook: the plan as last synced with the sheets (kept in the workbook),
 * reading the sheets back and writing them. The sheets are the user's: before the pane changes
 * anything it reads them, and if they hold problems it writes nothing, so no typed cell is lost.
 */
export class PlanSession {
  state?: WorkbookState;

  constructor(private readonly host: ExcelHost) {}

  async open(): Promise<WorkbookState | undefined> {
    this.state = await loadState(this.host.run);
    return this.state;
  }

  /**
   * Creates (or rebuilds) the plan's sheets. May throw SheetNameTaken; nothing is written then.
   * `onSheet` hears which sheet is being written (sheetsShownBy gives one for an action's steps).
   */
  async write(
    doc: PlanDocument,
    language: Language,
    names: Partial<Record<SheetKind, string>> = {},
    link: Pick<WorkbookState, "sync" | "clientId" | "monitoring"> = {},
    onSheet?: SheetProgress,
  ): Promise<number> {
    const sync = link.sync ?? this.state?.sync;
    const state: WorkbookState = {
      version: 1,
      clientId: link.clientId ?? this.state?.clientId ?? `workbook-${crypto.randomUUID()}`,
      language,
      doc,
      sheets: this.state?.sheets ?? {},
      sync,
      monitoring: link.monitoring ?? this.state?.monitoring,
    };
    const { buildWorkbook } = await layouts();
    const result = await writePlanSheets(this.host.run, buildWorkbook(doc, language, this.userColumns, { monitoring: state.monitoring }), state, names, this.host, onSheet);
    this.state = { ...state, sheets: { ...state.sheets, ...result.sheets } };
    return Object.keys(result.sheets).length;
  }

  /** Saves the state alone (the sync queue before a send), without touching the sheets. */
  async saveState(state: WorkbookState): Promise<void> {
    await saveState(this.host.run, state);
    this.state = state;
  }

  /** The sheets as the user left them, read against the plan: for sync, which must not write first. */
  async readSheets(): Promise<ReadOutcome & { doc: PlanDocument }> {
    const state = this.required();
    const read = await this.read(state);
    const result = await this.readAgainst(state, read.sheets);
    return { changes: result.changes, problems: result.problems, missing: read.missing, doc: result.doc };
  }

  /**
   * Reads the sheets; if they are clean, takes their changes and rewrites them (new rows get ids).
   * `steps`: the read and the write as an action's steps (see readStep).
   */
  async refresh(steps?: Steps): Promise<ReadOutcome & { doc: PlanDocument }> {
    const state = this.required();
    const read = await this.readStep(state, steps);
    const result = await this.readAgainst(state, read.sheets);
    if (result.problems.length === 0 && (result.changes.length > 0 || read.missing.length > 0))
      await this.write(result.doc, state.language, {}, {}, writeStep(steps));
    return { changes: result.changes, problems: result.problems, missing: read.missing, doc: result.problems.length ? state.doc : result.doc };
  }

  /**
   * Applies a pane edit on top of what the sheets hold now, then writes the sheets (following the
   * monitoring round of `monitoring` from then on, when given). `steps`: the read and the write as an
   * action's steps (see readStep).
   */
  async edit(
    change: (doc: PlanDocument) => PlanDocument,
    language?: Language,
    monitoring?: WorkbookState["monitoring"],
    steps?: Steps,
  ): Promise<ReadOutcome & { doc: PlanDocument }> {
    const state = this.required();
    const read = await this.readStep(state, steps);
    const result = await this.readAgainst(state, read.sheets);
    if (result.problems.length) return { changes: [], problems: result.problems, missing: read.missing, doc: state.doc };
    const doc = change(result.doc);
    await this.write(doc, language ?? state.language, {}, { monitoring }, writeStep(steps));
    return { changes: result.changes, problems: [], missing: read.missing, doc };
  }

  /**
   * Follows the monitoring round of `year`: the Indicators sheet shows the committee's notes of that
   * year from now on. The sheets are read first, as for an edit, so notes typed under the previous
   * year are kept; while they hold problems nothing changes. Undefined when the year is followed already.
   */
  async monitor(year: number): Promise<(ReadOutcome & { doc: PlanDocument }) | undefined> {
    if (this.required().monitoring?.year === year) return undefined;
    return this.edit((doc) => doc, undefined, { year });
  }

  /** The plan check, downloaded when first asked for. */
  async check(language: Language): Promise<LocatedFinding[]> {
    const state = this.required();
    const [{ checkPlan, locateFindings }, { buildWorkbook }] = await Promise.all([import("../../shared/check/plan-check.ts"), layouts()]);
    // Findings point at the sheets as they are named now (a user may have renamed them).
    const grids = buildWorkbook(state.doc, state.language, {}, { monitoring: state.monitoring }).map((g) => ({ ...g, name: state.sheets[g.kind]?.name ?? g.name }));
    return locateFindings(checkPlan(state.doc), grids, language);
  }

  select(problem: Problem): Promise<void> {
    return selectCell(this.host.run, problem.sheet, problem.cell);
  }

  /** Columns the user added to MuniPlan's sheets, from the last read: kept when the sheets are rewritten. */
  private userColumns: UserColumns = {};

  private async readAgainst(state: WorkbookState, sheets: Partial<Record<SheetKind, SheetValues>>) {
    const { readWorkbook } = await layouts();
    const result = readWorkbook(state.doc, sheets, { monitoring: state.monitoring });
    this.userColumns = result.userColumns;
    return result;
  }

  /**
   * Reads the sheets, noting the names the user has given them since and the ids Excel has given them
   * since (a reopened file may change them: sheets are found by their marker tables too). The next save
   * keeps both.
   */
  private async read(state: WorkbookState) {
    const read = await readPlanSheets(this.host.run, state.sheets);
    const sheets = { ...state.sheets };
    for (const [kind, now] of Object.entries(read.found) as [SheetKind, { id: string; name: string }][])
      if (sheets[kind]) sheets[kind] = { ...sheets[kind], ...now };
    this.state = { ...state, sheets };
    return read;
  }

  /**
   * The read before a rewrite, as the first of its two steps: cancelled there, nothing is written. The
   * write (writeStep) cannot be cancelled, as a batch sent to Excel runs to its end.
   */
  private readStep(state: WorkbookState, steps: Steps | undefined) {
    steps?.plan(2);
    steps?.next((t) => t.feedback.steps.read, { ifCancelled: (t) => t.feedback.ifCancelled.nothingWritten });
    return this.read(state);
  }

  private required(): WorkbookState {
    if (!this.state) throw new PaneError((t) => ({ title: t.pane.needsPlan }));
    return this.state;
  }
}

/** An action's step writing the plan's sheets, not cancellable, saying which sheet it is at. */
function writeStep(steps: Steps | undefined): SheetProgress | undefined {
  steps?.next((t) => t.feedback.steps.write, { cancellable: false });
  return sheetsShownBy(steps);
}

/** The sheet a write is at, shown as the detail of the action's step under way («sheet k of n»). */
export function sheetsShownBy(steps: Steps | undefined): SheetProgress | undefined {
  return steps && ((sheet, of, name) => steps.detail((t) => t.planProgress.sheet(sheet, of, name)));
}
