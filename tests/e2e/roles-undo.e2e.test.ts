import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, type PaneStage, stageCommunity } from "./browser.ts";

// Issue 13, problems 4 and 7: the pane follows the connected role (a monitor cannot add SWOT items, Compare
// is the analyst's), and a delete made in the pane can be undone. One community's plan, sent by its editor
// through the real worker on a local D1, opened by its monitor in a second workbook.
let stage: PaneStage;
let editorToken: string;
let monitorToken: string;

beforeAll(async () => {
  ({ stage, editorToken, monitorToken } = await stageCommunity("Марко Моніторинг"));
}, 180_000);

afterAll(() => stage?.close());

const NARROW = { width: 320, height: 900 };
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage, animations: "disabled" });
const fake = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;
/** The MuniPlan ids on the Risks sheet, row by row (its hidden first column). */
const riskIds = (page: Page) => fake<string[]>(page, "(f) => f.values('Ризики').slice(1).map((r) => String(r[0]))");

async function connect(page: Page, token: string, name: string) {
  await page.getByTestId("nav").selectOption("sync");
  await page.getByLabel("Токен доступу").fill(token);
  await page.getByRole("button", { name: "Під'єднатися" }).click();
  await expect(page.getByTestId("connected").textContent()).resolves.toContain(name);
}

/** The navigation's line for `section`: whether it can be chosen, and what it says. */
const navOption = async (page: Page, section: string) => {
  const option = page.locator(`[data-testid="nav"] option[value="${section}"]`);
  return { disabled: await option.evaluate((o) => (o as HTMLOptionElement).disabled), text: await option.textContent() };
};

describe("the pane follows the role and undoes a delete", () => {
  it("an editor deletes a risk and undoes it: the same row, with its id, is back in the sheet; Compare is not offered", async () => {
    const page = await stage.open("plan");
    await page.setViewportSize(NARROW);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.getByRole("button", { name: "Почати з прикладу (стратегія АМУ 2013–2015)" }).click();
    await page.getByTestId("status").waitFor();
    await connect(page, editorToken, "Олена Коваль");
    await page.getByRole("button", { name: /Надіслати план цієї книги/ }).click();
    await page.getByTestId("sync-now").waitFor();

    // Compare is an analyst's: the editor's navigation says so instead of opening it.
    await expect(navOption(page, "compare")).resolves.toEqual({ disabled: true, text: "Порівняння — Для аналітика асоціації або адміністратора" });

    await page.getByTestId("nav").selectOption("risks");
    const editor = page.getByTestId("risks-editor");
    expect(await page.getByTestId("role-notice").count()).toBe(0);
    const before = await riskIds(page);
    const second = before[1]!;
    const row = await fake<unknown[]>(page, "(f) => f.values('Ризики')[2]");
    await editor.getByRole("button", { name: "Змінити" }).nth(1).click();
    await editor.getByRole("button", { name: "Видалити" }).click();
    const toast = page.getByTestId("undo-toast");
    await expect(toast.textContent()).resolves.toMatch(/^Видалено: «/);
    await expect.poll(() => riskIds(page)).toEqual(before.filter((id) => id !== second));
    await shot(page, "30-undo-toast-320", false);

    await toast.getByRole("button", { name: "Скасувати" }).click();
    await page.getByTestId("undo-done").waitFor();
    await expect.poll(() => riskIds(page)).toEqual(before);
    expect(await fake<unknown[]>(page, "(f) => f.values('Ризики')[2]")).toEqual(row);
    // The offer closes with the undo (after its exit animation).
    await page.getByTestId("undo-toast").waitFor({ state: "detached" });
    // The restore goes to the store as what it is: no change at all against what was sent.
    await page.getByTestId("nav").selectOption("sync");
    await page.getByTestId("sync-now").click();
    await Promise.race([page.getByTestId("preview").waitFor(), page.getByTestId("sync-status").waitFor()]);
    expect(await page.getByTestId("preview").count()).toBe(0);
    await expect(page.getByTestId("sync-status").textContent()).resolves.toContain("Надіслано змін: 0");
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("a monitor's pane closes the SWOT editor with the reason, before anything is typed or sent", async () => {
    const page = await stage.open("sync");
    await page.setViewportSize(NARROW);
    await connect(page, monitorToken, "Марко Моніторинг");
    await page.getByRole("button", { name: /Завантажити план громади/ }).click();
    await page.getByTestId("sync-now").waitFor();
    const rows = (await fake<unknown[][]>(page, "(f) => f.values('SWOT-аналіз')")).length;

    await page.getByTestId("nav").selectOption("swot");
    const reason = "Член моніторингового комітету заповнює лише значення та примітки року моніторингу";
    await expect(page.getByTestId("role-notice").textContent()).resolves.toBe(reason);
    const editor = page.getByTestId("swot-editor");
    await expect(editor.getByTestId("locked").textContent()).resolves.toBe(reason);
    const add = editor.getByTestId("editor-submit");
    expect(await add.getAttribute("aria-disabled")).toBe("true");
    expect(await add.getAttribute("aria-describedby")).toBe(await editor.getByTestId("locked").getAttribute("id"));
    expect(await editor.getByLabel("Текст").isDisabled()).toBe(true);
    await shot(page, "31-monitor-swot-320", false);
    // A click on the closed button writes nothing and reports nothing.
    await add.click({ force: true });
    expect(await page.getByTestId("status").count()).toBe(0);
    expect((await fake<unknown[][]>(page, "(f) => f.values('SWOT-аналіз')")).length).toBe(rows);
    await expect(navOption(page, "compare")).resolves.toMatchObject({ disabled: true });
    // Nothing is cut off at the narrowest task pane.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await add.scrollIntoViewIfNeeded();
    await shot(page, "32-monitor-swot-add-320", false);
    await page.close();
  }, 180_000);
});
