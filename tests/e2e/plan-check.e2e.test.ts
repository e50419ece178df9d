import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULE_KIND } from "../../shared/check/groups.ts";
import { checkPlan, locateFindings } from "../../shared/check/plan-check.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { buildWorkbook } from "../../shared/layout/workbook.ts";
import { ARTIFACTS, fakeHostScript, launchChromium, servePane } from "./browser.ts";

// The plan check on the example plan (the AMU strategy) in the built pane at 320 px, in Ukrainian.
let browser: Browser;
let pane: Awaited<ReturnType<typeof servePane>>;

beforeAll(async () => {
  pane = await servePane();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pane?.close();
});

const WIDTH = 320;
const HEIGHT = 900;
const fake = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;
/** Where the pane's content ends, in page pixels (the document itself is never shorter than the viewport). */
const pageHeight = (page: Page) => page.getByTestId("check").evaluate((el) => Math.round(el.getBoundingClientRect().bottom + window.scrollY));

/** Opens every collapsed group, sheets first and then the rules they reveal, until none is left. */
async function expandAll(page: Page) {
  for (;;) {
    const closed = page.getByTestId("findings").locator('button[aria-expanded="false"]');
    if ((await closed.count()) === 0) return;
    await closed.first().click();
  }
}

describe("the plan check in the pane", () => {
  it("shows what is missing and advice as counted, collapsed groups near the top, each finding linked to its cell", async () => {
    const findings = checkPlan(amuPlan);
    const missing = findings.filter((f) => RULE_KIND[f.rule] === "missing").length;
    const located = locateFindings(findings, buildWorkbook(amuPlan, "uk"), "uk");

    // Without motion, a group is at its full height as soon as it is opened, so heights are read at rest.
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, reducedMotion: "reduce" });
    page.setDefaultTimeout(90_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript({ content: await fakeHostScript("uk-UA") });
    await page.goto(`${pane.url}/taskpane.html?section=plan`);
    await page.getByRole("button", { name: "Почати з прикладу (стратегія АМУ 2013–2015)" }).click();
    await page.getByTestId("status").waitFor();
    await page.getByTestId("nav").selectOption("check");
    await page.getByRole("button", { name: "Перевірити план" }).click();

    await expect(page.getByTestId("check-summary").textContent()).resolves.toBe(`Бракує: ${missing} · Поради: ${findings.length - missing}`);
    // The first sheet of what is missing is open on its rules, each counted and collapsed; the other sheet is closed.
    const goals = page.getByTestId("check-sheet-missing-goals");
    await expect(goals.locator("button").first().getAttribute("aria-expanded")).resolves.toBe("true");
    await expect(page.getByTestId("check-sheet-missing-indicators").locator("button").first().getAttribute("aria-expanded")).resolves.toBe("false");
    const ruleHeaders = await goals.locator('[data-testid^="check-rule-"] button').allTextContents();
    expect(ruleHeaders).toEqual(["Завдання без відповідального підрозділу87", "Завдання без строків виконання87", "Цілі без власних показників22"]);
    expect(await page.getByTestId("findings").locator("li").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    const collapsed = await pageHeight(page);
    await page.screenshot({ path: join(ARTIFACTS, "plan-check-320-uk.png"), fullPage: true });

    // A finding still goes to its cell.
    const first = located.find((l) => l.rule === "goal_without_indicator")!;
    await page.getByTestId("check-rule-goal_without_indicator").locator("button").first().click();
    await page.getByRole("button", { name: first.ref, exact: true }).click();
    await expect.poll(() => fake<string>(page, "(f) => f.selection")).toBe(`${first.sheet}!${first.cell}`);

    // Everything open is the old flat list's content: every finding once. The old list was at least as
    // tall as its items together, so the bound the grouped check meets (one screen) is one it failed.
    await expandAll(page);
    const items = page.getByTestId("findings").locator("li");
    expect(await items.count()).toBe(findings.length);
    const itemsHeight = await items.evaluateAll((els) => els.reduce((h, el) => h + el.getBoundingClientRect().height, 0));
    const expanded = await pageHeight(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    console.log(`plan check at ${WIDTH} px: ${findings.length} findings; page ${collapsed} px grouped, ${expanded} px all open; the findings alone ${Math.round(itemsHeight)} px`);
    expect(collapsed).toBeLessThanOrEqual(HEIGHT);
    expect(itemsHeight).toBeGreaterThan(HEIGHT);
    expect(collapsed * 5).toBeLessThan(expanded);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
