import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../shared/api/client.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { ARTIFACTS, fakeExcel, indicatorCell, type PaneStage, stageCommunity, STORE } from "./browser.ts";

// Refresh from sheets checks the association's quality rules as the pane last received them, at 320 px
// in Ukrainian and with the store out of reach: the committee member's sync keeps the rules (at most
// 500), the connection goes, the member types 777 and refreshes; the cell is named under the Refresh
// result with the rules' date, a click goes to it, and once the year's note explains it, it is no longer
// asked for. Not one request leaves the pane meanwhile.
let stage: PaneStage;
let monitorToken: string;

const YEAR = 2014;
const NAME = amuPlan.indicators[0]!.name;

beforeAll(async () => {
  let editorToken: string, communityId: string;
  ({ stage, editorToken, monitorToken, communityId } = await stageCommunity("Комітет з моніторингу"));
  const associationId = crypto.randomUUID();
  await stage.local.run([tenancy.association(associationId, "Асоціація громад", new Date().toISOString()), tenancy.membership(associationId, communityId)]);
  const analystToken = await stage.local.user("Аналітик асоціації", [["analyst", associationId]]);
  const client = (token: string) => createClient({ baseUrl: STORE, token, fetch: (url, init) => stage.local.fetch(url, init) });
  await client(analystToken).putCatalogueEntry(associationId, "LAWS", {
    nameUk: "Кількість розроблених законопроектів",
    nameEn: "Draft laws prepared",
    unit: "кількість",
    direction: "increase",
    frequency: "annually",
    definition: "",
    rules: { min: 0, max: 500 },
    baseVersion: 0,
  });
  const editor = client(editorToken);
  const document = {
    ...amuPlan,
    community: { ...amuPlan.community, id: communityId, name: "Новоукраїнська громада" },
    plan: { ...amuPlan.plan, communityId },
    indicators: amuPlan.indicators.map((i, k) => (k === 0 ? { ...i, code: "LAWS" } : i)),
  };
  const planId = (await editor.createPlan({ clientId: "e2e-editor", document })).document.plan.id;
  await editor.roundStep(planId, YEAR, { action: "open", baseVersion: 0 });
}, 180_000);

afterAll(() => stage?.close());

const fake = fakeExcel;
const cellUnder = (page: Page, header: string) => indicatorCell(page, header, NAME);

describe("Refresh from sheets and the association's quality rules", () => {
  it("names a flagged value by its cell, offline, by the rules last received, until the note explains it", async () => {
    const monitor = await stage.open("sync");
    await monitor.setViewportSize({ width: 320, height: 1000 });
    await monitor.getByLabel("Токен доступу").fill(monitorToken);
    await monitor.getByRole("button", { name: "Під'єднатися" }).click();
    await monitor.getByTestId("connected").waitFor();
    await monitor.getByRole("button", { name: /Завантажити план громади/ }).click();
    await monitor.getByTestId("sync-now").waitFor();
    // Before any sync the pane knows no rules: Refresh says only what it read.
    await monitor.getByTestId("refresh").click();
    await expect.poll(() => monitor.getByTestId("status").first().textContent()).toBe("Аркуші відповідають плану.");
    expect(await monitor.getByTestId("refresh-quality").count()).toBe(0);
    // A sync reads the association's catalogue, and the pane keeps its rules.
    await monitor.getByTestId("sync-now").click();
    await monitor.getByTestId("sync-status").waitFor();
    await monitor.getByTestId("nav").selectOption("monitoring");
    await monitor.getByTestId("round-status").waitFor();
    await monitor.getByTestId("round-year").selectOption(String(YEAR));
    await expect.poll(() => monitor.getByTestId("round-status").textContent()).toBe("Раунд 2014: відкрито (версія 1)");

    // The store is out of reach from here on; every request the pane would make is counted.
    const requests: string[] = [];
    monitor.on("request", (r) => void (r.url().startsWith(STORE) && requests.push(r.url())));
    await monitor.route(`${STORE}/**`, (route) => route.abort("internetdisconnected"));

    const value = await cellUnder(monitor, String(YEAR));
    const note = await cellUnder(monitor, `Примітки комітету ${YEAR}`);
    await fake(monitor, `(f) => f.type('Показники', '${value}', 777)`);
    await monitor.getByTestId("refresh").click();
    const flagged = monitor.getByTestId("refresh-quality");
    await flagged.waitFor();
    const text = await flagged.textContent();
    expect(text).toContain("Правила якості асоціації позначили значень: 1; без пояснення ще: 1");
    expect(text).toMatch(/Правила асоціації станом на \d{2}\.\d{2}\.\d{4}/);
    expect(text).toContain("позначені значення не заважають зберігати план, лише подати раунд, поки їх не пояснено");
    expect(text).toContain(`Показники!${value}: LAWS: 777 — більше за максимум 500; перевірте значення або поясніть його в «Примітки комітету ${YEAR}»`);
    // A warning beside a Refresh that went through: the sheets were read.
    await expect(monitor.getByTestId("status").first().textContent()).resolves.toBe("Прочитано змін з аркушів: 1.");
    // At 320 px the list fits the pane: nothing sticks out to the side.
    const box = await flagged.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    await monitor.screenshot({ path: join(ARTIFACTS, "refresh-quality-320.png"), fullPage: true });
    await flagged.getByRole("button", { name: `Показники!${value}` }).click();
    await expect.poll(() => fake<string>(monitor, "(f) => f.selection")).toBe(`Показники!${value}`);
    expect(await flagged.count()).toBe(1);

    // Explained in the year's notes column: still shown, no longer asked for.
    await fake(monitor, `(f) => f.type('Показники', '${note}', 'Враховано проєкти з позачергової сесії')`);
    await monitor.getByTestId("refresh").click();
    await expect.poll(() => flagged.textContent()).toContain("кожне пояснено в примітці");
    expect(await flagged.textContent()).toContain("(пояснено в примітці)");
    expect(await flagged.textContent()).not.toContain("перевірте значення");
    expect(await flagged.textContent()).not.toContain("поки їх не пояснено");
    expect(requests).toEqual([]);
  }, 240_000);
});
