import { describe, expect, it } from "vitest";
import type { UpsertMutation } from "../../shared/api/sync.ts";
import { api, errorOf, makeWorld, push, pushBody, stored, uuid } from "./support/world.ts";

/** An indicator's target path through push: kept as sent, refused at the edge naming the field. */
describe("push: an indicator's yearly targets", () => {
  const targetsUpdate = (indicatorId: string, targets: unknown, baseVersion = 1): UpsertMutation => ({
    mutationId: uuid(),
    kind: "indicators",
    entityId: indicatorId,
    op: "upsert",
    baseVersion,
    fields: { targets } as UpsertMutation["fields"],
  });

  it("stores a path, and removes it with unset", async () => {
    const w = await makeWorld();
    const indicator = w.doc.indicators[0]!;
    const path = [
      { year: 2013, value: 10.5 },
      { year: 2015, value: 12 },
    ];
    const { results } = await push(w, w.tokens.editor, [targetsUpdate(indicator.id, path)]);
    expect(results[0]).toMatchObject({ status: "applied", version: 2 });
    expect(JSON.parse((await stored(w.ids.plan, "indicators", indicator.id))!.data).targets).toEqual(path);
    const removed = await push(w, w.tokens.editor, [{ ...targetsUpdate(indicator.id, undefined, 2), fields: {}, unset: ["targets"] }]);
    expect(removed.results[0]).toMatchObject({ status: "applied", version: 3 });
    expect(JSON.parse((await stored(w.ids.plan, "indicators", indicator.id))!.data)).not.toHaveProperty("targets");
  });

  it.each([
    ["years out of order", [{ year: 2015, value: 1 }, { year: 2013, value: 2 }], "mutations[0].fields.targets"],
    ["a year twice", [{ year: 2014, value: 1 }, { year: 2014, value: 2 }], "mutations[0].fields.targets"],
    ["an empty path (unset it instead)", [], "mutations[0].fields.targets"],
    ["a value that is not a number", [{ year: 2014, value: "many" }], "mutations[0].fields.targets[0].value"],
    ["a year outside 1900–2200", [{ year: 14, value: 1 }], "mutations[0].fields.targets[0].year"],
    ["not a list", { 2014: 1 }, "mutations[0].fields.targets"],
  ])("refuses %s with 400 naming the field, writing nothing", async (_name, targets, field) => {
    const w = await makeWorld();
    const indicator = w.doc.indicators[0]!;
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([targetsUpdate(indicator.id, targets)]) });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "bad_request", field });
    expect((await stored(w.ids.plan, "indicators", indicator.id))!.version).toBe(1);
  });

  it("a monitor may not set targets (they are the plan's, not the committee's)", async () => {
    const w = await makeWorld();
    const { results } = await push(w, w.tokens.monitor, [targetsUpdate(w.doc.indicators[0]!.id, [{ year: 2014, value: 1 }])]);
    expect(results[0]).toMatchObject({ status: "forbidden" });
  });
});
