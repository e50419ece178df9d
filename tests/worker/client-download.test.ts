import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ApiError, createClient, filenameOf, Unreachable } from "../../shared/api/client.ts";
import { LONG_COLUMN, LONG_COLUMNS } from "../../shared/export/long.ts";
import app from "../../worker/src/index.ts";
import { populationEntry } from "../support/catalogue-entry.ts";
import { readCsv } from "../support/csv.ts";
import { associationOf, userWithToken } from "./support/world.ts";

// The typed client's downloads (exportObservations, exportTemplate) against the real Worker and D1: the
// file's bytes and the name the server gives it, and the client's own errors for a refusal or no answer.
const BASE = "http://muniplan.test";
const clientFor = (token: string, fetch = (input: string, init: RequestInit) => Promise.resolve(app.request(input, init, env))) =>
  createClient({ baseUrl: BASE, token, fetch });

const text = async (blob: Blob) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await blob.arrayBuffer());

async function world() {
  const { associationId, ids, analyst } = await associationOf(["A"], () => "Альфа");
  await clientFor(analyst.token).putCatalogueEntry(associationId, "POP", populationEntry());
  return { associationId, member: ids.A!, analyst: analyst.token };
}

describe("the typed client's downloads", () => {
  it("downloads the long export and a member's template under the server's file names", async () => {
    const w = await world();
    const client = clientFor(w.analyst);

    const all = await client.exportObservations(w.associationId, "csv");
    expect(all.filename).toBe("observations.csv");
    expect(readCsv(await text(all.blob))[0]).toEqual([...LONG_COLUMNS]);

    const some = await client.exportObservations(w.associationId, "xlsx", { code: "POP", from: 2020, to: 2021, lang: "en" });
    expect(some.filename).toBe("observations-POP-2020-2021.xlsx");
    // A zip (PK\3\4), as an .xlsx is.
    expect([...new Uint8Array(await some.blob.arrayBuffer()).slice(0, 4)]).toEqual([0x50, 0x4b, 3, 4]);

    const template = await client.exportTemplate(w.associationId, "csv", { member: w.member, from: 2020, to: 2022 });
    expect(template.filename).toBe(`template-${w.member.slice(0, 8)}-2020-2022.csv`);
    const rows = readCsv(await text(template.blob));
    expect(rows.slice(1).map((r) => `${r[LONG_COLUMN.REF_AREA]} ${r[LONG_COLUMN.INDICATOR]} ${r[LONG_COLUMN.TIME_PERIOD]} ${r[LONG_COLUMN.OBS_VALUE]}`)).toEqual(
      [2020, 2021, 2022].map((y) => `${w.member} POP ${y} `),
    );
  });

  it("says a refusal as the API's error, with its code and field", async () => {
    const w = await world();
    const notMember = await clientFor(w.analyst)
      .exportTemplate(w.associationId, "xlsx", { member: crypto.randomUUID(), from: 2020, to: 2021 })
      .catch((e: unknown) => e);
    expect(notMember).toBeInstanceOf(ApiError);
    expect(notMember).toMatchObject({ status: 404, code: "not_found", field: "member" });
    const backwards = await clientFor(w.analyst)
      .exportTemplate(w.associationId, "csv", { member: w.member, from: 2022, to: 2020 })
      .catch((e: unknown) => e);
    expect(backwards).toMatchObject({ status: 400, field: "to" });
    const editor = await userWithToken([["editor", w.member]]);
    await expect(clientFor(editor.token).exportTemplate(w.associationId, "csv", { member: w.member, from: 2020, to: 2020 })).rejects.toMatchObject({ status: 403 });
    await expect(clientFor("mpt_unknown").exportObservations(w.associationId, "csv")).rejects.toMatchObject({ status: 401 });
  });

  it("says Unreachable when no answer came, the download was cancelled or the file was cut off; a proxy's page is an unreadable refusal", async () => {
    const refused = new TypeError("Failed to fetch");
    await expect(clientFor("t", () => Promise.reject(refused)).exportObservations("a", "csv")).rejects.toEqual(new Unreachable(refused));

    // A cancel: the pane's fetch carries the action's signal, and the fetch rejects with its AbortError.
    const controller = new AbortController();
    controller.abort();
    const cancelled = await clientFor("t", (input, init) => fetch(input, { ...init, signal: controller.signal }))
      .exportObservations("a", "csv")
      .catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(Unreachable);
    expect((cancelled as Unreachable).cause).toMatchObject({ name: "AbortError" });

    const cut = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode("\uFEFFDATAFLOW,"));
        c.error(new Error("connection reset"));
      },
    });
    await expect(clientFor("t", () => Promise.resolve(new Response(cut))).exportObservations("a", "csv")).rejects.toBeInstanceOf(Unreachable);

    const page = () => Promise.resolve(new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }));
    await expect(clientFor("t", page).exportObservations("a", "csv")).rejects.toMatchObject({ status: 502, code: "unreadable_response" });
  });

  it("names a file by the server's Content-Disposition, else by what was asked for", async () => {
    expect(filenameOf('attachment; filename="template-UA01-2020-2022.xlsx"')).toBe("template-UA01-2020-2022.xlsx");
    expect(filenameOf("attachment")).toBeUndefined();
    expect(filenameOf(null)).toBeUndefined();
    const bare = await clientFor("t", () => Promise.resolve(new Response("x"))).exportTemplate("a", "xlsx", { member: "m", from: 2020, to: 2020 });
    expect(bare.filename).toBe("template.xlsx");
  });
});
