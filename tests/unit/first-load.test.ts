import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPane, paneSize } from "../support/pane-size.ts";

/** Issue 13: a task pane opens on a slow connection too; its first load is at most 150 KiB of gzipped JavaScript. */
const BUDGET = 150 * 1024;

describe("the pane's first load", () => {
  const outDir = mkdtempSync(join(tmpdir(), "muniplan-first-load-"));
  beforeAll(() => buildPane(outDir));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("leaves out what the pane imports when first used: sections, help, example plan, toasts, dialogs, the languages not shown", () => {
    // A static import of any of them anywhere in the first screen's code would pull its chunk in. English
    // is the exception: a PaneError's technical text (its message, under "details") is in English.
    expect(paneSize(outDir).lazyInFirstLoad.filter((key) => key !== "src/strings/en.ts")).toEqual([]);
  });

  it("is within 150 KiB of gzipped JavaScript in every language (entry, its static imports, the language's words)", () => {
    const { firstLoad, all } = paneSize(outDir);
    // The sections and the help load later: they are part of the build but not of the first load.
    expect(all).toBeGreaterThan(Math.max(...Object.values(firstLoad)));
    for (const [language, bytes] of Object.entries(firstLoad)) expect(bytes, `${language}: ${(bytes / 1024).toFixed(1)} KiB`).toBeLessThanOrEqual(BUDGET);
  });
});
