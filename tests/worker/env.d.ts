// Types of the `cloudflare:test` module for these tests, written against the worker's own Env. The
// package's ambient declarations (`@cloudflare/vitest-pool-workers/types`) pull in the Workers globals,
// which clash with the DOM types the root tsconfig uses for the add-in.
declare module "cloudflare:test" {
  interface D1Migration {
    name: string;
    queries: string[];
  }
  export const env: import("../../worker/src/env.ts").Env & { TEST_MIGRATIONS: D1Migration[] };
  export function applyD1Migrations(
    db: import("../../worker/src/env.ts").D1Database,
    migrations: D1Migration[],
  ): Promise<void>;
}
