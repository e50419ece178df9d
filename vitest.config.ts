import { defineConfig } from "vitest/config";

// One `vitest run` for every kind of test: Node for the domain and the add-in (against the fake Excel
// host), workerd for the Worker (tests/worker/vitest.config.ts), Chromium for the built pane.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts", "tests/addin/**/*.test.ts"] } },
      { test: { name: "e2e", include: ["tests/e2e/**/*.e2e.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 } },
      "tests/worker/vitest.config.ts",
    ],
  },
});
