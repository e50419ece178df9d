import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../shared/api/client.ts";
import { LONG_COLUMN, LONG_COLUMNS } from "../../shared/export/long.ts";
import type { ExportCell } from "../../shared/export/table.ts";
import { toXlsx } from "../../shared/export/xlsx.ts";
import { readXlsx } from "../../shared/import/xlsx.ts";
import { KATOTTH_EXAMPLE, TerritoryCode } from "../../shared/model/territory.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { populationEntry } from "../support/catalogue-entry.ts";
import { readCsv } from "../support/csv.ts";
import { memberPlan } from "../support/member-plan.ts";
import { ARTIFACTS, type PaneStage, STORE, stagePane } from "./browser.ts";
import { axeViolations, outOfView, overflowing } from "./checks.ts";
import { atRest } from "./tour.ts";

// The pane's downloads, in Ukrainian at 320 px against the real Worker on a local D1: an analyst downloads
// the association's long export (CSV), then a member's blank template (.xlsx) from the Import tab; one
// value is typed into the template as a member without the add-in would, the file is imported, and the
// value is in the long export downloaded again.
let stage: PaneStage;
const associationId = crypto.randomUUID();
const alphaId = crypto.randomUUID();
const betaId = crypto.randomUUID();
let analystToken: string;

beforeAll(async () => {
  stage = await stagePane();
  const { local } = stage;
  const at = new Date().toISOString();
  await local.run([
    tenancy.association(associationId, "Асоціація громад Півночі", at),
    tenancy.community(alphaId, "Альфа", at),
    tenancy.membership(associationId, alphaId),
    tenancy.territoryCode(alphaId, TerritoryCode.parse(KATOTTH_EXAMPLE)),
    tenancy.community(betaId, "Бета", at),
    tenancy.membership(associationId, betaId),
  ]);
  analystToken = await local.user("Ірина Аналітик", [["analyst", associationId]]);
  const editorToken = await local.user("Олена Коваль", [["editor", alphaId]]);
  const client = (token: string) => createClient({ baseUrl: STORE, token, fetch: local.fetch });
  await client(analystToken).putCatalogueEntry(associationId, "POP", populationEntry());
  const doc = memberPlan(alphaId, { name: "Альфа", kind: "city", region: "Північ", values: { POP: { 2021: 10, 2022: 12 } } }, { firstYear: 2021, lastYear: 2023 });
  const plan = (await client(await local.user("Адміністратор", [["admin", null]])).createPlan({ clientId: "e2e-seed", document: doc })).document;
  // An import writes a member's values by its monitoring committee's rules: the year's round is open.
  await client(editorToken).roundStep(plan.plan.id, 2023, { action: "open", baseVersion: 0 });
}, 180_000);

afterAll(() => stage?.close());

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const WAIT = { timeout: 60_000 };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The file a click saves, as the browser's download hands it over. */
async function downloaded(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const started = page.waitForEvent("download", WAIT);
  await page.getByTestId(button).click();
  const download = await started;
  return { download, bytes: readFileSync((await download.path())!) };
}

/** The long export's rows as "REF_AREA INDICATOR TIME_PERIOD OBS_VALUE OBS_STATUS". */
const observations = (csv: Buffer) =>
  readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv))
    .slice(1)
    .map((r) => [LONG_COLUMN.REF_AREA, LONG_COLUMN.INDICATOR, LONG_COLUMN.TIME_PERIOD, LONG_COLUMN.OBS_VALUE, LONG_COLUMN.OBS_STATUS].map((c) => r[c]).join(" "));

describe("the pane's open-data downloads", () => {
  it("downloads the long export and a member's template, and a value typed into the template comes back through the import", async () => {
    const page = await stage.open("compare");
    await page.setViewportSize({ width: 320, height: 900 });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.getByLabel("Токен доступу").fill(analystToken);
    await page.getByRole("button", { name: "Під'єднатися" }).click();

    // The long export, from the Comparison tab: SDMX-CSV columns, Альфа by its territory code.
    const before = await downloaded(page, "long-export-csv");
    expect(before.download.suggestedFilename()).toMatch(/^observations.*\.csv$/);
    expect(readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(before.bytes))[0]).toEqual([...LONG_COLUMNS]);
    expect(observations(before.bytes)).toEqual(expect.arrayContaining([`${KATOTTH_EXAMPLE} POP 2021 10 A`, `${KATOTTH_EXAMPLE} POP 2022 12 A`]));
    expect(observations(before.bytes).filter((r) => r.includes(" 2023 "))).toEqual([]);
    const saved = page.getByTestId("long-export").getByTestId("status");
    expect(await saved.textContent()).toMatch(/^Збережено observations.*\.csv \([\d,]+ КБ\): шукайте в теці завантажень\.$/);
    expect(await overflowing(page)).toEqual([]);

    // A blank template for Альфа, 2023, found by its code among the association's members.
    await page.getByTestId("compare-tab-import").click();
    await page.getByTestId("import-template-open").click();
    const find = page.getByLabel("Громада для шаблону (назва або код)");
    await find.waitFor(WAIT);
    expect(await page.getByRole("radiogroup", { name: "Громада" }).getByRole("radio").count()).toBe(2);
    await find.fill(KATOTTH_EXAMPLE.slice(0, 6));
    await page.getByRole("radio", { name: `Альфа · ${KATOTTH_EXAMPLE}` }).check();
    expect(await page.getByRole("radio").count()).toBe(1);
    await page.getByLabel("Перший рік шаблону").fill("2023");
    await page.getByLabel("Останній рік шаблону").fill("2023");
    const template = await downloaded(page, "import-template-xlsx");
    // The server's name for it, which the pane reads across origins (the Worker exposes Content-Disposition).
    expect(template.download.suggestedFilename()).toBe(`template-${KATOTTH_EXAMPLE}-2023-2023.xlsx`);
    const done = page.getByTestId("import-template").getByTestId("status");
    expect(await done.textContent()).toMatch(/^Збережено template-UA\d{17}-2023-2023\.xlsx \([\d,]+ КБ\) у теці завантажень: надішліть його громаді/);
    expect(await outOfView(done)).toBeUndefined();
    expect(await overflowing(page)).toEqual([]);
    await atRest(page);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "open-data-template-320-uk");

    // The member fills POP 2023 in the template's one row, as it would in Excel.
    const [sheet] = readXlsx(new Uint8Array(template.bytes)).sheets;
    const [header, ...rows] = sheet!.values;
    expect(header).toEqual([...LONG_COLUMNS]);
    expect(rows.map((r) => `${r[LONG_COLUMN.REF_AREA]} ${r[LONG_COLUMN.INDICATOR]} ${r[LONG_COLUMN.TIME_PERIOD]} ${r[LONG_COLUMN.OBS_VALUE]}`)).toEqual([
      `${KATOTTH_EXAMPLE} POP 2023 null`,
    ]);
    rows[0]![LONG_COLUMN.OBS_VALUE] = 23;
    // The reader leaves a row's trailing empty cells out; the writer wants every column.
    const cell = (c: (typeof rows)[number][number] | undefined): ExportCell => (typeof c === "boolean" ? String(c) : (c ?? null));
    const filled = toXlsx({ sheetName: sheet!.name, header: [...LONG_COLUMNS], rows: rows.map((r) => LONG_COLUMNS.map((_, c) => cell(r[c]))) });

    // Imported from the file chooser, previewed, written.
    const chooser = page.waitForEvent("filechooser");
    await page.getByTestId("import-choose").click();
    await (await chooser).setFiles([{ name: template.download.suggestedFilename(), mimeType: XLSX, buffer: Buffer.from(filled) }]);
    await page.getByTestId("import-verdict").waitFor(WAIT);
    expect(await page.getByTestId("import-file").textContent()).toContain(`Громада: Альфа (${KATOTTH_EXAMPLE})`);
    expect(await page.getByTestId("import-verdict").textContent()).toBe("Буде імпортовано");
    await page.getByTestId("import-run").click();
    await page.getByTestId("import-result").waitFor(WAIT);
    expect(await page.getByTestId("import-result").textContent()).toBe("Записано: 1, без змін: 0");
    expect(await overflowing(page)).toEqual([]);
    await atRest(page);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "open-data-imported-320-uk");

    // The long export downloaded again has the value.
    await page.getByTestId("compare-tab-comparison").click();
    const after = await downloaded(page, "long-export-csv");
    expect(observations(after.bytes)).toEqual(expect.arrayContaining([`${KATOTTH_EXAMPLE} POP 2023 23 A`, `${KATOTTH_EXAMPLE} POP 2021 10 A`]));
    expect(observations(after.bytes).length).toBe(observations(before.bytes).length + 1);
    expect(await overflowing(page)).toEqual([]);
    await shot(page, "open-data-long-export-320-uk");
    expect(errors).toEqual([]);
  });
});
