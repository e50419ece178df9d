import type { CatalogueEntry } from "../../../../shared/api/catalogue.ts";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import type { WorkbookState } from "../../../excel/state.ts";
import type { PlanSession } from "../../session.ts";
import type { SyncController } from "../../sync.ts";

/** The quality check and the sheets' layout: downloaded with the first check, out of the pane's first load. */
const checking = () =>
  Promise.all([import("../../../../shared/quality/rules.ts"), import("../../../../shared/quality/sheet.ts"), import("../../../../shared/layout/workbook.ts")]);

/**
 * The association's quality rules (shared/quality) over `doc` as read from the sheets: each flagged value
 * at its cell as the sheets are named now (a user may have renamed them), said in `language`. Every year
 * with a value unless `years` says which.
 */
export async function locateQuality(state: WorkbookState, doc: PlanDocument, entries: readonly CatalogueEntry[], language: Language, years?: readonly number[]) {
  const [{ checkQuality }, { locateViolations }, { buildWorkbook }] = await checking();
  const grids = buildWorkbook(doc, state.language, {}, { monitoring: state.monitoring }).map((g) => ({ ...g, name: state.sheets[g.kind]?.name ?? g.name }));
  return locateViolations(checkQuality(doc, entries, years ? { years } : {}), entries, grids, language);
}

export type RefreshFlags = { located: Awaited<ReturnType<typeof locateQuality>>; savedAt: string };

/**
 * After a clean *Refresh from sheets* (`doc`, as read): the values the association's rules flag, by the
 * rules last received (kept in the pane's storage: no request, so offline too), with when they were
 * received; those still to explain first, as they stop the round's submit. Undefined (nothing to say)
 * for a plan not linked, without catalogue indicators, or whose rules are not known yet.
 */
export async function refreshQuality(session: Pick<PlanSession, "state">, sync: Pick<SyncController, "keptRules">, doc: PlanDocument, language: Language): Promise<RefreshFlags | undefined> {
  const state = session.state;
  if (!state?.sync?.engine || !doc.indicators.some((i) => i.code)) return undefined;
  try {
    const kept = await sync.keptRules();
    if (!kept) return undefined;
    const located = await locateQuality(state, doc, kept.entries, language);
    return { located: [...located.filter((p) => p.violation.note === undefined), ...located.filter((p) => p.violation.note !== undefined)], savedAt: kept.savedAt };
  } catch {
    // A warning cannot undo a read that succeeded: if the check's code cannot be downloaded (offline, not
    // yet cached by the browser), Refresh says only what it did, as without known rules.
    return undefined;
  }
}

/** When the rules were received, as a day in `language` (e.g. «30.11.2026»): how old they are. */
export const rulesDate = (savedAt: string, language: Language) =>
  new Date(savedAt).toLocaleDateString(language, { day: "2-digit", month: "2-digit", year: "numeric" });
