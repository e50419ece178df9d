import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { LANGUAGES, type Language } from "../../shared/model/plan.ts";

/** One chunk of Vite's manifest (build.manifest): its file and the chunks it imports statically. */
interface ManifestChunk {
  file: string;
  imports?: string[];
  /** Imported with import(): meant to load when first used. */
  isDynamicEntry?: boolean;
}

export interface PaneSize {
  /**
   * JavaScript a pane in `language` downloads before its first screen, gzipped: the entry chunk and
   * its static imports, and the language's words (main.tsx loads them before the first render).
   */
  firstLoad: Record<Language, number>;
  /** Every JavaScript chunk of the pane and its help, gzipped: what a user opening every section and the help downloads. */
  all: number;
  /**
   * The modules the pane imports with import() (its sections, the help, the example plan, …) that are
   * in the first load all the same, as something on the first screen imports them statically: their
   * chunk is in the first load, or is only a re-export (`export{…}from"./chunk.js"`) of a chunk that is.
   */
  lazyInFirstLoad: string[];
}

/**
 * Builds the pane as released (React's production build, whatever NODE_ENV the test runner set) into
 * `outDir`, with Vite's manifest; Office.js is served locally, as in the tests.
 */
export async function buildPane(outDir: string): Promise<void> {
  await build({
    configFile: join(process.cwd(), "addin", "vite.config.ts"),
    logLevel: "warn",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: { outDir, emptyOutDir: true, manifest: true },
  });
}

/** The pane's JavaScript sizes, read from a build's manifest (buildPane). */
export function paneSize(outDir: string): PaneSize {
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const gz = (file: string) => gzipSync(readFileSync(join(outDir, file))).length;
  const graph = (key: string, into: Set<string>): Set<string> => {
    if (into.has(key)) return into;
    into.add(key);
    for (const i of manifest[key]!.imports ?? []) graph(i, into);
    return into;
  };
  const js = (keys: Set<string>) => [...new Set([...keys].map((k) => manifest[k]!.file))].filter((f) => f.endsWith(".js"));
  const entry = graph("taskpane.html", new Set());
  const firstLoad = Object.fromEntries(
    LANGUAGES.map((l) => {
      const words = `src/strings/${l}.ts`;
      if (!manifest[words]) throw new Error(`no chunk ${words} in the pane's manifest`);
      return [l, js(graph(words, new Set(entry))).reduce((sum, f) => sum + gz(f), 0)];
    }),
  ) as Record<Language, number>;
  const all = [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + gz(f), 0);
  const first = new Set(js(entry));
  // A module imported both statically and with import() gets a chunk that re-exports it from where it is.
  const home = (file: string) => {
    const facade = /^export\{[^}]*\}from"([^"]+)";?\s*$/.exec(readFileSync(join(outDir, file), "utf8"));
    return facade ? posix.join(posix.dirname(file), facade[1]!) : file;
  };
  const lazyInFirstLoad = Object.entries(manifest)
    .filter(([, c]) => c.isDynamicEntry && first.has(home(c.file)))
    .map(([key]) => key);
  return { firstLoad, all, lazyInFirstLoad };
}
