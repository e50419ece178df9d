import { type PlanChange, applyChanges, diffCollection, diffHeader } from "../model/changes.ts";
import type { Indicator, Language, PlanDocument } from "../model/plan.ts";
import { M } from "../i18n/problems.ts";
import { sheetNameProblem } from "./cells.ts";
import { buildGoals, goalsSpec, readGoals } from "./goals.ts";
import type { Problem, SheetGrid, SheetKind, SheetValues } from "./grid.ts";
import { type Monitoring, buildIndicators, indicatorsName, readIndicators } from "./indicators.ts";
import { buildRisks, readRisks, risksSpec } from "./risks.ts";
import { buildSwot, readSwot, swotSpec } from "./swot.ts";
import { Identity, type UserColumn, problemAt, userColumnsOf } from "./table.ts";
import { buildVision, readVision, visionName } from "./vision.ts";

/** The sheets of a plan in workbook order, by kind, with their names in each language. */
export const SHEET_NAMES = {
  vision: visionName,
  swot: swotSpec.name,
  goals: goalsSpec.name,
  risks: risksSpec.name,
  indicators: indicatorsName,
} satisfies Record<SheetKind, Record<Language, string>>;

for (const names of Object.values(SHEET_NAMES))
  for (const n of Object.values(names)) {
    const problem = sheetNameProblem(n);
    if (problem) throw new Error(`sheet name '${n}': ${problem}`);
  }

/** The user's own columns per sheet, carried along when the sheets are rewritten. */
export type UserColumns = Partial<Record<SheetKind, UserColumn[]>>;

/** What the sheets show beyond the plan itself; building and reading a workbook take the same. */
export interface SheetOptions {
  /** The monitoring round the workbook follows: the Indicators sheet shows the committee's notes of its year. */
  monitoring?: Monitoring;
}

export function buildWorkbook(doc: PlanDocument, language: Language, user: UserColumns = {}, options: SheetOptions = {}): SheetGrid[] {
  return [
    buildVision(doc, language),
    buildSwot(doc, language, user.swot),
    buildGoals(doc, language, user.goals),
    buildRisks(doc, language, user.risks),
    buildIndicators(doc, language, user.indicators, options.monitoring),
  ];
}

export interface WorkbookRead {
  changes: PlanChange[];
  problems: Problem[];
  /** The plan with the changes applied. */
  doc: PlanDocument;
  /** Columns the user added to the sheets, to be kept when they are rewritten. */
  userColumns: UserColumns;
}

export interface ReadOptions extends SheetOptions {
  /** Fresh ids for new rows; injectable so tests are deterministic. */
  newId?: () => string;
}

/**
 * Reads the plan's sheets as the user left them and says what changed against `base` (the plan as it
 * was last written or synced). A sheet not given, or one that cannot be read (a required column is
 * gone), changes nothing; a bad cell is named in a problem and the rest of its sheet still counts.
 */
export function readWorkbook(
  base: PlanDocument,
  sheets: Partial<Record<SheetKind, SheetValues>>,
  options: ReadOptions = {},
): WorkbookRead {
  const known = new Set<string>([base.plan.id, base.community.id]);
  for (const list of [base.swot, base.priorities, base.goals, base.tasks, base.risks, base.indicators, base.observations])
    for (const e of list) known.add(e.id);
  const identity = new Identity(known, options.newId ?? (() => crypto.randomUUID()));
  const problems: Problem[] = [];
  const changes: PlanChange[] = [];
  const userColumns: UserColumns = {};

  if (sheets.vision) {
    const v = readVision(sheets.vision, base);
    problems.push(...v.problems);
    changes.push(...diffHeader(base, v));
  }
  if (sheets.swot) {
    const s = readSwot(sheets.swot, base, identity);
    problems.push(...s.read.problems);
    userColumns.swot = userColumnsOf(s.read);
    if (s.items) changes.push(...diffCollection("swot", base.swot, s.items));
  }
  let priorityIds = new Set(base.priorities.map((p) => p.id));
  let goalIds = new Set(base.goals.map((g) => g.id));
  if (sheets.goals) {
    const g = readGoals(sheets.goals, base, identity);
    problems.push(...g.read.problems);
    userColumns.goals = userColumnsOf(g.read);
    if (g.priorities && g.goals && g.tasks) {
      changes.push(
        ...diffCollection("priorities", base.priorities, g.priorities),
        ...diffCollection("goals", base.goals, g.goals),
        ...diffCollection("tasks", base.tasks, g.tasks),
      );
      priorityIds = new Set(g.priorities.map((p) => p.id));
      goalIds = new Set(g.goals.map((x) => x.id));
    }
  }
  if (sheets.risks) {
    const r = readRisks(sheets.risks, base, identity);
    problems.push(...r.read.problems);
    userColumns.risks = userColumnsOf(r.read);
    if (r.risks) changes.push(...diffCollection("risks", base.risks, r.risks));
  }
  let indicators: Indicator[] | undefined;
  let observations: PlanDocument["observations"] | undefined;
  if (sheets.indicators) {
    const i = readIndicators(sheets.indicators, base, identity, options.monitoring);
    problems.push(...i.read.problems);
    userColumns.indicators = userColumnsOf(i.read);
    indicators = i.indicators;
    observations = i.observations;
  }
  // An indicator cannot measure a priority or goal that no longer exists: say so and unlink it.
  const dangling = (i: Indicator) =>
    i.measures && !(i.measures.kind === "priority" ? priorityIds : goalIds).has(i.measures.id);
  indicators ??= base.indicators.some(dangling) ? base.indicators : undefined;
  if (indicators) {
    const unlinked = indicators.map((i) => {
      if (!dangling(i)) return i;
      const name = sheets.indicators?.name ?? SHEET_NAMES.indicators[base.plan.language];
      problems.push({
        ...problemAt(name, 0, 0, M.unlinked(i.name)),
      });
      const { measures: _gone, ...rest } = i;
      return rest;
    });
    changes.push(...diffCollection("indicators", base.indicators, unlinked));
  }
  // After the indicators, so that a new indicator comes before its first values.
  if (observations) changes.push(...diffCollection("observations", base.observations, observations));
  return { changes, problems, doc: applyChanges(base, changes), userColumns };
}
