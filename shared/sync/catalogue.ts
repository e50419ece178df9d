import type { CatalogueEntry } from "../api/catalogue.ts";
import { changedFields, sameValue } from "../model/changes.ts";
import type { Indicator, IndicatorTarget, Language, PlanDocument } from "../model/plan.ts";

/**
 * A member plan's indicators and its associations' catalogues, linked by `Indicator.code`. Pure: the pane
 * fetches the catalogues (never inside an Excel batch) and writes what these functions return.
 *
 * A linked indicator takes its name, unit, direction and frequency from its catalogue entry (so the
 * association compares like with like); its id, target, baseline, values and everything else are the
 * member's. Where several of the community's associations list a code, one entry is used: an active one
 * before a retired one (the code is still compared there), then the first association by id.
 */

/**
 * An entry's name in a language: Ukrainian, English, or Lithuanian where the association gave one (the
 * English otherwise). Entries kept by an older client may lack `nameLt`.
 */
export const catalogueName = (entry: Pick<CatalogueEntry, "nameUk" | "nameEn"> & { nameLt?: string }, language: Language): string =>
  language === "uk" ? entry.nameUk : language === "lt" && entry.nameLt?.trim() ? entry.nameLt : entry.nameEn;

/** What a linked indicator takes from its entry. */
function catalogueFields(entry: CatalogueEntry, language: Language): Pick<Indicator, "name" | "unit" | "direction" | "frequency"> {
  return { name: catalogueName(entry, language), unit: entry.unit, direction: entry.direction, frequency: entry.frequency };
}

/** A new plan indicator for a catalogue entry. */
export function indicatorFromCatalogue(entry: CatalogueEntry, language: Language, measures: IndicatorTarget | undefined, order: number, id: string): Indicator {
  return { id, code: entry.code, ...catalogueFields(entry, language), ...(measures ? { measures } : {}), order };
}

const byAssociation = (a: CatalogueEntry, b: CatalogueEntry) => (a.associationId < b.associationId ? -1 : a.associationId > b.associationId ? 1 : 0);

/** Every code's entries, the one the plan follows first. */
export function entriesByCode(entries: readonly CatalogueEntry[]): Map<string, CatalogueEntry[]> {
  const rank = (e: CatalogueEntry) => (e.status === "active" ? 0 : 1);
  const out = new Map<string, CatalogueEntry[]>();
  for (const e of [...entries].sort((a, b) => rank(a) - rank(b) || byAssociation(a, b))) out.set(e.code, [...(out.get(e.code) ?? []), e]);
  return out;
}

export type CatalogueChoice = { entry: CatalogueEntry; state: "addable" | "added" | "retired" };

/** The catalogue as the member picks from it, one entry per code by code: what is in the plan already is "added". */
export function catalogueChoices(doc: PlanDocument, entries: readonly CatalogueEntry[]): CatalogueChoice[] {
  // Breakdowns are never compared: only a top-level indicator holds a catalogue code's place.
  const inPlan = new Set(doc.indicators.filter((i) => !i.parentId).map((i) => i.code));
  return [...entriesByCode(entries).values()]
    .map(([entry]) => entry!)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((entry) => ({ entry, state: inPlan.has(entry.code) ? "added" : entry.status === "retired" ? "retired" : "addable" }));
}

/**
 * The plan with a catalogue entry added as its last indicator. Refuses an entry already in the plan (the
 * sheet may have got the code since the list was shown) and a retired one.
 */
export function addFromCatalogue(doc: PlanDocument, entry: CatalogueEntry, measures: IndicatorTarget | undefined, id: string): PlanDocument {
  if (doc.indicators.some((i) => !i.parentId && i.code === entry.code)) throw new Error(`The plan already has the catalogue indicator ${entry.code}.`);
  if (entry.status === "retired") throw new Error(`The association has retired ${entry.code}: it cannot be added.`);
  const order = Math.max(-1, ...doc.indicators.map((i) => i.order)) + 1;
  return { ...doc, indicators: [...doc.indicators, indicatorFromCatalogue(entry, doc.plan.language, measures, order, id)] };
}

/** A linked indicator that took its entry's content. */
export interface CatalogueUpdate {
  indicatorId: string;
  code: string;
  fields: string[];
}

export type CatalogueNotice =
  /** The entry is retired: the indicators keep their data, the association no longer compares them. */
  | { kind: "retired"; code: string; indicatorIds: string[] }
  /** Active entries of the code differ between associations: the plan follows `associationId`'s. */
  | { kind: "differs"; code: string; associationId: string; otherAssociationIds: string[]; name: string; unit: string };

/**
 * Brings the plan's linked indicators in line with the catalogues (entries of all the community's
 * associations). A code no catalogue knows is left alone: it may be the member's own. Returns the same
 * document when nothing changes, so that a sync makes no edit of its own.
 */
export function alignWithCatalogue(
  doc: PlanDocument,
  entries: readonly CatalogueEntry[],
  language: Language,
): { doc: PlanDocument; updated: CatalogueUpdate[]; notices: CatalogueNotice[] } {
  const catalogue = entriesByCode(entries);
  const updated: CatalogueUpdate[] = [];
  const retired = new Map<string, string[]>();
  const used = new Set<string>();
  const indicators = doc.indicators.map((indicator) => {
    const entry = indicator.code === undefined || indicator.parentId ? undefined : catalogue.get(indicator.code)?.[0];
    if (!entry) return indicator;
    used.add(entry.code);
    if (entry.status === "retired") {
      retired.set(entry.code, [...(retired.get(entry.code) ?? []), indicator.id]);
      return indicator;
    }
    const next = { ...indicator, ...catalogueFields(entry, language) };
    const fields = changedFields(indicator, next);
    if (fields.length === 0) return indicator;
    updated.push({ indicatorId: indicator.id, code: entry.code, fields });
    return next;
  });
  const notices: CatalogueNotice[] = [...retired].map(([code, indicatorIds]) => ({ kind: "retired", code, indicatorIds }));
  for (const code of used) {
    const [entry, ...others] = catalogue.get(code) as [CatalogueEntry, ...CatalogueEntry[]];
    if (entry.status === "retired") continue;
    const content = catalogueFields(entry, language);
    const differing = others.filter((e) => e.status === "active" && !sameValue(catalogueFields(e, language), content));
    if (differing.length)
      notices.push({ kind: "differs", code, associationId: entry.associationId, otherAssociationIds: differing.map((e) => e.associationId), name: content.name, unit: entry.unit });
  }
  return { doc: updated.length ? { ...doc, indicators } : doc, updated, notices };
}
