import type { CatalogueEntry } from "../../../../shared/api/catalogue.ts";
import type { PlanDocument, Language } from "../../../../shared/model/plan.ts";
import type { Violation } from "../../../../shared/quality/rules.ts";
import type { WorkbookState } from "../../../excel/state.ts";
import type { PlanSession } from "../../session.ts";
import { SheetProblems } from "../../state/store.ts";

/** The quality check and the sheets' layouts: downloaded when a check is first asked for. */
const checking = () =>
  Promise.all([
    import("../../../../shared/quality/rules.ts"),
    import("../../../../shared/quality/sheet.ts"),
    import("../../../../shared/layout/workbook.ts"),
    import("../../../../shared/layout/indicators.ts"),
  ]);

/**
 * `violations` of `year` at their cells of `doc`'s sheets as they are named now (a user may have renamed
 * them), in words; `open` are those the committee has not explained in its note, and `notes` the header
 * of the year's notes column where it explains them, as the sheets name it (their language, not the pane's).
 */
async function locate(state: WorkbookState, doc: PlanDocument, violations: readonly Violation[], entries: readonly CatalogueEntry[], year: number, language: Language) {
  const [, { locateViolations }, { buildWorkbook }, { notesHeader }] = await checking();
  const grids = buildWorkbook(doc, state.language, {}, { monitoring: state.monitoring }).map((g) => ({ ...g, name: state.sheets[g.kind]?.name ?? g.name }));
  const located = locateViolations(violations, entries, grids, language);
  return { located, open: located.filter((p) => p.violation.note === undefined), notes: notesHeader(year)[state.language] };
}

/**
 * The association's quality rules (shared/quality) over `year`'s values as the sheets hold them now,
 * located (see locate). The sheets' own problems stop it first (SheetProblems). `entries` are fetched by
 * the caller, outside any Excel batch.
 */
export async function sheetQuality(session: PlanSession, entries: readonly CatalogueEntry[], year: number, language: Language) {
  const read = await session.readSheets();
  if (read.problems.length) throw new SheetProblems(read.problems);
  const [{ checkQuality }] = await checking();
  return locate(session.state!, read.doc, checkQuality(read.doc, entries, { years: [year] }), entries, year, language);
}

/**
 * The values the server named in refusing a round step (RoundUnexplainedError), located in the plan as
 * last synced with the sheets: the step follows a sync (a submit's own, or an approve's after the editor's),
 * so that is what the server checked.
 */
export function refusedQuality(session: PlanSession, violations: readonly Violation[], entries: readonly CatalogueEntry[], year: number, language: Language) {
  const state = session.state!;
  return locate(state, state.doc, violations, entries, year, language);
}
