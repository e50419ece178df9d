import { join } from "node:path";
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../shared/api/client.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { ARTIFACTS, type PaneStage, stagePane, STORE } from "./browser.ts";
import { populationEntry } from "../support/catalogue-entry.ts";

// A long comparison at 320 px in Ukrainian: the pane shows its step beside the button and Cancel stops
// the request to the store; nothing reaches the workbook, and the next build goes through.
let stage: PaneStage;
let analystToken: string;
const associationId = crypto.randomUUID();

beforeAll(async () => {
  stage = await stagePane();
  const at = new Date().toISOString();
  const communities = [crypto.randomUUID(), crypto.randomUUID()];
  await stage.local.run([
    tenancy.association(associationId, "Асоціація громад Заходу", at),
    ...communities.flatMap((id, i) => [tenancy.community(id, `Громада ${i + 1}`, at), tenancy.membership(associationId, id)]),
  ]);
  analystToken = await stage.local.user("Ірина Аналітик", [["analyst", associationId]]);
  const analyst = createClient({ baseUrl: STORE, token: analystToken, fetch: stage.local.fetch });
  await analyst.putCatalogueEntry(associationId, "POP", populationEntry());
}, 180_000);

afterAll(() => stage?.close());

const WAIT = { timeout: 60_000 };
const sheetNames = (page: Page) => page.evaluate(() => (window as unknown as { fakeExcel: { sheets: { name: string }[] } }).fakeExcel.sheets.map((s) => s.name));
/** Whether `testId`'s element lies inside the viewport, and the page's widest scroll (no horizontal clipping). */
const layout = (page: Page, testId: string) =>
  page.evaluate((id) => {
    const box = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
    return { inView: box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth, scrollWidth: document.documentElement.scrollWidth };
  }, testId);

describe("a long action shows its progress and can be cancelled", () => {
  it("a comparison waiting for the store: «Крок 1 з 2», Скасувати aborts the request, nothing is written, the next build goes through", async () => {
    const page = await stage.open("compare");
    await page.setViewportSize({ width: 320, height: 800 });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const failed: string[] = [];
    page.on("requestfailed", (r) => failed.push(r.url()));

    await page.getByLabel("Код запрошення або токен доступу").fill(analystToken);
    await page.getByRole("button", { name: "Під'єднатися" }).click();
    await expect(page.getByTestId("compare-connected").textContent()).resolves.toContain("Ірина Аналітик");
    await page.getByRole("checkbox", { name: "POP — Населення (осіб)" }).check();
    await page.getByLabel("З року", { exact: true }).fill("2021");
    await page.getByLabel("До року", { exact: true }).fill("2023");

    // The store takes its time: the comparison's answer is held until the pane gives up on it.
    const held: Route[] = [];
    await page.route(`${STORE}/v1/associations/*/comparison?*`, (route) => void held.push(route));
    await page.getByRole("button", { name: "Побудувати порівняння" }).click();
    const progress = page.getByTestId("progress");
    await expect.poll(() => progress.textContent(), WAIT).toContain("Крок 1 з 2: Запитую сервер");
    expect(held).toHaveLength(1);
    expect(await progress.getByRole("progressbar").count()).toBe(1);
    const during = await layout(page, "progress");
    expect(during).toEqual({ inView: true, scrollWidth: 320 });
    await page.screenshot({ path: join(ARTIFACTS, "60-progress-compare-320.png"), fullPage: true });

    await page.getByTestId("cancel").click();
    const cancelled = page.getByTestId("cancelled");
    await expect.poll(() => cancelled.textContent(), WAIT).toBe("СкасованоУ книгу нічого не записано: аркуші такі, як були.");
    expect(await progress.count()).toBe(0);
    expect(failed.filter((url) => url.includes("/comparison?"))).toHaveLength(1);
    expect(await sheetNames(page)).toEqual([]);
    expect(await layout(page, "cancelled")).toEqual({ inView: true, scrollWidth: 320 });
    await page.screenshot({ path: join(ARTIFACTS, "61-progress-cancelled-320.png"), fullPage: true });

    // The store answers again: the same build writes the sheet, and its result replaces «Скасовано».
    await page.unroute(`${STORE}/v1/associations/*/comparison?*`);
    await page.getByRole("button", { name: "Побудувати порівняння" }).click();
    await expect.poll(() => page.getByTestId("status").textContent(), WAIT).toBe("Аркуш «Порівняння»: громад — 2, показників — 1.");
    expect(await cancelled.count()).toBe(0);
    expect(await sheetNames(page)).toEqual(["Порівняння"]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
