import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVITATION_ALPHABET, normalizeInvitationCode } from "../../shared/api/invitations.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { ARTIFACTS, type PaneStage, stagePane, STORE } from "./browser.ts";

// Issue 13, problem 8: connecting meant pasting a 64-character token an administrator copied from a
// terminal. Now whoever may invite makes a short code in the pane (Compare → Запросити) and the invited
// person types it with the server's address. The built pane in Ukrainian at 320 px, the real worker on a
// local D1; every workbook is a page of its own (fresh storage), as on another person's computer.
let stage: PaneStage;
let analystToken: string;
let adminToken: string;
const ASSOCIATION = "Асоціація громад Півдня";
const EDITOR = "Олена Коваль";
const COMMUNITY = "Новоукраїнська громада";

beforeAll(async () => {
  stage = await stagePane();
  const [associationId, communityId, at] = [crypto.randomUUID(), crypto.randomUUID(), new Date().toISOString()];
  await stage.local.run([
    tenancy.association(associationId, ASSOCIATION, at),
    tenancy.community(communityId, COMMUNITY, at),
    tenancy.membership(associationId, communityId),
  ]);
  await stage.local.user(EDITOR, [["editor", communityId]]);
  await stage.local.user("Петро Моніторинг", [["monitor", communityId]]);
  analystToken = await stage.local.user("Ірина Аналітик", [["analyst", associationId]]);
  await stage.local.user("Марко Аналітик", [["analyst", associationId]]);
  adminToken = await stage.local.user("Адміністратор", [["admin", null]]);
}, 180_000);

afterAll(() => stage?.close());

async function open(section: string): Promise<Page> {
  const page = await stage.open(section);
  await page.setViewportSize({ width: 320, height: 900 });
  return page;
}

/** Connects a fresh workbook's pane with `credential` (the server is the pane's default, STORE). */
async function connect(page: Page, credential: string): Promise<void> {
  await page.getByLabel("Код запрошення або токен доступу").fill(credential);
  await page.getByRole("button", { name: "Під'єднатися" }).click();
}

/** Opens Compare → Запросити as the holder of `token`. */
async function invitePanel(token: string): Promise<Page> {
  const page = await open("compare");
  await connect(page, token);
  await page.getByTestId("compare-connected").waitFor();
  await page.getByTestId("compare-tab-invite").click();
  await page.getByLabel("Кого запросити").waitFor();
  return page;
}

/** Everything the workbook holds: every sheet's values and every custom XML part. */
const workbookText = (page: Page) =>
  page.evaluate(`JSON.stringify({
    sheets: window.fakeExcel.sheets.map((s) => [s.name, window.fakeExcel.values(s.name)]),
    xml: window.fakeExcel.customXml.map((p) => p.xml),
  })`) as Promise<string>;

/** The widest element's right edge: over 320 would be cut off by the pane. */
const widest = (page: Page) => page.evaluate(() => Math.max(...[...document.querySelectorAll("body *")].map((e) => e.getBoundingClientRect().right)));

describe("connecting with an invitation code made in the pane", () => {
  it("an analyst is offered only the association's analysts, never a member's editor, and sees each code once", async () => {
    const page = await invitePanel(analystToken);
    const options = await page.getByLabel("Кого запросити").locator("option:not([disabled])").allTextContents();
    expect(options).toEqual(["Ірина Аналітик — аналітик", "Марко Аналітик — аналітик"]);
    await page.getByLabel("Кого запросити").selectOption({ label: "Марко Аналітик — аналітик" });
    await page.getByRole("button", { name: "Створити код" }).click();
    await expect.poll(() => page.getByTestId("invite-code").textContent().catch(() => "")).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    // Shown once: picking another person takes the code off the screen for good.
    await page.getByLabel("Кого запросити").selectOption({ label: "Ірина Аналітик — аналітик" });
    expect(await page.getByTestId("invite-code").count()).toBe(0);
    await page.close();
  }, 180_000);

  it("an admin makes a code for the community's editor; a second workbook connects with it as the editor, once; the code is in no workbook", async () => {
    const inviter = await invitePanel(adminToken);
    await inviter.getByLabel("Кого запросити").selectOption({ label: `${EDITOR} — редактор (${COMMUNITY})` });
    const weekFrom = (ms: number) => new Date(ms + 7 * 86_400_000).toLocaleDateString("uk", { dateStyle: "long" });
    const before = weekFrom(Date.now());
    await inviter.getByRole("button", { name: "Створити код" }).click();
    const codeShown = inviter.getByTestId("invite-code");
    await codeShown.waitFor();
    const code = (await codeShown.textContent())!;
    expect(code).toMatch(new RegExp(`^[${INVITATION_ALPHABET}]{5}-[${INVITATION_ALPHABET}]{5}$`));
    expect(await inviter.getByTestId("status").textContent()).toBe(`Код запрошення створено (${EDITOR}). Його показано лише зараз: скопіюйте або запишіть.`);
    // A week from now, as a Ukrainian reads a date, and what the invited person does with it.
    const expiry = [before, weekFrom(Date.now())].map((date) => `Діє один раз, до ${date}`);
    expect(expiry).toContain(await inviter.getByTestId("invite-expires").textContent());
    expect(await inviter.getByTestId("invite-instruction").textContent()).toBe(
      `Передайте його людині з такими кроками: відкрийте MuniPlan в Excel → «Синхронізація» → введіть адресу сервера ${STORE} і цей код → «Під'єднатися».`,
    );
    // Copied as shown.
    await inviter.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(inviter.url()).origin });
    await inviter.getByRole("button", { name: "Копіювати" }).click();
    await expect.poll(() => inviter.getByTestId("invite-copied").textContent()).toBe("Скопійовано.");
    expect(await inviter.evaluate(() => navigator.clipboard.readText())).toBe(code);
    // In view right after the click, and nothing cut off at 320 px.
    const box = (await codeShown.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    expect(await widest(inviter)).toBeLessThanOrEqual(320);
    await inviter.screenshot({ path: join(ARTIFACTS, "invite-code-320-uk.png"), fullPage: true });

    // Another person's workbook: the server address and the code, typed as read aloud (lower case, no dash).
    const invited = await open("sync");
    await connect(invited, code.replace("-", "").toLowerCase());
    await expect.poll(() => invited.getByTestId("connected").textContent().catch(() => "")).toBe(`Під'єднано як ${EDITOR}`);
    expect(await invited.getByTestId("sync").innerText()).toContain(`${COMMUNITY} — редактор`);

    // The same code again, in a third workbook: refused in Ukrainian, with what to do next.
    const again = await open("sync");
    await connect(again, code);
    const error = again.getByTestId("error");
    await error.waitFor();
    const said = await error.innerText();
    expect(said).toContain("Код запрошення не прийнято");
    expect(said).toContain("попросіть новий у того, хто вас запросив");
    expect(await again.getByTestId("connected").count()).toBe(0);

    // The code (as shown or as stored) and the token it became are kept outside every workbook.
    const token = await invited.evaluate(() => Object.entries(localStorage).find(([k]) => k.includes("muniplan:token:"))?.[1]);
    expect(token).toMatch(/^mpt_/);
    for (const page of [inviter, invited, again]) {
      const text = await workbookText(page);
      for (const secret of [code, normalizeInvitationCode(code)!, token!]) expect(text).not.toContain(secret);
    }
    await Promise.all([inviter.close(), invited.close(), again.close()]);
  }, 240_000);
});
