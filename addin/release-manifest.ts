import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { manifestProblems, releaseProblems } from "./manifest-rules.ts";

/**
 * `npm run manifest -- --origin https://muniplan.example.org [--out dist/manifest.xml]`: the manifest
 * users install, made from manifest.xml (the development one, on config.addinOrigin) with every URL
 * moved to the deployed origin: the pane, its icons, and support and help on help.html. It is written
 * only when it passes the schema's rules and names nothing on this machine.
 */
export function releaseManifest(devXml: string, devOrigin: string, origin: string): string {
  if (!URL.canParse(origin) || new URL(origin).origin !== origin || !origin.startsWith("https://"))
    throw new Error(`--origin must be an https origin with nothing after it, like https://muniplan.example.org (got "${origin}")`);
  const escaped = devOrigin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const xml = devXml
    // The development manifest's opening note is not true of this one (and an origin may hold "--",
    // which a comment may not).
    .replace(/<!--[\s\S]*?-->/, "<!-- MuniPlan's release manifest, generated from manifest.xml by addin/release-manifest.ts (npm run manifest): change that file, not this one. -->")
    .replace(new RegExp(`${escaped}(?=[/"<])`, "g"), origin);
  const problems = [...manifestProblems(xml), ...releaseProblems(xml, origin)];
  if (problems.length > 0) throw new Error(`the release manifest would not be valid:\n  ${problems.join("\n  ")}`);
  return xml;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const { values } = parseArgs({ options: { origin: { type: "string" }, out: { type: "string", default: "dist/manifest.xml" } } });
  if (!values.origin) {
    console.error("usage: npm run manifest -- --origin https://muniplan.example.org [--out dist/manifest.xml]");
    process.exit(2);
  }
  const devOrigin = JSON.parse(readFileSync(`${root}package.json`, "utf8")).config.addinOrigin as string;
  try {
    const xml = releaseManifest(readFileSync(`${root}manifest.xml`, "utf8"), devOrigin, values.origin);
    const out = resolve(values.out!);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, xml);
    console.log(`Wrote ${out}: MuniPlan's manifest on ${values.origin}. Deploy the pane there (npm run build), then sideload or publish this file.`);
  } catch (e) {
    console.error(`Not written: ${(e as Error).message}`);
    process.exit(1);
  }
}
