import type { PutCatalogueEntryInput } from "../../../shared/api/catalogue.ts";
import type { PlanDocument } from "../../../shared/model/plan.ts";
import { type MemberSpec, memberPlan } from "../../support/member-plan.ts";
import { api, associationOf, createPlan, userWithToken, uuid } from "./world.ts";

/**
 * The association the open-data tests read (the OData feed, the long export): each file gives its own
 * members, notes and units, and both get the same shape — members keyed A, B, C… with plans of 2020–2022,
 * POP shared `named`, WASTE with the analysts only, member k's note on its POP 2020 value, and a reason
 * (confidential) on a POP 2021 without a value.
 */
export interface OpenDataSpec {
  members: Record<string, MemberSpec>;
  /** A member's note on its POP 2020 value, by member key. */
  notes: Record<string, string>;
  /** The catalogue entry's unit, by indicator code (POP and WASTE). */
  units: Record<string, string>;
}

/** The catalogue entry an analyst puts for an indicator of the members' plans. */
export const catalogueEntry = (code: string, sharing: "analysts" | "named", unit: string): PutCatalogueEntryInput => ({
  nameUk: `Показник ${code}`,
  nameEn: `Indicator ${code}`,
  nameLt: `Rodiklis ${code}`,
  unit,
  direction: "increase",
  frequency: "annually",
  definition: "",
  sharing,
  baseVersion: 0,
});

/** Member `k`'s plan with its note on POP 2020 and a reason for a POP 2021 without a value. */
function withNotes(notes: Record<string, string>, k: string, doc: PlanDocument): PlanDocument {
  const pop = doc.indicators.find((i) => i.code === "POP")!.id;
  return {
    ...doc,
    observations: doc.observations.map((o) => {
      if (o.indicatorId !== pop) return o;
      if (o.period.year === 2020 && notes[k]) return { ...o, note: notes[k] };
      if (o.period.year === 2021 && o.value === null) return { ...o, missing: "confidential" as const };
      return o;
    }),
  };
}

/** A fresh association as OpenDataSpec describes, with B's editor and an analyst of another association. */
export async function openDataWorld(spec: OpenDataSpec) {
  const keys = Object.keys(spec.members);
  const { associationId, ids, admin, analyst } = await associationOf(keys, (k) => spec.members[k]!.name);
  const editorB = await userWithToken([["editor", ids.B!]]);
  const foreignAnalyst = await userWithToken([["analyst", uuid()]]);
  for (const k of keys) await createPlan(admin.token, withNotes(spec.notes, k, memberPlan(ids[k]!, spec.members[k]!, { firstYear: 2020, lastYear: 2022 })));
  for (const [code, sharing] of [["POP", "named"], ["WASTE", "analysts"]] as const) {
    const res = await api(`/v1/associations/${associationId}/catalogue/${code}`, {
      method: "PUT",
      token: analyst.token,
      body: catalogueEntry(code, sharing, spec.units[code]!),
    });
    if (res.status !== 201) throw new Error(`putting ${code} in the catalogue: ${res.status} ${await res.text()}`);
  }
  return { associationId, ids, tokens: { admin: admin.token, analyst: analyst.token, editorB: editorB.token, foreignAnalyst: foreignAnalyst.token } };
}
