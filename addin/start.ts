import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";

/**
 * `npm start`: the local worker on wrangler's embedded D1 (migrations applied, demo data seeded,
 * tokens printed) and the task pane served for sideloading — https with Office's developer
 * certificates where they can be installed, plain http on localhost otherwise.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const origin = new URL(JSON.parse(readFileSync(`${root}package.json`, "utf8")).config.addinOrigin as string);

async function httpsOptions(): Promise<{ key: Buffer | string; cert: Buffer | string; ca?: Buffer | string } | undefined> {
  try {
    const certs = await import("office-addin-dev-certs");
    return await certs.getHttpsServerOptions();
  } catch (e) {
    console.warn(`[pane] No developer certificate (${e instanceof Error ? e.message.split("\n")[0] : e}); serving plain http on localhost.`);
    return undefined;
  }
}

const workerScript = `${root}worker/start.ts`;
const worker = existsSync(workerScript)
  ? spawn(process.execPath, ["--import", "tsx", workerScript, ...process.argv.slice(2)], { cwd: root, stdio: "inherit", env: { ...process.env } })
  : undefined;

const https = await httpsOptions();
const server = await createServer({
  configFile: `${root}addin/vite.config.ts`,
  server: { https, port: Number(origin.port || 3000), host: "localhost", strictPort: true },
});
await server.listen();
const served = `${https ? "https" : "http"}://localhost:${server.config.server.port}`;
console.log(`
[pane] MuniPlan's task pane: ${served}/taskpane.html
[pane] Sideload manifest.xml (its URLs point at ${origin.origin}):
       Excel on the web: Home → Add-ins → More add-ins → My add-ins → Upload my add-in → manifest.xml
       Excel on Windows or Mac: npm run sideload
${https ? "" : "[pane] Office loads add-ins over https only: on this machine the pane is for a browser preview;\n       sideload from a machine where the developer certificate installs, or use the deployed Worker (README).\n"}`);

const stop = () => {
  worker?.kill("SIGINT");
  void server.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
worker?.on("exit", (code) => {
  if (code) console.error(`[worker] exited with ${code}`);
});
