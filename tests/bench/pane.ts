import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { fakeHostScript, launchChromium } from "../e2e/browser.ts";
import { serveStatic } from "../e2e/serve.ts";
import { currentProfile } from "../support/fake-excel.ts";
import { buildPane, paneSize } from "../support/pane-size.ts";

const RUNS = 5;
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The baseline beside the pane, in the same build folder and browser: React alone rendering one button
 * (React's production build, minified as Vite does). The pane's times are given against it, as a ratio.
 */
async function writeReactOnly(outDir: string): Promise<void> {
  const out = await build({
    stdin: {
      contents: `import { createElement } from "react";
        import { createRoot } from "react-dom/client";
        createRoot(document.getElementById("root")).render(createElement("button", { "data-testid": "ready" }, "ready"));`,
      resolveDir: process.cwd(),
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    write: false,
  });
  writeFileSync(join(outDir, "react-only.js"), out.outputFiles[0]!.text);
  writeFileSync(join(outDir, "react-only.html"), `<!doctype html><html><body><div id="root"></div><script type="module" src="react-only.js"></script></body></html>`);
}

/**
 * The fake Excel host holding a workbook with the example plan, for the page: the plan is written by the
 * pane's own session code before the host is handed over (a few milliseconds of promises, no timers, done
 * before the pane's scripts have arrived), so the pane opens a workbook that has a plan, as a planner's does.
 */
async function hostWithPlan(): Promise<string> {
  const out = await build({
    stdin: {
      contents: `import { FakeExcel } from "./fake-excel.ts";
        import { PlanSession } from "../../addin/src/session.ts";
        import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
        const fake = new FakeExcel(${JSON.stringify(currentProfile())});
        const host = { run: fake.run, isSetSupported: fake.isSetSupported, displayLanguage: "uk-UA" };
        window.fakeExcel = fake;
        void new PlanSession(host).write(amuPlan, "uk").then(() => { window.muniplanTestHost = host; });`,
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

interface Load {
  ms: number;
  /** JavaScript files the page had received when it became interactive. */
  scripts: string[];
}

/**
 * Opens `path` in a fresh context (an empty cache, as a first open) and waits until `ready` matches:
 * the time is the page's own clock from navigation (performance.now, checked every frame), so the
 * wait's polling adds nothing. Office.js is not fetched: it is Microsoft's, from their CDN, and the
 * same for every add-in; the pane then runs outside Excel or on the fake host (`host`).
 */
async function load(browser: Browser, url: string, ready: string, host?: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 380, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(90_000);
  await page.route(/office\.js$/, (route) => route.abort());
  if (host) await page.addInitScript({ content: host });
  await page.addInitScript({
    content: `(() => {
      const look = () => document.querySelector(${JSON.stringify(ready)}) ? (window.benchReady = performance.now()) : requestAnimationFrame(look);
      requestAnimationFrame(look);
    })();`,
  });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { benchReady?: number }).benchReady !== undefined);
  const result = await page.evaluate(() => {
    const at = (window as unknown as { benchReady: number }).benchReady;
    const scripts = performance
      .getEntriesByType("resource")
      .filter((e) => e.name.startsWith(location.origin) && (e as PerformanceResourceTiming).responseEnd <= at && new URL(e.name).pathname.endsWith(".js"))
      .map((e) => new URL(e.name).pathname);
    return { ms: at, scripts };
  });
  await context.close();
  return result;
}

/**
 * The pane's first load: its JavaScript (gzipped, from the build) and, in headless Chromium, the time
 * from navigation to interactive as a ratio against React alone, with the scripts fetched by then.
 */
export async function benchPane(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), "muniplan-bench-pane-"));
  try {
    await buildPane(outDir);
    const size = paneSize(outDir);
    await writeReactOnly(outDir);
    const gz = (path: string) => gzipSync(readFileSync(join(outDir, path))).length;
    console.log("\n## Task pane: first load\n");
    console.log("| JavaScript, gzipped | KiB |");
    console.log("|---|---:|");
    for (const [language, bytes] of Object.entries(size.firstLoad)) console.log(`| first load, pane in ${language} (entry, its static imports, the language's words) | ${kib(bytes)} |`);
    console.log(`| every section and the help | ${kib(size.all)} |`);
    console.log(`| React alone (baseline page) | ${kib(gz("react-only.js"))} |`);

    const server = await serveStatic(outDir);
    const browser = await launchChromium();
    try {
      const host = await fakeHostScript("uk-UA");
      const withPlan = await hostWithPlan();
      const cases: { label: string; url: string; ready: string; host?: string }[] = [
        { label: "React alone, one button (baseline)", url: `${server.url}/react-only.html`, ready: "[data-testid=ready]" },
        { label: "pane outside Excel (uk)", url: `${server.url}/taskpane.html?lang=uk`, ready: "[data-testid=outside-excel]" },
        // Interactive: the Plan section's create button is enabled once the workbook has been opened.
        { label: "pane, workbook without a plan (uk)", url: `${server.url}/taskpane.html`, ready: "[data-testid=plan-form] button.fui-Button:not([disabled])", host },
        // Interactive: Refresh is enabled once the workbook and its plan have been opened.
        { label: "pane, workbook with the example plan (uk)", url: `${server.url}/taskpane.html`, ready: "[data-testid=refresh]:not([disabled])", host: withPlan },
      ];
      const results = new Map<string, Load[]>(cases.map((c) => [c.label, []]));
      // Interleaved, so a slower moment of the machine touches every case alike.
      for (let run = 0; run < RUNS; run++) for (const c of cases) results.get(c.label)!.push(await load(browser, c.url, c.ready, c.host));
      const base = median(results.get(cases[0]!.label)!.map((r) => r.ms));
      console.log(`\n| page (headless Chromium, local server, empty cache; median of ${RUNS}) | to interactive, ms | / React alone | JS requests by then | their KiB gz |`);
      console.log("|---|---:|---:|---:|---:|");
      for (const c of cases) {
        const loads = results.get(c.label)!;
        const ms = median(loads.map((r) => r.ms));
        const scripts = loads[loads.length - 1]!.scripts;
        console.log(`| ${c.label} | ${ms.toFixed(0)} | ${(ms / base).toFixed(2)} | ${scripts.length} | ${kib(scripts.reduce((sum, s) => sum + gz(s.slice(1)), 0))} |`);
      }
      console.log(`\n(scripts by then, workbook without a plan: ${results.get(cases[2]!.label)!.at(-1)!.scripts.map((s) => basename(s)).join(", ")})`);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
