import type { CatalogueEntry } from "../../../../shared/api/catalogue.ts";
import type { Language } from "../../../../shared/model/plan.ts";
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
 * The association's quality rules (shared/quality) over `year`'s values as the sheets hold them now,
 * each flagged value at its cell and in words; `open` are those the committee has not explained in
 * its note, and `notes` the header of the year's notes column where they explain it. The sheets' own problems stop it first (SheetProblems). `entries` are fetched by the caller,
 * outside any Excel batch.
 */
export async function sheetQuality(session: PlanSession, entries: readonly CatalogueEntry[], year: number, language: Language) {
  const read = await session.readSheets();
  if (read.problems.length) throw new SheetProblems(read.problems);
  const [{ checkQuality }, { locateViolations }, { buildWorkbook }, { notesHeader }] = await checking();
  const state = session.state!;
  // Cells as the sheets are named now (a user may have renamed them), for the plan as read.
  const grids = buildWorkbook(read.doc, state.language, {}, { monitoring: state.monitoring }).map((g) => ({ ...g, name: state.sheets[g.kind]?.name ?? g.name }));
  const located = locateViolations(checkQuality(read.doc, entries, { years: [year] }), entries, grids, language);
  return { located, open: located.filter((p) => p.violation.note === undefined), notes: notesHeader(year)[language] };
}
