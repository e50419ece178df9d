import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../shared/api/client.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { ARTIFACTS, fakeExcel, indicatorCell, type PaneStage, stageCommunity, STORE } from "./browser.ts";

// The association's quality rules met by a committee member at 320 px in Ukrainian: the analyst's
// catalogue entry allows at most 500; the monitor types 777 for the open 2014 round, Submit stops and
// names the cell with go-to-cell, the monitor writes why in the year's notes column and submits — the
// Worker on a local D1 checks the same rule. Meanwhile the editor (through the API) enters a second
// linked value the rules flag, which the monitor's sheet does not hold yet: the submit's sync brings it,
// the Worker refuses the submit over it (422), and the pane names that cell too; once explained, the
// submit is taken. The association expects 2014 by 31 March 2015, and the monitor's section says so.
let stage: PaneStage;
let monitorToken: string;
let planId: string;
let editor: ReturnType<typeof createClient>;

const YEAR = 2014;
const NAME = amuPlan.indicators[0]!.name;
const SECOND = amuPlan.indicators[1]!;

beforeAll(async () => {
  let editorToken: string, communityId: string;
  ({ stage, editorToken, monitorToken, communityId } = await stageCommunity("Комітет з моніторингу"));
  const associationId = crypto.randomUUID();
  const at = new Date().toISOString();
  await stage.local.run([tenancy.association(associationId, "Асоціація громад", at), tenancy.membership(associationId, communityId)]);
  const analystToken = await stage.local.user("Аналітик асоціації", [["analyst", associationId]]);
  const client = (token: string) => createClient({ baseUrl: STORE, token, fetch: (url, init) => stage.local.fetch(url, init) });
  await client(analystToken).putCatalogueEntry(associationId, "LAWS", {
    nameUk: "Кількість розроблених законопроектів",
    nameEn: "Draft laws prepared",
    nameLt: "Parengti įstatymų projektai",
    unit: "кількість",
    direction: "increase",
    frequency: "annually",
    definition: "",
    rules: { min: 0, max: 500 },
    baseVersion: 0,
  });
  await client(analystToken).putCatalogueEntry(associationId, "ADOPTED", {
    nameUk: "Кількість прийнятих законів",
    nameEn: "Laws adopted",
    nameLt: "Priimti įstatymai",
    unit: "кількість",
    direction: "increase",
    frequency: "annually",
    definition: "",
    rules: { max: 10 },
    baseVersion: 0,
  });
  await client(analystToken).setDueDate(associationId, YEAR, "2015-03-31");
  // The community's plan, its first indicator linked to the entry; the editor opens the 2014 round.
  editor = client(editorToken);
  const document = {
    ...amuPlan,
    community: { ...amuPlan.community, id: communityId, name: "Новоукраїнська громада" },
    plan: { ...amuPlan.plan, communityId },
    indicators: amuPlan.indicators.map((i, k) => (k === 0 ? { ...i, code: "LAWS" } : k === 1 ? { ...i, code: "ADOPTED" } : i)),
  };
  planId = (await editor.createPlan({ clientId: "e2e-editor", document })).document.plan.id;
  await editor.roundStep(planId, YEAR, { action: "open", baseVersion: 0 });
}, 180_000);

afterAll(() => stage?.close());

const fake = fakeExcel;
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

const cellUnder = (page: Page, header: string, name = NAME) => indicatorCell(page, header, name);

describe("a committee member meets a flagged value", () => {
  it("is told which cell breaks the association's rule, goes to it, explains it in the note and submits", async () => {
    const monitor = await stage.open("sync");
    await monitor.setViewportSize({ width: 320, height: 1000 });
    await monitor.getByLabel("Токен доступу").fill(monitorToken);
    await monitor.getByRole("button", { name: "Під'єднатися" }).click();
    await monitor.getByTestId("connected").waitFor();
    await monitor.getByRole("button", { name: /Завантажити план громади/ }).click();
    await monitor.getByTestId("sync-now").waitFor();
    await monitor.getByTestId("nav").selectOption("monitoring");
    await monitor.getByTestId("round-status").waitFor();
    await monitor.getByTestId("round-year").selectOption(String(YEAR));
    await expect.poll(() => monitor.getByTestId("round-status").textContent()).toBe("Раунд 2014: відкрито (версія 1)");
    await expect
      .poll(() => monitor.getByTestId("round-due").textContent())
      .toBe("Асоціація очікує звіт моніторингу за 2014 рік до 31.03.2015 включно (до опівночі за київським часом).");

    const value = await cellUnder(monitor, String(YEAR));
    const note = await cellUnder(monitor, `Примітки комітету ${YEAR}`);
    await fake(monitor, `(f) => f.type('Показники', '${value}', 777)`);

    // Checking names the cell and the rule in Ukrainian, at the top of the pane.
    await monitor.getByTestId("quality-check").click();
    await expect.poll(() => monitor.getByTestId("status").last().textContent()).toMatch(/^Правила якості асоціації позначили значень: 1; без пояснення ще: 1/);
    await expect(monitor.getByTestId("problems").textContent()).resolves.toContain(`Показники!${value}`);
    await expect(monitor.getByTestId("problems").textContent()).resolves.toContain("LAWS: 777 — більше за максимум 500");

    // Submit stops before anything is sent, says what to do, and offers the cell.
    await monitor.getByTestId("round-submit").click();
    await expect.poll(() => monitor.getByTestId("error").last().textContent()).toContain("Позначені значення (1) треба пояснити, перш ніж подати раунд");
    await expect(monitor.getByTestId("error").last().textContent()).resolves.toContain(`«Примітки комітету ${YEAR}»`);
    const go = monitor.getByTestId("quality-go");
    await expect(go.textContent()).resolves.toBe(`Перейти до Показники!${value}`);
    // At 320 px the list fits the pane: nothing sticks out to the side.
    const box = await monitor.getByTestId("quality-unexplained").boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    await shot(monitor, "quality-unexplained-320");
    await go.click();
    await expect.poll(() => fake<string>(monitor, "(f) => f.selection")).toBe(`Показники!${value}`);
    expect(await monitor.getByTestId("round-status").textContent()).toBe("Раунд 2014: відкрито (версія 1)");

    // The explanation in the year's notes column. Meanwhile the editor enters 99 laws adopted (at most 10).
    await fake(monitor, `(f) => f.type('Показники', '${note}', 'Враховано проєкти з позачергової сесії')`);
    const entered = await editor.push(planId, {
      clientId: "e2e-editor",
      mutations: [
        {
          mutationId: crypto.randomUUID(),
          kind: "observations",
          entityId: crypto.randomUUID(),
          op: "upsert",
          baseVersion: 0,
          fields: { indicatorId: SECOND.id, period: { year: YEAR }, value: 99 },
        },
      ],
    });
    expect(entered.results[0]).toMatchObject({ status: "applied" });
    // The pane's own check passes (its sheet has no such value); the submit's sync brings it and the Worker
    // refuses: the pane names the cell the sync filled, as its own check does.
    await monitor.getByTestId("round-submit").click();
    await expect.poll(() => monitor.getByTestId("error").last().textContent()).toContain("Позначені значення (1) треба пояснити, перш ніж подати раунд");
    const second = await cellUnder(monitor, String(YEAR), SECOND.name);
    await expect(monitor.getByTestId("quality-go").textContent()).resolves.toBe(`Перейти до Показники!${second}`);
    expect(await monitor.getByTestId("round-status").textContent()).toBe("Раунд 2014: відкрито (версія 1)");
    await shot(monitor, "quality-refused-by-server-320");

    // Explained too, the submit goes through (the Worker checks it again).
    await fake(monitor, `(f) => f.type('Показники', '${await cellUnder(monitor, `Примітки комітету ${YEAR}`, SECOND.name)}', 'Дані Верховної Ради за рік')`);
    await monitor.getByTestId("round-submit").click();
    await expect.poll(() => monitor.getByTestId("round-status").textContent()).toBe("Раунд 2014: подано на розгляд (версія 2)");
    expect(await monitor.getByTestId("quality-unexplained").count()).toBe(0);
    await shot(monitor, "quality-submitted-320");
  }, 240_000);
});
