import { describe, expect, it } from "vitest";
import type { Grant, MeResponse, Role } from "../../shared/api/access.ts";
import { permissions } from "../../addin/src/state/roles.ts";
import type { PaneState } from "../../addin/src/state/store.ts";

const PLAN = "00000000-0000-4000-8000-000000000001";
const COMMUNITY = "00000000-0000-4000-8000-000000000002";
const ASSOCIATION = "00000000-0000-4000-8000-000000000003";

function me(grants: Grant[], roles: Role[], planId: string | null = PLAN): MeResponse {
  return {
    user: { id: "u", name: "Тест" },
    token: { id: "t", expiresAt: "2030-01-01T00:00:00.000Z" },
    grants,
    communities: roles.length ? [{ id: COMMUNITY, name: "Громада", planId, roles, memberOf: [] }] : [],
    associations: [],
  };
}
/** A workbook whose plan is linked to PLAN on the store (only the link matters here). */
const linked = { doc: { community: { id: COMMUNITY } }, sync: { server: "http://muniplan.test", engine: { planId: PLAN } } } as unknown as PaneState["workbook"];
const local = { sync: undefined } as unknown as PaneState["workbook"];

const editor = me([{ role: "editor", communityId: COMMUNITY }], ["editor"]);
const monitor = me([{ role: "monitor", communityId: COMMUNITY }], ["monitor"]);
const analyst = me([{ role: "analyst", associationId: ASSOCIATION }], ["analyst"]);
const admin = me([{ role: "admin" }], ["admin"]);

describe("what the connected role may do in the pane", () => {
  it("a monitor fills values and notes only: the plan's items are closed, with the reason; Compare is not theirs", () => {
    expect(permissions(monitor, linked)).toEqual({ roles: ["monitor"], editPlan: "monitorOnly", compare: "analystOnly" });
  });

  it("an editor edits the whole plan and does not compare", () => {
    expect(permissions(editor, linked)).toEqual({ roles: ["editor"], editPlan: undefined, compare: "analystOnly" });
  });

  it("an analyst compares and reads a member's plan; an admin does everything", () => {
    expect(permissions(analyst, linked)).toEqual({ roles: ["analyst"], editPlan: "notEditor", compare: undefined });
    expect(permissions(admin, linked)).toEqual({ roles: ["admin"], editPlan: undefined, compare: undefined });
  });

  it("a monitor who is also an editor edits", () => {
    expect(permissions(me([{ role: "monitor", communityId: COMMUNITY }, { role: "editor", communityId: COMMUNITY }], ["monitor", "editor"]), linked).editPlan).toBeUndefined();
  });

  it("a plan not linked is the workbook's own; before the connection is known Compare stays open, to connect there", () => {
    expect(permissions(monitor, local)).toEqual({ compare: "analystOnly" });
    expect(permissions(undefined, linked)).toEqual({});
  });

  it("an editor asked before the workbook sent the community its first plan is still its editor", () => {
    expect(permissions(me([{ role: "editor", communityId: COMMUNITY }], ["editor"], null), linked).editPlan).toBeUndefined();
    expect(permissions(me([{ role: "monitor", communityId: COMMUNITY }], ["monitor"], null), linked).editPlan).toBe("monitorOnly");
  });

  it("a token that does not reach the linked plan's community does not edit it", () => {
    expect(permissions(me([{ role: "editor", communityId: ASSOCIATION }], []), linked).editPlan).toBe("notEditor");
  });
});
