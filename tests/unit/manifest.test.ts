import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Element, descendants, manifestProblems, manifestUrls, readManifest } from "../../addin/manifest-rules.ts";
import { RIBBON_ACTIONS, associateRibbon, followRibbon } from "../../addin/src/ribbon.ts";
import { strings } from "../../addin/src/strings.ts";

// Offline check of manifest.xml (`npm run validate` asks Microsoft's service and needs the internet).
const root = new URL("../../", import.meta.url);
const xml = readFileSync(new URL("manifest.xml", root), "utf8");
const origin: string = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).config.addinOrigin;
const doc = readManifest(xml);
const all = [...descendants(doc)];
const named = (name: string): Element[] => all.filter((el) => el.name === name);
const child = (el: Element, name: string): Element | undefined => el.children.find((c) => c.name === name);

/** The manifest with `from` replaced (which must be there, or the case would test nothing). */
function edited(from: string, to: string): string {
  expect(xml, from).toContain(from);
  return xml.replace(from, to);
}

describe("manifest.xml", () => {
  it("follows Microsoft's task-pane manifest schema and the rules for its pane and ribbon", () => {
    expect(manifestProblems(xml)).toEqual([]);
  });

  it.each([
    ["element order", ["<Version>0.1.0.0</Version>\n  <ProviderName>MuniPlan</ProviderName>", "<ProviderName>MuniPlan</ProviderName>\n  <Version>0.1.0.0</Version>"], "app:Version is out of order"],
    ["a required element", ["<Permissions>ReadWriteDocument</Permissions>", ""], "app:Permissions is required"],
    ["an element the schema does not have there", ["<Permissions>", "<Dictionary/><Permissions>"], "app:Dictionary is not allowed"],
    ["the Id format", ["<Id>6f1d2c7e-", "<Id>6f1d2c7e"], "is not a UUID"],
    ["the Version format", ["<Version>0.1.0.0</Version>", "<Version>0.1.0.0.1</Version>"], "is not a version"],
    ["DisplayName ≤ 125 characters", ['<DisplayName DefaultValue="MuniPlan">', `<DisplayName DefaultValue="${"M".repeat(126)}">`], "DisplayName/@DefaultValue: has 126 characters"],
    ["a short string ≤ 125 characters", ['DefaultValue="Indicators">', `DefaultValue="${"I".repeat(126)}">`], "has 126 characters, not 1–125"],
    ["a long string ≤ 250 characters", ['DefaultValue="Open MuniPlan: Plan">', `DefaultValue="${"O".repeat(251)}">`], "has 251 characters, not 1–250"],
    ["a resource id ≤ 32 characters", ['<bt:String id="MuniPlan.Group.Label"', `<bt:String id="MuniPlan.Group.Label${"x".repeat(13)}"`], "has 33 characters, not 1–32"],
    ["an absolute URL", ['<SupportUrl DefaultValue="https://localhost:3000/help.html"/>', '<SupportUrl DefaultValue="help.html"/>'], "is not an absolute URL"],
    ["a culture name", ['Locale="lt-LT" Value="Planas"', 'Locale="Lithuanian" Value="Planas"'], '"Lithuanian" is not a culture name'],
    ["a resid of the right kind", ['<Label resid="MuniPlan.Plan.Label"/>', '<Label resid="MuniPlan.Plan.Tooltip"/>'], 'resid "MuniPlan.Plan.Tooltip" is not a short string'],
    ["a resid that exists", ['<LearnMoreUrl resid="GetStarted.LearnMoreUrl"/>', '<LearnMoreUrl resid="Help.Url"/>'], 'resid "Help.Url" is not a URL'],
    ["an enumerated value", ["<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadWrite</Permissions>"], '"ReadWrite" is not one of'],
    ["a basic-types element in its namespace", ["<bt:Set Name=", "<Set Name="], "ov:Set is not allowed under bt:Sets"],
    ["a known xsi:type", ['<Action xsi:type="ExecuteFunction">', '<Action xsi:type="ShowDialog">'], 'xsi:type "ShowDialog" is not one of'],
    ["the mandatory ribbon icon sizes", ['<bt:Image size="80" resid="Icon.80x80"/>\n                </Icon>', "</Icon>"], "no 80px image"],
    ["well-formed XML", ["<!-- MuniPlan:", "<!-- MuniPlan -- "], '"--" inside a comment'],
  ])("refuses a manifest that breaks the schema's rule on %s", (_rule, [from, to], problem) => {
    expect(manifestProblems(edited(from!, to!)).join("\n")).toContain(problem);
  });

  it("is an Excel task-pane add-in that can read and write the workbook", () => {
    expect(doc.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(named("app:Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(named("app:Set").map((s) => s.attrs.Name)).toContain("ExcelApi");
    expect(child(doc, "app:Permissions")?.text).toBe("ReadWriteDocument");
  });

  it("has a MuniPlan ribbon group whose buttons each run a function of the pane that opens its section", () => {
    const group = named("ov:Group");
    expect(group.map((g) => g.attrs.id)).toEqual(["MuniPlan.Group"]);
    const controls = group[0]!.children.filter((c) => c.name === "ov:Control");
    expect(controls.map((c) => c.attrs.id)).toEqual(["MuniPlan.PlanButton", "MuniPlan.SwotButton", "MuniPlan.GoalsButton", "MuniPlan.RisksButton", "MuniPlan.IndicatorsButton"]);
    const functions = controls.map((c) => child(child(c, "ov:Action")!, "ov:FunctionName")?.text);
    expect(functions).toEqual(Object.keys(RIBBON_ACTIONS));
    expect(new Set(Object.values(RIBBON_ACTIONS)).size).toBe(controls.length);
  });

  it("opens one pane in a shared runtime, on one URL, declared only where SharedRuntime 1.1 is supported", () => {
    expect(named("ov:Runtime").map((r) => [r.attrs.resid, r.attrs.lifetime])).toEqual([["Taskpane.Url", "long"]]);
    expect(named("ov:FunctionFile").map((f) => f.attrs.resid)).toEqual(["Taskpane.Url"]);
    const pane = named("bt:Url").find((u) => u.attrs.id === "Taskpane.Url")!.attrs.DefaultValue;
    expect(pane).toBe(child(child(doc, "app:DefaultSettings")!, "app:SourceLocation")!.attrs.DefaultValue);
  });

  it.each([
    [
      "two URLs behind one TaskpaneId",
      (m: string) =>
        m
          .replace('<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime resid="Taskpane.Url" lifetime="short"/>')
          .replace('<Action xsi:type="ExecuteFunction">\n                    <FunctionName>openPlan</FunctionName>', '<Action xsi:type="ShowTaskpane"><TaskpaneId>Pane</TaskpaneId><SourceLocation resid="Taskpane.Url"/>')
          .replace('<Action xsi:type="ExecuteFunction">\n                    <FunctionName>openSwot</FunctionName>', '<Action xsi:type="ShowTaskpane"><TaskpaneId>Pane</TaskpaneId><SourceLocation resid="GetStarted.LearnMoreUrl"/>'),
      "task pane Pane is opened on 2 different URLs",
    ],
    ["a TaskpaneId under the shared runtime", (m: string) => m.replace('<Action xsi:type="ExecuteFunction">\n                    <FunctionName>openPlan</FunctionName>', '<Action xsi:type="ShowTaskpane"><TaskpaneId>Pane</TaskpaneId><SourceLocation resid="Taskpane.Url"/>'), "a TaskpaneId under a shared runtime"],
    ["a function file outside the shared runtime", (m: string) => m.replace('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="GetStarted.LearnMoreUrl"/>'), "the function file is not the shared runtime's page"],
    ["a shared runtime without its requirement set", (m: string) => m.replace('<bt:Set Name="SharedRuntime" MinVersion="1.1"/>', '<bt:Set Name="ExcelApi" MinVersion="1.9"/>'), "without SharedRuntime 1.1"],
    ["SharedRuntime required to install", (m: string) => m.replace('<Set Name="ExcelApi" MinVersion="1.9"/>', '<Set Name="ExcelApi" MinVersion="1.9"/><Set Name="SharedRuntime" MinVersion="1.1"/>'), "SharedRuntime in the base Requirements"],
  ])("refuses %s", (_case, edit, problem) => {
    const broken = edit(xml);
    expect(broken).not.toBe(xml);
    expect(manifestProblems(broken).join("\n")).toContain(problem);
  });

  it("has every ribbon string in English, Ukrainian and Lithuanian, the buttons named as the pane's tabs", () => {
    for (const s of [...named("bt:ShortStrings"), ...named("bt:LongStrings")].flatMap((list) => list.children))
      expect(s.children.map((o) => o.attrs.Locale), s.attrs.id).toEqual(["uk-UA", "lt-LT"]);
    for (const el of [child(doc, "app:DisplayName")!, child(doc, "app:Description")!]) expect(el.children.map((o) => o.attrs.Locale), el.name).toEqual(["uk-UA", "lt-LT"]);
    const label = (section: string) => named("bt:String").find((s) => s.attrs.id === `MuniPlan.${section[0]!.toUpperCase()}${section.slice(1)}.Label`)!;
    for (const section of Object.values(RIBBON_ACTIONS)) {
      const l = label(section);
      expect([l.attrs.DefaultValue, ...l.children.map((o) => o.attrs.Value)], section).toEqual([strings("en").sections[section], strings("uk").sections[section], strings("lt").sections[section]]);
    }
  });

  it("points every URL at the configured add-in origin; each icon exists at the size the manifest names", () => {
    expect(origin.startsWith("https://")).toBe(true);
    const urls = manifestUrls(doc);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(new URL(u).origin, u).toBe(origin);
    const icons: [string, number][] = [
      [child(doc, "app:IconUrl")!.attrs.DefaultValue!, 32],
      [child(doc, "app:HighResolutionIconUrl")!.attrs.DefaultValue!, 64],
      ...named("bt:Image")
        .filter((i) => i.attrs.DefaultValue)
        .map((i): [string, number] => [i.attrs.DefaultValue!, Number(/(\d+)x\1$/.exec(i.attrs.id!)?.[1])]),
    ];
    expect(icons.length).toBe(5);
    for (const [url, size] of icons) {
      const file = new URL(`addin/public${new URL(url).pathname}`, root);
      expect(existsSync(file), url).toBe(true);
      // A PNG's IHDR chunk: width and height as big-endian 32-bit integers at bytes 16 and 20.
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString("latin1"), url).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], url).toEqual([size, size]);
    }
  });
});

describe("the ribbon's functions in the pane (addin/src/ribbon.ts)", () => {
  afterEach(() => vi.unstubAllGlobals());
  type Command = (event: { completed(): void }) => Promise<void>;

  /** Office as the shared runtime gives it to the pane: the actions registry, requirement sets, the pane's visibility. */
  function office(sharedRuntime: boolean) {
    const commands = new Map<string, Command>();
    const calls = { shown: 0, completed: 0 };
    vi.stubGlobal("Office", {
      actions: { associate: (name: string, f: Command) => commands.set(name, f) },
      context: { requirements: { isSetSupported: (set: string, version: string) => sharedRuntime && set === "SharedRuntime" && version === "1.1" } },
      addin: { showAsTaskpane: async () => void calls.shown++ },
    });
    associateRibbon();
    const click = (name: string) => commands.get(name)!({ completed: () => void calls.completed++ });
    return { commands, calls, click };
  }

  it("registers the function each button names; a click shows the pane and switches it, also once it is open", async () => {
    const { commands, calls, click } = office(true);
    const functions = named("ov:FunctionName").map((f) => f.text);
    expect([...commands.keys()]).toEqual(functions);
    // The click that starts the runtime comes before the pane has rendered: the pane takes it when ready.
    await click("openRisks");
    const seen: string[] = [];
    const stop = followRibbon((s) => seen.push(s));
    await click("openSwot");
    await click("openIndicators");
    stop();
    await click("openPlan");
    expect(seen).toEqual(["risks", "swot", "indicators"]);
    expect(calls).toEqual({ shown: 4, completed: 4 });
    const late: string[] = [];
    followRibbon((s) => late.push(s))();
    expect(late).toEqual(["plan"]);
  });

  it("switches the section without showAsTaskpane where SharedRuntime 1.1 is not reported, and still completes", async () => {
    const { calls, click } = office(false);
    const seen: string[] = [];
    const stop = followRibbon((s) => seen.push(s));
    await click("openGoals");
    stop();
    expect(seen).toEqual(["goals"]);
    expect(calls).toEqual({ shown: 0, completed: 1 });
  });

  it("registers nothing outside Office (a plain browser, the tests' fake host)", () => {
    vi.stubGlobal("Office", undefined);
    expect(() => associateRibbon()).not.toThrow();
  });
});
