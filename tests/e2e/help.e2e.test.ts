import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strings } from "../../addin/src/strings.ts";
import { ARTIFACTS, fakeHostScript, launchChromium, servePane } from "./browser.ts";
import { overflowing } from "./checks.ts";

// The first-run guide and the glossary in the built pane at the narrowest task-pane width, in Ukrainian,
// on a workbook without a plan: shown once, fits, is dismissed for good, and Help keeps both.
let browser: Browser;
let context: BrowserContext;
let server: Awaited<ReturnType<typeof servePane>>;
const uk = strings("uk").help;

beforeAll(async () => {
  // A build of its own in a temporary folder: never dist/addin, which a concurrent build may empty.
  server = await servePane();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 320, height: 720 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("In-pane help in Chromium", () => {
  it("shows the guide once at 320 px in Ukrainian, remembers «Зрозуміло» after a reload, and Help has the glossary", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript({ content: await fakeHostScript("uk-UA") });
    await page.goto(`${server.url}/taskpane.html?section=plan`);

    const guide = page.getByTestId("first-run-guide");
    await guide.waitFor();
    await expect(guide.locator("li").allTextContents()).resolves.toEqual(uk.guide.steps);
    // One screen: the whole guide, its button included, is in view without scrolling, and nothing is cut off sideways.
    const box = await guide.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    await expect(overflowing(page)).resolves.toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "help-320-uk.png") });

    await page.getByRole("button", { name: "Зрозуміло" }).click();
    await expect(guide.count()).resolves.toBe(0);
    await page.reload();
    await page.getByRole("button", { name: "Довідка" }).waitFor();
    // The Plan section shows only once the workbook is read (the pane renders no section before): the guide would be there by then.
    await page.getByText(strings("uk").noPlan).waitFor();
    await expect(guide.count()).resolves.toBe(0);

    // Help keeps the guide and explains each word, and still fits the pane.
    await page.getByRole("button", { name: "Довідка" }).click();
    const help = page.getByTestId("help");
    await help.waitFor();
    await expect(help.locator("ol li").allTextContents()).resolves.toEqual(uk.guide.steps);
    const glossary = help.getByTestId("glossary");
    await expect(glossary.locator("dt").allTextContents()).resolves.toEqual(Object.values(uk.glossary.terms).map((g) => g.term));
    await expect(glossary.locator("dd").allTextContents()).resolves.toEqual(Object.values(uk.glossary.terms).map((g) => g.text));
    await expect(overflowing(page)).resolves.toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("lays the plan form out within 320 px: no field cut off, the page does not scroll sideways", async () => {
    const page = await context.newPage();
    await page.addInitScript({ content: await fakeHostScript("uk-UA") });
    await page.goto(`${server.url}/taskpane.html?section=plan`);
    await page.getByTestId("plan-form").waitFor();
    await expect(overflowing(page)).resolves.toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(ARTIFACTS, "plan-form-320-uk.png"), fullPage: true });
    await page.close();
  }, 120_000);
});
