import { parseNumber, parseYear } from "../../../../shared/layout/cells.ts";
import { Community, type Language, Plan, type PlanDocument } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";

/** The plan form as typed: every field a string until it is read. */
export type Values = Record<"name" | "kind" | "country" | "region" | "population" | "title" | "firstYear" | "lastYear" | "language" | "vision" | "mission", string>;

/** The form filled from the plan, or a new plan's defaults (the next three years, the pane's country). */
export function valuesOf(doc: PlanDocument | undefined, language: Language): Values {
  const thisYear = new Date().getFullYear();
  return {
    name: doc?.community.name ?? "",
    kind: doc?.community.kind ?? "amalgamated_community",
    country: doc?.community.country ?? (language === "lt" ? "LT" : "UA"),
    region: doc?.community.region ?? "",
    population: doc?.community.population?.toString() ?? "",
    title: doc?.plan.title ?? "",
    firstYear: String(doc?.plan.firstYear ?? thisYear + 1),
    lastYear: String(doc?.plan.lastYear ?? thisYear + 3),
    language: doc?.plan.language ?? language,
    vision: doc?.plan.vision ?? "",
    mission: doc?.plan.mission ?? "",
  };
}

/**
 * Reads the plan form through the contract's schemas: each field's refusal in the user's words, or the
 * plan document to write (the plan's other rows kept from `doc`, a new plan's empty).
 */
export function readPlanForm(values: Values, doc: PlanDocument | undefined, t: Strings): { errors: Partial<Values>; doc?: PlanDocument } {
  const errs: Partial<Values> = {};
  const year = (k: "firstYear" | "lastYear", label: string) => {
    const p = parseYear(values[k]);
    if (!p.ok || p.value === undefined) errs[k] = t.notYear(label);
    return p.ok ? p.value : undefined;
  };
  const firstYear = year("firstYear", t.firstYear);
  const lastYear = year("lastYear", t.lastYear);
  const population = parseNumber(values.population);
  if (!population.ok) errs.population = t.notNumber(t.population);
  const community = Community.safeParse({
    id: doc?.community.id ?? crypto.randomUUID(),
    name: values.name,
    kind: values.kind,
    country: values.country.trim().toUpperCase(),
    region: values.region.trim() || undefined,
    population: population.ok ? population.value : undefined,
  });
  if (!community.success)
    for (const i of community.error.issues) errs[(i.path[0] === "name" ? "name" : i.path[0]) as keyof Values] ??= i.path[0] === "name" ? t.fieldRequired(t.community) : i.message;
  const plan = Plan.safeParse({
    id: doc?.plan.id ?? crypto.randomUUID(),
    communityId: community.success ? community.data.id : crypto.randomUUID(),
    title: values.title,
    firstYear,
    lastYear,
    language: values.language,
    vision: values.vision.trim() ? values.vision : undefined,
    mission: values.mission.trim() ? values.mission : undefined,
  });
  if (!plan.success)
    for (const i of plan.error.issues) {
      const k = String(i.path[0]) as keyof Values;
      errs[k] ??= k === "title" ? t.fieldRequired(t.planTitle) : k === "lastYear" ? t.periodOrder : i.message;
    }
  if (Object.keys(errs).length || !plan.success || !community.success) return { errors: errs };
  const base: PlanDocument = doc ?? { community: community.data, plan: plan.data, swot: [], priorities: [], goals: [], tasks: [], risks: [], indicators: [], observations: [] };
  return { errors: errs, doc: { ...base, community: community.data, plan: plan.data } };
}
