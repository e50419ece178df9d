import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { run, uuid } from "./support/world.ts";

/** Issue 15: one community per territory code, refused with a message that says what to do. */

const codeOf = async (id: string) =>
  (await env.DB.prepare("SELECT territory_code AS code FROM communities WHERE id = ?1").bind(id).first<{ code: string | null }>())?.code;

describe("a community's territory code in the store", () => {
  it("is set, moved after clearing, and refused while another community holds it", async () => {
    const at = new Date().toISOString();
    const [first, second] = [uuid(), uuid()];
    const code = "UA71020010000037786";
    await run([tenancy.community(first, "Бужанська", at), tenancy.territoryCode(first, code), tenancy.community(second, "Інша", at)]);
    expect(await codeOf(first)).toBe(code);
    expect(await codeOf(second)).toBeNull();

    await expect(run([tenancy.territoryCode(second, code)])).rejects.toThrow(/territory code taken: another community already has this code; clear it there first/);
    expect(await codeOf(second)).toBeNull();
    // Setting a community's own code again is no conflict.
    await run([tenancy.territoryCode(first, code)]);

    await run([tenancy.territoryCode(first, null)]);
    await run([tenancy.territoryCode(second, code)]);
    expect([await codeOf(first), await codeOf(second)]).toEqual([null, code]);
  });

  it("refuses a new community inserted with a code another holds", async () => {
    const [holder, newcomer] = [uuid(), uuid()];
    await run([tenancy.community(holder, "A", new Date().toISOString()), tenancy.territoryCode(holder, "LT-42")]);
    await expect(
      env.DB.prepare("INSERT INTO communities (id, name, created_at, territory_code) VALUES (?1, 'B', ?2, 'LT-42')").bind(newcomer, new Date().toISOString()).run(),
    ).rejects.toThrow(/territory code taken/);
  });
});
