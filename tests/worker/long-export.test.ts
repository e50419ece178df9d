import { env } from "cloudflare:test";
import { XMLParser } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { LONG_COLUMN, LONG_COLUMNS, noteOfComment, OBS_STATUS_OF_REASON, statusMeaning } from "../../shared/export/long.ts";
import { MISSING_REASON_LABELS } from "../../shared/i18n/labels.ts";
import { longPages } from "../../worker/src/db/long-export.ts";
import { readCsv } from "../support/csv.ts";
import type { MemberSpec } from "../support/member-plan.ts";
import { openDataWorld } from "./support/open-data-world.ts";
import { api, json, uuid } from "./support/world.ts";

/**
 * The long export (worker/src/routes/long-export.ts), on the OData feed's world: members A, B, C; POP
 * shared `named`, WASTE with the analysts only. A's POP 2020 note looks like a formula, B's POP 2020 has a
 * note, B's POP 2021 no value for a reason. A has an official territory code, B and C none yet.
 */
const MEMBERS: Record<string, MemberSpec> = {
  A: { name: "Альфа", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 10, 2021: 11, 2022: -12.5 }, WASTE: { 2020: 3 } } },
  B: { name: "Бета", kind: "town", region: "South", population: 2000, values: { POP: { 2020: 20, 2021: null, 2022: 22 }, WASTE: { 2020: 1 } } },
  C: { name: "Гамма", kind: "village", region: "South", values: { POP: { 2020: 30 } } },
};
const NOTES: Record<string, string> = { A: '=HYPERLINK("http://example.com","ok")', B: "B's note, \"quoted\"" };
const UNITS: Record<string, string> = { POP: "осіб", WASTE: "т" };

/** A KATOTTH-shaped code no other test of the file uses (the column is unique across communities). */
const territoryCode = () => `UA${String(Math.floor(Math.random() * 1e15)).padStart(17, "0")}`;

async function exportWorld() {
  const world = await openDataWorld({ members: MEMBERS, notes: NOTES, units: UNITS });
  const codeA = territoryCode();
  await env.DB.prepare("UPDATE communities SET territory_code = ?1 WHERE id = ?2").bind(codeA, world.ids.A!).run();
  return { ...world, codeA, base: `/v1/associations/${world.associationId}/exports/observations` };
}
type World = Awaited<ReturnType<typeof exportWorld>>;

async function csvOf(w: World, query = "", token = w.tokens.analyst): Promise<string[][]> {
  const res = await api(`${w.base}.csv${query}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  // Response.text() would drop the BOM this checks.
  return readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()));
}

/** The data rows as "member code year", the member named by its key. */
const described = (w: World, rows: string[][]) => {
  const key = new Map(Object.entries(w.ids).map(([k, id]) => [id, k]));
  key.set(w.codeA, "A");
  return rows.slice(1).map((r) => `${key.get(r[LONG_COLUMN.REF_AREA]!)} ${r[LONG_COLUMN.INDICATOR]} ${r[LONG_COLUMN.TIME_PERIOD]}`);
};

interface FeedObservation {
  communityId: string;
  code: string;
  year: number;
  value: number | null;
  missing: string | null;
  note: string | null;
  updatedAt: string;
}

describe("long export", () => {
  it("writes every observation once in SDMX-CSV columns: territory code or id, value, unit, status, reason and note, last change", async () => {
    const w = await exportWorld();
    const rows = await csvOf(w);
    expect(rows[0]).toEqual([...LONG_COLUMNS]);
    expect(described(w, rows).sort()).toEqual([
      "A POP 2020", "A POP 2021", "A POP 2022", "A WASTE 2020", "B POP 2020", "B POP 2021", "B POP 2022", "B WASTE 2020", "C POP 2020",
    ]);
    const flow = `MUNIPLAN:${w.associationId}(1.0)`;
    const row = (area: string, code: string, year: number) =>
      rows.find((r) => r[LONG_COLUMN.REF_AREA] === area && r[LONG_COLUMN.INDICATOR] === code && r[LONG_COLUMN.TIME_PERIOD] === String(year))!;
    const withoutTime = (r: string[]) => r.slice(0, LONG_COLUMN["LAST UPDATE"]);
    expect(withoutTime(row(w.codeA, "POP", 2020))).toEqual([flow, w.codeA, "POP", "2020", "10", "осіб", "A", `'${NOTES.A}`]);
    expect(withoutTime(row(w.codeA, "POP", 2022))).toEqual([flow, w.codeA, "POP", "2022", "-12.5", "осіб", "A", ""]);
    expect(withoutTime(row(w.ids.B!, "POP", 2020))).toEqual([flow, w.ids.B, "POP", "2020", "20", "осіб", "A", NOTES.B]);
    expect(withoutTime(row(w.ids.B!, "POP", 2021))).toEqual([flow, w.ids.B, "POP", "2021", "", "осіб", OBS_STATUS_OF_REASON.confidential, MISSING_REASON_LABELS.confidential.uk]);
    expect(withoutTime(row(w.ids.B!, "WASTE", 2020))).toEqual([flow, w.ids.B, "WASTE", "2020", "1", "т", "A", ""]);
    for (const r of rows.slice(1)) expect(Date.parse(r[LONG_COLUMN["LAST UPDATE"]]!), r.join()).not.toBeNaN();
    // The reason in the language asked for.
    const english = await csvOf(w, "?lang=en&code=POP&from=2021&to=2021");
    expect(english.find((r) => r[LONG_COLUMN.REF_AREA] === w.ids.B)![LONG_COLUMN.COMMENT]).toBe("confidential");
  });

  it("holds what the OData feed holds: values, reasons and notes read back from the CSV are the feed's", async () => {
    const w = await exportWorld();
    for (const token of [w.tokens.analyst, w.tokens.editorB]) {
      const feed = await api(`http://localhost/v1/associations/${w.associationId}/odata/Observations`, { token });
      const expected = (await json<{ value: FeedObservation[] }>(feed)).value.map(({ communityId, code, year, value, missing, note, updatedAt }) => ({
        communityId,
        code,
        year,
        value,
        missing,
        note,
        updatedAt,
      }));
      const idOf = (area: string) => (area === w.codeA ? w.ids.A : area);
      const read = (await csvOf(w, "", token)).slice(1).map((r) => {
        const missing = statusMeaning(r[LONG_COLUMN.OBS_STATUS]!)!.missing;
        const comment = r[LONG_COLUMN.COMMENT]!;
        return {
          communityId: idOf(r[LONG_COLUMN.REF_AREA]!),
          code: r[LONG_COLUMN.INDICATOR],
          year: Number(r[LONG_COLUMN.TIME_PERIOD]),
          value: r[LONG_COLUMN.OBS_VALUE] === "" ? null : Number(r[LONG_COLUMN.OBS_VALUE]),
          missing,
          // The CSV keeps formula-looking text inert with a leading ' (shared/export/csv.ts); the note is what follows.
          note: comment === "" ? null : noteOfComment(missing, comment.replace(/^'(?=[=+\-@\t\r\0])/, "")),
          updatedAt: r[LONG_COLUMN["LAST UPDATE"]],
        };
      });
      expect(read).toEqual(expected);
      expect(read.length).toBeGreaterThan(0);
    }
  });

  it("writes the same rows as .xlsx, text as typed strings that never run", async () => {
    const w = await exportWorld();
    const csv = await csvOf(w, "?code=POP");
    const res = await api(`${w.base}.xlsx?code=POP`, { token: w.tokens.analyst });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="observations-POP.xlsx"');
    const sheet = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))["xl/worksheets/sheet1.xml"]!);
    expect(sheet).not.toContain("<f>");
    const parsed = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (n) => n === "row" || n === "c" }).parse(sheet);
    type Cell = { "@_r": string; "@_t"?: string; v?: string; is?: { t: string | { "#text": string } } };
    const grid = (parsed.worksheet.sheetData.row as { c: Cell[] }[]).map((r) => {
      const cells: string[] = LONG_COLUMNS.map(() => "");
      for (const c of r.c) {
        const col = c["@_r"].charCodeAt(0) - 65;
        const t = c.is?.t;
        cells[col] = c["@_t"] === "inlineStr" ? (typeof t === "object" ? t["#text"] : String(t)) : String(c.v);
      }
      return cells;
    });
    // The CSV's guard prefix is the CSV's: the .xlsx holds the note as typed, in a string cell.
    expect(grid).toEqual(csv.map((r) => r.map((cell) => cell.replace(/^'(?=[=+\-@\t\r\0])/, ""))));
    expect(sheet).toContain(`t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;http://example.com&quot;,&quot;ok&quot;)</t>`);
  });

  it("reads as the comparison: a member sees named entries of every member and its own notes only; others get 403, 404, 401", async () => {
    const w = await exportWorld();
    const asMember = await csvOf(w, "", w.tokens.editorB);
    expect(described(w, asMember).sort()).toEqual(["A POP 2020", "A POP 2021", "A POP 2022", "B POP 2020", "B POP 2021", "B POP 2022", "C POP 2020"]);
    const comments = asMember.slice(1).filter((r) => r[LONG_COLUMN.OBS_STATUS] === "A" && r[LONG_COLUMN.COMMENT] !== "");
    expect(comments.map((r) => [r[LONG_COLUMN.REF_AREA], r[LONG_COLUMN.COMMENT]])).toEqual([[w.ids.B, NOTES.B]]);
    // The admin reads everything, as the analysts do.
    expect(described(w, await csvOf(w, "", w.tokens.admin))).toEqual(described(w, await csvOf(w)));

    const refused = async (query: string, token: string) => {
      const res = await api(`${w.base}.csv${query}`, { token });
      return [res.status, (await json<{ error: { field?: string } }>(res)).error.field ?? null];
    };
    expect(await refused("?code=WASTE", w.tokens.editorB)).toEqual([403, null]);
    expect(await refused("?code=NOPE", w.tokens.analyst)).toEqual([404, "code"]);
    expect(await refused("", w.tokens.foreignAnalyst)).toEqual([404, "associationId"]);
    expect((await api(`${w.base}.xlsx`, { token: w.tokens.foreignAnalyst })).status).toBe(404);
    expect((await api(`${w.base}.csv`, { token: null })).status).toBe(401);
  });

  it("filters by code, years and member, and refuses a member outside the association and years the wrong way round", async () => {
    const w = await exportWorld();
    expect(described(w, await csvOf(w, "?code=POP&from=2021&to=2022")).sort()).toEqual(["A POP 2021", "A POP 2022", "B POP 2021", "B POP 2022"]);
    expect(described(w, await csvOf(w, `?member=${w.ids.A}&to=2020`)).sort()).toEqual(["A POP 2020", "A WASTE 2020"]);
    expect(described(w, await csvOf(w, "?from=2022")).sort()).toEqual(["A POP 2022", "B POP 2022"]);
    const res = await api(`${w.base}.csv?member=${uuid()}`, { token: w.tokens.analyst });
    expect(res.status).toBe(404);
    expect((await api(`${w.base}.csv?from=2022&to=2020`, { token: w.tokens.analyst })).status).toBe(400);
    expect((await api(`${w.base}.csv?from=2022`, { token: w.tokens.analyst })).headers.get("content-disposition")).toBe(
      'attachment; filename="observations-2022-.csv"',
    );
  });

  it("gives the analyst a member's template: the export's columns, its active indicators × the years, answers empty", async () => {
    const w = await exportWorld();
    const csv = await api(`/v1/associations/${w.associationId}/exports/template.csv?member=${w.ids.A}&from=2023&to=2024`, { token: w.tokens.analyst });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="template-${w.codeA}-2023-2024.csv"`);
    const rows = readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer()));
    const flow = `MUNIPLAN:${w.associationId}(1.0)`;
    expect(rows).toEqual([
      [...LONG_COLUMNS],
      [flow, w.codeA, "POP", "2023", "", "осіб", "", "", ""],
      [flow, w.codeA, "POP", "2024", "", "осіб", "", "", ""],
      [flow, w.codeA, "WASTE", "2023", "", "т", "", "", ""],
      [flow, w.codeA, "WASTE", "2024", "", "т", "", "", ""],
    ]);
    const xlsx = await api(`/v1/associations/${w.associationId}/exports/template.xlsx?member=${w.ids.C}&from=2023&to=2023`, { token: w.tokens.admin });
    expect(xlsx.status).toBe(200);
    const sheet = strFromU8(unzipSync(new Uint8Array(await xlsx.arrayBuffer()))["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain(`<t xml:space="preserve">${w.ids.C}</t>`);

    const status = async (query: string, token: string) =>
      (await api(`/v1/associations/${w.associationId}/exports/template.csv${query}`, { token })).status;
    expect(await status(`?member=${w.ids.B}&from=2023&to=2023`, w.tokens.editorB)).toBe(403);
    expect(await status(`?member=${w.ids.B}&from=2023&to=2023`, w.tokens.foreignAnalyst)).toBe(404);
    expect(await status(`?member=${uuid()}&from=2023&to=2023`, w.tokens.analyst)).toBe(404);
    expect(await status(`?member=${w.ids.B}&from=2024&to=2023`, w.tokens.analyst)).toBe(400);
    expect(await status(`?from=2023&to=2023`, w.tokens.analyst)).toBe(400);
  });

  it("walks the rows a page at a time without losing or repeating one, whatever the page size", async () => {
    const w = await exportWorld();
    const reader = { namedOnly: false, notesOf: null };
    const context = { units: new Map(Object.entries(UNITS)), territories: new Map([[w.ids.A!, w.codeA]]) };
    const walk = async (pageSize: number) => {
      const pages = [];
      for await (const page of longPages(env.DB, w.associationId, reader, {}, context, pageSize)) pages.push(page);
      return pages;
    };
    const [whole] = await walk(1000);
    expect(whole).toHaveLength(9);
    for (const size of [1, 2, 4, 9]) {
      const pages = await walk(size);
      expect(pages.map((p) => p.length).every((n) => n <= size)).toBe(true);
      expect(pages.flat()).toEqual(whole);
    }
  });
});
