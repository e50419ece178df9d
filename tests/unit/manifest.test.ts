import { existsSync, readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";

// Offline check of manifest.xml (`npm run validate` asks Microsoft's service and needs the internet).
const root = new URL("../../", import.meta.url);
const xml = readFileSync(new URL("manifest.xml", root), "utf8");
const origin: string = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).config.addinOrigin;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true, isArray: (name) => ["Image", "Url", "String", "Control", "Host", "Set", "Override"].includes(name) });
const doc = parser.parse(xml).OfficeApp;

function walk(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      visit(k, v);
      walk(v, visit);
    }
}

describe("manifest.xml", () => {
  it("is an Excel task-pane add-in with the elements Office requires", () => {
    expect(doc["@type"]).toBe("TaskPaneApp");
    expect(doc.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(doc.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    for (const el of ["ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "DefaultSettings", "Permissions"])
      expect(doc[el], el).toBeDefined();
    expect(doc.Hosts.Host.map((h: { "@Name": string }) => h["@Name"])).toEqual(["Workbook"]);
    expect(doc.Requirements.Sets.Set.map((s: { "@Name": string }) => s["@Name"])).toContain("ExcelApi");
    expect(doc.Permissions).toBe("ReadWriteDocument");
  });

  it("has a MuniPlan ribbon group with a button per pane section", () => {
    const host = doc.VersionOverrides.Hosts.Host[0];
    expect(host["@type"]).toBe("Workbook");
    const group = host.DesktopFormFactor.ExtensionPoint.OfficeTab.Group;
    expect(group["@id"]).toBe("MuniPlan.Group");
    const controls = group.Control as { "@id": string; Action: { "@type": string; SourceLocation: { "@resid": string } } }[];
    expect(controls.map((c) => c["@id"])).toEqual([
      "MuniPlan.PlanButton",
      "MuniPlan.SwotButton",
      "MuniPlan.GoalsButton",
      "MuniPlan.RisksButton",
      "MuniPlan.IndicatorsButton",
    ]);
    for (const c of controls) expect(c.Action["@type"]).toBe("ShowTaskpane");
  });

  it("defines every resource it refers to, in English and Ukrainian", () => {
    const res = doc.VersionOverrides.Resources;
    const defined = new Set<string>();
    for (const list of [res.Images.Image, res.Urls.Url, res.ShortStrings.String, res.LongStrings.String])
      for (const r of list) defined.add(r["@id"]);
    const referenced = new Set<string>();
    walk(doc.VersionOverrides, (k, v) => {
      if (k === "@resid") referenced.add(String(v));
    });
    expect(referenced.size).toBeGreaterThan(10);
    for (const id of referenced) expect(defined, id).toContain(id);
    for (const s of [...res.ShortStrings.String, ...res.LongStrings.String])
      expect(s.Override.map((o: { "@Locale": string }) => o["@Locale"]), s["@id"]).toContain("uk-UA");
  });

  it("points every URL at the configured add-in origin, and its icons exist", () => {
    const urls: string[] = [];
    walk(doc, (k, v) => {
      if ((k === "@DefaultValue" || k === "AppDomain") && typeof v === "string" && /^https?:/.test(v)) urls.push(v);
    });
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u.startsWith(`${origin}/`) || u === origin, u).toBe(true);
    for (const u of urls.filter((x) => x.includes("/assets/")))
      expect(existsSync(new URL(`addin/public${new URL(u).pathname}`, root)), u).toBe(true);
    expect(origin.startsWith("https://")).toBe(true);
  });
});
