import { describe, expect, it } from "vitest";
import type { SyncRow } from "../../shared/api/sync.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import type { Indicator, PlanDocument } from "../../shared/model/plan.ts";
import { conflictValues, initialSyncState, mergePull, prepareOutgoing, versionKey } from "../../shared/sync/engine.ts";

/**
 * A target path is one field of its indicator for the sync engine (shared/model/plan.ts explains why):
 * sent whole, merged beside other fields' changes, and a conflict as a whole when both sides changed it.
 */
const base = amuPlan.indicators[0]!;
const withIndicator = (change: Partial<Indicator>): PlanDocument => ({
  ...amuPlan,
  indicators: amuPlan.indicators.map((i) => (i.id === base.id ? { ...i, ...change } : i)),
});
const synced = withIndicator({ targets: [{ year: 2013, value: 100 }] });
const key = versionKey("indicators", base.id);
const state = () => initialSyncState(amuPlan.plan.id, synced, { [key]: 1 }, 0);
const serverRow = (change: Partial<Indicator>): SyncRow => ({
  kind: "indicators",
  id: base.id,
  version: 2,
  deleted: false,
  data: { ...base, targets: [{ year: 2013, value: 100 }], ...change },
  updatedAt: "2026-12-01T00:00:00.000Z",
  updatedBy: { id: "u-b", name: "Петро" },
});
const ids = () => "00000000-0000-4000-8000-0000000a0001";
const found = (doc: PlanDocument) => doc.indicators.find((i) => i.id === base.id)!;

describe("sync of an indicator's target path", () => {
  it("sends the whole path as one field, and unset when it is gone", () => {
    const added = prepareOutgoing(state(), withIndicator({ targets: [{ year: 2013, value: 100 }, { year: 2014, value: 110 }] }), ids).added;
    expect(added.map((m) => (m.op === "upsert" ? [m.fields, m.unset] : m.op))).toEqual([
      [{ targets: [{ year: 2013, value: 100 }, { year: 2014, value: 110 }] }, undefined],
    ]);
    const gone = prepareOutgoing(state(), withIndicator({ targets: undefined }), ids).added;
    expect(gone.map((m) => (m.op === "upsert" ? [m.fields, m.unset] : m.op))).toEqual([[{}, ["targets"]]]);
  });

  it("merges a server's path beside a local change of another field", () => {
    const local = withIndicator({ targets: [{ year: 2013, value: 100 }], name: "Назва від Оксани" });
    const r = mergePull(state(), local, [serverRow({ targets: [{ year: 2013, value: 100 }, { year: 2015, value: 130 }] })], 1);
    expect(r.conflicts).toEqual([]);
    expect(found(r.current)).toMatchObject({ name: "Назва від Оксани", targets: [{ year: 2013, value: 100 }, { year: 2015, value: 130 }] });
  });

  it("is a conflict as a whole when both sides changed the path, even in different years", () => {
    const local = withIndicator({ targets: [{ year: 2013, value: 100 }, { year: 2014, value: 110 }] });
    const r = mergePull(state(), local, [serverRow({ targets: [{ year: 2013, value: 90 }], name: "Назва від Петра" })], 1);
    expect(r.conflicts.map((c) => [c.key, c.fields])).toEqual([[key, ["targets"]]]);
    expect(conflictValues(r.conflicts[0]!)).toEqual([
      { field: "targets", local: [{ year: 2013, value: 100 }, { year: 2014, value: 110 }], server: [{ year: 2013, value: 90 }] },
    ]);
    // The server's other field comes in; the local path stays until the user chooses.
    expect(found(r.current)).toMatchObject({ name: "Назва від Петра", targets: [{ year: 2013, value: 100 }, { year: 2014, value: 110 }] });
  });
});
