import { describe, expect, it } from "vitest";
import type { HistoryPage } from "../../shared/api/history.ts";
import type { PlanSnapshot } from "../../shared/api/plans.ts";
import type { PullResponse, SyncRow } from "../../shared/api/sync.ts";
import { MAX_PAGE_SIZE } from "../../shared/api/sync.ts";
import { api, errorOf, json, makeWorld, openRound, push, uuid, valueUpdate, type World } from "./support/world.ts";

async function pullAll(w: World, token: string | null, since: number, limit: number) {
  const pages: PullResponse[] = [];
  let cursor = since;
  for (;;) {
    const page = await json<PullResponse>(await api(`/v1/plans/${w.ids.plan}/pull?since=${cursor}&limit=${limit}`, { token }));
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return { pages, cursor, rows: pages.flatMap((p) => p.changes) };
  }
}

describe("pull", () => {
  it("pages through the whole plan from cursor 0, each row once, and then has nothing more", async () => {
    const w = await makeWorld();
    const { pages, cursor, rows } = await pullAll(w, w.tokens.editor, 0, 40);
    const total = 2 + w.doc.swot.length + w.doc.priorities.length + w.doc.goals.length + w.doc.tasks.length + w.doc.risks.length + w.doc.indicators.length + w.doc.observations.length;
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => `${r.kind}:${r.id}`)).size).toBe(total);
    expect(pages.slice(0, -1).every((p) => p.changes.length === 40 && p.hasMore)).toBe(true);
    const after = await json<PullResponse>(await api(`/v1/plans/${w.ids.plan}/pull?since=${cursor}`, { token: w.tokens.editor }));
    expect(after).toEqual({ changes: [], cursor, hasMore: false });
  });

  it("carries changes and deletions after a cursor, in their latest state", async () => {
    const w = await makeWorld();
    const { cursor } = await pullAll(w, w.tokens.editor, 0, 1000);
    await push(w, w.tokens.editor, [valueUpdate(w, 50)]);
    await push(w, w.tokens.editor, [valueUpdate(w, 51, 2), { mutationId: uuid(), kind: "risks", entityId: w.doc.risks[1]!.id, op: "delete", baseVersion: 1 }]);
    const { rows } = await pullAll(w, w.tokens.monitor, cursor, 1);
    // Both rows' latest writes are in the second push; within one push the order is not part of the contract.
    const byKind = [...rows].sort((a, b) => a.kind.localeCompare(b.kind));
    expect(byKind.map((r: SyncRow) => [r.kind, r.id, r.version, r.deleted])).toEqual([
      ["observations", w.doc.observations[0]!.id, 3, false],
      ["risks", w.doc.risks[1]!.id, 2, true],
    ]);
    expect(byKind[1]!.data).toEqual(w.doc.risks[1]);
    expect(byKind[0]!.data).toMatchObject({ value: 51 });
  });

  it("gives the cursor of the full read, from which a pull sees only later changes", async () => {
    const w = await makeWorld();
    const snapshot = await json<PlanSnapshot>(await api(`/v1/plans/${w.ids.plan}`, { token: w.tokens.editor }));
    expect(snapshot.document).toEqual(w.doc);
    expect(snapshot.versions.tasks[w.doc.tasks[0]!.id]).toBe(1);
    await push(w, w.tokens.editor, [valueUpdate(w, 60)]);
    const page = await json<PullResponse>(await api(`/v1/plans/${w.ids.plan}/pull?since=${snapshot.cursor}`, { token: w.tokens.editor }));
    expect(page.changes.map((c) => [c.id, c.version])).toEqual([[w.doc.observations[0]!.id, 2]]);
  });

  it("leaves deleted rows out of the full read", async () => {
    const w = await makeWorld();
    await push(w, w.tokens.editor, [{ mutationId: uuid(), kind: "risks", entityId: w.doc.risks[0]!.id, op: "delete", baseVersion: 1 }]);
    const snapshot = await json<PlanSnapshot>(await api(`/v1/plans/${w.ids.plan}`, { token: w.tokens.editor }));
    expect(snapshot.document.risks.map((r) => r.id)).toEqual(w.doc.risks.slice(1).map((r) => r.id));
    expect(snapshot.versions.risks[w.doc.risks[0]!.id]).toBeUndefined();
  });

  it.each([
    [`limit=${MAX_PAGE_SIZE + 1}`, "limit"],
    ["limit=0", "limit"],
    ["since=-1", "since"],
    ["since=abc", "since"],
  ])("refuses %s with 400 naming %s", async (query, field) => {
    const w = await makeWorld();
    const res = await api(`/v1/plans/${w.ids.plan}/pull?${query}`, { token: w.tokens.editor });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe(field);
  });
});

describe("history", () => {
  it("lists a row's writes newest first with who, which client, before and after", async () => {
    const w = await makeWorld();
    await openRound(w, 2013);
    await push(w, w.tokens.editor, [valueUpdate(w, 70)]);
    await push(w, w.tokens.monitor, [valueUpdate(w, 71, 2)]);
    const id = w.doc.observations[0]!.id;
    const page = await json<HistoryPage>(await api(`/v1/plans/${w.ids.plan}/history?entityId=${id}`, { token: w.tokens.monitor }));
    expect(page.entries.map((e) => [e.op, e.version, e.actor.id, e.clientId, e.before?.value ?? null, e.after?.value])).toEqual([
      ["update", 3, w.users.monitor, "workbook-1", 70, 71],
      ["update", 2, w.users.editor, "workbook-1", 13, 70],
      ["create", 1, w.users.admin, "test", null, 13],
    ]);
    expect(page.next).toBeNull();
  });

  it("pages a community's history with next", async () => {
    const w = await makeWorld();
    await push(w, w.tokens.editor, [valueUpdate(w, 80)]);
    const first = await json<HistoryPage>(await api(`/v1/communities/${w.ids.community}/history?limit=2`, { token: w.tokens.editor }));
    expect(first.entries.map((e) => e.op)).toEqual(["update", "create"]);
    const second = await json<HistoryPage>(
      await api(`/v1/communities/${w.ids.community}/history?limit=2&before=${first.next}`, { token: w.tokens.editor }),
    );
    expect(second.entries[0]!.seq).toBeLessThan(first.entries[1]!.seq);
    expect(second.entries.every((e) => e.op === "create")).toBe(true);
  });
});
