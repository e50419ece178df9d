import { createReadStream, existsSync, statSync } from "node:fs";
import { cp } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
const officeJs = resolve(here, "../node_modules/@microsoft/office-js/dist");
const TYPES: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".html": "text/html" };

/**
 * Office.js comes from the @microsoft/office-js package, served at /office-js/ by the dev server and
 * copied into the build — never from a CDN, so tests and offline machines need no network.
 */
function officeJsFromPackage(): Plugin {
  return {
    name: "office-js-from-package",
    configureServer(server) {
      server.middlewares.use("/office-js", (req, res, next) => {
        const file = normalize(join(officeJs, decodeURIComponent((req.url ?? "/").split("?")[0]!)));
        if (!file.startsWith(officeJs) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
        createReadStream(file).pipe(res);
      });
    },
    async writeBundle(options) {
      await cp(officeJs, join(options.dir!, "office-js"), { recursive: true });
    },
  };
}

export default defineConfig({
  root: here,
  base: "./",
  plugins: [react(), officeJsFromPackage()],
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
});
