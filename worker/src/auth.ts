import { createMiddleware } from "hono/factory";
import { lookupToken } from "./db/auth.ts";
import { sha256Hex } from "./crypto.ts";
import { ApiError } from "./errors.ts";
import type { AppEnv } from "./openapi.ts";

const REFUSED = {
  unknown: "the token is not valid",
  revoked: "the token has been revoked",
  expired: "the token has expired",
} as const;

/** Resolves `Authorization: Bearer <token>` to the principal, looking the token up by its hash. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const token = c.req.header("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!token) throw new ApiError(401, "unauthorized", "send the API token as 'Authorization: Bearer <token>'");
  const lookup = await lookupToken(c.env.DB, await sha256Hex(token), new Date().toISOString());
  if (lookup.status !== "ok") throw new ApiError(401, "unauthorized", REFUSED[lookup.status]);
  c.set("principal", lookup.principal);
  await next();
});

/**
 * Per-token rate limiting with the Workers rate-limit binding, keyed by token id (never the token).
 * Without the binding (a deployment that did not configure it) requests are not limited.
 */
export const limitRate = createMiddleware<AppEnv>(async (c, next) => {
  const limiter = c.env.RATE_LIMITER;
  if (limiter) {
    const { success } = await limiter.limit({ key: c.get("principal").tokenId });
    if (!success) {
      c.header("Retry-After", "60");
      throw new ApiError(429, "rate_limited", "too many requests for this token; wait a minute and retry");
    }
  }
  await next();
});
