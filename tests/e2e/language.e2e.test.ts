import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { strings } from "../../addin/src/strings.ts";
import { LANGUAGE_LABELS } from "../../shared/i18n/labels.ts";
import { fakeHostScript, paneInChromium } from "./browser.ts";

// The pane downloads only the language it shows (addin/src/language.ts): a switch fetches the other
// language's words, then shows them everywhere at once; outside Excel the message is in the language asked for.
const pane = paneInChromium();

async function open(url: string, host: boolean): Promise<Page> {
  const page = await pane.browser.newPage({ viewport: { width: 380, height: 900 } });
  page.setDefaultTimeout(90_000);
  if (host) await page.addInitScript({ content: await fakeHostScript("uk-UA") });
  await page.goto(url);
  return page;
}

describe("the pane's language in Chromium", () => {
  it("opens in Office's language and switches to Lithuanian and English: the navigation and the Plan section follow", async () => {
    const page = await open(`${pane.server.url}/taskpane.html?section=plan`, true);
    const [uk, lt, en] = [strings("uk"), strings("lt"), strings("en")];
    await page.getByText(uk.noPlan).waitFor();
    await page.getByLabel(uk.language).selectOption("lt");
    await page.getByText(lt.noPlan).waitFor();
    expect(await page.getByTestId("nav").locator("option").first().textContent()).toBe(lt.sections.plan);
    await expect.poll(() => page.getByLabel(lt.language).inputValue()).toBe("lt");
    await page.getByLabel(lt.language).selectOption("en");
    await page.getByText(en.noPlan).waitFor();
    expect(await page.getByText(uk.noPlan).count()).toBe(0);
    await page.close();
  });

  it("a language whose words cannot be downloaded is named beside the picker, the pane stays as it was, and a second try switches; the page's lang follows", async () => {
    const page = await open(`${pane.server.url}/taskpane.html?section=plan`, true);
    const [uk, lt] = [strings("uk"), strings("lt")];
    await page.getByText(uk.noPlan).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("uk");
    // Offline for the Lithuanian words only: Vite names the chunk after its module (strings/lt.ts).
    await page.route(/\/lt-[\w-]+\.js$/, (route) => route.abort("internetdisconnected"));
    await page.getByLabel(uk.language).selectOption("lt");
    const said = page.getByText(uk.pane.languageUnavailable(LANGUAGE_LABELS.lt.lt));
    await said.waitFor();
    await expect(page.getByText(uk.pane.languageUnavailableNext).count()).resolves.toBe(1);
    expect(await page.getByText(uk.noPlan).count()).toBe(1);
    expect(await page.getByLabel(uk.language).inputValue()).toBe("uk");
    await page.unroute(/\/lt-[\w-]+\.js$/);
    await page.getByLabel(uk.language).selectOption("lt");
    await page.getByText(lt.noPlan).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("lt");
    await page.close();
  });

  it("outside Excel says so in the language asked for", async () => {
    for (const language of ["lt", "en"] as const) {
      const page = await open(`${pane.server.url}/taskpane.html?lang=${language}`, false);
      await expect.poll(() => page.getByTestId("outside-excel").textContent()).toContain(strings(language).outsideTitle);
      await page.close();
    }
  });
});
