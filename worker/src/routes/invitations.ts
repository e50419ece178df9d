import { createRoute } from "@hono/zod-openapi";
import { AssociationParams } from "../../../shared/api/catalogue.ts";
import { ErrorBody } from "../../../shared/api/errors.ts";
import {
  CreateInvitationRequest,
  Invitation,
  InviteeList,
  normalizeInvitationCode,
  RedeemInvitationRequest,
  RedeemInvitationResponse,
  TOKEN_DAYS,
} from "../../../shared/api/invitations.ts";
import { isAdmin, requireCurator } from "../access.ts";
import type { Env } from "../env.ts";
import {
  countAttempt,
  forgetAttempt,
  invitationCodeHash,
  invitee,
  issueInvitation,
  listInvitees,
  redeemInvitation,
} from "../db/invitations.ts";
import { ApiError, notFound } from "../errors.ts";
import { bearer, jsonBody, newRouter, ok, refusals } from "../openapi.ts";

/**
 * Invitation codes (shared/api/invitations.ts). An association's analysts (and admins) create them for
 * the association's users; anyone holding one redeems it, without a token, for a token of its user.
 */

/** Failed redeems a source may make per window before it is refused for the rest of the window. */
export const MAX_FAILED_REDEEMS = 10;
/**
 * Failed redeems from all sources together per window: bounds guessing spread over many addresses (50-bit
 * codes: 1,000 guesses per 15 minutes against 100 live codes hit one about once in 100 million days) while
 * an ordinary day's mistyped codes stay far below it.
 */
export const MAX_FAILED_REDEEMS_OVERALL = 1000;
export const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * The source an attempt is counted against: the IPv4 address, or an IPv6 address's /64 prefix (one
 * subscriber usually holds a whole /64, so counting single addresses would give them 2^64 tries).
 * An address that does not parse counts as itself.
 */
export function attemptSource(address: string | null): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const halves = address.toLowerCase().split("::");
  const groups = halves.map((half) => (half ? half.split(":") : []));
  const [head, tail = []] = groups;
  const all = halves.length === 1 ? head! : [...head!, ...Array(8 - head!.length - tail.length).fill("0"), ...tail];
  if (halves.length > 2 || all.length !== 8 || !all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}

/** Shorter keys are refused like a missing one: the stored codes are only as strong as the key. */
export const MIN_INVITATION_KEY_LENGTH = 32;

/** The key codes are stored under (Env.INVITATION_KEY); without a proper one no code is made or redeemed. */
function invitationKey(env: Env): string {
  const key = env.INVITATION_KEY;
  if (!key || key.length < MIN_INVITATION_KEY_LENGTH)
    throw new ApiError(503, "internal", "invitation codes are not set up on this server (its INVITATION_KEY secret is missing); use a token");
  return key;
}
const notSetUp = ok(ErrorBody, "The server has no `INVITATION_KEY` secret: codes are neither created nor redeemed");

const listed = createRoute({
  method: "get",
  path: "/{associationId}/invitees",
  operationId: "listInvitees",
  summary: "The users the caller may create an invitation code for, with their roles in the association (admin, its analysts)",
  description:
    "Exactly the users `POST …/invitations` accepts from this caller: for an admin, everyone holding a role inside the " +
    "association; for an analyst, only users whose every role is this association's analyst. By name.",
  security: bearer,
  request: { params: AssociationParams },
  responses: {
    200: ok(InviteeList, "The users, each with their roles inside the association"),
    ...refusals,
    403: ok(ErrorBody, "A member's editor or monitor"),
  },
});

const create = createRoute({
  method: "post",
  path: "/{associationId}/invitations",
  operationId: "createInvitation",
  summary: "A single-use invitation code for a user of the association (admin, the association's analysts)",
  description:
    "For an admin, the user must hold a role inside the association (editor or monitor of a member community, or its " +
    "analyst); for an analyst, the user's only role must be this association's analyst (everyone else's code is an " +
    "admin's, with the CLI). The creator's right is checked again at redeem. A new code ends the user's older " +
    "unused ones. The code is in this answer " +
    "only; it expires after `days` (at most 7) and is redeemed once with `POST /v1/invitations/redeem`.",
  security: bearer,
  request: { params: AssociationParams, body: jsonBody(CreateInvitationRequest) },
  responses: {
    201: ok(Invitation, "The new code, shown this once"),
    ...refusals,
    403: ok(ErrorBody, "A member's editor or monitor"),
    404: ok(ErrorBody, "No such association (or out of the token's reach), or no user the token may invite (`field`: userId)"),
    503: notSetUp,
  },
});

const redeem = createRoute({
  method: "post",
  path: "/redeem",
  operationId: "redeemInvitation",
  // Stated, not left out: an empty list is OpenAPI's "no token needed" (without it, tools must guess).
  security: [],
  summary: "Exchange an invitation code for an API token of its user (no token needed)",
  description:
    "Case, spaces and dashes in the code do not matter. A code that is unknown, used or expired gets the same " +
    `401 (\`field\`: code). Too many failed codes from one address or IPv6 /64 (${MAX_FAILED_REDEEMS} in ` +
    `${FAILURE_WINDOW_MS / 60_000} minutes) or from everyone (${MAX_FAILED_REDEEMS_OVERALL}), or too many requests, get 429.`,
  request: { body: jsonBody(RedeemInvitationRequest) },
  responses: {
    200: ok(RedeemInvitationResponse, "The new token, shown this once"),
    400: refusals[400],
    401: ok(ErrorBody, "The code is not valid: unknown, used or expired (not told apart)"),
    413: refusals[413],
    429: ok(ErrorBody, "Too many attempts from this address; wait and retry"),
    503: notSetUp,
  },
});

const rateLimited = (seconds: number) =>
  new ApiError(429, "rate_limited", `too many attempts from this address; wait ${Math.ceil(seconds / 60)} minute(s) and retry`);

export const invitations = newRouter()
  .openapi(listed, async (c) => {
    const { associationId } = c.req.valid("param");
    const p = c.get("principal");
    await requireCurator(c.env.DB, p, associationId, "list whom to invite");
    return c.json({ users: await listInvitees(c.env.DB, associationId, isAdmin(p)) }, 200);
  })
  .openapi(create, async (c) => {
    const { associationId } = c.req.valid("param");
    const { userId, days } = c.req.valid("json");
    const p = c.get("principal");
    await requireCurator(c.env.DB, p, associationId, "create invitation codes");
    const found = await invitee(c.env.DB, userId, associationId);
    // The code's token has all of its user's rights, so an analyst may invite only users who hold nothing but
    // this association's analyst role. Every other user gets the 404 of an unknown id: a 403 would tell the
    // analyst that the user exists and holds rights (an editor's, a monitor's, or elsewhere).
    if (!found || !(isAdmin(p) ? found.within : found.analystOnly)) throw notFound("user", "userId");
    const issued = await issueInvitation({
      key: invitationKey(c.env),
      userId,
      createdBy: p.userId,
      associationId,
      days,
      at: new Date().toISOString(),
    });
    await c.env.DB.batch(issued.statements.map((s) => c.env.DB.prepare(s.sql).bind(...s.params)));
    return c.json({ id: issued.invitationId, code: issued.code, user: found.user, expiresAt: issued.expiresAt }, 201);
  });

export const redemption = newRouter().openapi(redeem, async (c) => {
  const from = c.req.header("cf-connecting-ip") ?? null;
  const source = attemptSource(from);
  const limiter = c.env.RATE_LIMITER;
  // The per-token limit's binding, keyed apart from token ids: this route has no token to key on.
  if (limiter && !(await limiter.limit({ key: `redeem:${source}` })).success) {
    c.header("Retry-After", "60");
    throw rateLimited(60);
  }
  const key = invitationKey(c.env);
  const now = Date.now();
  const at = new Date(now).toISOString();
  const tokenExpiresAt = new Date(now + TOKEN_DAYS * 86_400_000).toISOString();
  // Counted before the code is checked, so parallel guesses cannot all pass a count read before any failed.
  const attemptId = crypto.randomUUID();
  const counted = await countAttempt(c.env.DB, { id: attemptId, source, at, windowStart: new Date(now - FAILURE_WINDOW_MS).toISOString() });
  if (counted.fromSource > MAX_FAILED_REDEEMS || counted.overall > MAX_FAILED_REDEEMS_OVERALL) {
    await forgetAttempt(c.env.DB, attemptId);
    c.header("Retry-After", String(FAILURE_WINDOW_MS / 1000));
    throw rateLimited(FAILURE_WINDOW_MS / 1000);
  }
  const body = c.req.valid("json");
  const code = normalizeInvitationCode(body.code);
  const redeemed =
    code &&
    (await redeemInvitation(c.env.DB, {
      codeHash: await invitationCodeHash(key, code),
      from,
      label: body.label ?? "invitation",
      at,
      tokenExpiresAt,
      attemptId,
    }));
  // A failure's row stays, counted for the window.
  if (!redeemed)
    throw new ApiError(401, "unauthorized", "the invitation code is not valid (mistyped, used or expired); ask for a new one", "code");
  return c.json({ token: redeemed.token, tokenId: redeemed.tokenId, expiresAt: tokenExpiresAt, user: redeemed.user }, 200);
});
