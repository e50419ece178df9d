import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeInvitationCode } from "../../shared/api/invitations.ts";
import { hmacSha256Hex } from "../../worker/src/crypto.ts";
import { adminCommand, usage } from "../../worker/tools/admin-commands.ts";
import { applyMigrations, REPO } from "../../worker/tools/wrangler.ts";

/** Issue 12: names are data. The admin CLI keeps them exactly and says so in its help. */

const AT = "2026-01-01T00:00:00.000Z";
const KEY = "admin-cli-test-invitation-key-0123456789";
const keyTargets: unknown[] = [];
const run = (...argv: string[]) =>
  adminCommand(argv, "/state", AT, async (target) => {
    keyTargets.push(target);
    return KEY;
  });

/** The name a `... create` command would store (the statement's second parameter). */
async function storedName(...argv: string[]): Promise<unknown> {
  const command = await run(...argv);
  if ("usage" in command) throw new Error("not a command");
  return command.statements[0]!.params[1];
}

describe("the admin CLI keeps names exactly", () => {
  it.each([
    ["a leading tab", "\tЖитомир"],
    ["edge spaces", "  Житомир  "],
    ["a leading dash (written with =)", "-X"],
    ["a formula-looking name", "=1+1"],
  ])("%s", async (_what, name) => {
    expect(await storedName("community", "create", `--name=${name}`)).toBe(name);
    expect(await storedName("association", "create", `--name=${name}`)).toBe(name);
    expect(await storedName("user", "create", `--name=${name}`)).toBe(name);
  });

  it("refuses a blank name or one holding what the text rule refuses, naming the option", async () => {
    await expect(run("user", "create", "--name", " \t ")).rejects.toThrow(/^--name: must not be blank/);
    await expect(run("user", "create", "--name", "a\uD800")).rejects.toThrow(/^--name: holds U\+D800/);
    await expect(run("user", "create", "--name", "a\u0001")).rejects.toThrow(/^--name: holds U\+0001/);
    await expect(run("user", "create")).rejects.toThrow(/^--name: required/);
  });

  it("says how to write a name starting with a dash when it is given as a separate word", async () => {
    await expect(run("community", "create", "--name", "-X")).rejects.toThrow(/--name=-/);
  });

  it("says in --help that names are kept exactly, and how to write one starting with a dash", async () => {
    expect(await run("--help")).toEqual({ usage: true, known: true });
    expect(await run("help")).toEqual({ usage: true, known: true });
    expect(await run("nonsense")).toEqual({ usage: true, known: false });
    const text = usage("/state");
    expect(text).toMatch(/kept exactly as given: nothing is trimmed/);
    expect(text).toContain("--name=-X");
    expect(text).toContain("release publish --association ID --year YEAR --user ID");
  });

  it("publishes a year as the named user", async () => {
    const [association, user] = [crypto.randomUUID(), crypto.randomUUID()];
    const command = await run("release", "publish", "--association", association, "--year", "2015", "--user", user);
    if ("usage" in command) throw new Error("not a command");
    expect(command.statements.some((s) => /INSERT INTO releases/.test(s.sql) && s.params.includes(user) && s.params.includes(2015))).toBe(true);
    await expect(run("release", "publish", "--association", association, "--year", "1800", "--user", user)).rejects.toThrow(/^--year:/);
  });
});

describe("invite create", () => {
  it("prints a single-use code once and stores only its keyed hash, expiring in 7 days unless told fewer", async () => {
    const user = crypto.randomUUID();
    const command = await run("invite", "create", "--user", user);
    if ("usage" in command) throw new Error("not a command");
    const [older, statement] = command.statements;
    // The user's older unused codes end first.
    expect(older!.sql).toMatch(/^UPDATE invitations SET expires_at/);
    expect(older!.params).toEqual([user, AT]);
    expect(statement!.sql).toMatch(/INSERT INTO invitations/);
    const code = command.output!.split("\n")[1]!;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const normalized = normalizeInvitationCode(code)!;
    // The statement holds the hash and the user, never the code: the CLI is the only one who sees it.
    expect(statement!.params).toContain(await hmacSha256Hex(KEY, normalized));
    expect(statement!.params).toContain(user);
    expect(JSON.stringify(statement)).not.toContain(normalized);
    expect(statement!.params).toContain(null); // created by the admin CLI, not a user
    const expires = new Date(Date.parse(AT) + 7 * 86_400_000).toISOString();
    expect(command.output).toContain(`expires ${expires}`);
    expect(statement!.params).toContain(expires);

    const shorter = await run("invite", "create", "--user", user, "--days", "2");
    if ("usage" in shorter) throw new Error("not a command");
    expect(shorter.statements[1]!.params).toContain(new Date(Date.parse(AT) + 2 * 86_400_000).toISOString());
    // The key asked for is the target database's.
    keyTargets.length = 0;
    await run("--remote", "invite", "create", "--user", user);
    expect(keyTargets).toEqual([{ remote: true }]);
    await expect(run("invite", "create", "--user", user, "--days", "8")).rejects.toThrow(/^--days:/);
    await expect(run("invite", "create", "--user", "someone")).rejects.toThrow(/^--user:/);
    expect(usage("/state")).toContain("invite create --user ID [--days 7]");
  });

  it("leaves a token's default at 90 days", async () => {
    const command = await run("token", "create", "--user", crypto.randomUUID());
    if ("usage" in command) throw new Error("not a command");
    expect(command.output).toContain(`expires ${new Date(Date.parse(AT) + 90 * 86_400_000).toISOString()}`);
  });
});

describe("territory codes (issue 15)", () => {
  /** The statement of a command that sets a community's code: [community, code]. */
  async function codeSet(...argv: string[]): Promise<unknown[]> {
    const command = await run(...argv);
    if ("usage" in command) throw new Error("not a command");
    const statement = command.statements.find((s) => /territory_code/.test(s.sql));
    if (!statement) throw new Error("no territory code statement");
    return statement.params;
  }

  it("community create stores the code given, typed in any case and with edge spaces", async () => {
    const association = crypto.randomUUID();
    const command = await run("community", "create", "--name", "Вінницька", "--code", " ua05020030000063857 ", "--association", association);
    if ("usage" in command) throw new Error("not a command");
    const created = command.output;
    expect(command.statements.map((s) => s.sql.split(" ").slice(0, 3).join(" "))).toEqual([
      "INSERT INTO communities",
      "INSERT INTO community_code_changes",
      "INSERT OR IGNORE",
    ]);
    expect(command.statements[1]!.params).toEqual([created, "UA05020030000063857"]);
    expect(command.statements[2]!.params).toEqual([association, created]);
    // Without --code the community has none yet.
    const plain = await run("community", "create", "--name", "Вінницька");
    if ("usage" in plain) throw new Error("not a command");
    expect(plain.statements.some((s) => /territory_code/.test(s.sql))).toBe(false);
  });

  it("community code sets or clears a community's code", async () => {
    const community = crypto.randomUUID();
    expect(await codeSet("community", "code", "--community", community, "--code", "lt-13")).toEqual([community, "LT-13"]);
    expect(await codeSet("community", "code", "--community", community, "--clear")).toEqual([community, null]);
  });

  it("refuses a malformed code with the expected shape, and a command with both or neither of --code and --clear", async () => {
    const community = crypto.randomUUID();
    await expect(run("community", "create", "--name", "X", "--code", "UA0502003")).rejects.toThrow(
      /^--code: must be "UA" and 17 digits naming a hromada \(such as UA05020030000063857\)/,
    );
    await expect(run("community", "code", "--community", community, "--code", "UA05020030010063857")).rejects.toThrow(/^--code: .*not a hromada/);
    await expect(run("community", "code", "--community", community, "--code", "LT-61")).rejects.toThrow(/^--code: must be "LT-01" to "LT-60"/);
    await expect(run("community", "code", "--community", community)).rejects.toThrow(/--code CODE or --clear: give exactly one/);
    await expect(run("community", "code", "--community", community, "--code", "LT-13", "--clear")).rejects.toThrow(/give exactly one/);
    await expect(run("community", "code", "--code", "LT-13")).rejects.toThrow(/^--community: required/);
  });

  it("community code refuses a community id that no community has, and sets a known one's (through wrangler, on a local D1)", () => {
    const persistTo = mkdtempSync(join(tmpdir(), "muniplan-admin-cli-"));
    try {
      applyMigrations({ remote: false, persistTo });
      const admin = (...argv: string[]) =>
        spawnSync(process.execPath, ["--import", "tsx", "worker/admin.ts", "--persist-to", persistTo, ...argv], { cwd: REPO, encoding: "utf8" });
      const created = admin("community", "create", "--name", "Вінницька");
      expect(created.status, created.stderr).toBe(0);
      const community = created.stdout.trim();
      expect(community).toMatch(/^[0-9a-f-]{36}$/);

      const mistyped = admin("community", "code", "--community", crypto.randomUUID(), "--code", "LT-13");
      expect(mistyped.status).not.toBe(0);
      expect(mistyped.stderr).toContain("no community with this id: check --community");

      const known = admin("community", "code", "--community", community, "--code", "LT-13");
      expect(known.status, known.stderr).toBe(0);
    } finally {
      rmSync(persistTo, { recursive: true, force: true });
    }
  });

  it("lists both in --help", () => {
    const text = usage("/state");
    expect(text).toContain("community create --name NAME [--code CODE]");
    expect(text).toContain("community code --community ID --code CODE | --clear");
    expect(text).toContain("UA05020030000063857");
    expect(text).toContain("LT-01..LT-60");
  });
});
