import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { build as buildPane } from "vite";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { currentProfile } from "../support/fake-excel.ts";
import { type LocalWorker, startLocalWorker } from "../support/local-worker.ts";
import { serveStatic } from "./serve.ts";

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
 * `window.muniplanTestHost`, as Office would hand it Excel. Only tests inject it. The page has no
 * process.env: the host plays the profile of this test process (MUNIPLAN_EXCEL_PROFILE, set per
 * vitest project).
 */
export async function fakeHostScript(displayLanguage: string): Promise<string> {
  const behaviour = JSON.stringify(currentProfile());
  const out = await build({
    stdin: {
      contents: `import { FakeExcel } from "./fake-excel.ts";
        const fake = new FakeExcel(${behaviour});
        window.fakeExcel = fake;
        window.muniplanTestHost = { run: fake.run, isSetSupported: fake.isSetSupported, displayLanguage: ${JSON.stringify(displayLanguage)} };`,
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

/** The address the pane is told the store is at: no network has it, the page's requests to it are routed. */
export const STORE = "http://muniplan.test";

/**
 * A workbook: a new page with the fake Excel host, its requests to STORE answered by the Worker running
 * in this process, the built pane open on `section` (in Ukrainian, as Office would give it).
 */
export async function openPane(
  browser: Browser,
  pane: { url: string; section: string; worker: { fetch(url: string, init?: RequestInit): Promise<Response> }; height?: number },
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 440, height: pane.height ?? 1000 } });
  // A wait fails on what the pane shows, not on a busy machine (Playwright's default is 30 s).
  page.setDefaultTimeout(90_000);
  await page.route(`${STORE}/**`, async (route) => {
    const req = route.request();
    const res = await pane.worker.fetch(req.url(), { method: req.method(), headers: req.headers(), body: req.postData() ?? undefined });
    await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
  });
  await page.addInitScript({ content: await fakeHostScript("uk-UA") });
  await page.goto(`${pane.url}/taskpane.html?section=${pane.section}&server=${encodeURIComponent(STORE)}`);
  return page;
}

/** The built pane served, the Worker on a local D1, and Chromium: what the store-backed e2e tests stand on. */
export interface PaneStage {
  /** The Worker the pages' requests to STORE reach; seed it and issue tokens through it. */
  local: LocalWorker;
  /** A workbook: a new page open on `section` (see openPane). */
  open(section: string, height?: number): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The pane built for a test and served: a build of its own in a temporary folder, never dist/addin, so a
 * release built there is left as it is. `close` stops the server and removes the build.
 */
export async function servePane(): Promise<{ url: string; close(): Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), "muniplan-e2e-pane-"));
  await buildPane({ configFile: join(process.cwd(), "addin", "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const server = await serveStatic(outDir);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * The built pane served and Chromium launched for one file's tests, with no store: registers the file's
 * beforeAll and afterAll, and hands both out once they are up.
 */
export function paneInChromium(): { readonly server: { url: string }; readonly browser: Browser } {
  let server: Awaited<ReturnType<typeof servePane>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    // A build of its own in a temporary folder: never dist/addin, which a concurrent build may empty.
    server = await servePane();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}

export async function stagePane(): Promise<PaneStage> {
  const server = await servePane();
  const local = await startLocalWorker({ allowedOrigins: server.url });
  const browser = await launchChromium();
  return {
    local,
    open: (section, height) => openPane(browser, { url: server.url, section, worker: local, height }),
    close: async () => {
      await browser.close();
      await server.close();
      await local.dispose();
    },
  };
}

/** A stage with one community whose editor and monitoring-committee member hold tokens. */
export async function stageCommunity(monitorName: string): Promise<{ stage: PaneStage; communityId: string; editorToken: string; monitorToken: string }> {
  const stage = await stagePane();
  const communityId = crypto.randomUUID();
  await stage.local.run([tenancy.community(communityId, "Новоукраїнська громада", new Date().toISOString())]);
  const editorToken = await stage.local.user("Олена Коваль", [["editor", communityId]]);
  const monitorToken = await stage.local.user(monitorName, [["monitor", communityId]]);
  return { stage, communityId, editorToken, monitorToken };
}

/** Runs `fn` (a function's source) on the page's fake Excel host. */
export const fakeExcel = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;

/** The A1 address of the cell under `header` on the Indicators sheet («Показники»), in the first row holding `name`. */
export async function indicatorCell(page: Page, header: string, name: string): Promise<string> {
  const values = await fakeExcel<unknown[][]>(page, "(f) => f.values('Показники')");
  const column = values[0]!.findIndex((h) => String(h) === header);
  const row = values.findIndex((r) => r.includes(name));
  if (column < 0 || row < 1) throw new Error(`no «${header}» of «${name}» on Показники`);
  return `${String.fromCharCode(65 + column)}${row + 1}`;
}
