import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, fakeHostScript, paneInChromium } from "./browser.ts";
import { outOfView } from "./checks.ts";

// Issue 13, problem 2: on the example plan the SWOT add form sat below 33 items, 3,458 px down a 320 px pane.
// The form now comes first; the list below it is searched and shown in part until all are asked for.
const pane = paneInChromium();

const fake = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;
/** Where `el` is on the page as loaded, scrolled to the top: its top and bottom, in px from the page's start. */
const onPage = (el: Locator) => el.evaluate((e) => ({ top: e.getBoundingClientRect().top + window.scrollY, bottom: e.getBoundingClientRect().bottom + window.scrollY }));
/** Whether `el` is wholly inside the viewport now. */

describe("a long list keeps its section's main action near the top", () => {
  it("SWOT on the example plan at 320 px: add at the top, its result in view, search and show all", async () => {
    const page = await pane.browser.newPage({ viewport: { width: 320, height: 700 } });
    page.setDefaultTimeout(90_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript({ content: await fakeHostScript("uk-UA") });
    await page.goto(`${pane.server.url}/taskpane.html?section=plan`);
    await page.getByRole("button", { name: "Почати з прикладу (стратегія АМУ 2013–2015)" }).click();
    await page.getByTestId("status").waitFor();
    await page.getByTestId("nav").selectOption("swot");
    const editor = page.getByTestId("swot-editor");
    const add = editor.getByTestId("editor-submit");
    await add.waitFor();
    const height = 700;
    // The add button is in the first screen of the pane, not below the whole list.
    const { top } = await onPage(add);
    console.log(`SWOT add button: ${Math.round(top)} px from the pane's top`);
    expect(top).toBeLessThan(height);

    // The list shows its first items and offers the rest, counted as the SWOT sheet counts them.
    const items = editor.getByTestId("item-list").locator("li");
    const count = (await fake<unknown[][]>(page, "(f) => f.values('SWOT-аналіз')")).length - 1;
    expect(count).toBeGreaterThan(8);
    expect(await items.count()).toBe(8);
    const toggle = editor.getByTestId("list-toggle");
    await expect(toggle.textContent()).resolves.toBe(`Показати всі (${count})`);

    // Adding an item reports it right under the button, inside the viewport.
    await editor.getByLabel("Текст").fill("Новий парк у центрі громади");
    await add.click();
    const status = editor.getByTestId("status");
    await status.waitFor();
    expect(await outOfView(status)).toBeUndefined();
    await expect(toggle.textContent()).resolves.toBe(`Показати всі (${count + 1})`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, "swot-320-uk.png"), animations: "disabled" });

    // Search finds by any case, in Ukrainian: the word typed in capitals finds the new item and narrows the list.
    await editor.getByTestId("list-search").fill("ПАРК");
    await expect.poll(() => items.count()).toBeLessThan(8);
    const found = await items.allTextContents();
    expect(found.some((text) => text.includes("Новий парк у центрі громади"))).toBe(true);
    for (const text of found) expect(text.toLocaleLowerCase("uk")).toContain("парк");
    await editor.getByTestId("list-search").fill("");
    await expect.poll(() => items.count()).toBe(8);

    // «Показати всі» shows every item; picking the last brings its form back into view.
    await toggle.click();
    await expect.poll(() => items.count()).toBe(count + 1);
    await expect(toggle.textContent()).resolves.toBe("Показати менше");
    await items.last().getByRole("button", { name: "Змінити" }).click();
    await expect.poll(() => outOfView(editor.getByLabel("Текст"))).toBeUndefined();
    await expect(editor.getByLabel("Текст").inputValue()).resolves.not.toBe("");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
