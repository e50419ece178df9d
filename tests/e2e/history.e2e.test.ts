import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../shared/api/client.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { columnLetter } from "../../shared/layout/cells.ts";
import { ARTIFACTS, type PaneStage, STORE, stageCommunity } from "./browser.ts";

// Issue 14, "a value's story": a value edited by two people through the real Worker on a local D1 (the
// editor through the API, the monitoring committee's member from another workbook), seen from the
// editor's workbook at 320 px in Ukrainian: select the cell, read both writes, copy, then lose the server.
let stage: PaneStage;
let editorToken: string;
let monitorToken: string;

beforeAll(async () => {
  ({ stage, editorToken, monitorToken } = await stageCommunity("Марко Моніторинг"));
}, 180_000);

afterAll(() => stage?.close());

const fake = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;
const indicator = amuPlan.indicators[0]!;

/** The Indicators sheet's cell of `indicator` under `header`, as the user would click it. */
async function cellOf(page: Page, header: string): Promise<string> {
  const rows = await fake<unknown[][]>(page, "(f) => f.values('Показники')");
  const row = rows.findIndex((r) => r[0] === indicator.id);
  const col = rows[0]!.indexOf(header);
  return `Показники!${columnLetter(col)}${row + 1}`;
}

describe("a value's story in the pane", () => {
  it("shows who changed a value, from where, old → new and the round; copies it; pages older writes; shows the saved story offline", async () => {
    const page = await stage.open("plan");
    await page.setViewportSize({ width: 320, height: 900 });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.getByRole("button", { name: "Почати з прикладу (стратегія АМУ 2013–2015)" }).click();
    await page.getByTestId("status").waitFor();
    await page.getByTestId("nav").selectOption("sync");
    await page.getByLabel("Токен доступу").fill(editorToken);
    await page.getByRole("button", { name: "Під'єднатися" }).click();
    await page.getByRole("button", { name: /Надіслати план цієї книги/ }).click();
    await page.getByTestId("sync-now").waitFor();

    // Two people write the 2014 value: the editor sets it, opens the year's round, the monitor corrects it with a note.
    const editor = createClient({ baseUrl: STORE, token: editorToken, fetch: stage.local.fetch });
    const monitor = createClient({ baseUrl: STORE, token: monitorToken, fetch: stage.local.fetch });
    const planId = (await editor.me()).communities[0]!.planId!;
    const valueId = crypto.randomUUID();
    const write = (fields: Record<string, unknown>, baseVersion: number) => ({ mutationId: crypto.randomUUID(), kind: "observations" as const, entityId: valueId, baseVersion, op: "upsert" as const, fields });
    await editor.push(planId, { clientId: "workbook-editor-laptop", mutations: [write({ id: valueId, indicatorId: indicator.id, period: { year: 2014 }, value: 10 }, 0)] });
    await editor.roundStep(planId, 2014, { action: "open", baseVersion: 0 });
    const corrected = await monitor.push(planId, { clientId: "workbook-monitor-a1b2c3", mutations: [write({ value: 12.5, note: "Уточнено за даними статистики" }, 1)] });
    expect(corrected.results[0]).toMatchObject({ status: "applied" });
    await page.getByTestId("sync-now").click();
    await page.getByTestId("sync-status").waitFor();

    await page.getByTestId("nav").selectOption("history");
    await page.getByTestId("history-follows").waitFor();
    // A sheet that is not MuniPlan's says so, with what to select instead.
    await fake(page, "(f) => { f.addSheet('Нотатки'); return f.userSelects('Нотатки!B2'); }");
    await expect(page.getByTestId("history").getByTestId("history-none").textContent()).resolves.toContain("Нотатки!B2 — не рядок MuniPlan.");
    // Information, not a failure: a planner clicking around their own sheet sees no error.
    expect(await page.getByTestId("history").getByTestId("error").count()).toBe(0);

    await fake(page, `(f) => f.userSelects(${JSON.stringify(await cellOf(page, "2014"))})`);
    const entries = page.getByTestId("history-entry");
    await expect.poll(() => entries.count()).toBe(2);
    const [newest, oldest] = await entries.allTextContents();
    expect(newest).toContain("Марко Моніторинг · інша книга (a1b2c3)");
    expect(newest).toContain("Значення: 10 → 12,5");
    expect(newest).toContain("Примітка: — → Уточнено за даними статистики");
    expect(oldest).toContain("Олена Коваль · інша книга (laptop)");
    expect(oldest).toContain("Значення: — → 10");
    // A reference reads as the row it names, not its id.
    expect(oldest).toContain(`Показник: — → ${indicator.name}`);
    await expect(page.getByTestId("history-round").textContent()).resolves.toContain("Олена Коваль · відкрито");
    await page.screenshot({ path: join(ARTIFACTS, "40-history-320.png"), fullPage: true, animations: "disabled" });

    await page.getByTestId("history-copy").click();
    await expect(page.getByTestId("history-copied").textContent()).resolves.toBe("Скопійовано.");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split("\n")[0]).toMatch(/^Історія Показники!\w+\d+ \(значення за 2014\)$/);
    expect(copied).toContain("Марко Моніторинг (інша книга (a1b2c3)): Значення: 10 → 12,5; Примітка: — → Уточнено за даними статистики");
    expect(copied).toContain("Раунд моніторингу 2014");

    // A long story comes a page at a time, newest first.
    // (One change per row per push: twenty pushes, one after the other, each on the last version.)
    for (let version = 2; version < 22; version++) {
      const pushed = await editor.push(planId, { clientId: "workbook-editor-laptop", mutations: [write({ value: 11 + version }, version)] });
      expect(pushed.results[0]).toMatchObject({ status: "applied" });
    }
    await page.getByTestId("history-show").click();
    await expect.poll(() => entries.first().textContent()).toContain("Значення: 31 → 32");
    expect(await entries.count()).toBe(20);
    await page.getByTestId("history-older").click();
    await expect.poll(() => entries.count()).toBe(22);
    await expect(entries.last().textContent()).resolves.toContain("Значення: — → 10");
    expect(await page.getByTestId("history-older").count()).toBe(0);

    // The server is gone: the same cell's story comes from the pane's storage, with the date it was read.
    await page.route(`${STORE}/**`, (route) => route.abort("connectionrefused"));
    await page.getByTestId("history-show").click();
    await expect(page.getByTestId("history-offline").textContent()).resolves.toMatch(/^Показано збережене \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}; немає з'єднання з сервером\.$/);
    await expect.poll(() => entries.count()).toBe(22);
    await page.screenshot({ path: join(ARTIFACTS, "41-history-offline-320.png"), fullPage: true, animations: "disabled" });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
