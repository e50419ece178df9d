import { z } from "zod";
import { Id } from "../model/plan.ts";
import { NonBlankText } from "../model/text.ts";
import { Actor, Role } from "./access.ts";

/**
 * Invitation codes: instead of pasting a 64-character token an administrator copied from a terminal, a
 * user types a short code (`7KQ2M-X9D4B`) that an admin (CLI) or an association's analyst created for
 * them. The Worker exchanges it, once, for an ordinary API token, which the pane keeps as it keeps a
 * pasted one. Tokens remain for scripts.
 */

/** Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is not misread. */
export const INVITATION_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 10 symbols of 32: 50 random bits; with the redeem route's limits, guessing one is hopeless. */
export const INVITATION_CODE_LENGTH = 10;
/** A code is for handing over, not for keeping: it expires after at most a week. */
export const INVITATION_MAX_DAYS = 7;
/** The token a code is exchanged for lives as long as one the admin CLI creates by default. */
export const TOKEN_DAYS = 90;

/**
 * A code as a person typed it, in its one stored form: case, spaces and dashes ignored, and O read as 0,
 * I and L as 1 (Crockford's rule). Null when the text cannot be a code (a token, say).
 */
export function normalizeInvitationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return code.length === INVITATION_CODE_LENGTH && [...code].every((ch) => INVITATION_ALPHABET.includes(ch)) ? code : null;
}

/** A normalized code as shown to people: two groups of five (`7KQ2M-X9D4B`). */
export const formatInvitationCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** A new code, normalized. 256 is a multiple of 32, so `byte % 32` picks every symbol equally often. */
export function newInvitationCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(INVITATION_CODE_LENGTH));
  return [...bytes].map((b) => INVITATION_ALPHABET[b % INVITATION_ALPHABET.length]).join("");
}

export const InvitationDays = z.coerce.number().int().min(1).max(INVITATION_MAX_DAYS);

/** `POST /v1/associations/{associationId}/invitations`: a code for a user of the association. */
export const CreateInvitationRequest = z
  .object({ userId: Id, days: InvitationDays.default(INVITATION_MAX_DAYS) })
  .meta({ id: "CreateInvitationRequest" });
export type CreateInvitationRequest = z.input<typeof CreateInvitationRequest>;

export const Invitation = z
  .object({
    id: Id,
    /** Shown only in this answer: the store keeps its hash. */
    code: z.string(),
    user: Actor,
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "Invitation" });
export type Invitation = z.infer<typeof Invitation>;

/**
 * A role a user holds inside an association, as the invitation form shows it: a member community's editor
 * or monitor (with the community), or the association's analyst (no community).
 */
export const InviteeRole = z.object({
  role: Role.extract(["editor", "monitor", "analyst"]),
  community: z.object({ id: Id, name: z.string() }).nullable(),
});
export type InviteeRole = z.infer<typeof InviteeRole>;

/** A user the caller may create a code for, with their roles inside the association. */
export const Invitee = z.object({ user: Actor, roles: z.array(InviteeRole).min(1) }).meta({ id: "Invitee" });
export type Invitee = z.infer<typeof Invitee>;

/**
 * `GET /v1/associations/{associationId}/invitees`: whom the caller may create a code for (exactly those
 * `POST …/invitations` accepts), by name.
 */
export const InviteeList = z.object({ users: z.array(Invitee) }).meta({ id: "InviteeList" });
export type InviteeList = z.infer<typeof InviteeList>;

/** `POST /v1/invitations/redeem` (no token): the code, and a label for the token it becomes. */
export const RedeemInvitationRequest = z
  .object({
    code: z.string().max(100),
    /** Kept exactly, as the admin CLI keeps a token's label; a blank one is refused like a blank name there. */
    label: NonBlankText.max(200).optional(),
  })
  .meta({ id: "RedeemInvitationRequest" });
export type RedeemInvitationRequest = z.infer<typeof RedeemInvitationRequest>;

export const RedeemInvitationResponse = z
  .object({
    /** An API token with the user's rights, as `token create` would give: keep it, it is shown once. */
    token: z.string(),
    tokenId: Id,
    expiresAt: z.iso.datetime(),
    user: Actor,
  })
  .meta({ id: "RedeemInvitationResponse" });
export type RedeemInvitationResponse = z.infer<typeof RedeemInvitationResponse>;
