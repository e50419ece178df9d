import type { Locator, Page } from "playwright-core";
import { type ApiClient, createClient } from "../../shared/api/client.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { type PaneStage, STORE, stagePane } from "./browser.ts";

// Every section of the pane as a planner meets it, in Ukrainian: a new workbook (the first-run guide, the
// help, the plan's sheets created from the form), the editor's workbook with the example plan linked to
// the store, a monitoring committee member's, and an association analyst's. The tests that hold the pane
// to a rule (a11y, narrow) walk it and look at each stop; the walk itself asserts only that each step
// got its answer.

/** The pane served, the store, and an association with one catalogue indicator and its analyst. */
export interface TourStage {
  stage: PaneStage;
  associationId: string;
  analystToken: string;
  /** The analyst, straight to the store: what the test does that no pane step here does (publish a year). */
  analyst: ApiClient;
}

export async function stageTour(): Promise<TourStage> {
  const stage = await stagePane();
  const associationId = crypto.randomUUID();
  await stage.local.run([tenancy.association(associationId, "Асоціація громад Півночі", new Date().toISOString())]);
  const analystToken = await stage.local.user("Ірина Аналітик", [["analyst", associationId]]);
  const analyst = createClient({ baseUrl: STORE, token: analystToken, fetch: stage.local.fetch });
  await analyst.putCatalogueEntry(associationId, "POP", {
    nameUk: "Чисельність населення",
    nameEn: "Population",
    unit: "осіб",
    direction: "increase",
    frequency: "annually",
    definition: "",
    sharing: "position",
    baseVersion: 0,
  });
  return { stage, associationId, analystToken, analyst };
}

/** A member community of the association, new for each walk (a walk sends its plan), with its editor and monitor. */
async function member(tour: TourStage) {
  const { local } = tour.stage;
  const id = crypto.randomUUID();
  await local.run([tenancy.community(id, "Новоукраїнська громада", new Date().toISOString()), tenancy.membership(tour.associationId, id)]);
  return { editorToken: await local.user("Олена Коваль", [["editor", id]]), monitorToken: await local.user("Марко Моніторинг", [["monitor", id]]) };
}

/** What a test does at the walk's stops. */
export interface Visit {
  /** The pane as it is now, after a section opened or an action answered; `where` names the stop. */
  look(page: Page, where: string): Promise<void>;
  /** The answer to an action just clicked (its result, its error, what comes next); `what` names the action. */
  result(page: Page, result: Locator, what: string): Promise<void>;
}

/** A task pane's height: Excel's pane on a laptop screen. */
export const PANE_HEIGHT = 700;

const fake = (page: Page, fn: string) => page.evaluate(`(${fn})(window.fakeExcel)`);

/**
 * Until the pane is at rest: no action under way (the pane shows a spinner while one is, and its
 * buttons are disabled) and no transition or motion running (a button between two colours, a toast
 * sliding in). A toast's timer, a CSS animation, may run on.
 */
export const atRest = (page: Page) =>
  page.waitForFunction(() => !document.querySelector(".fui-Spinner") && document.getAnimations().every((a) => a.playState !== "running" || a instanceof CSSAnimation));

/** Walks every section at `width` px, calling `visit` at each stop; closes its pages. */
export async function walkPane(tour: TourStage, width: number, visit: Visit): Promise<void> {
  const { stage } = tour;
  const { editorToken, monitorToken } = await member(tour);
  const look = async (page: Page, where: string) => {
    await atRest(page);
    await visit.look(page, where);
  };
  const open = async (section: string) => {
    const page = await stage.open(section);
    await page.setViewportSize({ width, height: PANE_HEIGHT });
    return page;
  };
  /** Clicks `button` and waits for `answer`: the look at the answer, then at the pane with it. */
  const act = async (page: Page, what: string, button: Locator, answer: Locator) => {
    await button.click();
    await answer.waitFor();
    await visit.result(page, answer, what);
    await look(page, `${what}: its result`);
  };
  const section = async (page: Page, name: string, shown: string) => {
    await page.getByTestId("nav").selectOption(name);
    await page.getByTestId(shown).waitFor();
  };
  const connect = async (page: Page, token: string, answer: string) => {
    await page.getByLabel("Код запрошення або токен доступу").fill(token);
    await act(page, `connect (${answer})`, page.getByRole("button", { name: "Під'єднатися" }), page.getByTestId(answer));
  };

  // A new workbook: the guide, the help, and the plan's sheets created from the form.
  const fresh = await open("plan");
  await fresh.getByTestId("first-run-guide").waitFor();
  await look(fresh, "first-run guide");
  await fresh.getByTestId("help-toggle").click();
  await fresh.getByTestId("glossary").waitFor();
  await look(fresh, "help with the glossary");
  // The Excel check hides its probe sheet beside the workbook's own, as in any real workbook.
  await fake(fresh, `(f) => f.run(async (c) => { c.workbook.worksheets.add("Аркуш1"); await c.sync(); })`);
  await act(fresh, "check this Excel", fresh.getByRole("button", { name: "Перевірити цей Excel" }), fresh.getByTestId("compat-results"));
  await fresh.getByTestId("help-toggle").click();
  await fresh.getByLabel("Громада", { exact: true }).fill("Новоукраїнська міська громада");
  await fresh.getByLabel("Назва плану").fill("Стратегія розвитку громади");
  await fresh.getByLabel("Перший рік").fill("2026");
  await fresh.getByLabel("Останній рік").fill("2028");
  await act(fresh, "create sheets", fresh.getByRole("button", { name: "Створити аркуші плану" }), fresh.getByTestId("status"));
  await fresh.close();

  // The editor's workbook: the example plan, sent to the community's plan on the store.
  const editor = await open("plan");
  await act(editor, "start from the example", editor.getByRole("button", { name: "Почати з прикладу (стратегія АМУ 2013–2015)" }), editor.getByTestId("status"));
  await section(editor, "sync", "sync");
  await look(editor, "sync, not connected");
  await connect(editor, editorToken, "connected");
  await act(editor, "send the plan", editor.getByRole("button", { name: /Надіслати план цієї книги/ }), editor.getByTestId("sync-now"));
  await fake(editor, "(f) => f.type('Ризики', 'C2', 'Брак коштів на співфінансування')");
  await act(editor, "sync now (preview)", editor.getByTestId("sync-now"), editor.getByTestId("preview"));
  await act(editor, "send", editor.getByRole("button", { name: "Надіслати", exact: true }), editor.getByTestId("sync-status"));

  // The plan's parts, each with an item added.
  await section(editor, "swot", "swot-editor");
  await look(editor, "SWOT, editor");
  const swot = editor.getByTestId("swot-editor");
  await swot.getByLabel("Текст").fill("Новий парк у центрі громади");
  await act(editor, "add a SWOT item", swot.getByTestId("editor-submit"), swot.getByTestId("status"));

  await section(editor, "goals", "priorities-editor");
  await look(editor, "priorities, editor");
  const priorities = editor.getByTestId("priorities-editor");
  await priorities.getByLabel("Назва").fill("Безпечне довкілля");
  await act(editor, "add a priority", priorities.getByTestId("editor-submit"), priorities.getByTestId("status"));
  // The level's list is labelled by what it adds: «Додати» a priority, a goal or a task.
  await editor.getByRole("combobox", { name: "Додати" }).selectOption("goals");
  await editor.getByTestId("goals-editor").waitFor();
  await look(editor, "goals, editor");
  await editor.getByRole("combobox", { name: "Додати" }).selectOption("tasks");
  await editor.getByTestId("tasks-editor").waitFor();
  await look(editor, "tasks, editor");

  await section(editor, "risks", "risks-editor");
  await look(editor, "risks, editor");
  const risks = editor.getByTestId("risks-editor");
  await risks.getByLabel("Ризик", { exact: true }).fill("Брак коштів");
  await act(editor, "add a risk", risks.getByTestId("editor-submit"), risks.getByTestId("status"));
  await risks.getByRole("button", { name: "Змінити" }).first().click();
  await act(editor, "delete a risk", risks.getByRole("button", { name: "Видалити" }), editor.getByTestId("undo-toast"));
  await act(editor, "undo the delete", editor.getByTestId("undo-toast").getByRole("button", { name: "Скасувати" }), editor.getByTestId("undo-done"));

  await section(editor, "indicators", "indicators-editor");
  await look(editor, "indicators, editor");
  const indicators = editor.getByTestId("indicators-editor");
  await indicators.getByLabel("Показник", { exact: true }).fill("Кількість нових робочих місць");
  await act(editor, "add an indicator", indicators.getByTestId("editor-submit"), indicators.getByTestId("status"));
  // The association's catalogue: its indicator added to the plan, and a 2014 value for it in the sheet.
  const catalogue = editor.getByTestId("catalogue-add");
  await act(editor, "open the catalogue", catalogue.getByRole("button", { name: "Додати з каталогу" }), catalogue.locator("li"));
  await act(editor, "add from the catalogue", catalogue.getByRole("button", { name: "Додати", exact: true }), editor.getByTestId("status"));
  const row = (await fake(editor, "(f) => f.values('Показники').findIndex((r) => r[3] === 'Чисельність населення')")) as number;
  await fake(editor, `(f) => f.type('Показники', 'O${row + 1}', 5000)`);

  // A bad value typed in the sheet, then fixed: the refresh's answers.
  await fake(editor, "(f) => f.type('Показники', 'O2', 'abc')");
  await act(editor, "refresh with a bad cell", editor.getByTestId("refresh"), editor.getByTestId("problems"));
  await indicators.getByLabel("Показник", { exact: true }).fill("Частка відновленої енергії");
  await act(editor, "add while the sheet has a problem", indicators.getByTestId("editor-submit"), indicators.getByTestId("blocked"));
  await fake(editor, "(f) => f.type('Показники', 'O2', 140)");
  await act(editor, "refresh", editor.getByTestId("refresh"), editor.getByTestId("status"));

  // The catalogue indicator's value goes to the store; the association publishes 2014 (the monitor looks up the position).
  await section(editor, "sync", "sync");
  await act(editor, "sync now (the catalogue indicator)", editor.getByTestId("sync-now"), editor.getByTestId("preview"));
  await act(editor, "send the catalogue indicator", editor.getByRole("button", { name: "Надіслати", exact: true }), editor.getByTestId("sync-status"));
  await tour.analyst.publishRelease(tour.associationId, 2014);

  await section(editor, "check", "check");
  await look(editor, "plan check");
  await act(editor, "plan check", editor.getByRole("button", { name: "Перевірити план" }), editor.getByTestId("check-summary"));

  await section(editor, "monitoring", "round-status");
  await look(editor, "monitoring, editor");
  const monitoring = editor.getByTestId("monitoring");
  await act(editor, "open the round", editor.getByTestId("round-open"), monitoring.getByTestId("status"));
  await act(editor, "build the report", editor.getByTestId("build-report"), monitoring.getByTestId("status"));
  await editor.close();

  // A monitoring committee member's workbook: the plan loaded from the store, its editors closed.
  const monitor = await open("sync");
  await connect(monitor, monitorToken, "connected");
  await act(monitor, "load the community's plan", monitor.getByRole("button", { name: /Завантажити план громади/ }), monitor.getByTestId("sync-now"));
  const position = monitor.getByTestId("position");
  await position.getByLabel("Рік для порівняння").fill("2014");
  await act(monitor, "show the position", position.getByRole("button", { name: "Показати місце" }), monitor.getByTestId("position-table"));
  await section(monitor, "swot", "swot-editor");
  await look(monitor, "SWOT, monitor");
  await section(monitor, "monitoring", "round-status");
  await look(monitor, "monitoring, monitor");
  await monitor.close();

  // An association analyst's workbook without a plan: compare the members.
  const analyst = await open("compare");
  await analyst.getByTestId("compare").waitFor();
  await look(analyst, "compare, not connected");
  await connect(analyst, tour.analystToken, "compare-connected");
  await analyst.getByRole("checkbox", { name: "POP — Чисельність населення (осіб)" }).check();
  await analyst.getByLabel("З року", { exact: true }).fill("2013");
  await analyst.getByLabel("До року", { exact: true }).fill("2015");
  const compare = analyst.getByTestId("compare");
  await act(analyst, "build the comparison", analyst.getByRole("button", { name: "Побудувати порівняння" }), compare.getByTestId("status"));
  await analyst.getByTestId("compare-tab-completeness").click();
  await look(analyst, "completeness");
  await analyst.getByLabel("Звітний рік").fill("2014");
  await act(analyst, "build the completeness sheet", analyst.getByRole("button", { name: "Побудувати аркуш повноти" }), compare.getByTestId("status"));
  await analyst.getByTestId("compare-tab-catalogue").click();
  await analyst.getByTestId("curate").waitFor();
  await look(analyst, "catalogue");
  await analyst.getByRole("button", { name: "Новий показник" }).click();
  await analyst.getByLabel("Назва українською").waitFor();
  await look(analyst, "a new catalogue entry");
  await analyst.close();
}
