import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { descendants, manifestProblems, manifestUrls, readManifest, releaseProblems } from "../../addin/manifest-rules.ts";
import { releaseManifest } from "../../addin/release-manifest.ts";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url);
const cwd = fileURLToPath(root);
const dev = readFileSync(new URL("manifest.xml", root), "utf8");
const devOrigin: string = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).config.addinOrigin;
const ORIGIN = "https://muniplan.example.org";
const released = releaseManifest(dev, devOrigin, ORIGIN);
const scratch = mkdtempSync(join(tmpdir(), "muniplan-release-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The value of the first element named `name` (a URL resource by id when `id` is given). */
function value(xml: string, name: string, id?: string): string | undefined {
  const el = [...descendants(readManifest(xml))].find((e) => e.name === name && (id === undefined || e.attrs.id === id));
  return el?.attrs.DefaultValue;
}

describe("the release manifest (npm run manifest -- --origin …)", () => {
  it("passes the same schema and pane rules as manifest.xml, with every URL https on the given origin", () => {
    expect(manifestProblems(released)).toEqual([]);
    expect(releaseProblems(released, ORIGIN)).toEqual([]);
    const urls = manifestUrls(readManifest(released));
    expect(urls.length).toBe(manifestUrls(readManifest(dev)).length);
    for (const u of urls) expect(new URL(u).origin, u).toBe(ORIGIN);
    expect(released).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it("sends support and help to the help page on that origin, which the build ships", () => {
    expect(value(released, "app:SupportUrl")).toBe(`${ORIGIN}/help.html`);
    expect(value(released, "bt:Url", "GetStarted.LearnMoreUrl")).toBe(`${ORIGIN}/help.html`);
    expect(existsSync(new URL("addin/help.html", root))).toBe(true);
  });

  it("differs from manifest.xml in its URLs only", () => {
    const tree = (xml: string) => JSON.stringify(readManifest(xml));
    expect(tree(released).replaceAll(ORIGIN, devOrigin)).toBe(tree(dev));
  });

  it("is not made for an origin users cannot reach or that is not https", () => {
    for (const origin of ["http://muniplan.example.org", "https://muniplan.example.org/pane", "https://muniplan.example.org/", "muniplan.example.org"])
      expect(() => releaseManifest(dev, devOrigin, origin), origin).toThrow(/https origin/);
    for (const origin of ["https://localhost:8443", "https://127.0.0.1"]) expect(() => releaseManifest(dev, devOrigin, origin), origin).toThrow(/names (localhost|127\.0\.0\.1)/);
  });

  it("is what manifest.xml is not: the development manifest names localhost", () => {
    expect(releaseProblems(dev, devOrigin).join("\n")).toContain("names localhost");
  });

  it("is written by the npm script, and nothing is written for a bad origin", { timeout: 60_000 }, async () => {
    const out = join(scratch, "manifest.xml");
    await run("npm", ["run", "--silent", "manifest", "--", "--origin", ORIGIN, "--out", out], { cwd });
    expect(readFileSync(out, "utf8")).toBe(released);
    const bad = join(scratch, "bad.xml");
    await expect(run("npm", ["run", "--silent", "manifest", "--", "--origin", "http://muniplan.example.org", "--out", bad], { cwd })).rejects.toThrow(/https origin/);
    expect(existsSync(bad)).toBe(false);
  });
});

describe("the production build", () => {
  it("loads Office.js from Microsoft's CDN and ships no copy of it", { timeout: 180_000 }, async () => {
    const outDir = join(scratch, "addin");
    // As `npm run build` runs it: outside vitest (whose e2e suites build with the package's Office.js).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "VITEST"));
    await run(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--config", "addin/vite.config.ts", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], { cwd, env });
    const html = readFileSync(join(outDir, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(html).not.toContain("office-js/");
    expect(existsSync(join(outDir, "office-js"))).toBe(false);
    expect(existsSync(join(outDir, "help.html"))).toBe(true);
    const size = (dir: string): number => readdirSync(dir).reduce((sum, f) => sum + (statSync(join(dir, f)).isDirectory() ? size(join(dir, f)) : statSync(join(dir, f)).size), 0);
    // The pane itself is a few MB; the Office.js package alone was 86 MB.
    expect(size(outDir)).toBeLessThan(10 * 1024 * 1024);
  });
});
