// Workers types come from the importable (module) build of @cloudflare/workers-types rather than its
// ambient globals, so this code type-checks in the root project next to DOM types without clashes.
import type { D1Database, RateLimit } from "@cloudflare/workers-types/index.ts";

export type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types/index.ts";

export interface Env {
  DB: D1Database;
  /** Comma-separated origins allowed by CORS (the add-in's). */
  ALLOWED_ORIGINS: string;
  /**
   * The key invitation codes are stored under (HMAC-SHA-256): a secret in production
   * (`wrangler secret put INVITATION_KEY --env production`), a development value in wrangler.jsonc's
   * `vars` for `wrangler dev` and the tests. Without it no code is created or redeemed.
   */
  INVITATION_KEY?: string;
  /** Workers rate-limit binding; requests are not limited when it is absent (see README). */
  RATE_LIMITER?: RateLimit;
}
