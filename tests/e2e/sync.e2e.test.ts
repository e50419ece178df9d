import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { ARTIFACTS, type PaneStage, stagePane } from "./browser.ts";

// Two workbooks (two Chromium pages, each with its own fake Excel host) sync one plan through the
// real worker on a local D1; the pages' requests to the store are routed to it in this process.
let stage: PaneStage;
let communityId: string;
let editorToken: string;

beforeAll(async () => {
  stage = await stagePane();
  const { local } = stage;
  communityId = crypto.randomUUID();
  await local.run([tenancy.community(communityId, "Новоукраїнська громада", new Date().toISOString())]);
  editorToken = await local.user("Олена Коваль", [["editor", communityId]]);
}, 180_000);

afterAll(() => stage?.close());

async function workbook(): Promise<Page> {
  return stage.open("sync");
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const fake = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;
const riskText = (page: Page, row: number) => fake<string>(page, `(f) => f.values('Ризики')[${row - 1}][2]`);

async function connect(page: Page) {
  await page.getByTestId("nav").selectOption("sync");
  await page.getByLabel("Токен доступу").fill(editorToken);
  await page.getByRole("button", { name: "Під'єднатися" }).click();
  await expect(page.getByTestId("connected").textContent()).resolves.toContain("Олена Коваль");
}

async function syncNow(page: Page) {
  const hadStatus = await page.getByTestId("sync-status").isVisible();
  await page.getByTestId("sync-now").click();
  if (hadStatus) await page.getByTestId("sync-status").waitFor({ state: "detached" });
  const preview = page.getByTestId("preview");
  const status = page.getByTestId("sync-status");
  await Promise.race([preview.waitFor(), status.waitFor()]);
  if (await preview.isVisible()) await page.getByRole("button", { name: "Надіслати" }).click();
  await page.getByTestId("sync-status").waitFor();
  return page.getByTestId("sync-status").textContent();
}

describe("syncing in the pane", () => {
  it("sends a plan from one workbook, loads it in another, carries edits both ways and resolves a conflict", async () => {
    const a = await workbook();
    await a.getByTestId("nav").selectOption("plan");
    await a.getByRole("button", { name: "Почати з прикладу (стратегія АМУ 2013–2015)" }).click();
    await a.getByTestId("status").waitFor();
    await connect(a);
    await a.getByRole("button", { name: /Надіслати план цієї книги/ }).click();
    await a.getByTestId("sync-now").waitFor();
    await shot(a, "10-sync-linked");

    const b = await workbook();
    await connect(b);
    await b.getByRole("button", { name: /Завантажити план громади/ }).click();
    await b.getByTestId("sync-now").waitFor();
    expect(await fake<string[]>(b, "(f) => f.sheets.map((s) => s.name)")).toContain("Ризики");
    expect(await riskText(b, 2)).toBe(await riskText(a, 2));

    // A edits a cell and syncs: the pane shows what will go up before sending.
    await fake(a, "(f) => f.type('Ризики', 'C2', 'Брак потреби у плануванні (редакція A)')");
    await a.getByTestId("sync-now").click();
    await expect(a.getByTestId("preview").textContent()).resolves.toMatch(/Буде надіслано змін: 1.*Ризики.*1 змінених/);
    await shot(a, "11-sync-preview");
    await a.getByRole("button", { name: "Надіслати" }).click();
    await expect(a.getByTestId("sync-status").textContent()).resolves.toContain("Надіслано змін: 1, отримано: 0, конфліктів: 0");
    await expect(syncNow(b)).resolves.toContain("Надіслано змін: 0, отримано: 1, конфліктів: 0");
    expect(await riskText(b, 2)).toBe("Брак потреби у плануванні (редакція A)");

    // Both edit the same cell: B sees a conflict with both values and takes the server's.
    await fake(a, "(f) => f.type('Ризики', 'C3', 'Версія A')");
    await fake(b, "(f) => f.type('Ризики', 'C3', 'Версія B')");
    await syncNow(a);
    await expect(syncNow(b)).resolves.toContain("конфліктів: 1");
    const conflicts = b.getByTestId("conflicts");
    await expect(conflicts.textContent()).resolves.toContain("РизикВерсія BВерсія A"); // field header, then here and server
    await expect(conflicts.textContent()).resolves.toContain("Олена Коваль");
    expect(await riskText(b, 3)).toBe("Версія B");
    await shot(b, "12-sync-conflict");
    await b.getByRole("button", { name: "Взяти з сервера" }).click();
    await expect.poll(() => riskText(b, 3)).toBe("Версія A");
    expect(await b.getByTestId("conflicts").count()).toBe(0);
    await shot(b, "13-sync-resolved");
  }, 180_000);
});
