import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";

export const ARTIFACTS = join(process.cwd(), "test-results", "e2e");

/** Debian's Chromium, headless (Playwright gives it a fresh profile), with nothing reaching for the network. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * The fake Excel host as a script for the page: it defines `window.fakeExcel` and hands the pane
 * `window.muniplanTestHost`, as Office would hand it Excel. Only tests inject it.
 */
export async function fakeHostScript(displayLanguage: string): Promise<string> {
  const out = await build({
    stdin: {
      contents: `import { FakeExcel } from "./fake-excel.ts";
        const fake = new FakeExcel();
        window.fakeExcel = fake;
        window.muniplanTestHost = { run: fake.run, displayLanguage: ${JSON.stringify(displayLanguage)} };`,
      resolveDir: join(process.cwd(), "tests", "support"),
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    write: false,
    target: "es2022",
  });
  return out.outputFiles[0]!.text;
}
