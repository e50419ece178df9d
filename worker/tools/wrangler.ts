import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Statement } from "../src/db/tenancy.ts";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const CONFIG = join(REPO, "worker", "wrangler.jsonc");
/** Where wrangler keeps the local D1 (and everything else local); one place for start, dev and admin. */
export const LOCAL_STATE = join(REPO, ".wrangler", "state");

// Found beside wrangler's package.json: releases after 4.86 have an exports map that does not export bin/wrangler.js.
const WRANGLER_BIN = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");

/** No telemetry, no request.cf lookup, no banner: the local job works offline and without an account. */
export const OFFLINE_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
};

export type Target = { remote: true } | { remote: false; persistTo: string };

const targetFlags = (t: Target) => (t.remote ? ["--remote"] : ["--local", "--persist-to", t.persistTo]);

/**
 * Runs wrangler to completion; throws on failure. Stdin is closed so it never waits at a prompt, and its
 * output goes to stderr so that a CLI's stdout carries only its result (an id, a token).
 */
export function wrangler(args: string[]): void {
  const result = spawnSync(process.execPath, [WRANGLER_BIN, ...args, "--config", CONFIG], {
    cwd: REPO,
    env: OFFLINE_ENV,
    stdio: ["ignore", 2, 2],
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed (exit ${result.status})`);
}

export function wranglerBackground(args: string[]): ChildProcess {
  return spawn(process.execPath, [WRANGLER_BIN, ...args, "--config", CONFIG], { cwd: REPO, env: OFFLINE_ENV, stdio: ["ignore", "inherit", "inherit"] });
}

/** A string var of wrangler.jsonc's top level: the local development configuration. */
export async function localVar(name: string): Promise<string | undefined> {
  // Imported here, not at the top: only the commands that need a var pay for loading wrangler's API.
  const { experimental_readRawConfig } = await import("wrangler");
  const value = (experimental_readRawConfig({ config: CONFIG }).rawConfig.vars ?? {})[name];
  return typeof value === "string" ? value : undefined;
}

export function applyMigrations(target: Target): void {
  wrangler(["d1", "migrations", "apply", "muniplan", ...targetFlags(target)]);
}

/** A SQLite literal: `wrangler d1 execute` takes SQL text only, no bound parameters. */
function literal(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (value.includes("\0")) throw new RangeError("text with a NUL character");
  return `'${value.replaceAll("'", "''")}'`;
}

/** The statement with its ?N parameters replaced by literals (the SQL texts hold no '?' of their own). */
export function inline(statement: Statement): string {
  return statement.sql.replace(/\?(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= statement.params.length) throw new RangeError(`?${n} has no parameter in: ${statement.sql}`);
    return literal(statement.params[index]!);
  });
}

/** Executes statements in one `wrangler d1 execute --file` against the local or the remote database. */
export function execute(target: Target, statements: Statement[]): void {
  const dir = mkdtempSync(join(tmpdir(), "muniplan-"));
  try {
    const file = join(dir, "statements.sql");
    writeFileSync(file, statements.map((s) => `${inline(s)};\n`).join(""));
    wrangler(["d1", "execute", "muniplan", ...targetFlags(target), "--file", file, "--yes"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
