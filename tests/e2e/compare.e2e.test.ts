import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createClient } from "../../shared/api/client.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import type { ChartData } from "../support/fake-excel.ts";
import { type MemberSpec, memberPlan } from "../support/member-plan.ts";
import { ARTIFACTS, type PaneStage, stagePane, STORE } from "./browser.ts";

// An association's analyst compares the members in a workbook with no plan: the pane fetches from the
// real worker on a local D1 (routed to it in this process) and writes the sheets into the fake Excel.
let stage: PaneStage;

const PERIOD = { firstYear: 2021, lastYear: 2027 };

// Every statistic the test asserts is worked out beside it (QUARTILE.INC and RANK.EQ, as the Worker computes them).
const MEMBERS: MemberSpec[] = [
  { name: "Альфа", kind: "city", region: "Північ", population: 1000, values: { POP: { 2021: 10, 2022: 12, 2023: 14 }, WASTE: { 2023: 3 } } },
  { name: "Бета", kind: "city", region: "Північ", population: 2000, values: { POP: { 2021: 20, 2022: 22, 2023: 25 }, WASTE: { 2023: 2 } } },
  { name: "Гамма", kind: "village", region: "Південь", population: 4000, values: { POP: { 2021: 30, 2022: 28, 2023: null } } },
  { name: "Дельта", kind: "town", region: "Південь", values: { POP: { 2022: 40, 2023: 40 } } },
  { name: "Епсилон", kind: "city", region: "Схід" },
];

const associationId = crypto.randomUUID();
/** A second association of the analyst's, so picking one is a real choice. */
const otherAssociationId = crypto.randomUUID();
const communityIds = MEMBERS.map(() => crypto.randomUUID());
/** Альфа's official territory code (of KATOTTH's shape); the other members have none yet. */
const ALPHA_CODE = "UA05020030000063857";
let analystToken: string;
/** An editor of Бета's, who sees Бета's position and nothing of the other members. */
let editorToken: string;
let admin: ApiClient;
/** Альфа's plan on the server and its 2023 POP value, which the test changes through the API. */
let alpha: { planId: string; observationId: string };

beforeAll(async () => {
  stage = await stagePane();
  const { local } = stage;
  const at = new Date().toISOString();
  await local.run([
    tenancy.association(associationId, "Асоціація громад Півночі", at),
    tenancy.association(otherAssociationId, "Асоціація громад Півдня", at),
    ...MEMBERS.flatMap((m, i) => [tenancy.community(communityIds[i]!, m.name, at), tenancy.membership(associationId, communityIds[i]!)]),
    tenancy.territoryCode(communityIds[0]!, ALPHA_CODE),
  ]);
  analystToken = await local.user("Ірина Аналітик", [
    ["analyst", associationId],
    ["analyst", otherAssociationId],
  ]);
  editorToken = await local.user("Богдан Редактор", [["editor", communityIds[1]!]]);
  const analyst = createClient({ baseUrl: STORE, token: analystToken, fetch: stage.local.fetch });
  admin = createClient({ baseUrl: STORE, token: await local.user("Адміністратор", [["admin", null]]), fetch: stage.local.fetch });
  // POP comes back to the members as their position; WASTE stays with the analysts.
  for (const [code, direction, sharing] of [
    ["POP", "increase", "position"],
    ["WASTE", "decrease", "analysts"],
  ] as const) {
    await analyst.putCatalogueEntry(associationId, code, {
      nameUk: `Показник ${code}`,
      nameEn: `Indicator ${code}`,
      unit: "од.",
      direction,
      frequency: "annually",
      definition: "",
      sharing,
      baseVersion: 0,
    });
  }
  for (const [i, spec] of MEMBERS.entries()) {
    if (!spec.values) continue;
    const snapshot = await admin.createPlan({ clientId: "e2e-seed", document: memberPlan(communityIds[i]!, spec, PERIOD) });
    if (i === 0) {
      const pop = snapshot.document.indicators.find((x) => x.code === "POP")!;
      alpha = {
        planId: snapshot.document.plan.id,
        observationId: snapshot.document.observations.find((o) => o.indicatorId === pop.id && o.period.year === 2023)!.id,
      };
    }
  }
}, 180_000);

afterAll(() => stage?.close());

async function workbook(section: string): Promise<Page> {
  return stage.open(section);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const fake = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;
const sheetValues = (page: Page, sheet: string) => fake<(string | number)[][]>(page, `(f) => f.sheet(${JSON.stringify(sheet)}) ? f.values(${JSON.stringify(sheet)}) : []`);
/** The sheet's row whose first cell is `label` (a member's name, a statistic's). */
const rowOf = async (page: Page, sheet: string, label: string) => (await sheetValues(page, sheet)).find((r) => r[0] === label);
const charts = (page: Page, sheet: string) => fake<ChartData[]>(page, `(f) => f.sheet(${JSON.stringify(sheet)})?.charts ?? []`);
/** What the pane shows after an action: its error if it has one, else its result. */
const paneSays = (page: Page) =>
  page.evaluate(() => (document.querySelector('[data-testid="error"]') ?? document.querySelector('[data-testid="status"]'))?.textContent ?? "");
// Generous: a wait ends as soon as the pane shows the answer; only a pane that never does fails it.
const WAIT = { timeout: 60_000 };

describe("comparing the association's members in the pane", () => {
  it("builds the comparison with its chart, refreshes it after a member's value changes, and builds the completeness sheet", async () => {
    const page = await workbook("compare");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.getByLabel("Токен доступу").fill(analystToken);
    await page.getByRole("button", { name: "Під'єднатися" }).click();
    await expect(page.getByTestId("compare-connected").textContent()).resolves.toContain("Ірина Аналітик");
    await page.getByLabel("Асоціація").selectOption({ label: "Асоціація громад Півночі (членів: 5)" });
    await page.getByRole("checkbox", { name: "POP — Показник POP (од.)" }).check();
    await page.getByLabel("З року", { exact: true }).fill("2021");
    await page.getByLabel("До року", { exact: true }).fill("2023");
    await page.getByRole("button", { name: "Побудувати порівняння" }).click();
    await expect.poll(() => paneSays(page), WAIT).toBe("Аркуш «Порівняння»: громад — 5, показників — 1.");

    // The members' official codes, each under its member's name, found by name or by code.
    const codes = page.getByTestId("territory-codes");
    await expect(codes.textContent()).resolves.toContain("Офіційний код (КАТОТТГ або код литовського самоврядування) мають 1 з 5 громад.");
    await expect(codes.textContent()).resolves.toContain("Ще без коду: 4.");
    await codes.getByLabel("Знайти громаду за назвою чи кодом").fill("ua0502");
    await expect.poll(() => codes.locator("li").allTextContents(), WAIT).toEqual([`Альфа${ALPHA_CODE}`]);
    await codes.getByLabel("Знайти громаду за назвою чи кодом").fill("Бета");
    await expect.poll(() => codes.locator("li").allTextContents(), WAIT).toEqual(["Бетакоду ще немає"]);

    // The name, its territory code, values per year, then the last year's rank and quartile. 2023: 14, 25, 40 (Гамма's is empty,
    // Епсилон has no plan) → Q1 = 19.5, median 25, Q3 = 32.5; Дельта ranks 1, Бета 2, Альфа 3 (below Q1: quartile 4).
    expect(await rowOf(page, "Порівняння", "Альфа")).toEqual(["Альфа", ALPHA_CODE, "Північ", "Місто", 1000, 10, 12, 14, 3, 4]);
    expect(await rowOf(page, "Порівняння", "Дельта")).toEqual(["Дельта", "", "Південь", "Містечко", "", "", 40, 40, 1, 1]);
    expect(await rowOf(page, "Порівняння", "Гамма")).toEqual(["Гамма", "", "Південь", "Село", 4000, 30, 28, "", "", ""]);
    expect(await rowOf(page, "Порівняння", "Епсилон")).toEqual(["Епсилон", "", "", "", "", "", "", "", "", ""]);
    // 2022: 12, 22, 28, 40 → median at h = 1.5: 22 + 0.5·6 = 25.
    expect(await rowOf(page, "Порівняння", "Медіана")).toEqual(["Медіана", "", "", "", "", 20, 25, 25, "", ""]);
    expect(await rowOf(page, "Порівняння", "Нижній квартиль (Q1)")).toEqual(["Нижній квартиль (Q1)", "", "", "", "", 15, 19.5, 19.5, "", ""]);

    // The line chart draws the median and quartiles over the year columns; the median row is the one above.
    const values = await sheetValues(page, "Порівняння");
    const medianRow = values.findIndex((r) => r[0] === "Медіана") + 1;
    const [chart] = await charts(page, "Порівняння");
    expect(chart).toMatchObject({ type: "Line", title: "Показник POP, од.: 2021–2023" });
    expect(chart!.series.map((s) => [s.name, s.values])).toEqual([
      ["Медіана", `Порівняння!F${medianRow}:H${medianRow}`],
      ["Нижній квартиль (Q1)", `Порівняння!F${medianRow + 1}:H${medianRow + 1}`],
      ["Верхній квартиль (Q3)", `Порівняння!F${medianRow + 2}:H${medianRow + 2}`],
    ]);
    await shot(page, "20-compare-built");

    // The first build lists the members, a member with a territory code by name and code, found by either:
    // Бета is picked for the chart and the sheet rebuilt in place.
    const picker = page.getByRole("group", { name: "Громади на лінійній діаграмі (не більше 10)" });
    await picker.getByLabel("Знайти громаду").fill("ua0502");
    await expect.poll(() => picker.getByRole("checkbox").count(), WAIT).toBe(1);
    await expect(picker.getByRole("checkbox", { name: `Альфа · ${ALPHA_CODE}`, exact: true }).count()).resolves.toBe(1);
    await picker.getByLabel("Знайти громаду").fill("");
    await picker.getByRole("checkbox", { name: "Бета" }).check();
    await page.getByRole("button", { name: "Побудувати порівняння" }).click();
    const betaRow = values.findIndex((r) => r[0] === "Бета") + 1;
    await expect
      .poll(async () => (await charts(page, "Порівняння")).map((c) => c.series.map((s) => [s.name, s.values])), WAIT)
      .toEqual([
        [
          ["Медіана", `Порівняння!F${medianRow}:H${medianRow}`],
          ["Нижній квартиль (Q1)", `Порівняння!F${medianRow + 1}:H${medianRow + 1}`],
          ["Верхній квартиль (Q3)", `Порівняння!F${medianRow + 2}:H${medianRow + 2}`],
          ["Бета", `Порівняння!F${betaRow}:H${betaRow}`],
        ],
      ]);
    expect(await fake<string[]>(page, "(f) => f.sheets.map((s) => s.name)")).toEqual(["Порівняння"]);
    await shot(page, "21-compare-chart-community");

    // Альфа's 2023 value changes on the server; Refresh asks again: 25, 40, 50 → Альфа ranks 1, median 40.
    const pushed = await admin.push(alpha.planId, {
      clientId: "e2e-editor",
      mutations: [{ mutationId: crypto.randomUUID(), kind: "observations", entityId: alpha.observationId, op: "upsert", baseVersion: 1, fields: { value: 50 } }],
    });
    expect(pushed.results.map((r) => r.status)).toEqual(["applied"]);
    await page.getByRole("button", { name: "Оновити порівняння" }).click();
    await expect.poll(async () => (await rowOf(page, "Порівняння", "Альфа"))?.slice(5), WAIT).toEqual([10, 12, 50, 1, 1]);
    expect((await rowOf(page, "Порівняння", "Медіана"))?.[7]).toBe(40);
    expect((await rowOf(page, "Порівняння", "Бета"))?.slice(7)).toEqual([25, 3, 4]);
    await expect.poll(() => paneSays(page), WAIT).toBe("Аркуш «Порівняння»: громад — 5, показників — 1.");
    await shot(page, "22-compare-refreshed");

    // Completeness for 2023, every active catalogue entry: Гамма has POP in its plan without the value.
    await page.getByTestId("compare-tab-completeness").click();
    await page.getByLabel("Звітний рік").fill("2023");
    await page.getByRole("button", { name: "Побудувати аркуш повноти" }).click();
    await expect.poll(() => paneSays(page), WAIT).toBe("Аркуш «Повнота»: громад — 5.");
    const completeness = async (name: string) => {
      const [header, ...rows] = await sheetValues(page, "Повнота");
      const row = rows.find((r) => r[0] === name);
      return row && Object.fromEntries(header!.map((h, i) => [h, row[i]]));
    };
    expect(await completeness("Гамма")).toMatchObject({
      "Є план": "так",
      "Моніторинг 2023": "не відкрито",
      "Показник POP (POP)": "порожньо",
      "Показник WASTE (WASTE)": "немає в плані",
      "Заповнено за 2023": 0,
    });
    expect(await completeness("Альфа")).toMatchObject({ "Код території": ALPHA_CODE, "Показник POP (POP)": "заповнено", "Показник WASTE (WASTE)": "заповнено", "Заповнено за 2023": 2 });
    expect(await completeness("Епсилон")).toMatchObject({ "Є план": "ні", "Показник POP (POP)": "немає в плані", "Показник WASTE (WASTE)": "немає в плані" });
    await shot(page, "23-compare-completeness");

    // The year is complete: the analyst publishes it, and members' positions for 2023 come from this release.
    const release = page.getByTestId("release");
    await expect(release.getByTestId("release-status").textContent()).resolves.toBe("2023 рік ще не оприлюднено: громади не бачать за нього свого місця.");
    await release.getByRole("button", { name: "Оприлюднити 2023 рік" }).click();
    await expect.poll(() => release.getByTestId("release-status").textContent(), WAIT).toMatch(/^2023 рік: випуск 1, оприлюднено /);
    expect((await admin.releases(associationId, 2023)).releases.map((r) => [r.number, r.publishedBy.name])).toEqual([[1, "Ірина Аналітик"]]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("shows a member's editor the community's own position for the indicators shared back, and no other member's value", async () => {
    // Positions come only from a release: 2022 is published (as the analyst's pane does), 2021 never is.
    const release = await admin.publishRelease(associationId, 2022);
    const page = await workbook("sync");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.getByLabel("Токен доступу").fill(editorToken);
    await page.getByRole("button", { name: "Під'єднатися" }).click();
    await expect(page.getByTestId("connected").textContent()).resolves.toContain("Богдан Редактор");
    await page.getByRole("button", { name: "Завантажити план громади Бета у цю книгу" }).click();
    const panel = page.getByTestId("position");
    await panel.getByLabel("Рік для порівняння").fill("2022");
    await panel.getByRole("button", { name: "Показати місце" }).click();
    const table = page.getByTestId("position-table");
    await table.waitFor();
    // 2022: 12, 22, 28, 40 → Бета's 22 ranks 3 of 4; Q1 = 19.5 ≤ 22 < median 25: quartile 3. Four values are
    // too few for a member to see the median and quartiles (its own and the median would give another's).
    // WASTE is the analysts' only.
    expect(await table.locator("tr").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)))).toEqual([
      ["Показник", "Наше значення", "Ранг", "Квартиль", "Медіана", "Q1 – Q3"],
      ["Показник POP, од.", "22", "3 з 4", "3", "—", "—"],
    ]);
    await expect(panel.textContent()).resolves.toContain("Асоціація 1, 2022 рік.");
    await expect(panel.getByTestId("position-release").textContent()).resolves.toMatch(new RegExp(`^З випуску асоціації № ${release.number}, оприлюдненого `));
    // Neither another member's name nor its value (Гамма's 28, Дельта's 40) reaches the pane.
    const text = await page.locator("body").textContent();
    for (const other of ["Альфа", "Гамма", "Дельта", "Епсилон"]) expect(text).not.toContain(other);
    expect(await table.textContent()).not.toMatch(/28|40/);
    await shot(page, "24-member-position");

    // A year the association has not published: the panel says so and what happens next, and shows no table.
    await panel.getByLabel("Рік для порівняння").fill("2021");
    await panel.getByRole("button", { name: "Показати місце" }).click();
    await expect.poll(() => panel.getByTestId("position-release").textContent(), WAIT).toMatch(/^Асоціація ще не оприлюднила дані за 2021 рік\./);
    expect(await page.getByTestId("position-table").count()).toBe(0);

    // Something that is no year is refused in the panel's own message bar, before the store is asked.
    await panel.getByLabel("Рік для порівняння").fill("20");
    await panel.getByRole("button", { name: "Показати місце" }).click();
    await expect(page.getByTestId("position-error").textContent()).resolves.toBe("«Рік для порівняння» має бути роком, наприклад 2014");
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("lets the analyst add a catalogue entry, change its English name, retire it after a conflict, and offers it in the comparison as retired", async () => {
    const analyst = createClient({ baseUrl: STORE, token: analystToken, fetch: stage.local.fetch });
    const stored = async () => (await analyst.catalogue(otherAssociationId)).entries.find((e) => e.code === "EDU.2");
    const page = await workbook("compare");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.getByLabel("Токен доступу").fill(analystToken);
    await page.getByRole("button", { name: "Під'єднатися" }).click();
    await expect.poll(() => page.getByTestId("compare-connected").textContent(), WAIT).toContain("Ірина Аналітик");
    await page.getByLabel("Асоціація").selectOption({ label: "Асоціація громад Півдня (членів: 0)" });
    await page.getByTestId("compare-tab-catalogue").click();
    await expect.poll(() => page.getByTestId("curate").textContent(), WAIT).toContain("У каталозі асоціації ще немає показників.");

    // A code the contract refuses is refused in the pane, the field named, before the store is asked.
    await page.getByRole("button", { name: "Новий показник" }).click();
    await page.getByLabel("Код", { exact: true }).fill("edu 2");
    await page.getByLabel("Назва українською").fill("Охоплення дошкільною освітою");
    await page.getByLabel("Назва англійською").fill("Preschool enrolment");
    await page.getByLabel("Одиниця виміру").fill("%");
    await page.getByRole("radio", { name: /Кожна громада — своє місце/ }).check();
    await page.getByRole("button", { name: "Додати до каталогу" }).click();
    // In the user's words, the field named; the contract's English only behind "details".
    await expect.poll(() => page.getByTestId("error").textContent(), WAIT).toContain("Значення «Код у каталозі» не прийнято");
    expect(await stored()).toBeUndefined();

    await page.getByLabel("Код", { exact: true }).fill("EDU.2");
    await page.getByRole("button", { name: "Додати до каталогу" }).click();
    await expect.poll(() => page.getByTestId("status").textContent(), WAIT).toBe("EDU.2 додано до каталогу.");
    const row = page.getByTestId("curate-entry-EDU.2");
    await expect.poll(() => row.textContent(), WAIT).toContain("EDU.2 Охоплення дошкільною освітою · % · Зростання · Щорічно · Кожна громада — своє місце · чинний");
    expect(await stored()).toMatchObject({ nameEn: "Preschool enrolment", unit: "%", sharing: "position", status: "active", version: 1 });

    // Editing sends the entry's version; the code stays as it is.
    await page.getByRole("button", { name: "Змінити EDU.2" }).click();
    expect(await page.getByLabel("Код", { exact: true }).isDisabled()).toBe(true);
    await page.getByLabel("Назва англійською").fill("Preschool enrolment rate");
    await shot(page, "25-compare-catalogue-edit");
    await page.getByRole("button", { name: "Зберегти" }).click();
    await expect.poll(() => page.getByTestId("status").textContent(), WAIT).toBe("EDU.2 збережено (версія 2).");
    expect(await stored()).toMatchObject({ nameEn: "Preschool enrolment rate", sharing: "position", status: "active", version: 2 });

    // Someone else changes the entry meanwhile: the pane's retire at version 2 is refused and the entry reloaded.
    await analyst.putCatalogueEntry(otherAssociationId, "EDU.2", {
      nameUk: "Охоплення дітей дошкільною освітою",
      nameEn: "Preschool enrolment rate",
      unit: "%",
      direction: "increase",
      frequency: "annually",
      definition: "",
      sharing: "position",
      baseVersion: 2,
    });
    await page.getByRole("button", { name: "Вивести з каталогу EDU.2" }).click();
    await page.getByTestId("curate-confirm").getByRole("button", { name: "Вивести з каталогу", exact: true }).click();
    await expect.poll(() => page.getByTestId("error").textContent(), WAIT).toContain("Тим часом це змінив хтось інший");
    await expect.poll(() => row.textContent(), WAIT).toContain("EDU.2 Охоплення дітей дошкільною освітою");
    expect((await stored())?.status).toBe("active");

    await page.getByRole("button", { name: "Вивести з каталогу EDU.2" }).click();
    await page.getByTestId("curate-confirm").getByRole("button", { name: "Вивести з каталогу", exact: true }).click();
    await expect.poll(() => page.getByTestId("status").textContent(), WAIT).toBe("EDU.2 виведено з каталогу.");
    await expect.poll(() => row.textContent(), WAIT).toContain("· виведено з каталогу");
    await expect.poll(() => row.getByRole("button", { name: "Повернути до каталогу EDU.2" }).isVisible(), WAIT).toBe(true);
    expect(await stored()).toMatchObject({ status: "retired", version: 4 });
    await shot(page, "26-compare-catalogue-retired");

    // The Comparison tab offers the same list, the entry marked retired.
    await page.getByTestId("compare-tab-comparison").click();
    await expect.poll(() => page.getByRole("checkbox", { name: "EDU.2 — Охоплення дітей дошкільною освітою (%) — виведено з каталогу" }).isVisible(), WAIT).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
