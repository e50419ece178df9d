// Workers types come from the importable (module) build of @cloudflare/workers-types rather than its
// ambient globals, so this code type-checks in the root project next to DOM types without clashes.
import type { D1Database, RateLimit } from "@cloudflare/workers-types/index.ts";

export type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types/index.ts";

export interface Env {
  DB: D1Database;
  /** Comma-separated origins allowed by CORS (the add-in's). */
  ALLOWED_ORIGINS: string;
  /** Workers rate-limit binding; requests are not limited when it is absent (see README). */
  RATE_LIMITER?: RateLimit;
}
