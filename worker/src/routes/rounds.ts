import { createRoute } from "@hono/zod-openapi";
import { AssociationParams } from "../../../shared/api/catalogue.ts";
import { PlanParams } from "../../../shared/api/plans.ts";
import {
  AssociationRounds,
  AssociationRoundsQuery,
  Round,
  ROUND_ACTIONS,
  ROUND_STEPS,
  RoundConflict,
  RoundList,
  RoundParams,
  RoundReport,
  RoundStepRequest,
  RoundUnexplained,
  type RoundAction,
} from "../../../shared/api/rounds.ts";
import { catalogueName } from "../../../shared/sync/catalogue.ts";
import { violationText } from "../../../shared/quality/messages.ts";
import { checkQuality, unexplained } from "../../../shared/quality/rules.ts";
import { roundReport } from "../../../shared/monitoring/report.ts";
import { type Access, planAccess, requireAccess, requireCurator } from "../access.ts";
import type { Principal } from "../db/auth.ts";
import type { Authorship } from "../db/catalogue.ts";
import { memberCatalogues } from "../db/catalogue.ts";
import type { PlanRef } from "../db/plans.ts";
import { associationRounds, findRound, listRounds, type RoundWrite, stepRound } from "../db/rounds.ts";
import { isConstraintError } from "../db/sql.ts";
import type { D1Database } from "../env.ts";
import { badRequest } from "../errors.ts";
import { bearer, jsonBody, newRouter, ok, refusals } from "../openapi.ts";
import { planSnapshot } from "../sync/snapshot.ts";

/**
 * A plan's annual monitoring rounds (shared/api/rounds.ts). They are the community's: its editors and
 * monitors (and admins) see them; an association's analysts see where each member stands through
 * `GET /v1/associations/{associationId}/rounds`, and get 403 here, as for the rest of the plan they
 * cannot read.
 */

/** Who may take a step, as the plan's access levels (an editor's and an admin's is `edit`). */
const stepAccess = (action: RoundAction): Access[] => ROUND_STEPS[action].by.map((r) => (r === "editor" ? "edit" : "monitor"));

/** The plan, for a caller who may see its rounds. */
async function roundsPlan(db: D1Database, p: Principal, planId: string) {
  const { plan, access } = await planAccess(db, p, planId);
  requireAccess(access, ["edit", "monitor"], "see the plan's monitoring rounds (analysts see their members' through the association)");
  return { plan, access };
}

/** Why a step that did not apply does not apply to the round as it stands (RoundConflict). */
function conflict(step: Pick<RoundStepRequest, "action" | "baseVersion">, year: number, current: Round | null): RoundConflict {
  if (!current)
    return { error: { code: "conflict", message: `there is no ${year} round yet; an editor opens it first (action open, baseVersion 0)`, field: "year" }, current };
  const allowed = `allowed from ${current.status}: ${ROUND_ACTIONS.filter((a) => ROUND_STEPS[a].from.includes(current.status)).join(", ")}`;
  const [message, field] =
    step.action === "open"
      ? [`the ${year} round is opened already: it is ${current.status} (version ${current.version}); ${allowed}`, "action"]
      : current.version !== step.baseVersion
        ? [`the ${year} round is at version ${current.version} (${current.status}), not ${step.baseVersion}`, "baseVersion"]
        : [`the ${year} round is ${current.status}: ${step.action} applies to a round that is ${ROUND_STEPS[step.action].from.join(" or ")}; ${allowed}`, "action"];
  return { error: { code: "conflict", message, field }, current };
}

/**
 * The steps that vouch for the year's values: a submit hands them to the editor, an approval locks them.
 * Editors may still write a submitted year, so an approval is checked again on what the year holds then.
 */
const CHECKED_STEPS: ReadonlySet<RoundAction> = new Set(["submit", "approve"]);

/**
 * A checked step's refusal while values of the year break the association's quality rules without the
 * committee's explanation (shared/quality/rules.ts, the rule the pane checks the sheets by), or null;
 * with the plan's feed cursor the values were read at. Checked on the plan as stored: what is submitted
 * or approved is what the server holds.
 */
async function unexplainedValues(db: D1Database, plan: PlanRef, year: number, action: RoundAction): Promise<{ refusal: RoundUnexplained | null; planAt: number }> {
  const [snapshot, entries] = await Promise.all([planSnapshot(db, plan.id), memberCatalogues(db, plan.communityId)]);
  const open = unexplained(checkQuality(snapshot.document, entries, { years: [year] }));
  if (open.length === 0) return { refusal: null, planAt: snapshot.cursor };
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const name = (code: string) => {
    const entry = byCode.get(code);
    return entry ? catalogueName(entry, "en") : code;
  };
  const listed = open.map((v) => `${v.code} ${v.year}: ${violationText(v, name).en}`).join("; ");
  const refusal: RoundUnexplained = {
    error: {
      code: "bad_request",
      message: `${open.length} value(s) of ${year} break the association's quality rules without an explanation: ${listed}. Explain each in the observation's note (or correct it), then ${action} again`,
      field: "note",
    },
    violations: open,
  };
  return { refusal, planAt: snapshot.cursor };
}

/** How often a checked step is decided again when the plan changed between its check and its write. */
export const CHECKED_ATTEMPTS = 3;

/** What a step comes to: the round after it, or the refusal to answer with. */
type StepAnswer =
  | { status: 200 | 201; round: Round }
  | { status: 409; body: RoundConflict }
  | { status: 422; body: RoundUnexplained };

/**
 * Takes one step. A checked step (CHECKED_STEPS) is checked against the quality rules and written only if
 * no value changed since the check; if values keep changing it gives up after CHECKED_ATTEMPTS with a 409
 * carrying the round as it stands, as for any step that does not apply.
 */
async function takeStep(
  db: D1Database,
  plan: PlanRef,
  year: number,
  step: Omit<RoundStepRequest, "comment"> & { comment: string | null },
  by: Authorship,
): Promise<StepAnswer> {
  for (let attempt = 1; ; attempt++) {
    const checked = CHECKED_STEPS.has(step.action) ? await unexplainedValues(db, plan, year, step.action) : undefined;
    if (checked?.refusal) return { status: 422, body: checked.refusal };
    let write: RoundWrite;
    try {
      write = await stepRound(db, { planId: plan.id, year }, step, by, checked?.planAt);
    } catch (error) {
      if (!checked || !isConstraintError(error)) throw error;
      if (attempt < CHECKED_ATTEMPTS) continue;
      const message = `the plan's values of ${year} kept changing during the ${step.action}; ${step.action} the round again`;
      return { status: 409, body: { error: { code: "conflict", message, field: null }, current: await findRound(db, plan.id, year) } };
    }
    if (!write.applied) return { status: 409, body: conflict(step, year, write.current) };
    return { status: step.action === "open" ? 201 : 200, round: write.round };
  }
}

const list = createRoute({
  method: "get",
  path: "/{planId}/rounds",
  operationId: "listRounds",
  summary: "The plan's monitoring rounds, by year, each with its steps (editor, monitor, admin)",
  security: bearer,
  request: { params: PlanParams },
  responses: { 200: ok(RoundList, "Every round of the plan, oldest year first"), ...refusals },
});

const step = createRoute({
  method: "post",
  path: "/{planId}/rounds/{year}",
  operationId: "stepRound",
  summary: "One step of the year's monitoring round: open, submit, return, approve or reopen",
  description:
    "open (baseVersion 0), return (with a comment: what to fix), approve and reopen (with a comment: why) are the " +
    "community's editors' and admins'; submit also its monitors'. Each step is guarded on the round's version and " +
    "status: a stale baseVersion, or a step the status does not allow, comes back 409 with the round as it stands. " +
    "submit and approve are checked against the association's quality rules on the year's values as stored (an editor " +
    "may still change a submitted year): an unexplained flagged value comes back 422 with the values; values that " +
    "kept changing during the check, 409 with the round as it stands.",
  security: bearer,
  request: { params: RoundParams, body: jsonBody(RoundStepRequest) },
  responses: {
    200: ok(Round, "The round after the step"),
    201: ok(Round, "The opened round, at version 1"),
    ...refusals,
    409: ok(RoundConflict, "The step does not apply to the round as it stands (`current`, null if the year has no round)"),
    422: ok(RoundUnexplained, "A submit or approve while values of the year break the association's quality rules without a note explaining them"),
  },
});

const report = createRoute({
  method: "get",
  path: "/{planId}/rounds/{year}/report",
  operationId: "getRoundReport",
  summary: "The year's monitoring report: values, progress and status per priority and goal (editor, monitor, admin)",
  description: "Computed over values up to and including the year; `round` is null for a year without a round.",
  security: bearer,
  request: { params: RoundParams },
  responses: { 200: ok(RoundReport, "The report's content"), ...refusals },
});

export const rounds = newRouter()
  .openapi(list, async (c) => {
    const { plan } = await roundsPlan(c.env.DB, c.get("principal"), c.req.valid("param").planId);
    return c.json({ rounds: await listRounds(c.env.DB, plan.id) }, 200);
  })
  .openapi(step, async (c) => {
    const { planId, year } = c.req.valid("param");
    const p = c.get("principal");
    const { plan, access } = await roundsPlan(c.env.DB, p, planId);
    const body = c.req.valid("json");
    const who = body.action === "submit" ? "its monitors and editors do" : "its editors do";
    requireAccess(access, stepAccess(body.action), `${body.action} the ${year} monitoring round (${who})`);
    if (body.action === "open" && body.baseVersion !== 0)
      throw badRequest("baseVersion: a round is opened from version 0", "baseVersion");
    const by = { userId: p.userId, at: new Date().toISOString() };
    // A comment is kept exactly as written (the one rule for text, shared/model/text.ts); a blank one is none.
    const taken = { ...body, comment: body.comment?.trim() ? body.comment : null };
    const answer = await takeStep(c.env.DB, plan, year, taken, by);
    if (answer.status === 422) return c.json(answer.body, 422);
    if (answer.status === 409) return c.json(answer.body, 409);
    return c.json(answer.round, answer.status);
  })
  .openapi(report, async (c) => {
    const { planId, year } = c.req.valid("param");
    const { plan } = await roundsPlan(c.env.DB, c.get("principal"), planId);
    const [snapshot, round] = await Promise.all([planSnapshot(c.env.DB, plan.id), findRound(c.env.DB, plan.id, year)]);
    return c.json(roundReport(snapshot.document, year, round), 200);
  });

const members = createRoute({
  method: "get",
  path: "/{associationId}/rounds",
  operationId: "listMemberRounds",
  summary: "Where each member's monitoring round of a year stands (admin, the association's analysts)",
  description: "Members' editors and monitors get 403. `status` is null for a member without a round that year, or without a plan.",
  security: bearer,
  request: { params: AssociationParams, query: AssociationRoundsQuery },
  responses: { 200: ok(AssociationRounds, "Every member, by name"), ...refusals },
});

export const memberRounds = newRouter().openapi(members, async (c) => {
  const { associationId } = c.req.valid("param");
  const { year } = c.req.valid("query");
  await requireCurator(c.env.DB, c.get("principal"), associationId, "see its members' monitoring rounds");
  return c.json({ associationId, year, members: await associationRounds(c.env.DB, associationId, year) }, 200);
});
