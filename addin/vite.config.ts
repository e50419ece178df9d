import { createReadStream, existsSync, statSync } from "node:fs";
import { cp } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
const officeJsPackage = resolve(here, "../node_modules/@microsoft/office-js/dist");
const TYPES: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".html": "text/html" };

/** The only copy of Office.js Microsoft supports for add-ins in production (AppSource requires it). */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Where the pages ask for Office.js (taskpane.html): the @microsoft/office-js package, served by MuniPlan. */
const OFFICE_JS_PACKAGE = "/office-js/office.js";

/**
 * Office.js: a production build points the pages at Microsoft's CDN and ships no copy of it. The dev
 * server (`npm start`) and the tests' builds (vitest's e2e suites build the pane in-process and run it
 * offline; vitest sets VITEST) use the @microsoft/office-js package instead, served at /office-js/.
 */
function officeJs(fromCdn: boolean): Plugin {
  return {
    name: "office-js",
    transformIndexHtml: {
      order: "pre",
      handler: (html) => (fromCdn ? html.replaceAll(`src="${OFFICE_JS_PACKAGE}"`, `src="${OFFICE_JS_CDN}"`) : html),
    },
    configureServer(server) {
      server.middlewares.use("/office-js", (req, res, next) => {
        const file = normalize(join(officeJsPackage, decodeURIComponent((req.url ?? "/").split("?")[0]!)));
        if (!file.startsWith(officeJsPackage) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
        createReadStream(file).pipe(res);
      });
    },
    async writeBundle(options) {
      if (!fromCdn) await cp(officeJsPackage, join(options.dir!, "office-js"), { recursive: true });
    },
  };
}

export default defineConfig(({ command, mode }) => ({
  root: here,
  base: "./",
  plugins: [react(), officeJs(command === "build" && mode === "production" && !process.env.VITEST)],
  build: {
    outDir: resolve(here, "../dist/addin"),
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: {
        taskpane: resolve(here, "taskpane.html"),
        help: resolve(here, "help.html"),
      },
    },
  },
  server: { port: 3000, strictPort: true, host: "127.0.0.1" },
}));
