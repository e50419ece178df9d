import { describe, expect, it } from "vitest";
import type { Round } from "../../shared/api/rounds.ts";
import { type Mutation, REFUSAL_RULES, type RefusalRule } from "../../shared/api/sync.ts";
import { api, json, makeWorld, openRound, push, uuid, valueUpdate, type World } from "./support/world.ts";

// makeWorld's plan has observations of its first indicator for 2013, 2014, 2015 (indexes 0, 1, 2).
const OBS_2015 = 2;

async function step(w: World, token: string | null, year: number, body: Record<string, unknown>): Promise<Round> {
  const res = await api(`/v1/plans/${w.ids.plan}/rounds/${year}`, { token, body });
  if (res.status !== 200) throw new Error(`${String(body.action)}: ${res.status} ${await res.text()}`);
  return json<Round>(res);
}

const del = (kind: Mutation["kind"], entityId: string): Mutation => ({ mutationId: uuid(), kind, entityId, op: "delete", baseVersion: 1 });

/** A new observation of the plan's first indicator for `year`. */
function newValue(w: World, year: number): Mutation {
  const id = uuid();
  return { mutationId: uuid(), kind: "observations", entityId: id, op: "upsert", baseVersion: 0, fields: { id, indicatorId: w.doc.observations[0]!.indicatorId, period: { year }, value: 1 } };
}

/**
 * For every rule a push can be refused by: a world where it applies, the persona pushing, and the one
 * mutation the rule refuses. The rule is what the pane names to the user, so each must come back as itself.
 */
const CASES: Record<RefusalRule, (w: World) => Promise<{ token: "editor" | "monitor"; mutation: Mutation }>> = {
  row_not_deletable: async (w) => ({ token: "editor", mutation: del("community", w.ids.community) }),
  monitor_not_observation: async (w) => ({
    token: "monitor",
    mutation: { mutationId: uuid(), kind: "tasks", entityId: w.doc.tasks[0]!.id, op: "upsert", baseVersion: 1, fields: { status: "done" } },
  }),
  monitor_no_delete: async (w) => {
    await openRound(w, 2015);
    return { token: "monitor", mutation: del("observations", w.doc.observations[OBS_2015]!.id) };
  },
  monitor_fields: async (w) => {
    await openRound(w, 2015);
    return { token: "monitor", mutation: { ...valueUpdate(w, 1, 1, OBS_2015), fields: { period: { year: 2016 } } } };
  },
  community_admin_fields: async (w) => ({
    token: "editor",
    mutation: { mutationId: uuid(), kind: "community", entityId: w.ids.community, op: "upsert", baseVersion: 1, fields: { country: "LT" } },
  }),
  round_approved: async (w) => {
    const opened = await openRound(w, 2015);
    const submitted = await step(w, w.tokens.monitor, 2015, { action: "submit", baseVersion: opened.version });
    await step(w, w.tokens.editor, 2015, { action: "approve", baseVersion: submitted.version });
    // Locked for the editor too, not only for the committee.
    return { token: "editor", mutation: valueUpdate(w, 5, 1, OBS_2015) };
  },
  monitor_round_submitted: async (w) => {
    const opened = await openRound(w, 2015);
    await step(w, w.tokens.monitor, 2015, { action: "submit", baseVersion: opened.version });
    return { token: "monitor", mutation: valueUpdate(w, 5, 1, OBS_2015) };
  },
  monitor_outside_round_year: async (w) => {
    await openRound(w, 2015);
    // 2014 has values but no round: the committee fills only the year an editor opened.
    return { token: "monitor", mutation: valueUpdate(w, 5, 1, 1) };
  },
  missing_reference: async (w) => {
    const id = uuid();
    return {
      token: "editor",
      mutation: { mutationId: uuid(), kind: "tasks", entityId: id, op: "upsert", baseVersion: 0, fields: { id, goalId: uuid(), title: "Завдання без цілі", status: "planned", order: 9 } },
    };
  },
  still_referenced: async (w) => ({ token: "editor", mutation: del("goals", w.doc.goals[0]!.id) }),
  period_taken: async (w) => ({ token: "editor", mutation: newValue(w, w.doc.observations[0]!.period.year) }),
};

describe("a refused mutation names its rule", () => {
  it("has a case for every rule of the contract", () => {
    expect(Object.keys(CASES).sort()).toEqual([...REFUSAL_RULES].sort());
  });

  it.each(REFUSAL_RULES.map((rule) => [rule]))("%s", async (rule) => {
    const w = await makeWorld();
    const { token, mutation } = await CASES[rule](w);
    // An allowed change in the same push goes through: the rule refuses one mutation, not the push.
    await openRound(w, 2013);
    const [result, other] = (await push(w, w.tokens[token]!, [mutation, valueUpdate(w, 42, 1, 0)])).results;
    expect(result).toMatchObject({ mutationId: mutation.mutationId, status: "forbidden", rule, reason: expect.any(String) });
    expect(other).toMatchObject({ status: "applied" });
  });
});

describe("what a monitor may change on an existing observation", () => {
  it("a reason for no value in place of the value is the monitor's to give, in the open round's year", async () => {
    const w = await makeWorld();
    await openRound(w, 2015);
    const mutation: Mutation = { ...valueUpdate(w, 1, 1, OBS_2015), fields: { value: null, missing: "not_available" } };
    const [result] = (await push(w, w.tokens.monitor!, [mutation])).results;
    expect(result).toMatchObject({ mutationId: mutation.mutationId, status: "applied" });
  });
});
