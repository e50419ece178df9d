import { describe, expect, it } from "vitest";
import type { PositionResponse } from "../../shared/api/compare.ts";
import type { PlanSnapshot } from "../../shared/api/plans.ts";
import type { Release, ReleaseList } from "../../shared/api/releases.ts";
import type { PushResponse } from "../../shared/api/sync.ts";
import { type MemberSpec, memberPlan } from "../support/member-plan.ts";
import { api, associationOf, createPlan, errorOf, json, userWithToken, uuid } from "./support/world.ts";
import { populationEntry } from "../support/catalogue-entry.ts";

/**
 * Issue 12: a member's position must tell it nothing beyond what the association published. The attack
 * the store was broken with: a member's editor writes its own value, reads its rank, and bisects its own
 * value until every step of the rank — every other member's exact value — is found.
 */

const YEAR = 2020;
/** The others' values the attacker is after (B is the attacker); six values, so the median is shared too. */
const OTHERS: Record<string, number> = { A: 13.25, C: 27.5, D: 41, E: 58.75, F: 72 };
const KEYS = ["A", "B", "C", "D", "E", "F"];
const spec = (k: string): MemberSpec => ({ name: `Член ${k}`, kind: "city", region: "North", values: { POP: { [YEAR]: OTHERS[k] ?? 50 } } });

const entry = (sharing: "position" | "analysts") => populationEntry({ unit: "од.", sharing });

async function attackWorld() {
  const { associationId, ids, admin, analyst } = await associationOf(KEYS, (k) => `Член ${k}`);
  const editorB = await userWithToken([["editor", ids.B!]]);
  const plans: Record<string, PlanSnapshot> = {};
  for (const k of KEYS) plans[k] = await createPlan(admin.token, memberPlan(ids[k]!, spec(k), { firstYear: 2019, lastYear: 2021 }));
  const put = await api(`/v1/associations/${associationId}/catalogue/POP`, { method: "PUT", token: analyst.token, body: entry("position") });
  expect(put.status).toBe(201);
  const own = plans.B!.document.observations.find((o) => o.period.year === YEAR)!;
  const positionUrl = `/v1/associations/${associationId}/position?communityId=${ids.B}&year=${YEAR}`;
  let version = 1;
  /** B's editor writes B's own value (as any editor may) and reads B's position. */
  const probe = async (value: number): Promise<PositionResponse> => {
    const pushed = await api(`/v1/plans/${plans.B!.document.plan.id}/push`, {
      token: editorB.token,
      body: { clientId: "attacker", mutations: [{ mutationId: uuid(), kind: "observations", entityId: own.id, op: "upsert", baseVersion: version, fields: { value } }] },
    });
    expect((await json<PushResponse>(pushed)).results[0]).toMatchObject({ status: "applied" });
    version++;
    const res = await api(positionUrl, { token: editorB.token });
    expect(res.status).toBe(200);
    return json<PositionResponse>(res);
  };
  const publish = async (year = YEAR, token = analyst.token) => api(`/v1/associations/${associationId}/releases/${year}`, { method: "POST", token });
  return { associationId, ids, tokens: { admin: admin.token, analyst: analyst.token, editorB: editorB.token }, probe, publish, positionUrl };
}

/**
 * The bisection attack: RANK.EQ of an "increase" indicator is 1 + the number of values above one's own,
 * so every step of the rank as one's own value rises is another member's value. Writes a grid of values
 * from 0 to 100, bisects every step between two grid points to 1/1,000, and returns the values found
 * with every answer the store gave.
 */
async function bisectionAttack(probe: (value: number) => Promise<PositionResponse>) {
  const answers: string[] = [];
  const rankAt = async (value: number) => {
    const res = await probe(value);
    answers.push(JSON.stringify(res));
    return res.items[0]?.rank ?? null;
  };
  const recovered: number[] = [];
  const search = async (lo: number, rankLo: number | null, hi: number, rankHi: number | null): Promise<void> => {
    if (rankLo === null || rankHi === null || rankLo <= rankHi) return;
    if (hi - lo < 0.001) {
      for (let i = 0; i < rankLo - rankHi; i++) recovered.push(Math.round(hi * 100) / 100);
      return;
    }
    const mid = (lo + hi) / 2;
    const rankMid = await rankAt(mid);
    await search(lo, rankLo, mid, rankMid);
    await search(mid, rankMid, hi, rankHi);
  };
  const grid = Array.from({ length: 21 }, (_, i) => i * 5);
  const ranks: (number | null)[] = [];
  for (const value of grid) ranks.push(await rankAt(value));
  for (let i = 1; i < grid.length; i++) await search(grid[i - 1]!, ranks[i - 1]!, grid[i]!, ranks[i]!);
  return { recovered, answers };
}

describe("a member's position comes from the association's published release", () => {
  it("gives the bisection attack nothing: identical answers whatever the member writes, until the next release", async () => {
    const w = await attackWorld();
    // Before any release the member sees no position at all.
    const before = await bisectionAttack(w.probe);
    expect(before.recovered).toEqual([]);
    expect(new Set(before.answers).size).toBe(1);
    expect(JSON.parse(before.answers[0]!)).toMatchObject({ release: null, items: [] });

    // The analyst publishes 2020 (B's value is now whatever the attack wrote last); the attack runs again.
    const published = await w.publish();
    expect(published.status).toBe(201);
    const release = await json<Release>(published);
    expect(release).toMatchObject({ year: YEAR, number: 1 });
    const after = await bisectionAttack(w.probe);
    expect(after.recovered).toEqual([]);
    expect(new Set(after.answers).size).toBe(1);
    const frozen = JSON.parse(after.answers[0]!) as PositionResponse;
    expect(frozen.release).toEqual(release);
    expect(frozen.items).toHaveLength(1);

    // The next release takes B's value as it stands then, and the answer says which release it is.
    await w.probe(30);
    expect((await w.publish()).status).toBe(201);
    const next = await json<PositionResponse>(await api(w.positionUrl, { token: w.tokens.editorB }));
    expect(next.release).toMatchObject({ number: 2, year: YEAR });
    // 30 among 13.25, 27.5, 41, 58.75, 72: three values above it → rank 4. Six values: median and quartiles,
    // never the extremes. 13.25, 27.5, 30, 41, 58.75, 72: Q1 h = 1.25 → 28.125; median h = 2.5 → 35.5; Q3 h = 3.75 → 54.3125.
    expect(next.items[0]).toMatchObject({ value: 30, rank: 4, quartile: 3, stats: { count: 6, min: null, max: null, q1: 28.125, median: 35.5, q3: 54.3125 } });
  });

  it("breaks the attack as it worked before: live positions gave the others' values away", async () => {
    // The same attack against what the analysts see live (the comparison) recovers every value, which
    // proves the attack itself works; members never get this view of an entry shared as position.
    const w = await attackWorld();
    const live = async (value: number): Promise<PositionResponse> => {
      await w.probe(value);
      const res = await api(`/v1/associations/${w.associationId}/comparison?codes=POP&from=${YEAR}&to=${YEAR}`, { token: w.tokens.analyst });
      const body = await json<{ indicators: { rows: { communityId: string; ranks: (number | null)[] }[] }[] }>(res);
      const rank = body.indicators[0]!.rows.find((r) => r.communityId === w.ids.B)!.ranks[0]!;
      return { items: [{ rank }] } as unknown as PositionResponse;
    };
    const { recovered } = await bisectionAttack(live);
    expect(recovered.sort((a, b) => a - b)).toEqual(Object.values(OTHERS).sort((a, b) => a - b));
  });

  it("keeps the minimum-group rule on the released figures, and the full figures for the analysts", async () => {
    const w = await attackWorld();
    // Only four members left with a value: too few for a member to see the median and quartiles.
    await w.probe(20);
    for (const k of ["E", "F"]) {
      const { token } = await userWithToken([["editor", w.ids[k]!]]);
      const plan = await json<{ communities: { id: string; planId: string }[] }>(await api("/v1/me", { token }));
      const snapshot = await json<PlanSnapshot>(await api(`/v1/plans/${plan.communities[0]!.planId}`, { token }));
      const obs = snapshot.document.observations[0]!;
      const res = await api(`/v1/plans/${snapshot.document.plan.id}/push`, {
        token,
        body: { clientId: "t", mutations: [{ mutationId: uuid(), kind: "observations", entityId: obs.id, op: "upsert", baseVersion: 1, fields: { value: null } }] },
      });
      expect(res.status).toBe(200);
    }
    expect((await w.publish()).status).toBe(201);
    const own = await json<PositionResponse>(await api(w.positionUrl, { token: w.tokens.editorB }));
    // 13.25, 20, 27.5, 41: B's 20 ranks 3; Q1 h = 0.75 → 18.3125 ≤ 20 < median 23.75: quartile 3.
    expect(own.items[0]).toMatchObject({ value: 20, rank: 3, quartile: 3, stats: { count: 4, min: null, q1: null, median: null, q3: null, max: null } });
    const full = await json<PositionResponse>(await api(w.positionUrl, { token: w.tokens.analyst }));
    expect(full.items[0]!.stats).toEqual({ year: YEAR, count: 4, min: 13.25, q1: 18.3125, median: 23.75, q3: 30.875, max: 41 });
    expect(full.release).toEqual(own.release);
  });

  it("names the direction the released ranks follow, until the next release", async () => {
    const w = await attackWorld();
    await w.probe(20);
    expect((await w.publish()).status).toBe(201);
    const before = await json<PositionResponse>(await api(w.positionUrl, { token: w.tokens.editorB }));
    expect(before.items[0]).toMatchObject({ entry: { direction: "increase" }, rank: 5 });
    // The analyst turns the entry round: the released rank still follows the direction it was ranked by.
    const turned = await api(`/v1/associations/${w.associationId}/catalogue/POP`, {
      method: "PUT",
      token: w.tokens.analyst,
      body: { ...entry("position"), direction: "decrease", baseVersion: 1 },
    });
    expect(turned.status).toBe(200);
    for (const token of [w.tokens.editorB, w.tokens.analyst])
      expect((await json<PositionResponse>(await api(w.positionUrl, { token }))).items[0]).toMatchObject({ entry: { direction: "increase" }, rank: 5 });
    expect((await w.publish()).status).toBe(201);
    const after = await json<PositionResponse>(await api(w.positionUrl, { token: w.tokens.editorB }));
    expect(after.items[0]).toMatchObject({ entry: { direction: "decrease" }, rank: 2 });
  });

  it("lets only the association's analysts and admins publish and list releases", async () => {
    const w = await attackWorld();
    const refused = await w.publish(YEAR, w.tokens.editorB);
    expect(refused.status).toBe(403);
    const foreign = await userWithToken([["analyst", uuid()]]);
    expect((await w.publish(YEAR, foreign.token)).status).toBe(404);
    expect((await w.publish(YEAR, w.tokens.admin)).status).toBe(201);
    expect((await w.publish(2021)).status).toBe(201);
    expect((await w.publish(YEAR)).status).toBe(201);
    const list = await json<ReleaseList>(await api(`/v1/associations/${w.associationId}/releases`, { token: w.tokens.analyst }));
    expect(list.releases.map((r) => [r.year, r.number])).toEqual([[2021, 1], [YEAR, 2], [YEAR, 1]]);
    const of2020 = await json<ReleaseList>(await api(`/v1/associations/${w.associationId}/releases?year=${YEAR}`, { token: w.tokens.admin }));
    expect(of2020.releases.map((r) => r.number)).toEqual([2, 1]);
    expect((await api(`/v1/associations/${w.associationId}/releases`, { token: w.tokens.editorB })).status).toBe(403);
    const bad = await w.publish(1800);
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe("year");
  });
});
