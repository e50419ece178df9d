import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { MeResponse } from "../../shared/api/access.ts";
import { createClient, tokenFromCredential } from "../../shared/api/client.ts";
import {
  INVITATION_ALPHABET,
  normalizeInvitationCode,
  type Invitation,
  type Invitee,
  type InviteeList,
  type RedeemInvitationResponse,
} from "../../shared/api/invitations.ts";
import { hmacSha256Hex, sha256Hex } from "../../worker/src/crypto.ts";
import { issueInvitation } from "../../worker/src/db/invitations.ts";
import app from "../../worker/src/index.ts";
import {
  attemptSource,
  FAILURE_WINDOW_MS,
  MAX_FAILED_REDEEMS,
  MAX_FAILED_REDEEMS_OVERALL,
} from "../../worker/src/routes/invitations.ts";
import {
  api,
  communityOutsideAssociations,
  errorOf,
  json,
  makeWorld,
  PERSONAS,
  run,
  userWithToken,
  uuid,
  type Persona,
  type World,
} from "./support/world.ts";

// Storage is shared by the tests of this file: each test redeems from its own address, so failures
// counted for one never refuse another.
const address = () => `192.0.2.${Math.floor(Math.random() * 250) + 1}-${uuid().slice(0, 8)}`;

const create = (w: World, token: string | null, userId: string, associationId = w.ids.associationA, days?: number) =>
  api(`/v1/associations/${associationId}/invitations`, { token, body: { userId, ...(days === undefined ? {} : { days }) } });

async function createdCode(w: World, token: string | null, userId: string): Promise<Invitation> {
  const res = await create(w, token, userId);
  if (res.status !== 201) throw new Error(`creating a code: ${res.status} ${await res.text()}`);
  return json<Invitation>(res);
}

const redeem = (code: string, from: string, overrides: Partial<typeof env> = {}) =>
  api("/v1/invitations/redeem", { body: { code, label: "test pane" }, headers: { "cf-connecting-ip": from } }, overrides);

const row = (id: string) => env.DB.prepare("SELECT * FROM invitations WHERE id = ?1").bind(id).first<Record<string, unknown>>();

/** The refusal of a code that will not do; identical whatever the reason. */
const NOT_VALID = {
  code: "unauthorized",
  message: "the invitation code is not valid (mistyped, used or expired); ask for a new one",
  field: "code",
};

describe("invitation codes", () => {
  it("are short, typeable codes that redeem for a token with the user's rights, entered in any case, with or without the dash", async () => {
    const w = await makeWorld();
    const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
    expect(invitation.code).toMatch(new RegExp(`^[${INVITATION_ALPHABET}]{5}-[${INVITATION_ALPHABET}]{5}$`));
    expect(invitation.user).toEqual({ id: w.users.editor, name: "User editor" });
    expect(Date.parse(invitation.expiresAt) - Date.now()).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(Date.parse(invitation.expiresAt) - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);

    const res = await redeem(` ${invitation.code.replace("-", "").toLowerCase()} `, address());
    expect(res.status).toBe(200);
    const redeemed = await json<RedeemInvitationResponse>(res);
    expect(redeemed.user).toEqual(invitation.user);
    // The new token is an ordinary token of the user: the same reach as one the CLI creates.
    const mine = await json<MeResponse>(await api("/v1/me", { token: redeemed.token }));
    const cli = await json<MeResponse>(await api("/v1/me", { token: w.tokens.editor }));
    expect(mine.user).toEqual(cli.user);
    expect(mine.grants).toEqual(cli.grants);
    expect(mine.communities).toEqual(cli.communities);
    expect(mine.token.id).toBe(redeemed.tokenId);
    const token = await env.DB.prepare("SELECT user_id, label, token_hash FROM tokens WHERE id = ?1").bind(redeemed.tokenId).first();
    expect(token).toEqual({ user_id: w.users.editor, label: "test pane", token_hash: await sha256Hex(redeemed.token) });
  });

  it("normalize as Crockford's base 32 reads them, and refuse what is not a code's shape", () => {
    expect(normalizeInvitationCode("7kq2m-x9d4b")).toBe("7KQ2MX9D4B");
    expect(normalizeInvitationCode("OIL00 - 11111")).toBe("0110011111");
    expect(normalizeInvitationCode("7KQ2M-X9D4")).toBeNull();
    expect(normalizeInvitationCode("7KQ2M-X9D4U")).toBeNull();
    expect(normalizeInvitationCode("mpt_" + "a".repeat(43))).toBeNull();
  });

  it("are single use: a second redeem is refused, and of two at once exactly one wins", async () => {
    const w = await makeWorld();
    const first = await createdCode(w, w.tokens.admin, w.users.editor);
    expect((await redeem(first.code, address())).status).toBe(200);
    const again = await redeem(first.code, address());
    expect(again.status).toBe(401);
    expect(await errorOf(again)).toEqual(NOT_VALID);

    const second = await createdCode(w, w.tokens.admin, w.users.monitor);
    const both = await Promise.all([redeem(second.code, address()), redeem(second.code, address())]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    const tokens = await env.DB.prepare("SELECT COUNT(*) AS n FROM tokens WHERE user_id = ?1").bind(w.users.monitor).first<{ n: number }>();
    expect(tokens!.n).toBe(2); // the world's token and the one winner's
  });

  it("expire: a code past its expiry is refused exactly as an unknown or a used one", async () => {
    const w = await makeWorld();
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    const expired = await issueInvitation({ key: env.INVITATION_KEY!, userId: w.users.editor, createdBy: null, associationId: null, days: 7, at: eightDaysAgo });
    await run(expired.statements);
    const res = await redeem(expired.code, address());
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual(NOT_VALID);

    const unknown = await redeem("00000-00000", address());
    expect(unknown.status).toBe(401);
    expect(await errorOf(unknown)).toEqual(NOT_VALID);
    const malformed = await redeem("not a code", address());
    expect(malformed.status).toBe(401);
    expect(await errorOf(malformed)).toEqual(NOT_VALID);

    // One that expires later is still good: the refusal above is the expiry's.
    const fresh = await issueInvitation({ key: env.INVITATION_KEY!, userId: w.users.editor, createdBy: null, associationId: null, days: 7, at: new Date(Date.now() - 6 * 86_400_000).toISOString() });
    await run(fresh.statements);
    expect((await redeem(fresh.code, address())).status).toBe(200);
  });

  it("are stored only as a keyed hash (HMAC under the INVITATION_KEY secret): the code is nowhere in the database", async () => {
    const w = await makeWorld();
    const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
    const normalized = normalizeInvitationCode(invitation.code)!;
    const stored = await row(invitation.id);
    expect(stored!.code_hash).toBe(await hmacSha256Hex(env.INVITATION_KEY!, normalized));
    expect(stored!.code_hash).not.toBe(await sha256Hex(normalized));
    const dump = JSON.stringify(await env.DB.prepare("SELECT * FROM invitations").all());
    expect(dump).not.toContain(normalized);
    expect(dump).not.toContain(invitation.code);
    expect(dump).not.toContain(normalized.toLowerCase());
  });

  it("are one per user: a new code ends the user's older unused ones, and only theirs", async () => {
    const w = await makeWorld({ plan: false });
    const older = await createdCode(w, w.tokens.admin, w.users.editor);
    const others = await createdCode(w, w.tokens.admin, w.users.monitor);
    const newer = await createdCode(w, w.tokens.admin, w.users.editor);
    expect(await errorOf(await redeem(older.code, address()))).toEqual(NOT_VALID);
    expect((await redeem(others.code, address())).status).toBe(200);
    expect((await redeem(newer.code, address())).status).toBe(200);
  });

  it("are neither created nor redeemed without a proper INVITATION_KEY (a production Worker without its secret)", async () => {
    const w = await makeWorld({ plan: false });
    const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
    for (const INVITATION_KEY of [undefined, "", "short"]) {
      const made = await api(`/v1/associations/${w.ids.associationA}/invitations`, { token: w.tokens.admin, body: { userId: w.users.monitor } }, { INVITATION_KEY });
      expect(made.status).toBe(503);
      expect((await errorOf(made)).message).toMatch(/INVITATION_KEY/);
      expect((await redeem(invitation.code, address(), { INVITATION_KEY })).status).toBe(503);
    }
    // A code stored under one key is not found under another.
    expect(await errorOf(await redeem(invitation.code, address(), { INVITATION_KEY: "another-key-".repeat(4) }))).toEqual(NOT_VALID);
    expect((await redeem(invitation.code, address())).status).toBe(200);
  });

  it("refuse a blank label, as the admin CLI refuses a blank name, without spending the code", async () => {
    const w = await makeWorld({ plan: false });
    const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
    for (const label of ["", " \t "]) {
      const res = await api("/v1/invitations/redeem", { body: { code: invitation.code, label }, headers: { "cf-connecting-ip": address() } });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: "bad_request", field: "label" });
    }
    const kept = await api("/v1/invitations/redeem", { body: { code: invitation.code, label: " Excel " }, headers: { "cf-connecting-ip": address() } });
    expect(kept.status).toBe(200);
    const token = await env.DB.prepare("SELECT label FROM tokens WHERE id = ?1").bind((await json<RedeemInvitationResponse>(kept)).tokenId).first();
    expect(token).toEqual({ label: " Excel " });
  });

  it("are audited: who created it for whom and when, when it was redeemed, from where and into which token", async () => {
    const w = await makeWorld();
    const before = new Date().toISOString();
    const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
    const from = address();
    const redeemed = await json<RedeemInvitationResponse>(await redeem(invitation.code, from));
    const audit = await row(invitation.id);
    expect(audit).toMatchObject({ user_id: w.users.editor, created_by: w.users.admin, used_from: from, token_id: redeemed.tokenId });
    expect(audit!.created_at as string >= before).toBe(true);
    expect(audit!.used_at as string >= (audit!.created_at as string)).toBe(true);
    expect(audit!.expires_at).toBe(invitation.expiresAt);
  });
});

describe("the creator's right is checked again at redeem", () => {
  it("an analyst's code dies when its user gains another role or its creator stops being the association's analyst", async () => {
    const w = await makeWorld({ plan: false });
    const grant = (userId: string, role: string, scope: string) =>
      env.DB.prepare("INSERT INTO grants (user_id, role, scope_id) VALUES (?1, ?2, ?3)").bind(userId, role, scope).run();
    const newAnalyst = async () => (await userWithToken([["analyst", w.ids.associationA]])).userId;

    const promoted = await newAnalyst();
    const toPromoted = await createdCode(w, w.tokens.analyst, promoted);
    await grant(promoted, "editor", w.ids.community);
    const refused = await redeem(toPromoted.code, address());
    expect(refused.status).toBe(401);
    expect(await errorOf(refused)).toEqual(NOT_VALID);
    expect((await row(toPromoted.id))!.used_at).toBeNull();

    const creator = await userWithToken([["analyst", w.ids.associationA]]);
    const fromFormer = await createdCode(w, creator.token, await newAnalyst());
    await env.DB.prepare("DELETE FROM grants WHERE user_id = ?1").bind(creator.userId).run();
    expect(await errorOf(await redeem(fromFormer.code, address()))).toEqual(NOT_VALID);

    // Unchanged rights: the code works; the row says through which association it was created.
    const kept = await createdCode(w, w.tokens.analyst, await newAnalyst());
    expect((await row(kept.id))!.association_id).toBe(w.ids.associationA);
    expect((await redeem(kept.code, address())).status).toBe(200);
    // An admin's code for an editor is the admin's right, and stays good.
    const admins = await createdCode(w, w.tokens.admin, w.users.editor);
    expect((await redeem(admins.code, address())).status).toBe(200);
  });
});

describe("redeeming is rate limited (it needs no token)", () => {
  it("uses the rate-limit binding, keyed by the caller's address", async () => {
    const w = await makeWorld();
    const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
    const [blocked, allowed] = [address(), address()];
    const limit = vi.fn(async ({ key }: { key: string }) => ({ success: key !== `redeem:${blocked}` }));
    const refused = await redeem(invitation.code, blocked, { RATE_LIMITER: { limit } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect((await errorOf(refused)).code).toBe("rate_limited");
    // The refused attempt did not spend the code.
    expect((await redeem(invitation.code, allowed, { RATE_LIMITER: { limit } })).status).toBe(200);
    expect(limit.mock.calls.map(([o]) => o.key)).toEqual([`redeem:${blocked}`, `redeem:${allowed}`]);
  });

  it(`refuses an address after ${MAX_FAILED_REDEEMS} failed codes, even with a good one, and only that address`, async () => {
    const w = await makeWorld();
    const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
    const guesser = address();
    for (let i = 0; i < MAX_FAILED_REDEEMS; i++) expect((await redeem("00000-00000", guesser)).status).toBe(401);
    const locked = await redeem(invitation.code, guesser);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe(String(FAILURE_WINDOW_MS / 1000));
    expect((await redeem(invitation.code, address())).status).toBe(200);
  });

  it("counts an attempt before checking its code: of parallel wrong codes from one address only the limit's number are checked", async () => {
    const guesser = address();
    const answers = await Promise.all(Array.from({ length: 4 * MAX_FAILED_REDEEMS }, () => redeem("00000-00000", guesser)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILED_REDEEMS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3 * MAX_FAILED_REDEEMS);
    // Refused attempts checked no code and are not kept: the window holds exactly the failures.
    const kept = await env.DB.prepare("SELECT COUNT(*) AS n FROM invitation_failures WHERE source = ?1").bind(guesser).first<{ n: number }>();
    expect(kept!.n).toBe(MAX_FAILED_REDEEMS);
  });

  it("forgets a good code's attempt: a user's successful redeems never lock them out", async () => {
    const w = await makeWorld({ plan: false });
    const from = address();
    for (let i = 0; i < MAX_FAILED_REDEEMS + 2; i++) {
      const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
      expect((await redeem(invitation.code, from)).status).toBe(200);
    }
    const kept = await env.DB.prepare("SELECT COUNT(*) AS n FROM invitation_failures WHERE source = ?1").bind(from).first<{ n: number }>();
    expect(kept!.n).toBe(0);
  });

  it("counts an IPv6 address by its /64 prefix", async () => {
    expect(attemptSource("2001:db8:a:b::1")).toBe("2001:db8:a:b::/64");
    expect(attemptSource("2001:0DB8:000a:000b:ffff:ffff:ffff:ffff")).toBe("2001:db8:a:b::/64");
    expect(attemptSource("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(attemptSource("::1")).toBe("0:0:0:0::/64");
    expect(attemptSource("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(attemptSource("192.0.2.7")).toBe("192.0.2.7");
    expect(attemptSource(null)).toBe("unknown");

    const w = await makeWorld({ plan: false });
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    for (let i = 1; i <= MAX_FAILED_REDEEMS; i++) expect((await redeem("00000-00000", `${prefix}::${i.toString(16)}`)).status).toBe(401);
    const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
    expect((await redeem(invitation.code, `${prefix}:1234:5678:9abc:def0`)).status).toBe(429);
    expect((await redeem(invitation.code, `${prefix}1::1`)).status).toBe(200);
  });

  it(`refuses everyone after ${MAX_FAILED_REDEEMS_OVERALL} failures in the window from all addresses together`, async () => {
    const w = await makeWorld({ plan: false });
    const invitation = await createdCode(w, w.tokens.admin, w.users.editor);
    const at = new Date().toISOString();
    const windowStart = new Date(Date.now() - FAILURE_WINDOW_MS).toISOString();
    const existing = await env.DB.prepare("SELECT COUNT(*) AS n FROM invitation_failures WHERE at > ?1").bind(windowStart).first<{ n: number }>();
    const spread = Array.from({ length: MAX_FAILED_REDEEMS_OVERALL - existing!.n }, (_, i) =>
      env.DB.prepare("INSERT INTO invitation_failures (attempt_id, source, at) VALUES ('spread', ?1, ?2)").bind(`198.51.100.${i}`, at),
    );
    await env.DB.batch(spread);
    try {
      const refused = await redeem(invitation.code, address());
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe(String(FAILURE_WINDOW_MS / 1000));
    } finally {
      await env.DB.prepare("DELETE FROM invitation_failures WHERE attempt_id = 'spread'").run();
    }
    expect((await redeem(invitation.code, address())).status).toBe(200);
  });

  it("forgets failures older than the window", async () => {
    const guesser = address();
    const old = new Date(Date.now() - FAILURE_WINDOW_MS - 1000).toISOString();
    await env.DB.batch(
      Array.from({ length: MAX_FAILED_REDEEMS }, () =>
        env.DB.prepare("INSERT INTO invitation_failures (source, at) VALUES (?1, ?2)").bind(guesser, old),
      ),
    );
    expect((await redeem("00000-00000", guesser)).status).toBe(401);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM invitation_failures WHERE source = ?1").bind(guesser).first<{ n: number }>();
    expect(left!.n).toBe(1);
  });
});

describe("who may create a code", () => {
  const UNAUTHENTICATED = { expired: 401, revoked: 401, anonymous: 401 } as const;
  /** A code for the community's editor, in association A (C's association): an admin's, never an analyst's. */
  const EXPECTED: Record<Persona, number> = {
    admin: 201,
    analyst: 404,
    editor: 403,
    monitor: 403,
    outsider: 403,
    foreignAnalyst: 404,
    ...UNAUTHENTICATED,
  };

  it.each(PERSONAS)("%s", async (persona) => {
    const w = await makeWorld({ plan: false });
    const res = await create(w, w.tokens[persona], w.users.editor);
    expect(res.status).toBe(EXPECTED[persona]);
    if (res.status !== 201) expect((await errorOf(res)).code).toBe(res.status === 401 ? "unauthorized" : res.status === 403 ? "forbidden" : "not_found");
  });

  it("an analyst only for users whose every role is the association's analyst, refusing all others alike", async () => {
    const w = await makeWorld({ plan: false });
    const analystOfA = await userWithToken([["analyst", w.ids.associationA]]);
    const invited = await create(w, w.tokens.analyst, analystOfA.userId);
    expect(invited.status).toBe(201);
    expect((await json<Invitation>(invited)).user.id).toBe(analystOfA.userId);
    expect((await create(w, w.tokens.analyst, w.users.analyst)).status).toBe(201);
    // Editors and monitors of members (whose code would let the analyst write as them), users with rights
    // beyond A, users outside A, unknown ids: one and the same 404, so nothing tells them apart.
    const both = await userWithToken([["editor", w.ids.community], ["analyst", w.ids.associationB]]);
    const analystOfBoth = await userWithToken([["analyst", w.ids.associationA], ["analyst", w.ids.associationB]]);
    const analystAndMonitor = await userWithToken([["analyst", w.ids.associationA], ["monitor", w.ids.community]]);
    const refused = [w.users.editor, w.users.monitor, w.users.outsider, both.userId, analystOfBoth.userId, analystAndMonitor.userId];
    for (const user of [...refused, w.users.foreignAnalyst, w.users.admin, uuid()]) {
      const res = await create(w, w.tokens.analyst, user);
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toEqual({ code: "not_found", message: "user not found", field: "userId" });
    }
    // An admin invites any user inside the association, and only those.
    for (const user of refused) expect((await create(w, w.tokens.admin, user)).status).toBe(201);
    expect((await create(w, w.tokens.admin, w.users.foreignAnalyst)).status).toBe(404);
  });

  it("at most 7 days", async () => {
    const w = await makeWorld({ plan: false });
    expect((await create(w, w.tokens.admin, w.users.editor, w.ids.associationA, 1)).status).toBe(201);
    const tooLong = await create(w, w.tokens.admin, w.users.editor, w.ids.associationA, 8);
    expect(tooLong.status).toBe(400);
    expect((await errorOf(tooLong)).field).toBe("days");
  });
});

describe("whom a code may be for (the pane's list of users)", () => {
  const listed = (w: World, token: string | null, associationId = w.ids.associationA) =>
    api(`/v1/associations/${associationId}/invitees`, { token });
  const usersOf = async (res: Response) => (await json<InviteeList>(res)).users;
  const byId = (users: Invitee[]) => new Map(users.map((u) => [u.user.id, u]));

  /** Those who may create codes list; members' editors and monitors see the association, outsiders do not. */
  const EXPECTED: Record<Persona, number> = {
    admin: 200,
    analyst: 200,
    editor: 403,
    monitor: 403,
    outsider: 403,
    foreignAnalyst: 404,
    expired: 401,
    revoked: 401,
    anonymous: 401,
  };

  it.each(PERSONAS)("%s", async (persona) => {
    const w = await makeWorld({ plan: false });
    const res = await listed(w, w.tokens[persona]);
    expect(res.status).toBe(EXPECTED[persona]);
    if (res.status === 403) expect(await errorOf(res)).toMatchObject({ code: "forbidden" });
    if (res.status === 404) expect(await errorOf(res)).toEqual({ code: "not_found", message: "association not found", field: "associationId" });
  });

  it("is out of reach of an editor of a community outside the association, and of an unknown association (404)", async () => {
    const w = await makeWorld({ plan: false });
    const elsewhere = await userWithToken([["editor", await communityOutsideAssociations()]]);
    expect((await listed(w, elsewhere.token)).status).toBe(404);
    expect((await listed(w, w.tokens.admin, uuid())).status).toBe(404);
  });

  it("gives an analyst exactly the users it may invite (every role the association's analyst), and creating a code for each works", async () => {
    const w = await makeWorld({ plan: false });
    const analystOfA = await userWithToken([["analyst", w.ids.associationA]]);
    const analystAndMonitor = await userWithToken([["analyst", w.ids.associationA], ["monitor", w.ids.community]]);
    const analystOfBoth = await userWithToken([["analyst", w.ids.associationA], ["analyst", w.ids.associationB]]);
    const users = await usersOf(await listed(w, w.tokens.analyst));
    expect(new Set(users.map((u) => u.user.id))).toEqual(new Set([w.users.analyst, analystOfA.userId]));
    expect(byId(users).get(w.users.analyst)).toEqual({
      user: { id: w.users.analyst, name: "User analyst" },
      roles: [{ role: "analyst", community: null }],
    });
    for (const u of users) expect((await create(w, w.tokens.analyst, u.user.id)).status).toBe(201);
    for (const refused of [w.users.editor, w.users.monitor, analystAndMonitor.userId, analystOfBoth.userId])
      expect((await create(w, w.tokens.analyst, refused)).status).toBe(404);
  });

  it("gives an admin every user with a role inside the association, each with the community and role held there, by name", async () => {
    const w = await makeWorld({ plan: false });
    const editorAndAnalystOfB = await userWithToken([["editor", w.ids.community], ["analyst", w.ids.associationB]]);
    const analystAndMonitor = await userWithToken([["analyst", w.ids.associationA], ["monitor", w.ids.community]]);
    const res = await listed(w, w.tokens.admin);
    expect(res.status).toBe(200);
    const users = await usersOf(res);
    const C = { id: w.ids.community, name: "C" };
    const D = { id: w.ids.otherCommunity, name: "D" };
    const expected: [string, Invitee["roles"]][] = [
      [w.users.editor, [{ role: "editor", community: C }]],
      [w.users.monitor, [{ role: "monitor", community: C }]],
      [w.users.analyst, [{ role: "analyst", community: null }]],
      [w.users.outsider, [{ role: "editor", community: D }]],
      [w.users.expired, [{ role: "editor", community: C }]],
      [w.users.revoked, [{ role: "editor", community: C }]],
      // Only roles inside the association: the analyst role of B is not shown.
      [editorAndAnalystOfB.userId, [{ role: "editor", community: C }]],
      [analystAndMonitor.userId, [{ role: "analyst", community: null }, { role: "monitor", community: C }]],
    ];
    expect(new Map(users.map((u) => [u.user.id, u.roles]))).toEqual(new Map(expected));
    const names = users.map((u) => u.user.name);
    expect(names).toEqual([...names].sort());
    // The admin and B's analyst hold nothing inside A: not listed, and no code for them through A.
    expect((await create(w, w.tokens.admin, w.users.foreignAnalyst)).status).toBe(404);
    for (const u of users) expect((await create(w, w.tokens.admin, u.user.id)).status).toBe(201);
  });
});

describe("the pane's client", () => {
  const fetch = (from: string) => (input: string, init: RequestInit) =>
    Promise.resolve(app.request(input, { ...init, headers: { ...(init.headers as Record<string, string>), "cf-connecting-ip": from } }, env));

  it("lists whom to invite, and redeems what has a code's shape and takes anything else as a token", async () => {
    const w = await makeWorld({ plan: false });
    const options = { baseUrl: "http://muniplan.test/", fetch: fetch(address()) };
    const admin = createClient({ ...options, token: w.tokens.admin! });
    // The picker's list, parsed by the client, offers the monitor with their role and community.
    const offered = (await admin.invitees(w.ids.associationA)).users.find((u) => u.user.id === w.users.monitor);
    expect(offered?.roles).toEqual([{ role: "monitor", community: { id: w.ids.community, name: "C" } }]);
    const invitation = await admin.createInvitation(w.ids.associationA, { userId: w.users.monitor });
    const token = await tokenFromCredential(options, invitation.code.toLowerCase(), "Excel");
    expect(token).toMatch(/^mpt_/);
    expect((await createClient({ ...options, token }).me()).user.id).toBe(w.users.monitor);
    // A pasted token is used as it is, trimmed, with no request.
    const noFetch = { baseUrl: "http://muniplan.test/", fetch: vi.fn() };
    expect(await tokenFromCredential(noFetch, ` ${w.tokens.editor} `, "Excel")).toBe(w.tokens.editor);
    expect(noFetch.fetch).not.toHaveBeenCalled();
    // A spent code: the server's refusal, naming the field.
    await expect(tokenFromCredential(options, invitation.code, "Excel")).rejects.toMatchObject({ status: 401, code: "unauthorized", field: "code" });
  });
});

describe("the contract", () => {
  it("documents the routes; only redeeming needs no token", async () => {
    const doc = await json<{ paths: Record<string, Record<string, { security?: unknown }>> }>(await api("/openapi.json"));
    expect(doc.paths["/v1/associations/{associationId}/invitations"]?.post?.security).toEqual([{ bearer: [] }]);
    expect(doc.paths["/v1/associations/{associationId}/invitees"]?.get?.security).toEqual([{ bearer: [] }]);
    expect(doc.paths["/v1/invitations/redeem"]?.post).toBeDefined();
    // An empty list: OpenAPI's "no token needed".
    expect(doc.paths["/v1/invitations/redeem"]!.post!.security).toEqual([]);
  });
});
