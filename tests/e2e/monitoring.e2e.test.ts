import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../shared/api/client.ts";
import type { ChartData, SheetData } from "../support/fake-excel.ts";
import { ARTIFACTS, type PaneStage, stageCommunity, STORE } from "./browser.ts";

// The annual monitoring round in two workbooks (two Chromium pages, each with its own fake Excel host)
// through the real worker on a local D1: the editor opens 2014, the monitoring committee fills the
// 2014 column of the AMU plan and submits it, the editor approves it and builds the report sheet.
let stage: PaneStage;
let editorToken: string;
let monitorToken: string;

beforeAll(async () => {
  ({ stage, editorToken, monitorToken } = await stageCommunity("Комітет з моніторингу"));
}, 180_000);

afterAll(() => stage?.close());

async function workbook(): Promise<Page> {
  return stage.open("sync", 1100);
}

async function connect(page: Page, token: string) {
  await page.getByTestId("nav").selectOption("sync");
  await page.getByLabel("Токен доступу").fill(token);
  await page.getByRole("button", { name: "Під'єднатися" }).click();
  await page.getByTestId("connected").waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const fake = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;

/** The Monitoring section on `year` (mounted afresh, so it reloads the rounds). */
async function monitoring(page: Page, year: number) {
  await page.getByTestId("nav").selectOption("plan");
  await page.getByTestId("nav").selectOption("monitoring");
  await page.getByTestId("round-status").waitFor();
  await page.getByTestId("round-year").selectOption(String(year));
}

async function step(page: Page, action: string, expected: RegExp) {
  await page.getByTestId(`round-${action}`).click();
  await expect.poll(() => page.getByTestId("round-status").textContent()).toMatch(expected);
}

describe("the annual monitoring round in the pane", () => {
  it("a monitor fills and submits 2014, the editor approves it and builds the report sheet", async () => {
    const editor = await workbook();
    await editor.getByTestId("nav").selectOption("plan");
    await editor.getByRole("button", { name: "Почати з прикладу (стратегія АМУ 2013–2015)" }).click();
    await editor.getByTestId("status").waitFor();
    await connect(editor, editorToken);
    await editor.getByRole("button", { name: /Надіслати план цієї книги/ }).click();
    await editor.getByTestId("sync-now").waitFor();

    await monitoring(editor, 2014);
    await expect(editor.getByTestId("round-status").textContent()).resolves.toBe("Раунду моніторингу за 2014 рік ще немає.");
    await step(editor, "open", /^Раунд 2014: відкрито \(версія 1\)$/);

    const monitor = await workbook();
    await connect(monitor, monitorToken);
    await monitor.getByRole("button", { name: /Завантажити план громади/ }).click();
    await monitor.getByTestId("sync-now").waitFor();
    await monitoring(monitor, 2014);
    await expect(monitor.getByTestId("round-status").textContent()).resolves.toBe("Раунд 2014: відкрито (версія 1)");
    // A monitor may submit, not approve; the sheet leaves them the 2014 column only (O on the Indicators sheet).
    expect(await monitor.getByTestId("round-approve").count()).toBe(0);
    const header = await fake<string[]>(monitor, "(f) => f.values('Показники')[0]");
    expect(header[14]).toBe("2014");
    await expect.poll(() => fake<boolean>(monitor, "(f) => f.sheet('Показники').protection.protected")).toBe(true);
    await expect(fake(monitor, "(f) => f.type('Показники', 'N2', 1)")).rejects.toThrow(/protected/);
    // A submit waits while the sheets have problems, and shows them.
    await fake(monitor, "(f) => f.type('Показники', 'O2', 'сімсот')");
    await monitor.getByTestId("round-submit").click();
    await expect(monitor.getByTestId("error").textContent()).resolves.toContain("Не подано: на аркушах є помилки");
    await expect(monitor.getByTestId("problems").textContent()).resolves.toContain("Показники!O2");
    await expect(monitor.getByTestId("round-status").textContent()).resolves.toBe("Раунд 2014: відкрито (версія 1)");
    await shot(monitor, "monitoring-monitor-problems");
    await fake(monitor, "(f) => f.type('Показники', 'O2', 777)");
    const indicator = await fake<string>(monitor, "(f) => f.values('Показники')[1][3]");
    await shot(monitor, "monitoring-monitor-open");

    // Submitting syncs first: the committee's value is on the server before the editor reviews it.
    await step(monitor, "submit", /^Раунд 2014: подано на розгляд \(версія 2\)$/);
    await expect(monitor.getByTestId("round-events").textContent()).resolves.toContain("Комітет з моніторингу");
    await shot(monitor, "monitoring-monitor-submitted");

    // The editor returns it with comments; returning needs them.
    await monitoring(editor, 2014);
    await expect(editor.getByTestId("round-status").textContent()).resolves.toBe("Раунд 2014: подано на розгляд (версія 2)");
    expect(await editor.getByTestId("round-return").isDisabled()).toBe(true);
    await editor.getByTestId("round-comment").fill("Перевірте значення першого показника");
    await step(editor, "return", /^Раунд 2014: повернуто із зауваженнями \(версія 3\)$/);

    await monitoring(monitor, 2014);
    await expect(monitor.getByTestId("round-events").textContent()).resolves.toContain("Перевірте значення першого показника");
    await fake(monitor, "(f) => f.type('Показники', 'O2', 778)");
    await step(monitor, "submit", /^Раунд 2014: подано на розгляд \(версія 4\)$/);

    // Meanwhile another editor returned it again: approving the version this pane shows is refused, and the round reloaded.
    await monitoring(editor, 2014);
    const other = createClient({ baseUrl: STORE, token: editorToken, fetch: (url, init) => stage.local.fetch(url, init) });
    const [community] = (await other.me()).communities;
    await other.roundStep(community!.planId!, 2014, { action: "return", baseVersion: 4, comment: "Ще раз" });
    await editor.getByTestId("round-approve").click();
    await expect(editor.getByTestId("error").textContent()).resolves.toMatch(/Раунд тим часом змінився/);
    await expect.poll(() => editor.getByTestId("round-status").textContent()).toBe("Раунд 2014: повернуто із зауваженнями (версія 5)");
    await shot(editor, "monitoring-editor-conflict");
    await monitoring(monitor, 2014);
    await step(monitor, "submit", /^Раунд 2014: подано на розгляд \(версія 6\)$/);

    await editor.getByTestId("nav").selectOption("sync");
    await editor.getByTestId("sync-now").click();
    await editor.getByTestId("sync-status").waitFor();
    expect(await fake<number>(editor, "(f) => f.values('Показники')[1][14]")).toBe(778);
    await monitoring(editor, 2014);
    // An editor's workbook stays unprotected.
    expect(await fake<boolean>(editor, "(f) => f.sheet('Показники').protection.protected")).toBe(false);
    await step(editor, "approve", /^Раунд 2014: затверджено \(версія 7\)$/);
    await editor.getByTestId("build-report").click();
    await expect(editor.getByTestId("status").textContent()).resolves.toMatch(/^Аркуш «Звіт моніторингу 2014»/);

    const values = await fake<(string | number)[][]>(editor, "(f) => f.values('Звіт моніторингу 2014')");
    expect(values[0]![0]).toBe("Звіт моніторингу за 2014 рік — Новоукраїнська громада");
    expect(values[1]![0]).toMatch(/^Стан раунду: затверджено \(Олена Коваль, /);
    expect(values.find((r) => r[1] === indicator)![values[2]!.indexOf("Значення 2014")]).toBe(778);
    const sheet = await fake<Pick<SheetData, "page"> & { charts: ChartData[] }>(editor, "(f) => { const s = f.sheet('Звіт моніторингу 2014'); return { page: s.page, charts: s.charts }; }");
    expect(sheet.page).toMatchObject({ orientation: "Landscape", printTitleRows: "$1:$3" });
    expect(sheet.charts.map((c) => [c.name, c.type])).toEqual([["MuniPlan_round_report", "BarClustered"]]);
    await shot(editor, "monitoring-editor-report");

    // Rebuilt in place: still one sheet and one chart.
    await editor.getByTestId("build-report").click();
    await expect.poll(() => fake<number>(editor, "(f) => f.sheets.filter((s) => s.name.startsWith('Звіт моніторингу')).length")).toBe(1);
    expect(await fake<number>(editor, "(f) => f.sheet('Звіт моніторингу 2014').charts.length")).toBe(1);
  }, 240_000);
});
