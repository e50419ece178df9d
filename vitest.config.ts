import { defineConfig } from "vitest/config";

// One `vitest run` for every kind of test: Node for the domain and the add-in (against the strict fake
// Excel host), workerd for the Worker (tests/worker/vitest.config.ts), Chromium for the built pane.
// Excel has behaviours its documentation leaves unsettled: the add-in and e2e suites run once under
// each profile of the fake host (tests/support/excel/behaviour.ts), so the adapter must be right in both.
const PROFILES = ["a", "b"] as const;
// The add-in suite also under "c" (b's switches on a host with outlines, ExcelApi 1.17): b's host is too
// old for outlines, so only c builds one where an ungroup without outline fails.
const ADDIN_PROFILES = [...PROFILES, "c"] as const;
// Time limits are for hangs, never for speed: a busy 2-core machine may take many times longer than an
// idle one, and a test must fail only on a wrong answer (expect.poll otherwise gives up after 1 s).
const patient = { testTimeout: 120_000, hookTimeout: 120_000, expect: { poll: { timeout: 60_000 } } };
const e2e = { include: ["tests/e2e/**/*.e2e.test.ts"], ...patient };

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"], ...patient } },
      ...ADDIN_PROFILES.map((p) => ({ test: { name: `addin (Excel ${p})`, include: ["tests/addin/**/*.test.ts"], ...patient, env: { MUNIPLAN_EXCEL_PROFILE: p } } })),
      ...PROFILES.map((p) => ({ test: { name: `e2e (Excel ${p})`, ...e2e, env: { MUNIPLAN_EXCEL_PROFILE: p } } })),
      "tests/worker/vitest.config.ts",
    ],
  },
});
