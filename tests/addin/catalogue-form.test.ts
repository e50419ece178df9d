import { describe, expect, it } from "vitest";
import type { MeResponse } from "../../shared/api/access.ts";
import type { CatalogueEntry } from "../../shared/api/catalogue.ts";
import { ApiError } from "../../shared/api/client.ts";
import { fixtureId } from "../../shared/fixtures/amu-plan.ts";
import {
  type CatalogueForm,
  catalogueWrite,
  emptyCatalogueForm,
  formFromEntry,
  isConflict,
  mayEditCatalogue,
  sortEntries,
  withEntry,
} from "../../addin/src/features/compare/catalogue-form.ts";
import { PaneError } from "../../addin/src/errors.ts";
import { FormError } from "../../addin/src/sections/compare-form.ts";
import { en } from "../../addin/src/strings/en.ts";
import { catalogueEntry } from "../support/catalogue-entry.ts";

const ASSOCIATION = fixtureId(9101);
const OTHER = fixtureId(9102);

/** An entry as the editor finds it: named, defined, shared back, at version 3. */
const entry = (code: string, overrides: Partial<CatalogueEntry> = {}): CatalogueEntry =>
  catalogueEntry(code, {}, { associationId: ASSOCIATION, nameUk: "Чисельність населення", nameEn: "Population", definition: "Станом на 1 січня", sharing: "position", version: 3, ...overrides });

const filled: CatalogueForm = { ...emptyCatalogueForm(), code: " EDU.2 ", nameUk: "Охоплення дошкільною освітою", nameEn: "Preschool enrolment", unit: "%" };

const refusal = (form: CatalogueForm) => {
  try {
    catalogueWrite(form, 0, "en");
  } catch (e) {
    if (e instanceof FormError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error("the form was accepted");
};

describe("the catalogue editor's form", () => {
  it("reads a new entry as the PUT that creates it: the code trimmed into the path, sharing kept to the analysts", () => {
    expect(catalogueWrite(filled, 0, "en")).toEqual({
      code: "EDU.2",
      body: {
        nameUk: "Охоплення дошкільною освітою",
        nameEn: "Preschool enrolment",
        unit: "%",
        direction: "increase",
        frequency: "annually",
        definition: "",
        sharing: "analysts",
        nameLt: "",
        rules: {},
        baseVersion: 0,
      },
    });
  });

  it("prefills an edit from the entry and sends the entry's version as baseVersion", () => {
    const form = formFromEntry(entry("POP"));
    expect(form).toEqual({
      code: "POP",
      nameUk: "Чисельність населення",
      nameEn: "Population",
      unit: "осіб",
      direction: "increase",
      frequency: "annually",
      definition: "Станом на 1 січня",
      sharing: "position",
      nameLt: "",
      rules: { min: "", max: "", maxChangePct: "", compare: [] },
    });
    const { code, body } = catalogueWrite({ ...form, nameEn: "Resident population" }, 3, "en");
    expect(code).toBe("POP");
    expect(body).toMatchObject({ nameEn: "Resident population", sharing: "position", definition: "Станом на 1 січня", baseVersion: 3 });
  });

  it("refuses what the contract refuses, naming the field as the API names it", () => {
    expect(refusal({ ...filled, code: "edu 2" })).toEqual({ field: "code", message: "must be 1 to 32 characters of A-Z, 0-9, '.', '_' or '-' (such as POP)" });
    expect(refusal({ ...filled, code: "" }).field).toBe("code");
    expect(refusal({ ...filled, code: "X".repeat(33) }).field).toBe("code");
    expect(refusal({ ...filled, nameEn: "   " })).toEqual({ field: "nameEn", message: "must not be empty" });
    expect(refusal({ ...filled, unit: "u".repeat(51) })).toEqual({ field: "unit", message: "at most 50 characters" });
  });
});

describe("the catalogue form's quality rules and Lithuanian name", () => {
  const withRules = (rules: Partial<CatalogueForm["rules"]>): CatalogueForm => ({ ...filled, rules: { ...filled.rules, ...rules } });
  const paneRefusal = (form: CatalogueForm) => {
    try {
      catalogueWrite(form, 0, "en");
    } catch (e) {
      if (e instanceof PaneError) return e.words(en).title;
      throw e;
    }
    throw new Error("the form was accepted");
  };

  it("sends the typed rules as numbers (a comma decimal too), blanks as no rule, comparisons with a code in capitals", () => {
    const { body } = catalogueWrite(
      {
        ...withRules({ min: " 0 ", max: "", maxChangePct: "12,5", compare: [{ op: "<=", code: " pop " }, { op: ">", code: "  " }] }),
        nameLt: "Ikimokyklinis ugdymas",
      },
      0,
      "uk",
    );
    expect(body).toMatchObject({ nameLt: "Ikimokyklinis ugdymas", rules: { min: 0, maxChangePct: 12.5, compare: [{ op: "<=", code: "POP" }] } });
    expect(body.rules).not.toHaveProperty("max");
  });

  it("prefills the rules of an entry and sends them back unchanged", () => {
    const rules = { min: 0, max: 100, maxChangePct: 20, compare: [{ op: "<" as const, code: "POP" }] };
    const form = formFromEntry(entry("ENR", { rules, nameLt: "Mokiniai" }));
    expect(form.rules).toEqual({ min: "0", max: "100", maxChangePct: "20", compare: [{ op: "<", code: "POP" }] });
    expect(catalogueWrite(form, 2, "en").body).toMatchObject({ rules, nameLt: "Mokiniai", baseVersion: 2 });
  });

  it("refuses a rule in the pane's words, naming it by its label", () => {
    expect(paneRefusal(withRules({ min: "багато" }))).toBe("“Lowest valid value” is not a number");
    expect(paneRefusal(withRules({ min: "10", max: "5" }))).toBe("“Highest valid value” cannot be taken as it is");
    expect(paneRefusal(withRules({ maxChangePct: "0" }))).toBe("“Largest change from the previous year, %” cannot be taken as it is");
    expect(paneRefusal(withRules({ compare: [{ op: "<=", code: "не код" }] }))).toMatch(/^“Compared with another catalogue indicator/);
  });

  it("reads a number as the pane's language writes it, and refuses what it would have to guess", () => {
    const max = (typed: string, language: "uk" | "lt" | "en") => catalogueWrite(withRules({ max: typed }), 0, language).body.rules?.max;
    // Ukrainian and Lithuanian: a decimal comma (or point), thousands grouped by spaces.
    for (const language of ["uk", "lt"] as const) {
      expect(["12,5", "12.5", " 12,5 ", "0,125", "2,500", "1 000,5"].map((typed) => max(typed, language)), language).toEqual([12.5, 12.5, 12.5, 0.125, 2.5, 1000.5]);
    }
    // English: a decimal point, thousands grouped by commas.
    expect(["12.5", "1,000", "-12,345,678", "1 000.5", "0.125"].map((typed) => max(typed, "en"))).toEqual([12.5, 1000, -12345678, 1000.5, 0.125]);
    for (const typed of ["12,5", "1,0001", "12,5,3"]) expect(() => max(typed, "en"), typed).toThrow(PaneError);
    // Both separators: a thousands separator in one convention or the other, never guessed.
    for (const language of ["uk", "en"] as const)
      for (const typed of ["1,000.5", "1.000,5"]) expect(() => max(typed, language), `${language} ${typed}`).toThrow(PaneError);
    expect(paneRefusal(withRules({ max: "12,5" }))).toBe("“Highest valid value” is not a number");
  });

  it("sends blanked rules as none, which clears an entry's rules on the server", () => {
    const form = formFromEntry(entry("ENR", { rules: { max: 100, compare: [{ op: "<=", code: "POP" }] } }));
    const blanked = { ...form, rules: { min: "", max: "", maxChangePct: "", compare: [] } };
    expect(catalogueWrite(blanked, 3, "en").body).toMatchObject({ rules: {}, nameLt: "", baseVersion: 3 });
  });
});

describe("the catalogue's list", () => {
  it("puts active entries first, each part by code", () => {
    const list = sortEntries([entry("WASTE"), entry("BUD", { status: "retired" }), entry("POP"), entry("AIR", { status: "retired" })]);
    expect(list.map((e) => [e.code, e.status])).toEqual([
      ["POP", "active"],
      ["WASTE", "active"],
      ["AIR", "retired"],
      ["BUD", "retired"],
    ]);
  });

  it("takes the server's answer to a write in place of the entry of its code, or as a new one", () => {
    const list = sortEntries([entry("POP"), entry("WASTE")]);
    expect(withEntry(list, entry("POP", { status: "retired", version: 4 })).map((e) => [e.code, e.status, e.version])).toEqual([
      ["WASTE", "active", 3],
      ["POP", "retired", 4],
    ]);
    expect(withEntry(list, entry("EDU", { version: 1 })).map((e) => e.code)).toEqual(["EDU", "POP", "WASTE"]);
  });
});

describe("who may change the catalogue", () => {
  const me = (grants: MeResponse["grants"]): MeResponse => ({
    user: { id: "u", name: "U" },
    token: { id: "t", expiresAt: "2027-01-01T00:00:00.000Z" },
    grants,
    communities: [],
    associations: [],
  });

  it("is the association's analyst or an admin, not an analyst of another association nor a member's editor", () => {
    expect(mayEditCatalogue(me([{ role: "analyst", associationId: ASSOCIATION }]), ASSOCIATION)).toBe(true);
    expect(mayEditCatalogue(me([{ role: "admin" }]), ASSOCIATION)).toBe(true);
    expect(mayEditCatalogue(me([{ role: "analyst", associationId: OTHER }]), ASSOCIATION)).toBe(false);
    expect(mayEditCatalogue(me([{ role: "editor", communityId: fixtureId(1) }]), ASSOCIATION)).toBe(false);
  });
});

describe("a failed write", () => {
  it("tells a stale version from other refusals", () => {
    expect(isConflict(new ApiError(409, "conflict", "stale", "baseVersion"))).toBe(true);
    expect(isConflict(new ApiError(403, "forbidden", "no", null))).toBe(false);
    expect(isConflict(new Error("409"))).toBe(false);
  });
});
