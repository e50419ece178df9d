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
import { FormError } from "../../addin/src/sections/compare-form.ts";

const ASSOCIATION = fixtureId(9101);
const OTHER = fixtureId(9102);

const entry = (code: string, overrides: Partial<CatalogueEntry> = {}): CatalogueEntry => ({
  associationId: ASSOCIATION,
  code,
  nameUk: "Чисельність населення",
  nameEn: "Population",
  nameLt: "",
  rules: {},
  unit: "осіб",
  direction: "increase",
  frequency: "annually",
  definition: "Станом на 1 січня",
  sharing: "position",
  status: "active",
  version: 3,
  updatedAt: "2026-07-01T10:00:00.000Z",
  updatedBy: { id: "analyst", name: "Аналітик" },
  ...overrides,
});

const filled: CatalogueForm = { ...emptyCatalogueForm(), code: " EDU.2 ", nameUk: "Охоплення дошкільною освітою", nameEn: "Preschool enrolment", unit: "%" };

const refusal = (form: CatalogueForm) => {
  try {
    catalogueWrite(form, 0);
  } catch (e) {
    if (e instanceof FormError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error("the form was accepted");
};

describe("the catalogue editor's form", () => {
  it("reads a new entry as the PUT that creates it: the code trimmed into the path, sharing kept to the analysts", () => {
    expect(catalogueWrite(filled, 0)).toEqual({
      code: "EDU.2",
      body: {
        nameUk: "Охоплення дошкільною освітою",
        nameEn: "Preschool enrolment",
        unit: "%",
        direction: "increase",
        frequency: "annually",
        definition: "",
        sharing: "analysts",
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
    });
    const { code, body } = catalogueWrite({ ...form, nameEn: "Resident population" }, 3);
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
