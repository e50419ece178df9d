import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../shared/api/client.ts";
import { LONG_COLUMN, templateTable } from "../../shared/export/long.ts";
import { toXlsx } from "../../shared/export/xlsx.ts";
import { columnLetter } from "../../shared/layout/cells.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { populationEntry } from "../support/catalogue-entry.ts";
import { memberPlan } from "../support/member-plan.ts";
import { memberWorkbook } from "../support/member-workbook.ts";
import { ARTIFACTS, type PaneStage, STORE, stagePane } from "./browser.ts";
import { axeViolations, outOfView, overflowing } from "./checks.ts";
import { atRest } from "./tour.ts";

// An association's analyst imports two members' files in the pane, in Ukrainian at 320 px, against the
// real Worker on a local D1: Альфа's MuniPlan workbook (two values typed into its sheet since MuniPlan
// wrote it) and the long-format template of a community outside the association with a bad cell.
let stage: PaneStage;
const associationId = crypto.randomUUID();
const alphaId = crypto.randomUUID();
const outsiderId = crypto.randomUUID();
let analystToken: string;
/** Альфа's plan as the server holds it: the workbook the member saved was loaded from it. */
let alpha: PlanDocument;

beforeAll(async () => {
  stage = await stagePane();
  const { local } = stage;
  const at = new Date().toISOString();
  await local.run([
    tenancy.association(associationId, "Асоціація громад Півночі", at),
    tenancy.community(alphaId, "Альфа", at),
    tenancy.membership(associationId, alphaId),
    tenancy.community(outsiderId, "Чужа громада", at),
  ]);
  analystToken = await local.user("Ірина Аналітик", [["analyst", associationId]]);
  const editorToken = await local.user("Олена Коваль", [["editor", alphaId]]);
  const client = (token: string) => createClient({ baseUrl: STORE, token, fetch: local.fetch });
  await client(analystToken).putCatalogueEntry(associationId, "POP", populationEntry());
  const doc = memberPlan(alphaId, { name: "Альфа", kind: "city", region: "Північ", values: { POP: { 2021: 10, 2022: 12, 2023: 14 } } }, { firstYear: 2021, lastYear: 2023 });
  alpha = (await client(await local.user("Адміністратор", [["admin", null]])).createPlan({ clientId: "e2e-seed", document: doc })).document;
  // An import writes a member's values by its monitoring committee's rules: the years' rounds are open.
  for (const year of [2021, 2022, 2023]) await client(editorToken).roundStep(alpha.plan.id, year, { action: "open", baseVersion: 0 });
}, 180_000);

afterAll(() => stage?.close());

/** Альфа's workbook: POP 2022 and 2023 typed over in the sheet (12 → 13, 14 → 15); 2021 as on the server. */
function alphaFile(): Uint8Array {
  const pop = alpha.indicators.find((i) => i.code === "POP")!;
  return memberWorkbook(alpha, {
    edit: (table) => {
      const row = table.rows.find((r) => r[0] === pop.id)!;
      row[table.header.indexOf("2022")] = 13;
      row[table.header.indexOf("2023")] = 15;
    },
  });
}

/** The template filled by a community that is no member: 2021 a number, 2022 a word where the number goes. */
function outsiderFile(): Uint8Array {
  const table = templateTable({ associationId, member: { communityId: outsiderId, territoryCode: null }, entries: [{ code: "POP", unit: "осіб" }], years: [2021, 2022] }, "uk");
  table.rows[0]![LONG_COLUMN.OBS_VALUE] = 900;
  table.rows[1]![LONG_COLUMN.OBS_VALUE] = "багато";
  return toXlsx(table);
}

const FILES = () => [
  { name: "Альфа.xlsx", bytes: alphaFile() },
  { name: "Чужа громада.xlsx", bytes: outsiderFile() },
];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Drops files on the drop zone as a browser does: a drop event whose DataTransfer holds them. */
async function drop(page: Page, files: { name: string; bytes: Uint8Array }[]) {
  const transfer = await page.evaluateHandle(
    ({ files, type }) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type }));
      return dt;
    },
    { files: files.map((f) => ({ name: f.name, bytes: [...f.bytes] })), type: XLSX },
  );
  await page.getByTestId("import-drop").dispatchEvent("drop", { dataTransfer: transfer });
}

const card = (page: Page, file: string) => page.getByTestId("import-file").filter({ hasText: file });
/** The intent a MessageBar shows, told by its colour: its background against the theme's status backgrounds. */
const intentOf = (bar: Locator) =>
  bar.evaluate((el) => {
    const background = (intent: string) => {
      const probe = el.appendChild(document.createElement("div"));
      probe.style.backgroundColor = `var(--colorStatus${intent}Background1)`;
      const colour = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return colour;
    };
    return ["Success", "Warning", "Danger"].find((intent) => background(intent) === getComputedStyle(el).backgroundColor);
  });
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const WAIT = { timeout: 60_000 };

describe("importing members' workbooks in the Compare section", () => {
  it("previews two dropped files with their problems by file, sheet and cell (checked again after a failed check), imports the good one, and a re-added file joins the list and changes nothing", async () => {
    const page = await stage.open("compare");
    await page.setViewportSize({ width: 320, height: 900 });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.getByLabel("Токен доступу").fill(analystToken);
    await page.getByRole("button", { name: "Під'єднатися" }).click();
    await page.getByTestId("compare-tab-import").click();
    await expect(page.getByTestId("import-choose").textContent()).resolves.toBe("Вибрати файли…");

    // The first check's request fails: the files stay listed, and are checked again without being dropped again.
    await page.route(`${STORE}/**/imports`, (route) => route.abort("internetdisconnected"), { times: 1 });
    await drop(page, FILES());
    const recheck = page.getByTestId("import-recheck");
    await recheck.waitFor(WAIT);
    expect(await page.getByTestId("error").textContent()).toContain("Сервер MuniPlan недоступний");
    expect(await page.getByTestId("import-file").count()).toBe(2);
    expect(await recheck.textContent()).toBe("Перевірити ще раз (2)");
    expect(await overflowing(page)).toEqual([]);
    await shot(page, "import-workbooks-check-failed-320-uk");
    await recheck.click();
    await page.getByTestId("import-verdict").nth(1).waitFor(WAIT);
    expect(await recheck.count()).toBe(0);
    const alphaCard = card(page, "Альфа.xlsx");
    const outsiderCard = card(page, "Чужа громада.xlsx");
    expect(await alphaCard.textContent()).toContain("Громада: Альфа (без коду території)");
    expect(await alphaCard.textContent()).toContain("Буде записано значень: 2 (показників: 1, роки 2022–2023); без змін: 1");
    expect(await alphaCard.getByTestId("import-verdict").textContent()).toBe("Буде імпортовано");
    // The bad cell named by file, sheet and cell (the template's OBS_VALUE of its second data row), and the server's refusal of the member.
    const badCell = `${columnLetter(LONG_COLUMN.OBS_VALUE)}3`;
    const problems = await outsiderCard.getByTestId("import-problems").locator("li").allTextContents();
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^Чужа громада\\.xlsx · Шаблон!${badCell}: 'багато' — не число.*цей рядок не імпортується$`)),
      "Чужа громада.xlsx: громада не є членом асоціації: перевірте файл або попросіть адміністратора додати громаду",
    ]);
    expect(await outsiderCard.getByTestId("import-verdict").textContent()).toBe("Не імпортується: виправте проблеми у файлі й додайте його ще раз");
    expect(await page.getByTestId("status").textContent()).toBe("Готові: 1; з проблемами: 1 (не імпортуються: виправте файл і додайте ще раз).");
    // A file held back is worth a look: the outcome is a warning, not a success.
    expect(await intentOf(page.getByTestId("status"))).toBe("Warning");
    expect(await outsiderCard.textContent()).toContain("Значень у файлі: 1");
    expect(await overflowing(page)).toEqual([]);
    await atRest(page);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "import-workbooks-preview-320-uk");

    await page.getByTestId("import-run").click();
    await alphaCard.getByTestId("import-result").waitFor(WAIT);
    expect(await alphaCard.getByTestId("import-result").textContent()).toBe("Записано: 2, без змін: 1");
    // Written: the forecast is gone, and Import has nothing left to send.
    expect(await alphaCard.textContent()).not.toContain("Буде записано");
    expect(await page.getByTestId("import-run").textContent()).toBe("Імпортувати файли (0)");
    expect(await page.getByTestId("import-run").isDisabled()).toBe(true);
    const done = page.getByTestId("status").last();
    expect(await done.textContent()).toBe("Імпортовано файлів: 1; записано значень: 2. Не імпортовано файлів із проблемами: 1 (див. під кожним).");
    expect(await intentOf(done)).toBe("Warning");
    expect(await outOfView(done)).toBeUndefined();
    expect(await overflowing(page)).toEqual([]);
    await shot(page, "import-workbooks-imported-320-uk");

    // The values are the member's now, as the comparison reads them.
    const stored = await createClient({ baseUrl: STORE, token: analystToken, fetch: stage.local.fetch }).comparison(associationId, { codes: ["POP"], from: 2021, to: 2023 });
    expect(stored.indicators[0]!.rows.find((r) => r.communityId === alphaId)!.values).toEqual([10, 13, 15]);

    // Альфа's file again, chosen from the keyboard this time (the button opens the file chooser): it replaces
    // its earlier read, the other file stays with what was said of it, and there is nothing new to write.
    const chooser = page.waitForEvent("filechooser");
    await page.getByTestId("import-choose").focus();
    await page.keyboard.press("Enter");
    await (await chooser).setFiles(FILES().slice(0, 1).map((f) => ({ name: f.name, mimeType: XLSX, buffer: Buffer.from(f.bytes) })));
    await expect.poll(() => card(page, "Альфа.xlsx").textContent(), WAIT).toContain("Нічого нового: усі значення (3) вже є на сервері");
    expect(await page.getByTestId("import-file").count()).toBe(2);
    expect(await outsiderCard.getByTestId("import-problems").locator("li").count()).toBe(2);
    expect(await page.getByTestId("status").textContent()).toBe("Готові: 1; з проблемами: 1 (не імпортуються: виправте файл і додайте ще раз).");
    // The outsider's file taken off the list: nothing is held back any more.
    await page.getByRole("button", { name: "Прибрати Чужа громада.xlsx зі списку" }).click();
    expect(await page.getByTestId("import-file").count()).toBe(1);
    expect(await page.getByTestId("status").textContent()).toBe("Готові: 1. Перегляньте кожен файл і імпортуйте.");
    expect(await intentOf(page.getByTestId("status"))).toBe("Success");
    await page.getByTestId("import-run").click();
    await card(page, "Альфа.xlsx").getByTestId("import-result").waitFor(WAIT);
    expect(await card(page, "Альфа.xlsx").getByTestId("import-result").textContent()).toBe("Нічого не змінилося: на сервері вже є ці значення");
    expect(await page.getByTestId("status").last().textContent()).toBe("Нічого не змінилося: на сервері вже є ці значення");
    expect(await intentOf(page.getByTestId("status").last())).toBe("Success");
    await atRest(page);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "import-workbooks-again-320-uk");
    expect(errors).toEqual([]);
  });
});
