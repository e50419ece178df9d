import type { CatalogueEntry, PutCatalogueEntryInput, QualityRules } from "../../shared/api/catalogue.ts";
import { fixtureId } from "../../shared/fixtures/amu-plan.ts";

/** The association the tests' catalogue entries belong to unless they say otherwise. */
export const CATALOGUE_ASSOCIATION = fixtureId(9001);

/**
 * A catalogue entry as the Worker serves it: active at version 1, kept to the analysts, named after its
 * code («Показник POP», "Indicator POP", no Lithuanian name), with `rules` (none by default).
 */
export const catalogueEntry = (code: string, rules: QualityRules = {}, overrides: Partial<CatalogueEntry> = {}): CatalogueEntry => ({
  associationId: CATALOGUE_ASSOCIATION,
  code,
  nameUk: `Показник ${code}`,
  nameEn: `Indicator ${code}`,
  nameLt: "",
  rules,
  unit: "осіб",
  direction: "increase",
  frequency: "annually",
  definition: "",
  sharing: "analysts",
  status: "active",
  version: 1,
  updatedAt: "2026-07-01T10:00:00.000Z",
  updatedBy: { id: "analyst", name: "Аналітик" },
  ...overrides,
});

/** A new entry's PUT for the population (POP): in persons, kept to the analysts unless `overrides` says otherwise. */
export const populationEntry = (overrides: Partial<PutCatalogueEntryInput> = {}): PutCatalogueEntryInput => ({
  nameUk: "Населення",
  nameEn: "Population",
  unit: "осіб",
  direction: "increase",
  frequency: "annually",
  definition: "",
  sharing: "analysts",
  baseVersion: 0,
  ...overrides,
});
