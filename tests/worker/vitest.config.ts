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
    // A test fails on a wrong answer, never on a slow machine: vitest's 5 s default was hit by tests that
    // make hundreds of requests or seed hundreds of plans when the 2 cores are busy. Two minutes only
    // catches a hang.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
