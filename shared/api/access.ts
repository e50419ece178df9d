import { z } from "zod";
import { Id } from "../model/plan.ts";

/**
 * Roles a token's user can hold. `admin` is global; `editor` and `monitor` are held on a community;
 * `analyst` on an association (and reaches its member communities' indicators and observations).
 */
export const ROLES = ["admin", "editor", "monitor", "analyst"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Grant = z.discriminatedUnion("role", [
  z.object({ role: z.literal("admin") }),
  z.object({ role: z.literal("editor"), communityId: Id }),
  z.object({ role: z.literal("monitor"), communityId: Id }),
  z.object({ role: z.literal("analyst"), associationId: Id }),
]);
export type Grant = z.infer<typeof Grant>;

export const Actor = z.object({ id: z.string(), name: z.string() }).meta({ id: "Actor" });
export type Actor = z.infer<typeof Actor>;

/** What `GET /v1/me` answers: who the token is and what it reaches (the pane shows it on Connect). */
export const MeResponse = z
  .object({
    user: Actor,
    token: z.object({ id: z.string(), expiresAt: z.iso.datetime() }),
    grants: z.array(Grant),
    /** Communities the token reaches, with its roles there (`analyst` when reached through an association). */
    communities: z.array(
      z.object({
        id: Id,
        name: z.string(),
        planId: Id.nullable(),
        roles: z.array(Role),
        /** Associations it is a member of (whose catalogues its plan draws on), as far as the token may know. */
        memberOf: z.array(Id),
      }),
    ),
    associations: z.array(z.object({ id: Id, name: z.string(), memberCount: z.number().int().nonnegative() })),
  })
  .meta({ id: "Me" });
export type MeResponse = z.infer<typeof MeResponse>;
