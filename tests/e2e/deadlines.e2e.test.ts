import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../shared/api/client.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { memberPlan } from "../support/member-plan.ts";
import { ARTIFACTS, type PaneStage, stagePane, STORE } from "./browser.ts";
import { populationEntry } from "../support/catalogue-entry.ts";

// The analyst sets the year's due date in Compare → Completeness at 320 px in Ukrainian, and the
// completeness sheet tells each member on time, late or missing, with the on-time rate in its header.
// The members' 2023 rounds are stored with fixed timestamps: nothing depends on today's date.
let stage: PaneStage;
let analystToken: string;
const associationId = crypto.randomUUID();

/** 2023's due date is 31.03.2024: Альфа submitted on the 20th, Бета on 5 April, Гамма never. */
const MEMBERS = [
  { name: "Альфа", submitted: "2024-03-20T09:00:00.000Z" },
  { name: "Бета", submitted: "2024-04-05T09:00:00.000Z" },
  { name: "Гамма", submitted: null },
];

beforeAll(async () => {
  stage = await stagePane();
  const { local } = stage;
  const at = new Date().toISOString();
  const ids = MEMBERS.map(() => crypto.randomUUID());
  const editorId = crypto.randomUUID();
  await local.run([
    tenancy.association(associationId, "Асоціація громад Полісся", at),
    tenancy.user(editorId, "Редактор", at),
    ...MEMBERS.flatMap((m, i) => [tenancy.community(ids[i]!, m.name, at), tenancy.membership(associationId, ids[i]!)]),
  ]);
  analystToken = await local.user("Ірина Аналітик", [["analyst", associationId]]);
  const admin = createClient({ baseUrl: STORE, token: await local.user("Адміністратор", [["admin", null]]), fetch: local.fetch });
  const analyst = createClient({ baseUrl: STORE, token: analystToken, fetch: local.fetch });
  await analyst.putCatalogueEntry(associationId, "POP", populationEntry());
  for (const [i, m] of MEMBERS.entries()) {
    const doc = memberPlan(ids[i]!, { name: m.name, kind: "city", region: "Північ", values: { POP: { 2023: 10 } } }, { firstYear: 2021, lastYear: 2025 });
    await admin.createPlan({ clientId: "e2e-seed", document: doc });
    if (!m.submitted) continue;
    const planId = doc.plan.id;
    await local.run([
      { sql: "INSERT INTO rounds (plan_id, year, status, version, updated_at, updated_by) VALUES (?1, 2023, 'submitted', 2, ?2, ?3)", params: [planId, m.submitted, editorId] },
      {
        sql: "INSERT INTO round_events (plan_id, year, seq, action, status, actor, at) VALUES (?1, 2023, 1, 'open', 'open', ?2, '2024-01-10T09:00:00.000Z')",
        params: [planId, editorId],
      },
      { sql: "INSERT INTO round_events (plan_id, year, seq, action, status, actor, at) VALUES (?1, 2023, 2, 'submit', 'submitted', ?2, ?3)", params: [planId, editorId, m.submitted] },
    ]);
  }
}, 180_000);

afterAll(() => stage?.close());

const WAIT = { timeout: 60_000 };
const sheetValues = (page: Page, sheet: string) =>
  page.evaluate((name) => {
    const f = (window as unknown as { fakeExcel: { sheet(n: string): unknown; values(n: string): (string | number)[][] } }).fakeExcel;
    return f.sheet(name) ? f.values(name) : [];
  }, sheet);
/** Whether `selector`'s element lies inside the viewport, and the page's widest scroll (no horizontal clipping). */
const layout = (page: Page, selector: string) =>
  page.evaluate((css) => {
    const box = document.querySelector(css)!.getBoundingClientRect();
    return { inView: box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth, scrollWidth: document.documentElement.scrollWidth };
  }, selector);

describe("the year's due date", () => {
  it("is set by the analyst beside completeness, and the completeness sheet says who was on time", async () => {
    const page = await stage.open("compare");
    await page.setViewportSize({ width: 320, height: 800 });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.getByLabel("Код запрошення або токен доступу").fill(analystToken);
    await page.getByRole("button", { name: "Під'єднатися" }).click();
    await expect(page.getByTestId("compare-connected").textContent()).resolves.toContain("Ірина Аналітик");
    await page.getByTestId("compare-tab-completeness").click();
    await page.getByLabel("Звітний рік").fill("2023");

    const due = page.getByTestId("due-date");
    await expect.poll(() => due.getByTestId("due-date-status").textContent(), WAIT).toBe("Строк за 2023 рік ще не встановлено.");
    // A date before the reporting year is refused in the pane, before any request, with what to do.
    await due.getByRole("textbox", { name: "Строк за 2023 рік" }).fill("2022-12-31");
    await due.getByRole("button", { name: "Встановити строк" }).click();
    await expect.poll(() => due.getByTestId("error").textContent(), WAIT).toContain("Строк за 2023 рік не може бути раніше 2023 року");
    expect(await due.getByTestId("error").textContent()).toContain("Виберіть іншу дату й установіть строк знову.");

    await due.getByRole("textbox", { name: "Строк за 2023 рік" }).fill("2024-03-31");
    await due.getByRole("button", { name: "Встановити строк" }).click();
    await expect
      .poll(() => due.getByTestId("status").textContent(), WAIT)
      .toBe("Моніторинг за 2023 рік треба подати до 31.03.2024 включно. Побудуйте аркуш повноти знову, щоб побачити, хто встиг.");
    expect(await due.getByTestId("due-date-status").textContent()).toBe("2023 рік: строк — 31.03.2024.");
    expect(await layout(page, '[data-testid="due-date"] [data-testid="status"]')).toEqual({ inView: true, scrollWidth: 320 });
    await page.screenshot({ path: join(ARTIFACTS, "70-due-date-set-320.png"), fullPage: true });

    await page.getByRole("button", { name: "Побудувати аркуш повноти" }).click();
    await expect.poll(async () => (await sheetValues(page, "Повнота"))[0]?.at(-1), WAIT).toBe("Вчасність (строк 31.03.2024: вчасно 1 з 3, 33 %)");
    const rows = (await sheetValues(page, "Повнота")).slice(1);
    expect(Object.fromEntries(rows.map((r) => [r[0], r.at(-1)]))).toEqual({ Альфа: "вчасно", Бета: "із запізненням", Гамма: "не подано" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);

    // Removed, the year has no due date again, and the sheet says so once rebuilt.
    await due.getByRole("button", { name: "Прибрати строк" }).click();
    await expect.poll(() => due.getByTestId("status").textContent(), WAIT).toBe("Строк за 2023 рік прибрано.");
    await page.getByRole("button", { name: "Побудувати аркуш повноти" }).click();
    await expect.poll(async () => (await sheetValues(page, "Повнота"))[1]?.at(-1), WAIT).toBe("строк не встановлено");
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
