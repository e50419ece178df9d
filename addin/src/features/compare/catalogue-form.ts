import type { MeResponse } from "../../../../shared/api/access.ts";
import {
  CatalogueCode,
  type CatalogueEntry,
  type CompareOp,
  type PutCatalogueEntryInput,
  PutCatalogueEntryRequest,
  type QualityRules,
  type Sharing,
} from "../../../../shared/api/catalogue.ts";
import { ApiError } from "../../../../shared/api/client.ts";
import type { Direction, Frequency, Language } from "../../../../shared/model/plan.ts";
import { PaneError } from "../../errors.ts";
import { refused } from "../../sections/compare-form.ts";
import type { Strings } from "../../strings.ts";

/**
 * The catalogue editor's form as typed, and its reading through the contract's own schemas, so the pane
 * refuses what the Worker would refuse, naming the same field.
 */
export interface CatalogueForm {
  code: string;
  nameUk: string;
  nameEn: string;
  nameLt: string;
  unit: string;
  direction: Direction;
  frequency: Frequency;
  definition: string;
  sharing: Sharing;
  /**
   * The indicator's code in an outside scheme (ISO 37120, a statistics office). Absent while the entry has
   * none and nothing was typed: the PUT then leaves it out, which keeps the entry's; "" typed clears it.
   */
  externalCode?: string | undefined;
  /** The quality rules as typed: bounds and the change as text ("" for none), comparisons as rows. */
  rules: RulesForm;
}

export type RuleNumber = "min" | "max" | "maxChangePct";
export interface RulesForm {
  min: string;
  max: string;
  maxChangePct: string;
  compare: { op: CompareOp; code: string }[];
}

/** A new entry starts kept to the analysts, as the API keeps one sent without `sharing`. */
export const emptyCatalogueForm = (): CatalogueForm => ({
  code: "",
  nameUk: "",
  nameEn: "",
  nameLt: "",
  unit: "",
  direction: "increase",
  frequency: "annually",
  definition: "",
  sharing: "analysts",
  rules: { min: "", max: "", maxChangePct: "", compare: [] },
});

const shown = (x: number | undefined) => (x === undefined ? "" : String(x));

export const formFromEntry = (entry: CatalogueEntry): CatalogueForm => ({
  code: entry.code,
  nameUk: entry.nameUk,
  nameEn: entry.nameEn,
  nameLt: entry.nameLt,
  unit: entry.unit,
  direction: entry.direction,
  frequency: entry.frequency,
  definition: entry.definition,
  sharing: entry.sharing,
  externalCode: entry.externalCode,
  rules: {
    min: shown(entry.rules.min),
    max: shown(entry.rules.max),
    maxChangePct: shown(entry.rules.maxChangePct),
    compare: (entry.rules.compare ?? []).map((c) => ({ ...c })),
  },
});

/** A rule the form cannot take, named by its label in the pane's words; nothing is sent. */
const ruleRefused = (field: RuleNumber | "compare" | "nameLt", why: "notNumber" | "invalid") =>
  new PaneError((t: Strings) => {
    const label = field === "nameLt" ? t.quality.nameLt : field === "compare" ? t.quality.compareTitle : t.quality[field];
    return { title: why === "notNumber" ? t.quality.notNumber(label) : t.quality.invalid(label), next: t.quality.fixNext(label) };
  });

/** Thousands grouped by commas, as English writes them ("1,000", "12,345,678"). */
const COMMA_GROUPED = /^[-+]?\d{1,3}(,\d{3})+$/;

/**
 * A number as the pane's language writes it; "" is none. A point is a decimal point in every language;
 * Ukrainian and Lithuanian write a decimal comma ("12,5", "0,125") and group thousands with spaces;
 * English groups thousands with commas ("1,000"), so a lone English comma otherwise ("12,5") is refused
 * rather than guessed, as is any text with both a comma and a point.
 */
function typedNumber(field: RuleNumber, text: string, language: Language): number | undefined {
  const s = text.replace(/\s/g, "");
  if (s === "") return undefined;
  const both = s.includes(",") && s.includes(".");
  const english = COMMA_GROUPED.test(s) ? Number(s.replace(/,/g, "")) : s.includes(",") ? NaN : Number(s);
  const n = both ? NaN : language === "en" ? english : Number(s.replace(",", "."));
  if (!Number.isFinite(n)) throw ruleRefused(field, "notNumber");
  return n;
}

/** The rules the form says, as the contract takes them: blanks left out, comparisons without a code dropped. */
function rulesOf(form: RulesForm, language: Language): QualityRules {
  const compare = form.compare.map((c) => ({ op: c.op, code: c.code.trim().toUpperCase() })).filter((c) => c.code !== "");
  const number = (field: RuleNumber) => typedNumber(field, form[field], language);
  const rules = { min: number("min"), max: number("max"), maxChangePct: number("maxChangePct"), compare };
  return Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

// The code is the entry's key in the path, not in the body: it is read by its own schema, under its own name.
const CatalogueWrite = PutCatalogueEntryRequest.extend({ code: CatalogueCode });

/**
 * The PUT the form asks for: `baseVersion` 0 creates, an entry's version replaces it (and re-activates a
 * retired one). Throws FormError naming the first field the contract refuses (PaneError for a rule, the
 * Lithuanian name or the external code).
 */
export function catalogueWrite(form: CatalogueForm, baseVersion: number, language: Language): { code: string; body: PutCatalogueEntryInput } {
  // Codes are trimmed as typed (an edge space is a slip, and the contract refuses it); "" clears the external code.
  const parsed = CatalogueWrite.safeParse({
    ...form,
    code: form.code.trim(),
    externalCode: form.externalCode?.trim(),
    rules: rulesOf(form.rules, language),
    baseVersion,
  });
  if (!parsed.success) {
    // The rules and the Lithuanian name are named in the pane's own words (the API's field labels have no such fields).
    const [first, second] = parsed.error.issues[0]!.path;
    if (first === "rules") throw ruleRefused(second === "min" || second === "max" || second === "maxChangePct" ? second : "compare", "invalid");
    if (first === "nameLt") throw ruleRefused("nameLt", "invalid");
    if (first === "externalCode") throw new PaneError((t: Strings) => ({ title: t.territory.externalCodeRefused, next: t.territory.externalCodeNext }));
    throw refused(parsed.error);
  }
  const { code, ...body } = parsed.data;
  return { code, body };
}

/** Active entries first, then by code; retired ones stay listed (members' values keep their link). */
export const sortEntries = (entries: readonly CatalogueEntry[]): CatalogueEntry[] =>
  [...entries].sort((a, b) => (a.status === b.status ? a.code.localeCompare(b.code) : a.status === "active" ? -1 : 1));

/** The list after the server answered a write with `entry`: it replaces the entry of its code, or joins the list. */
export const withEntry = (entries: readonly CatalogueEntry[], entry: CatalogueEntry): CatalogueEntry[] =>
  sortEntries([...entries.filter((e) => e.code !== entry.code), entry]);

/** The association's analysts and the admins keep its catalogue; anyone else only reads it. */
export const mayEditCatalogue = (me: MeResponse, associationId: string): boolean =>
  me.grants.some((g) => g.role === "admin" || (g.role === "analyst" && g.associationId === associationId));

/** A stale baseVersion: the entry changed since the form was filled. */
export const isConflict = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 409;
