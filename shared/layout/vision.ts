import { COMMUNITY_KIND_LABELS, LANGUAGE_LABELS, type Labels, labelMatcher, normalizeLabel } from "../i18n/labels.ts";
import { M, join } from "../i18n/problems.ts";
import { Community, type Language, Plan, type PlanDocument } from "../model/plan.ts";
import { type Cell, type Parsed, isEmptyCell, parseNumber, parseText, parseYear, textProblem } from "./cells.ts";
import type { Problem, SheetGrid, SheetValues } from "./grid.ts";
import { LayoutError, problemAt } from "./table.ts";

/** The Vision & Mission sheet is a form: one labelled row per field of the plan and its community. */
type FieldType = "text" | "year" | "count" | "kind" | "language";
interface FormField {
  key: string;
  of: "community" | "plan";
  field: string;
  label: Labels;
  type: FieldType;
}

export const visionName: Labels = { en: "Vision & Mission", uk: "Бачення і місія", lt: "Vizija ir misija" };
const HEADER: [Labels, Labels] = [
  { en: "Field", uk: "Поле", lt: "Laukas" },
  { en: "Value", uk: "Значення", lt: "Reikšmė" },
];

const FIELDS: FormField[] = [
  { key: "communityName", of: "community", field: "name", type: "text", label: { en: "Community", uk: "Громада", lt: "Bendruomenė" } },
  { key: "communityKind", of: "community", field: "kind", type: "kind", label: { en: "Kind of community", uk: "Тип громади", lt: "Bendruomenės tipas" } },
  { key: "country", of: "community", field: "country", type: "text", label: { en: "Country (ISO code)", uk: "Країна (код ISO)", lt: "Šalis (ISO kodas)" } },
  { key: "region", of: "community", field: "region", type: "text", label: { en: "Region", uk: "Регіон", lt: "Regionas" } },
  { key: "population", of: "community", field: "population", type: "count", label: { en: "Population", uk: "Населення", lt: "Gyventojų skaičius" } },
  { key: "title", of: "plan", field: "title", type: "text", label: { en: "Plan title", uk: "Назва плану", lt: "Plano pavadinimas" } },
  { key: "firstYear", of: "plan", field: "firstYear", type: "year", label: { en: "First year", uk: "Перший рік", lt: "Pirmieji metai" } },
  { key: "lastYear", of: "plan", field: "lastYear", type: "year", label: { en: "Last year", uk: "Останній рік", lt: "Paskutiniai metai" } },
  { key: "language", of: "plan", field: "language", type: "language", label: { en: "Sheet language", uk: "Мова аркушів", lt: "Lapų kalba" } },
  { key: "vision", of: "plan", field: "vision", type: "text", label: { en: "Vision", uk: "Бачення", lt: "Vizija" } },
  { key: "mission", of: "plan", field: "mission", type: "text", label: { en: "Mission", uk: "Місія", lt: "Misija" } },
];

const kindOf = labelMatcher(COMMUNITY_KIND_LABELS);
const languageOf = labelMatcher(LANGUAGE_LABELS);

function writeValue(f: FormField, v: unknown, language: Language): Cell {
  if (v === undefined || v === null || v === "") return null;
  if (f.type === "kind") return COMMUNITY_KIND_LABELS[v as keyof typeof COMMUNITY_KIND_LABELS][language];
  if (f.type === "language") return LANGUAGE_LABELS[v as Language][language];
  return typeof v === "number" ? v : String(v);
}

function parseValue(f: FormField, c: Cell): Parsed<unknown> {
  switch (f.type) {
    case "year":
      return parseYear(c);
    case "count":
      return parseNumber(c);
    case "kind":
    case "language": {
      if (isEmptyCell(c)) return { ok: true, value: undefined };
      const v = (f.type === "kind" ? kindOf : languageOf)(String(c));
      const allowed = Object.values<Labels>(f.type === "kind" ? COMMUNITY_KIND_LABELS : LANGUAGE_LABELS);
      return v ? { ok: true, value: v } : { ok: false, message: M.notOneOf(c, allowed) };
    }
    default:
      return parseText(c);
  }
}

export function buildVision(doc: PlanDocument, language: Language): SheetGrid {
  const name = visionName[language];
  const problems: Problem[] = [];
  const cells: Cell[][] = [HEADER.map((h) => h[language])];
  FIELDS.forEach((f, i) => {
    const v = (doc[f.of] as Record<string, unknown>)[f.field];
    if (typeof v === "string" && textProblem(v)) problems.push(problemAt(name, i + 1, 1, textProblem(v)!));
    cells.push([f.label[language], writeValue(f, v, language)]);
  });
  if (problems.length) throw new LayoutError(`${name}: ${problems.length} cell(s) cannot be written to Excel`, problems);
  const listAt = (key: string, labels: Record<string, Labels>) => ({
    row: FIELDS.findIndex((f) => f.key === key) + 1,
    col: 1,
    validation: { type: "list" as const, values: Object.values(labels).map((l) => l[language]) },
  });
  return {
    kind: "vision",
    name,
    language,
    columns: [
      { key: "field", header: HEADER[0][language], width: 26, numberFormat: "@", hidden: false, wrap: true, computed: false },
      { key: "value", header: HEADER[1][language], width: 100, numberFormat: "General", hidden: false, wrap: true, computed: false },
    ],
    cells,
    rowLevels: FIELDS.map(() => 0),
    frozenRows: 1,
    // A table too, though a form: its workbook-unique name is how the add-in finds the sheet again.
    table: true,
    conditionalFormats: [],
    cellValidations: [listAt("communityKind", COMMUNITY_KIND_LABELS), listAt("language", LANGUAGE_LABELS)],
    print: { landscape: false, fitToWidth: true, repeatHeaderRows: 1 },
  };
}

/**
 * Reads the form back by its labels (any language, any row order). A missing or bad field keeps its
 * last good value and is named in a problem.
 */
export function readVision(sheet: SheetValues, base: PlanDocument): { problems: Problem[]; plan: PlanDocument["plan"]; community: PlanDocument["community"] } {
  const problems: Problem[] = [];
  const rowOf = new Map<string, number>();
  const byLabel = new Map<string, FormField>();
  for (const f of FIELDS) for (const l of Object.values(f.label)) byLabel.set(normalizeLabel(l), f);
  sheet.values.forEach((row, r) => {
    const f = r > 0 && !isEmptyCell(row[0] ?? null) ? byLabel.get(normalizeLabel(String(row[0]))) : undefined;
    if (f && !rowOf.has(f.key)) rowOf.set(f.key, r);
  });
  const candidate = { plan: { ...base.plan } as Record<string, unknown>, community: { ...base.community } as Record<string, unknown> };
  for (const f of FIELDS) {
    const r = rowOf.get(f.key);
    if (r === undefined) {
      problems.push(problemAt(sheet.name, 0, 0, M.formRowMissing(f.label)));
      continue;
    }
    const parsed = parseValue(f, sheet.values[r]?.[1] ?? null);
    if (parsed.ok) candidate[f.of][f.field] = typeof parsed.value === "string" && f.key === "country" ? parsed.value.trim().toUpperCase() : parsed.value;
    else problems.push(problemAt(sheet.name, r, 1, join(parsed.message, M.previousKept)));
  }
  const finish = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, of: "plan" | "community", fallback: T): T => {
    const result = schema.safeParse(candidate[of]);
    if (result.success) return result.data;
    const repaired = { ...candidate[of] };
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      const f = FIELDS.find((x) => x.of === of && x.field === field);
      const r = f ? (rowOf.get(f.key) ?? 0) : 0;
      problems.push(problemAt(sheet.name, r, 1, join(M.invalid(f?.label ?? M.plain(field), issue.message), M.previousKept)));
      repaired[field] = (fallback as Record<string, unknown>)[field];
    }
    const again = schema.safeParse(repaired);
    return again.success ? again.data : fallback;
  };
  return { problems, plan: finish(Plan, "plan", base.plan), community: finish(Community, "community", base.community) };
}
