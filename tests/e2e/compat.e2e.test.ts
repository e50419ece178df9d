import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBE_NAMES } from "../../addin/excel/compat.ts";
import { ARTIFACTS, fakeHostScript, launchChromium, servePane } from "./browser.ts";

// "Check this Excel" in the built pane at the narrowest task-pane width, on the fake host of this
// project's profile: the results match what the host plays, fit the pane, and the report copies.
let browser: Browser;
let context: BrowserContext;
let server: Awaited<ReturnType<typeof servePane>>;
const profile = process.env.MUNIPLAN_EXCEL_PROFILE ?? "a";
const DIAGNOSTICS = { host: "Excel", platform: "OfficeOnline", version: "16.0.19000.10000" };

beforeAll(async () => {
  // A build of its own in a temporary folder: never dist/addin, which a concurrent build may empty.
  server = await servePane();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 320, height: 720 }, permissions: ["clipboard-read", "clipboard-write"] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Seen {
  behaviour: Record<string, string>;
  ungroupSupported: boolean;
  sheets: string[];
  customXml: string[];
  active?: string;
}
const SEEN = `(f) => ({ behaviour: f.behaviour, ungroupSupported: f.isSetSupported("ExcelApi", "1.10"), sheets: f.sheets.map((s) => s.name), customXml: f.customXml.map((p) => p.xml), active: f.activeSheet })`;

describe("Check this Excel in Chromium", () => {
  it("runs from the pane's help at 320 px in Ukrainian, shows each result in view and copies the report", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // One script, so that the diagnostics are set on the host the fake script made (scripts' order is not defined).
    await page.addInitScript({ content: `${await fakeHostScript("uk-UA")}\nwindow.muniplanTestHost.diagnostics = ${JSON.stringify(DIAGNOSTICS)};` });
    await page.goto(`${server.url}/taskpane.html?section=plan`);

    // A workbook always has a visible sheet of its own; the probe sheet is hidden beside it.
    await page.evaluate(`window.fakeExcel.run(async (c) => { c.workbook.worksheets.add("Аркуш1"); await c.sync(); })`);
    await page.getByRole("button", { name: "Довідка" }).click();
    const before = await page.evaluate(`(${SEEN})(window.fakeExcel)`) as Seen;
    await page.getByRole("button", { name: "Перевірити цей Excel" }).click();
    const results = page.getByTestId("compat-results");
    await results.waitFor();
    await results.scrollIntoViewIfNeeded();
    await expect(results.isVisible()).resolves.toBe(true);
    // As the user sees it: the pane at 320 px, scrolled to the results.
    await page.screenshot({ path: join(ARTIFACTS, `compat-320-uk-${profile}.png`) });
    await expect(page.getByTestId("compat-excel").textContent()).resolves.toContain("Excel: OfficeOnline, версія 16.0.19000.10000");

    // Each probe's row says what the host plays; the stored-id probe has nothing to compare in a new workbook.
    const rows = await results.locator("tr[data-probe]").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-probe"), tr.getAttribute("data-outcome")]));
    const want = PROBE_NAMES.map((p) => [
      p,
      p === "worksheetIdsOnReopen" ? "skipped (noStoredId)" : p === "ungroupWithoutOutline" && !before.ungroupSupported ? "skipped (unsupported)" : before.behaviour[p],
    ]);
    expect(rows).toEqual(want);
    await expect(results.textContent()).resolves.toContain("' на початку текстової клітинки");

    // Nothing of the workbook changed, and the help, results included, is not wider than the task pane.
    const after = await page.evaluate(`(${SEEN})(window.fakeExcel)`) as Seen;
    expect({ ...after, behaviour: undefined }).toEqual({ ...before, behaviour: undefined });
    const help = await page.getByTestId("help").evaluate((e) => ({ right: e.getBoundingClientRect().right, scroll: e.scrollWidth, client: e.clientWidth }));
    expect(help.right).toBeLessThanOrEqual(320);
    expect(help.scroll).toBeLessThanOrEqual(help.client);

    await page.getByRole("button", { name: "Копіювати звіт" }).click();
    await expect(page.getByTestId("compat-copied").textContent()).resolves.toBe("Скопійовано.");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("MuniPlan: перевірка цього Excel");
    for (const [probe, outcome] of want) expect(copied).toContain(`${probe} = ${outcome}:`);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
