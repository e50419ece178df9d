import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, fakeHostScript, paneInChromium } from "./browser.ts";

// The built task pane in headless Chromium; the test injects the fake Excel host before the pane loads.
const pane = paneInChromium();

async function openPane(section = "plan", host = true): Promise<Page> {
  const page = await pane.browser.newPage({ viewport: { width: 420, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  if (host) await page.addInitScript({ content: await fakeHostScript("uk-UA") });
  await page.goto(`${pane.server.url}/taskpane.html?section=${section}`);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const fake = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;

describe("the task pane in Chromium", () => {
  it("outside Excel, says it must be opened in Excel and how", async () => {
    const page = await openPane("plan", false);
    await expect(page.getByTestId("outside-excel").textContent()).resolves.toMatch(/Excel/);
    await expect(page.getByTestId("outside-excel").textContent()).resolves.toMatch(/manifest\.xml/);
    await shot(page, "00-outside-excel");
    await page.close();
  }, 60_000);

  it("creates a plan, adds SWOT items and an indicator, reads a sheet edit back and names the bad cell", async () => {
    const page = await openPane();
    // The navigation is one row at the narrowest pane, and a section not yet available says why.
    await page.setViewportSize({ width: 320, height: 900 });
    const nav = (await page.getByTestId("nav").boundingBox())!;
    expect(nav.x + nav.width).toBeLessThanOrEqual(320);
    expect(nav.height).toBeLessThan(40);
    await expect(page.locator('[data-testid="nav"] option[value="swot"]').textContent()).resolves.toContain("Спершу створіть план");
    await page.setViewportSize({ width: 420, height: 900 });
    await page.getByLabel("Громада", { exact: true }).fill("Новоукраїнська міська громада");
    await page.getByLabel("Назва плану").fill("Стратегія розвитку громади");
    await page.getByLabel("Перший рік").fill("2026");
    await page.getByLabel("Останній рік").fill("2028");
    await page.getByLabel("Бачення").fill("=Громада, де хочеться жити");
    await page.getByRole("button", { name: "Створити аркуші плану" }).click();
    await expect(page.getByTestId("status").textContent()).resolves.toContain("Створено аркушів: 5");
    await shot(page, "01-plan");
    const sheets = await fake<string[]>(page, "(f) => f.sheets.map((s) => s.name)");
    expect(sheets).toEqual(["Бачення і місія", "SWOT-аналіз", "Пріоритети-цілі-завдання", "Ризики", "Показники"]);
    // The vision starting with "=" is kept as text, not a formula.
    expect(await fake<unknown>(page, "(f) => f.values('Бачення і місія')[10][1]")).toBe("=Громада, де хочеться жити");

    await page.getByTestId("nav").selectOption("swot");
    await page.getByLabel("Текст").fill("Вигідне розташування на трасі");
    await page.getByLabel("Група (підзаголовок)").fill("Географія");
    await page.getByRole("button", { name: "Додати", exact: true }).click();
    await expect(page.getByTestId("status").textContent()).resolves.toContain("Збережено");
    await page.getByLabel("Квадрант").selectOption({ label: "Загроза" });
    await page.getByLabel("Текст").fill("-відтік молоді");
    await page.getByRole("button", { name: "Додати", exact: true }).click();
    await page.getByTestId("status").waitFor();
    await shot(page, "02-swot");
    expect(await fake<unknown[][]>(page, "(f) => f.values('SWOT-аналіз').map((r) => r.slice(1, 4)).filter((r) => r.some((c) => c !== ''))")).toEqual([
      ["Квадрант", "Група", "Положення"],
      ["Сильна сторона", "Географія", "Вигідне розташування на трасі"],
      ["Загроза", "", "-відтік молоді"],
    ]);

    await page.getByTestId("nav").selectOption("goals");
    await page.getByLabel("Назва").fill("Економічний розвиток");
    await page.getByRole("button", { name: "Додати", exact: true }).click();
    await page.getByTestId("status").waitFor();
    await shot(page, "03-goals");

    await page.getByTestId("nav").selectOption("risks");
    await page.getByLabel("Ризик", { exact: true }).fill("Брак коштів");
    await page.getByLabel("Заходи з мінімізації").fill("- залучення грантів");
    await page.getByRole("button", { name: "Додати", exact: true }).click();
    await page.getByTestId("status").waitFor();
    await shot(page, "04-risks");

    await page.getByTestId("nav").selectOption("indicators");
    await page.getByLabel("Показник", { exact: true }).fill("Кількість нових робочих місць");
    await page.getByLabel("Одиниця виміру").fill("осіб");
    await page.getByLabel("Базовий рік").fill("2025");
    await page.getByLabel("Базове значення").fill("120");
    await page.getByLabel("Цільове значення").fill("1 500");
    await page.getByLabel("Відповідальний підрозділ").fill("Відділ економіки");
    await page.getByRole("button", { name: "Додати", exact: true }).click();
    await expect(page.getByTestId("status").textContent()).resolves.toContain("Збережено");
    await shot(page, "05-indicators");
    const indicatorRow = await fake<unknown[]>(page, "(f) => f.values('Показники')[1]");
    expect(indicatorRow.slice(3, 9)).toEqual(["Кількість нових робочих місць", "осіб", "", 2025, 120, 1500]);

    // A monitoring committee member types into the sheet: one good value, one bad.
    await fake(page, "(f) => { f.type('Показники', 'N2', 130); f.type('Показники', 'O2', 'abc'); }");
    await page.getByTestId("refresh").click();
    const problems = page.getByTestId("problems");
    await expect(problems.textContent()).resolves.toContain("Показники!O2: 'abc' — не число; очікується число або причина відсутності значення: н/д, н/з, конф., строк не настав; залишено попереднє значення");
    await shot(page, "06-problem");
    await problems.getByRole("button", { name: "Показники!O2" }).click();
    await expect.poll(() => fake<string>(page, "(f) => f.selection")).toBe("Показники!O2");

    // Nothing typed is lost: while the sheet holds the problem, Add keeps the form, says why under the
    // button (in view) and offers the cell.
    await fake(page, "(f) => { f.selection = ''; }");
    await page.getByLabel("Показник", { exact: true }).fill("Частка відновленої енергії");
    await page.getByRole("button", { name: "Додати", exact: true }).click();
    const blocked = page.getByTestId("blocked");
    await expect(blocked.textContent()).resolves.toContain("Не застосовано");
    await expect(page.getByLabel("Показник", { exact: true }).inputValue()).resolves.toBe("Частка відновленої енергії");
    const box = (await blocked.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    await blocked.getByTestId("blocked-go").click();
    await expect.poll(() => fake<string>(page, "(f) => f.selection")).toBe("Показники!O2");
    expect(await fake<unknown[][]>(page, "(f) => f.values('Показники').map((r) => r[3])")).not.toContain("Частка відновленої енергії");

    // Fixed in the sheet and refreshed: the value is taken, the problem gone.
    await fake(page, "(f) => f.type('Показники', 'O2', 140)");
    await page.getByTestId("refresh").click();
    await expect(page.getByTestId("status").textContent()).resolves.toContain("Прочитано змін з аркушів: 2");
    expect(await page.getByTestId("problems").count()).toBe(0);

    await page.getByTestId("nav").selectOption("check");
    await page.getByRole("button", { name: "Перевірити план" }).click();
    await expect(page.getByTestId("findings").textContent()).resolves.toMatch(/Пріоритети-цілі-завдання/);
    await shot(page, "07-check");

    // An error from Office shows in the pane, not only in a log.
    await fake(page, "(f) => { f.failNextSync = new Error('RichApi.Error: The request payload size has exceeded the limit.'); }");
    await page.getByTestId("refresh").click();
    await expect(page.getByTestId("error").textContent()).resolves.toContain("The request payload size has exceeded the limit.");
    await shot(page, "08-office-error");
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  }, 120_000);
});
