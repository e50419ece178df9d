import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, type PaneStage, stagePane } from "./browser.ts";

// Issue 13, problem 3: the walk met errors in developer English — «the token is not valid», raw
// `RichApi.Error…` — shown as they were thrown. An error now says in the user's language what went wrong
// and what to do; the technical text stays behind «Подробиці» until asked for. The built pane in
// Ukrainian at 320 px, the real worker on a local D1.
let stage: PaneStage;

beforeAll(async () => {
  stage = await stagePane();
}, 180_000);

afterAll(() => stage?.close());

const fake = <T>(page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`) as Promise<T>;

/** The text a person sees in `el` (a closed <details> shows its summary only). */
const seen = (el: Locator) => el.evaluate((e) => (e as HTMLElement).innerText);

/** Words of three or more Latin letters in `text`, the product names aside: English left in a Ukrainian pane. */
const latinWords = (text: string) => text.replace(/MuniPlan|Microsoft|Excel|Office|Windows|Mac|SWOT/g, "").match(/[A-Za-z]{3,}/g) ?? [];

async function open(section: string): Promise<Page> {
  const page = await stage.open(section);
  await page.setViewportSize({ width: 320, height: 900 });
  return page;
}

describe("problem 3: errors in the user's language, with a next step", () => {
  it("a token the server does not know: Ukrainian title and next step, the server's English only behind details", async () => {
    const page = await open("sync");
    await page.getByLabel(/токен доступу/i).fill("0f".repeat(32));
    await page.getByRole("button", { name: "Під'єднатися" }).click();
    const error = page.getByTestId("error");
    await error.waitFor();
    const shown = await seen(error);
    expect(shown).toContain("Сервер не прийняв токен доступу");
    // A next step: what to check and with whom.
    expect(shown).toMatch(/Перевірте його з адміністратором/);
    expect(latinWords(shown)).toEqual([]);
    expect(shown).not.toContain("the token is not valid");
    // The technical text is one click away, for whoever the user reports to.
    await error.getByText("Подробиці").click();
    expect(await seen(error)).toContain("HTTP 401 unauthorized: the token is not valid");
    await page.screenshot({ path: join(ARTIFACTS, "problem3-token-320-uk.png"), fullPage: true });
    await page.close();
  }, 180_000);

  it("an Office error from Excel: its meaning and next step in Ukrainian, no RichApi text in view", async () => {
    const page = await open("plan");
    await page.getByRole("button", { name: "Почати з прикладу (стратегія АМУ 2013–2015)" }).click();
    await page.getByTestId("status").waitFor();
    // What Office.js rejects with when a batch is too large: an OfficeExtension.Error with Excel's code.
    await fake(
      page,
      `(f) => { f.failNextSync = Object.assign(new Error("The request payload size has exceeded the limit."), { name: "RichApi.Error", code: "RequestPayloadSizeLimitExceeded", debugInfo: { errorLocation: "Range.values" } }); }`,
    );
    await page.getByTestId("refresh").click();
    const error = page.getByTestId("error");
    await error.waitFor();
    const shown = await seen(error);
    expect(latinWords(shown)).toEqual([]);
    expect(shown).not.toMatch(/RichApi|payload|RequestPayloadSizeLimitExceeded/);
    await error.getByText("Подробиці").click();
    expect(await seen(error)).toContain("RichApi.Error RequestPayloadSizeLimitExceeded: The request payload size has exceeded the limit. (at Range.values)");
    await page.close();
  }, 180_000);
});
