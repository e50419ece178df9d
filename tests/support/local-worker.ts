/**
 * The Worker as `npm start` runs it — workerd with a local D1 and the real migrations — inside this
 * Node process through Miniflare, for benchmarks and browser tests that need a store to talk to.
 * The worker is bundled exactly as `wrangler deploy` would upload it (a dry run: offline, no account).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Miniflare } from "miniflare";
import type { Role } from "../../shared/api/access.ts";
import { issueToken, type Statement, tenancy } from "../../worker/src/db/tenancy.ts";
import type { D1Database } from "../../worker/src/env.ts";
import { localVar, REPO, wrangler } from "../../worker/tools/wrangler.ts";

function bundle(dir: string, entry: string): string {
  wrangler(["deploy", "--dry-run", "--outdir", dir, entry]);
  return join(dir, basename(entry).replace(/\.ts$/, ".js"));
}

/** Every migration file, in order, as statements (Miniflare's D1 runs one statement per prepare). */
function migrationStatements(): string[] {
  const dir = join(REPO, "worker", "migrations");
  const sql = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
  return sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n")
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface LocalWorker {
  mf: Miniflare;
  db: D1Database;
  /** A request to the API worker, as a browser or the add-in's client would send it. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  run(statements: Statement[]): Promise<void>;
  /** A user with the given grants and a fresh token for it. */
  user(name: string, grants: [Role, string | null][]): Promise<string>;
  dispose(): Promise<void>;
}

export async function startLocalWorker(
  options: { extraWorkers?: { name: string; entry: string }[]; allowedOrigins?: string } = {},
): Promise<LocalWorker> {
  const dir = mkdtempSync(join(tmpdir(), "muniplan-worker-"));
  const worker = (name: string, entry: string) => {
    const out = join(dir, name);
    return { name, modules: true, scriptPath: bundle(out, entry), modulesRoot: out, compatibilityDate: "2026-04-01", d1Databases: { DB: "local" } };
  };
  const mf = new Miniflare({
    workers: [
      {
        ...worker("api", join(REPO, "worker", "src", "index.ts")),
        // wrangler.jsonc's local key, as `npm start` has it: without one the invitation routes answer 503.
        bindings: { ALLOWED_ORIGINS: options.allowedOrigins ?? "", INVITATION_KEY: (await localVar("INVITATION_KEY")) ?? "" },
      },
      ...(options.extraWorkers ?? []).map((w) => worker(w.name, w.entry)),
    ],
  });
  const db = (await mf.getD1Database("DB", "api")) as unknown as D1Database;
  for (const statement of migrationStatements()) await db.prepare(statement).run();
  const api = await mf.getWorker("api");
  const run = async (statements: Statement[]) => {
    await db.batch(statements.map((s) => db.prepare(s.sql).bind(...s.params)));
  };
  return {
    mf,
    db,
    fetch: async (url, init) => (await api.fetch(url, init as never)) as unknown as Response,
    run,
    async user(name, grants) {
      const at = new Date().toISOString();
      const userId = crypto.randomUUID();
      const issued = await issueToken({ userId, label: "local", expiresAt: "2999-01-01T00:00:00.000Z", at });
      await run([tenancy.user(userId, name, at), ...grants.map(([role, scope]) => tenancy.grant(userId, role, scope)), issued.statement]);
      return issued.token;
    },
    async dispose() {
      await mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
