import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, fakeExcel, fakeHostScript, paneInChromium } from "./browser.ts";
import { axeViolations, outOfView, overflowing } from "./checks.ts";

// Issue 16 in Chromium, at 320 px in Ukrainian: a planner adopts the plan the community already has — pasted
// as plain text, as Word's clipboard HTML, or taken from a selected range — corrects a level in the preview
// and creates the plan's sheets through the pane's usual write, in the fake Excel host.
const pane = paneInChromium();

/** Lines 150–222 of the AMU strategy (the team's seed 004): SWOT lines out of their section, the six priorities, priority 1's five goals. */
const AMU = readFileSync(join(process.cwd(), "shared", "fixtures", "amu-strategy-2013-2015.txt"), "utf8").split("\n").slice(149, 222).join("\n");

/** What Word puts on the clipboard for a short plan: a heading-1 title and its period, a numbered outline, a table, a closing note. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style>p.MsoNormal{margin:0cm}</style></head>
<body lang=UK><!--StartFragment-->
<h1>Стратегія розвитку Вишнівської громади</h1>
<p class=MsoSubtitle>на 2026–2028 роки</p>
<h2>Бачення</h2>
<p class=MsoNormal>Вишнева — громада, де хочеться жити й працювати.</p>
<h2>Стратегічні пріоритети</h2>
<p class=MsoListParagraph><![if !supportLists]>1.<![endif]>&nbsp;Економіка громади</p>
<p class=MsoListParagraph><![if !supportLists]>1.1.<![endif]>&nbsp;Підтримка малого бізнесу</p>
<p class=MsoListParagraph><![if !supportLists]>1.1.1.<![endif]>&nbsp;Відкрити центр підтримки підприємців</p>
<p class=MsoListParagraph><![if !supportLists]>1.1.2.<![endif]>&nbsp;Запровадити мікрогранти для ремісників</p>
<p class=MsoListParagraph><![if !supportLists]>2.<![endif]>&nbsp;Довкілля</p>
<p class=MsoListParagraph><![if !supportLists]>2.1.<![endif]>&nbsp;Чиста вода</p>
<p class=MsoListParagraph><![if !supportLists]>2.1.1.<![endif]>&nbsp;Реконструювати водогін</p>
<h2>Показники</h2>
<table class=MsoTableGrid><tr><td><p><b>Показник</b></p></td><td><p><b>Одиниця виміру</b></p></td><td><p><b>База 2025</b></p></td><td><p><b>Ціль 2028</b></p></td></tr>
<tr><td><p>Кількість нових підприємств</p></td><td><p>од.</p></td><td><p>12</p></td><td><p>40</p></td></tr></table>
<p class=MsoNormal>Додаток підготував відділ економіки</p>
<!--EndFragment--></body></html>`;
/**
 * Word's plain text of the same: what the box shows. A paragraph per line, cells by tabs — and a blank line
 * between paragraphs, so a read of it rather than of the HTML would number the lines otherwise.
 */
const WORD_TEXT = WORD_HTML.slice(WORD_HTML.indexOf("<!--StartFragment-->"), WORD_HTML.indexOf("<!--EndFragment-->"))
  .replace(/<!\[if[^>]*>|<!\[endif\]>/g, "")
  .replace(/<\/t[dh]>/g, "\t")
  .replace(/<\/(p|h\d|tr)>/g, "\n")
  .replace(/<[^>]+>/g, "")
  .replace(/&nbsp;/g, " ");

/** The pane's Plan section in a workbook without a plan. */
async function openPlan(): Promise<Page> {
  // A context of its own: a second pane of the same browser storage can be opened in it.
  const page = await (await pane.browser.newContext({ viewport: { width: 320, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript({ content: await fakeHostScript("uk-UA") });
  await page.goto(`${pane.server.url}/taskpane.html?section=plan`);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

async function openAdopt(page?: Page): Promise<Page> {
  const open = page ?? (await openPlan());
  await open.getByRole("button", { name: "Перенести наявний план" }).click();
  await open.getByTestId("adopt-text").waitFor();
  return open;
}

/** The read's message beside its buttons (ActionResult), and whether it is said as a success or as a warning. */
const readBar = (page: Page) => page.getByTestId("adopt").getByTestId("status");
const readResult = async (page: Page) => {
  const bar = readBar(page);
  return { text: await bar.textContent(), intent: await bar.getAttribute("data-intent") };
};

/** The preview's row of the item whose text is `text`. */
const itemRow = (page: Page, text: string): Locator => page.getByTestId("adopt-item").filter({ hasText: text });
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Pastes as Word does: its plain text and its HTML on the clipboard, into the box with the caret in it. */
async function pasteFromWord(box: Locator, text: string, html: string) {
  await box.evaluate(
    (el, data) => {
      const clipboard = new DataTransfer();
      clipboard.setData("text/plain", data.text);
      clipboard.setData("text/html", data.html);
      (el as HTMLTextAreaElement).focus();
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: clipboard, bubbles: true, cancelable: true }));
    },
    { text, html },
  );
}

describe("adopting a plan the community already has", () => {
  it("pasted text: preview with source lines and what was not recognised, a goal demoted, a failed write that keeps the text, then the sheets", async () => {
    const page = await openAdopt();
    const box = page.getByTestId("adopt-text");
    await box.fill(AMU);
    await page.getByRole("button", { name: "Прочитати" }).click();
    // 6 priorities; priority 1's 5 goals, their 3 + 6 + 6 + 4 + 6 tasks and 5 expected results. Lines left
    // unrecognised make it a warning, not a success.
    await expect(readResult(page)).resolves.toEqual({
      text: "Розпізнано пунктів: 41. Не розпізнано рядків: 12 — перегляньте їх нижче, перш ніж створювати аркуші.",
      intent: "warning",
    });
    await expect.poll(() => outOfView(readBar(page))).toBeUndefined();
    const status = page.getByTestId("status");

    // A long plan: its priorities start closed, each with a count of what is under it.
    const priorities = page.getByTestId("adopt-priority");
    await expect(priorities.count()).resolves.toBe(6);
    const first = priorities.first();
    await expect(first.getByTestId("adopt-item").first().textContent()).resolves.toMatch(/^Пріоритет · р\. 22, 31–32Захист прав та обстоювання інтересів місцевого самоврядування/);
    const toggle = first.getByRole("button", { name: /Його цілі й завдання/ });
    await expect(toggle.textContent()).resolves.toBe("▸ Його цілі й завдання (35)");
    await expect(page.getByTestId("adopt-item").count()).resolves.toBe(6);
    await toggle.click();
    await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("true");
    const lawGoal = itemRow(page, "Законопроектна діяльність, моніторинг законодавства");
    await expect(lawGoal.textContent()).resolves.toMatch(/^Ціль · р\. 38/);
    await expect(itemRow(page, "Визначення річних пріоритетів у розробці законодавства").textContent()).resolves.toMatch(/^Завдання · р\. 41/);

    // What was not recognised is listed with its lines, none left out, open as the message asks to review them.
    const unrecognised = page.getByTestId("adopt-unrecognised").locator("li");
    await expect(unrecognised.count()).resolves.toBe(12);
    await expect(unrecognised.first().textContent()).resolves.toMatch(/^р\. 2- відсутність політичної волі/);
    expect(await overflowing(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "adopt-01-preview");

    // Demoted, the second goal becomes a task of the first, and priority 1 has four goals.
    const goalsOfFirst = () => first.locator('[data-testid="adopt-item"][data-kind="goal"]').count();
    await expect(goalsOfFirst()).resolves.toBe(5);
    const demote = lawGoal.getByRole("button", { name: "На рівень нижче (під пункт вище)" });
    await demote.hover();
    await expect(page.getByRole("tooltip").textContent()).resolves.toBe("На рівень нижче (під пункт вище)");
    await demote.click();
    await expect.poll(goalsOfFirst).toBe(4);
    await expect(itemRow(page, "Законопроектна діяльність, моніторинг законодавства").textContent()).resolves.toMatch(/^Завдання · р\. 38/);
    await shot(page, "adopt-02-demoted");

    // Back to the form and here again: the text, the preview and its correction are as they were.
    await page.getByRole("button", { name: "Повернутися до форми" }).click();
    await openAdopt(page);
    await expect(box.inputValue()).resolves.toBe(AMU);
    await first.getByRole("button", { name: /Його цілі й завдання/ }).click();
    await expect(itemRow(page, "Законопроектна діяльність, моніторинг законодавства").textContent()).resolves.toMatch(/^Завдання · р\. 38/);
    await expect.poll(goalsOfFirst).toBe(4);

    // The header: what the text does not say. Left empty, the community is asked for and nothing is written.
    await expect(page.getByLabel("Назва плану").inputValue()).resolves.toBe("");
    await page.getByRole("button", { name: "Створити аркуші плану" }).click();
    await page.getByText("Заповніть поле «Громада»").waitFor();
    expect(await fakeExcel<number>(page, "(f) => f.sheets.length")).toBe(0);
    // A write that fails says so beside the button and keeps everything.
    await page.getByLabel("Громада", { exact: true }).fill("Асоціація міст України");
    await page.getByLabel("Назва плану").fill("Стратегія розвитку АМУ");
    await page.getByLabel("Перший рік").fill("2013");
    await page.getByLabel("Останній рік").fill("2015");
    await fakeExcel(page, "(f) => f.failAtCommand(1, 'GeneralException')");
    await page.getByRole("button", { name: "Створити аркуші плану" }).click();
    const error = page.getByTestId("error");
    await expect(error.textContent()).resolves.toMatch(/Excel/);
    await expect.poll(() => outOfView(error)).toBeUndefined();
    await expect(box.inputValue()).resolves.toBe(AMU);
    await expect(page.getByTestId("adopt-preview").isVisible()).resolves.toBe(true);
    // Kept outside the pane too: another pane of this browser (as after closing it) has the text.
    const again = await page.context().newPage();
    await again.addInitScript({ content: await fakeHostScript("uk-UA") });
    await again.goto(`${pane.server.url}/taskpane.html?section=plan`);
    await again.getByRole("button", { name: "Перенести наявний план" }).click();
    await expect(again.getByTestId("adopt-text").inputValue()).resolves.toBe(AMU);
    // And the header typed, and the correction: priority 1 has four goals there too.
    await expect(again.getByLabel("Громада", { exact: true }).inputValue()).resolves.toBe("Асоціація міст України");
    await expect(again.getByLabel("Перший рік").inputValue()).resolves.toBe("2013");
    await again.getByTestId("adopt-priority").first().getByRole("button", { name: /Його цілі й завдання/ }).click();
    await expect(again.getByTestId("adopt-priority").first().locator('[data-testid="adopt-item"][data-kind="goal"]').count()).resolves.toBe(4);
    await again.close();

    // Again, and the plan is written by the pane's usual write: its result shows where the plan form's does.
    await page.getByRole("button", { name: "Створити аркуші плану" }).click();
    await expect(status.textContent()).resolves.toBe("Створено аркушів: 5.");
    await expect(page.getByTestId("adopt").count()).resolves.toBe(0);
    await expect(page.getByLabel("Громада", { exact: true }).inputValue()).resolves.toBe("Асоціація міст України");
    // The sheet holds the adopted tree as corrected: level, number, title.
    const rows = (await fakeExcel<unknown[][]>(page, "(f) => f.values('Пріоритети-цілі-завдання')")).slice(1).map((r) => r.slice(1, 4));
    expect(rows.filter((r) => r[0] === "Пріоритет").map((r) => r[2])).toEqual([
      "Захист прав та обстоювання інтересів місцевого самоврядування",
      "Сприяння місцевому економічному розвитку",
      "Управління знаннями та професійний розвиток кадрів місцевого самоврядування",
      "Популяризація місцевого самоврядування та забезпечення довіри громадян",
      "Забезпечення рівних прав та можливостей жінок і чоловіків",
      "Інституційний розвиток та нові послуги для членів",
    ]);
    expect(rows.filter((r) => r[0] === "Ціль").map((r) => r[1])).toEqual(["1.1", "1.2", "1.3", "1.4"]);
    // Goal 1's three tasks, then the demoted goal and the six tasks it had; 6 + 4 + 6 more under goals 1.2–1.4.
    expect(rows.filter((r) => r[0] === "Завдання")).toHaveLength(26);
    expect(rows[5]).toEqual(["Завдання", "1.1.4", "Законопроектна діяльність, моніторинг законодавства"]);
    expect(rows[6]).toEqual(["Завдання", "1.1.5", expect.stringMatching(/^Проведення аналізу потреб у розробці законодавства/)]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it("Word's clipboard HTML and a selected range: read as Word and Excel hold them, created into sheets", async () => {
    const page = await openAdopt();
    const box = page.getByTestId("adopt-text");
    await pasteFromWord(box, WORD_TEXT, WORD_HTML);
    // The box shows Word's plain text; its HTML is what is read, and the hint says so.
    await expect(box.inputValue()).resolves.toBe(WORD_TEXT);
    await page.getByText("Вставлено з Word: таблиці й нумерацію теж буде прочитано.", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Прочитати" }).click();
    await expect(readResult(page)).resolves.toEqual({
      text: "Розпізнано пунктів: 11. Не розпізнано рядків: 1 — перегляньте їх нижче, перш ніж створювати аркуші.",
      intent: "warning",
    });
    // Lines are Word's paragraphs and table rows: the title 1, its period 2, the vision 4, the outline 6–12, the indicator's row 15.
    await expect(itemRow(page, "Стратегія розвитку Вишнівської громади").textContent()).resolves.toMatch(/^Назва плану · р\. 1Стратегія/);
    await expect(itemRow(page, "2026–2028").textContent()).resolves.toMatch(/^Період · р\. 22026–2028/);
    await expect(itemRow(page, "Вишнева — громада").textContent()).resolves.toMatch(/^Бачення · р\. 4/);
    await expect(itemRow(page, "Реконструювати водогін").textContent()).resolves.toMatch(/^Завдання · р\. 12/);
    await expect(itemRow(page, "Кількість нових підприємств").textContent()).resolves.toMatch(/^Показник · р\. 15Кількість нових підприємствод\. · 2025: 12 → 2028: 40/);
    await expect(page.getByTestId("adopt-unrecognised").textContent()).resolves.toBe("р. 16Додаток підготував відділ економіки");
    expect(await overflowing(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    // The period the text gave fills the header; the community is the planner's to name.
    await expect(page.getByLabel("Перший рік").inputValue()).resolves.toBe("2026");
    await expect(page.getByLabel("Останній рік").inputValue()).resolves.toBe("2028");
    await expect(page.getByLabel("Громада", { exact: true }).inputValue()).resolves.toBe("");
    await shot(page, "adopt-03-word");

    // Ignored, the plan's title leaves the plan for the lines not recognised.
    await itemRow(page, "Стратегія розвитку Вишнівської громади").getByRole("button", { name: "Це не пункт: перенести до нерозпізнаних рядків" }).click();
    await expect(page.getByTestId("adopt-unrecognised").locator("li").count()).resolves.toBe(2);

    // A range selected on a sheet of the workbook: rows named as the sheet numbers them.
    await fakeExcel(
      page,
      `(f) => {
        f.addSheet("Моніторинг");
        [["Показник", "Одиниця виміру", "База 2025", "Ціль 2028"], ["Кількість ЦНАП", "од.", 2, 4], ["Частка освітлених вулиць", "%", 40, 90]]
          .forEach((row, r) => row.forEach((v, c) => f.type("Моніторинг", "BCDE"[c] + (r + 3), v)));
        return f.userSelects("Моніторинг!B:E");
      }`,
    );
    await page.getByRole("button", { name: "Узяти виділені клітинки" }).click();
    await expect(readResult(page)).resolves.toEqual({
      text: "Прочитано з клітинок Моніторинг!B3:E5. Розпізнано пунктів: 2, усі рядки розміщено. Перевірте рівні нижче й створіть аркуші.",
      intent: "success",
    });
    await expect(itemRow(page, "Частка освітлених вулиць").textContent()).resolves.toMatch(/^Показник · рядок 5Частка освітлених вулиць%/);

    // A sheet of the user's takes a plan sheet's name: the adopted plan is written under the name chosen instead.
    await fakeExcel(page, `(f) => { f.addSheet("Ризики"); f.type("Ризики", "A1", "Ризики відділу"); }`);
    await page.getByLabel("Громада", { exact: true }).fill("Вишнівська громада");
    await page.getByLabel("Назва плану").fill("Стратегія розвитку Вишнівської громади");
    await page.getByRole("button", { name: "Створити аркуші плану" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Використати ці назви" }).click();
    await expect(page.getByTestId("status").textContent()).resolves.toBe("Створено аркушів: 5.");
    expect(await fakeExcel<string[]>(page, "(f) => f.sheets.map((s) => s.name)")).toEqual([
      "Моніторинг", "Ризики", "Бачення і місія", "SWOT-аналіз", "Пріоритети-цілі-завдання", "Ризики (MuniPlan)", "Показники",
    ]);
    expect(await fakeExcel<unknown>(page, "(f) => f.values('Ризики')[0][0]")).toBe("Ризики відділу");
    const indicators = await fakeExcel<unknown[][]>(page, "(f) => f.values('Показники')");
    const header = indicators[0]!;
    const named = (name: string) => indicators.find((r) => r.includes(name))!;
    expect(["Кількість ЦНАП", "Частка освітлених вулиць"].map((n) => [named(n)[header.indexOf("Одиниця виміру")], named(n)[header.indexOf("Базове значення")]])).toEqual([
      ["од.", 2],
      ["%", 40],
    ]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it("a plan that appears while the panel is open (the example started just before): nothing written into it, the text, header and corrections kept", async () => {
    const page = await openPlan();
    // The example's plan is downloaded when asked for: held here, the planner opens the panel meanwhile.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let asked = false;
    await page.route(/amu-plan[^/]*\.js$/, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.getByRole("button", { name: "Почати з прикладу (стратегія АМУ 2013–2015)" }).click();
    await expect.poll(() => asked).toBe(true);
    await openAdopt(page);
    // Lines 141–222 of the AMU strategy: 20 lines not recognised, more than a group shows open by its size.
    const text = readFileSync(join(process.cwd(), "shared", "fixtures", "amu-strategy-2013-2015.txt"), "utf8").split("\n").slice(140, 222).join("\n");
    const box = page.getByTestId("adopt-text");
    await box.fill(text);
    await page.getByRole("button", { name: "Прочитати" }).click();
    await expect(readResult(page)).resolves.toEqual({
      text: "Розпізнано пунктів: 41. Не розпізнано рядків: 20 — перегляньте їх нижче, перш ніж створювати аркуші.",
      intent: "warning",
    });
    // The lines the message sends the planner to are open below it, all 20.
    await expect(page.getByTestId("adopt-unrecognised").locator("li").count()).resolves.toBe(20);
    await itemRow(page, "Сприяння місцевому економічному розвитку").getByRole("button", { name: "Це не пункт: перенести до нерозпізнаних рядків" }).click();
    await expect(page.getByTestId("adopt-priority").count()).resolves.toBe(5);
    await page.getByLabel("Громада", { exact: true }).fill("Вишнівська громада");

    // The example's plan is written now: the panel stays, says so, and writes nothing when asked to.
    release();
    // Said beside the example's button, outside the panel (where the read's result stays).
    await expect(page.locator('[data-testid="status"]:not([data-testid="adopt"] *)').textContent()).resolves.toBe("Створено аркушів: 5.");
    const notice = page.getByTestId("adopt-plan-exists");
    await expect(notice.textContent()).resolves.toMatch(/^У цій книзі вже є план, тож перенесений план у неї не записується/);
    const sheets = await fakeExcel<unknown[][]>(page, "(f) => f.values('Пріоритети-цілі-завдання')");
    await page.getByRole("button", { name: "Створити аркуші плану" }).click();
    const error = page.getByTestId("error");
    await expect(error.textContent()).resolves.toMatch(/^У цій книзі вже є план, тож перенесений план у неї не записується.*поверніться до форми\./);
    await expect.poll(() => outOfView(error)).toBeUndefined();
    expect(await fakeExcel<unknown[][]>(page, "(f) => f.values('Пріоритети-цілі-завдання')")).toEqual(sheets);
    await expect(box.inputValue()).resolves.toBe(text);
    await expect(page.getByTestId("adopt-priority").count()).resolves.toBe(5);
    expect(await overflowing(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "adopt-04-plan-appeared");

    // Back at the form, the example's plan is the workbook's, its community as the example names it.
    await page.getByRole("button", { name: "Повернутися до форми" }).click();
    await expect(page.getByLabel("Громада", { exact: true }).inputValue()).resolves.toBe("Асоціація міст України");
    // What was typed is still kept in the pane's storage, with the correction and the header.
    const kept = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.endsWith("muniplan:adopt:draft"))?.[1]);
    expect(JSON.parse(kept ?? "{}")).toMatchObject({ text, read: { from: "text" }, corrections: [{ op: "ignore" }], header: { name: "Вишнівська громада" } });
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });
});
