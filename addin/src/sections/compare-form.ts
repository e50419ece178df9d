import { ComparisonQuery, CompletenessQuery } from "../../../shared/api/compare.ts";
import type { ChartKind } from "../../../shared/layout/comparison.ts";
import type { CommunityKind } from "../../../shared/model/plan.ts";
import type { ComparisonReport, CompletenessReport } from "../../excel/reports-state.ts";

/**
 * The Compare section's form as typed, and its reading through the contract's own query schemas, so
 * the pane refuses what the Worker would refuse, naming the same field.
 */
export interface CompareForm {
  codes: string[];
  from: string;
  to: string;
  /** Comma-separated, as the API's `regions` parameter reads them. */
  regions: string;
  kinds: CommunityKind[];
  minPopulation: string;
  maxPopulation: string;
  perCapita: boolean;
  chart: ChartKind;
  communities: { id: string; name: string }[];
  /** The completeness sheet's reporting year. */
  year: string;
}

/** A field of the form refused, named as the API names it. */
export class FormError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "FormError";
  }
}

export const splitRegions = (text: string): string[] =>
  text
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r.length > 0);

/** The last complete year by default: this year's values are rarely in yet. */
export function defaultForm(now = new Date()): CompareForm {
  const last = now.getFullYear() - 1;
  return {
    codes: [],
    from: String(last - 4),
    to: String(last),
    regions: "",
    kinds: [],
    minPopulation: "",
    maxPopulation: "",
    perCapita: false,
    chart: "line",
    communities: [],
    year: String(last),
  };
}

/** The form as the workbook's reports were last built, so Refresh and a new build start from them. */
export function formFromReports(kept: { comparison?: ComparisonReport; completeness?: CompletenessReport }, base = defaultForm()): CompareForm {
  const filter = kept.comparison?.params ?? kept.completeness?.params;
  const form = { ...base };
  if (filter) {
    form.regions = (filter.regions ?? []).join(", ");
    form.kinds = filter.kinds ?? [];
    form.minPopulation = filter.minPopulation === undefined ? "" : String(filter.minPopulation);
    form.maxPopulation = filter.maxPopulation === undefined ? "" : String(filter.maxPopulation);
  }
  if (kept.comparison) {
    const { params, chart } = kept.comparison;
    Object.assign(form, { codes: params.codes, from: String(params.from), to: String(params.to), perCapita: params.perCapita, chart: chart.kind, communities: chart.communities });
  }
  if (kept.completeness) form.year = String(kept.completeness.params.year);
  return form;
}

const memberFilter = (form: CompareForm) => {
  const regions = splitRegions(form.regions);
  const count = (s: string) => (s.trim() === "" ? undefined : s.trim());
  return {
    regions: regions.length ? regions : undefined,
    kinds: form.kinds.length ? form.kinds : undefined,
    minPopulation: count(form.minPopulation),
    maxPopulation: count(form.maxPopulation),
  };
};

/** The first issue a contract schema found in a form, as the FormError naming its field. */
export function refused(error: { issues: { path: PropertyKey[]; message: string }[] }): FormError {
  const issue = error.issues[0]!;
  return new FormError(String(issue.path[0] ?? ""), issue.message);
}

export function comparisonParams(form: CompareForm): ComparisonReport["params"] {
  const parsed = ComparisonQuery.safeParse({ ...memberFilter(form), codes: form.codes, from: form.from, to: form.to, perCapita: String(form.perCapita) });
  if (!parsed.success) throw refused(parsed.error);
  const { lang: _, ...params } = parsed.data;
  return params;
}

export function completenessParams(form: CompareForm): CompletenessReport["params"] {
  const parsed = CompletenessQuery.safeParse({ ...memberFilter(form), year: form.year });
  if (!parsed.success) throw refused(parsed.error);
  const { lang: _, ...params } = parsed.data;
  return params;
}
