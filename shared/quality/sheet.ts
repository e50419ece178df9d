import type { CatalogueEntry } from "../api/catalogue.ts";
import { locateFindings } from "../check/plan-check.ts";
import type { SheetGrid } from "../layout/grid.ts";
import type { Language } from "../model/plan.ts";
import { catalogueName } from "../sync/catalogue.ts";
import { flaggedText } from "./messages.ts";
import type { Violation } from "./rules.ts";

/**
 * The flagged values at their cells of the Indicators sheet (the indicator's row, the year's column), as
 * the plan check's findings are located, each said in every language with what the committee does about
 * it, naming the notes column as the Indicators sheet of `grids` has it (in the sheets' language).
 */
export function locateViolations(violations: readonly Violation[], entries: readonly CatalogueEntry[], grids: SheetGrid[], language: Language) {
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const name = (code: string, l: Language) => {
    const entry = byCode.get(code);
    return entry ? catalogueName(entry, l) : code;
  };
  const sheetLanguage = grids.find((g) => g.kind === "indicators")?.language ?? language;
  const findings = violations.map((v) => {
    const text = flaggedText(v, name, sheetLanguage);
    return {
      rule: v.rule,
      sheet: "indicators" as const,
      entityId: v.indicatorId,
      field: `y${v.year}`,
      message: { uk: `${v.code}: ${text.uk}`, en: `${v.code}: ${text.en}`, lt: `${v.code}: ${text.lt}` },
      violation: v,
    };
  });
  return locateFindings(findings, grids, language).map((p, i) => ({ ...p, violation: findings[i]!.violation }));
}
