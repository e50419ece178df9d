import { describe, expect, it } from "vitest";
import { adminCommand, usage } from "../../worker/tools/admin-commands.ts";

/** Issue 12: names are data. The admin CLI keeps them exactly and says so in its help. */

const AT = "2026-01-01T00:00:00.000Z";
const run = (...argv: string[]) => adminCommand(argv, "/state", AT);

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

  it("refuses a blank name or one that is not valid Unicode, naming the option", async () => {
    await expect(run("user", "create", "--name", " \t ")).rejects.toThrow(/^--name: must not be blank/);
    await expect(run("user", "create", "--name", "a\uD800")).rejects.toThrow(/^--name: is not valid Unicode/);
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
