import type { MeResponse, Role } from "../../../shared/api/access.ts";
import type { PaneState } from "./store.ts";

/** Why the pane does not offer something to the connected role (each has its words in strings.ts `roles`). */
export type RoleReason = "monitorOnly" | "notEditor" | "analystOnly";

/**
 * What the connected role may do in the pane, from `/v1/me` and the workbook's link. The pane's one
 * rule for it: the navigation, the plan editors and their notices all read this, so they agree with
 * each other (and with what the server would refuse at the next sync).
 */
export interface Permissions {
  /** The roles the token holds on the linked plan's community; undefined while that is not known. */
  roles?: readonly Role[];
  /** Why the plan's items (SWOT, goals, risks, indicators) may not be added, edited or deleted; undefined when they may. */
  editPlan?: RoleReason;
  /** Why Compare is not offered; undefined when it is. */
  compare?: RoleReason;
}

/**
 * - A plan not linked to the store, or a connection not known yet, is the workbook's own: everything
 *   in it may be edited (nothing is sent to be refused). Compare stays open then: it is where an
 *   analyst connects.
 * - On a linked plan, an editor (or admin) edits everything; a monitor only fills the monitoring year's
 *   values and notes, in the sheet; any other role (an association's analyst) reads.
 * - Compare and the association's catalogue: an analyst or admin.
 */
export function permissions(me: MeResponse | undefined, workbook: PaneState["workbook"]): Permissions {
  if (!me) return {};
  const admin = me.grants.some((g) => g.role === "admin");
  const compare = admin || me.grants.some((g) => g.role === "analyst") ? undefined : "analystOnly";
  const planId = workbook?.sync?.engine?.planId;
  if (!workbook || !planId) return { compare };
  // An answer from before this workbook sent its community's first plan names no plan: the community's id does.
  const community = me.communities.find((c) => c.planId === planId) ?? me.communities.find((c) => c.id === workbook.doc.community.id);
  const roles = community?.roles ?? [];
  const editor = admin || roles.includes("editor") || roles.includes("admin");
  const editPlan = editor ? undefined : roles.includes("monitor") ? "monitorOnly" : "notEditor";
  return { roles, editPlan, compare };
}
