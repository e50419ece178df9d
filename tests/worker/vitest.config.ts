import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

// The worker tests run inside workerd (the Workers runtime) against a local D1 built from the real
// migrations; the bindings and vars come from the worker's own wrangler config.
export default defineConfig({
  root: repo(""),
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: repo("worker/wrangler.jsonc") },
      miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations(repo("worker/migrations")) } },
    })),
  ],
  test: {
    name: "worker",
    // Absolute, so that the same config works alone and as a project of the root config.
    dir: repo("tests/worker"),
    include: ["**/*.test.ts"],
    setupFiles: [repo("tests/worker/setup.ts")],
  },
});
