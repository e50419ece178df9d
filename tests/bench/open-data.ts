/**
 * Open data at the largest real size (issue 15): 1,500 members × 30 indicators × 15 years (about 675,000
 * observations, tools/large-demo.ts) on the local worker, read out three ways by the association's analyst:
 * - the long export's CSV (worker/src/routes/long-export.ts), streamed in pages of LONG_EXPORT_PAGE;
 * - the CSV and the .xlsx of one indicator (1,500 members × 15 years, within LONG_XLSX_MAX_ROWS);
 * - the OData feed's Observations (worker/src/routes/odata.ts), walked by `@odata.nextLink` to the end as
 *   Excel's and Power BI's Get Data do, one request per page of ODATA_PAGE_SIZE.
 * The baseline, in the same Miniflare and the same run, is the same SQL bare on the binding: the feed's
 * Observations statement (worker/src/db/odata.ts readEntitySet, which both routes read through) run by a
 * bench-only worker (sql-worker.ts, its "observations" job) on the same D1 binding inside workerd, with no routing, auth,
 * access checks or encoding — once as one statement for all rows, and page by page as each route reads
 * (the paging's own cost). Run from Node through the binding's proxy instead, the bare side spends most
 * of its time handing 640,000 rows across to Node, which the routes never do.
 */
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { ODATA_PAGE_SIZE } from "../../shared/api/odata.ts";
import { LONG_XLSX_MAX_ROWS } from "../../shared/export/long.ts";
import { LONG_EXPORT_PAGE } from "../../worker/src/db/long-export.ts";
import { largeDemoCode } from "../../worker/tools/large-demo.ts";
import { largeDemoStore } from "./large-demo-store.ts";
import type { ObservationsJob } from "./sql-worker.ts";

const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => (n / 1e6).toFixed(1);
const s = (ms: number) => (ms / 1000).toFixed(2);

interface Read {
  ms: number;
  bytes: number;
  requests: number;
  /** Data rows read (CSV records after the header, or OData entities). */
  rows: number;
  /** The largest response of a walk (an OData page). */
  largest: number;
  body?: Uint8Array;
}

export async function benchOpenData(): Promise<void> {
  const { local, demo, seedMs, observations, api, sql, headers } = await largeDemoStore();
  try {
    const { associationId } = demo;
    const base = `http://bench/v1/associations/${associationId}`;

    /** A download read chunk by chunk as it streams; rows counted as CRLF-ended records less the header. */
    const download = async (url: string, keep = false): Promise<Read> => {
      const t0 = performance.now();
      const res = (await api.fetch(url, { headers })) as unknown as Response;
      if (!res.ok) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      const reader = res.body!.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      let records = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        for (let i = 0; i < value.length; i++) if (value[i] === 10) records++;
        if (keep) chunks.push(value);
      }
      const ms = performance.now() - t0;
      const body = keep ? Buffer.concat(chunks) : undefined;
      return { ms, bytes, requests: 1, rows: records - 1, largest: bytes, ...(body ? { body } : {}) };
    };

    /** The feed walked to its end: every page's JSON parsed, its nextLink followed. */
    const walkFeed = async (first: string): Promise<Read> => {
      const t0 = performance.now();
      let url: string | undefined = first;
      let bytes = 0;
      let requests = 0;
      let rows = 0;
      let largest = 0;
      while (url) {
        const res = (await api.fetch(url, { headers })) as unknown as Response;
        const text = await res.text();
        if (!res.ok) throw new Error(`${url}: ${res.status} ${text.slice(0, 300)}`);
        const size = Buffer.byteLength(text);
        bytes += size;
        largest = Math.max(largest, size);
        requests++;
        const page = JSON.parse(text) as { value: unknown[]; "@odata.nextLink"?: string };
        rows += page.value.length;
        url = page["@odata.nextLink"];
      }
      return { ms: performance.now() - t0, bytes, requests, rows, largest };
    };

    /** The routes' own statement, bare in workerd: all rows at once (pageSize null) or page after page by the same seek. */
    const bare = async (filter: ObservationsJob["filter"], pageSize: number | null): Promise<Read> => {
      const job: ObservationsJob = { op: "observations", associationId, filter, pageSize };
      const t0 = performance.now();
      const res = (await sql.fetch("http://sql/", { method: "POST", body: JSON.stringify(job) })) as unknown as Response;
      if (!res.ok) throw new Error(`sql worker: ${res.status} ${await res.text()}`);
      const { rows, reads } = (await res.json()) as { rows: number; reads: number };
      return { ms: performance.now() - t0, bytes: 0, requests: reads, rows, largest: 0 };
    };

    /** Median of ROUNDS, the last round's sizes; the sides alternate within a round, so both see the same warm cache. */
    const rounds = async (sides: (() => Promise<Read>)[], n = ROUNDS): Promise<{ ms: number; last: Read }[]> => {
      const times = sides.map(() => [] as number[]);
      const last: Read[] = [];
      for (let round = 0; round < n; round++)
        for (const [i, side] of sides.entries()) {
          const r = await side();
          times[i]!.push(r.ms);
          last[i] = r;
        }
      return sides.map((_, i) => ({ ms: median(times[i]!), last: last[i]! }));
    };

    console.log(
      `\n## Open data (Miniflare, local D1): ${demo.communities.toLocaleString("en")} members × ${demo.indicators} indicators × ${demo.years} years = ` +
        `${observations.toLocaleString("en")} observations (seeded by SQL in ${(seedMs / 1000).toFixed(1)} s); the analyst's token; median of ${ROUNDS} rounds unless said\n`,
    );
    console.log("| read | rows | HTTP requests | D1 reads of rows | time, s | same SQL bare, one statement, s | route / bare | MB returned | gzip MB |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    const row = (label: string, r: { ms: number; last: Read }, reads: number | string, b: { ms: number }, gzip: number | null, bytes = mb(r.last.bytes)) =>
      console.log(
        `| ${label} | ${r.last.rows.toLocaleString("en")} | ${r.last.requests.toLocaleString("en")} | ${reads.toLocaleString("en")} | ${s(r.ms)} | ${s(b.ms)} | ${(r.ms / b.ms).toFixed(2)} | ${bytes} | ${gzip === null ? "—" : mb(gzip)} |`,
      );
    const bareRow = (label: string, r: { ms: number; last: Read }, b: { ms: number }) =>
      console.log(`| ${label} | ${r.last.rows.toLocaleString("en")} | — | ${r.last.requests.toLocaleString("en")} | ${s(r.ms)} | ${s(b.ms)} | ${(r.ms / b.ms).toFixed(2)} | — | — |`);

    const all: ObservationsJob["filter"] = [];
    const oneCode: ObservationsJob["filter"] = [{ property: "code", op: "eq", value: largeDemoCode(1) }];

    // The whole association: the CSV against one bare statement and against the same pages bare.
    const t = performance.now();
    const [csv, bareAll, barePaged] = await rounds([
      () => download(`${base}/exports/observations.csv`, true),
      () => bare(all, null),
      () => bare(all, LONG_EXPORT_PAGE),
    ]);
    row(`long export, CSV, everything (streamed, ${LONG_EXPORT_PAGE.toLocaleString("en")} rows a read)`, csv!, barePaged!.last.requests, bareAll!, gzipSync(csv!.last.body!).length);
    bareRow(`— its reads bare: the same SQL in pages of ${LONG_EXPORT_PAGE.toLocaleString("en")}`, barePaged!, bareAll!);

    // One indicator: the CSV, and the .xlsx (built whole, within LONG_XLSX_MAX_ROWS).
    const [csvCode, xlsxCode, bareCode] = await rounds([
      () => download(`${base}/exports/observations.csv?code=${largeDemoCode(1)}`, true),
      () => download(`${base}/exports/observations.xlsx?code=${largeDemoCode(1)}`),
      () => bare(oneCode, null),
    ]);
    row("long export, CSV, one indicator", csvCode!, "—", bareCode!, gzipSync(csvCode!.last.body!).length);
    row(
      `long export, .xlsx, one indicator (at most ${LONG_XLSX_MAX_ROWS.toLocaleString("en")} rows)`,
      { ms: xlsxCode!.ms, last: { ...xlsxCode!.last, rows: bareCode!.last.rows } },
      "—",
      bareCode!,
      null,
      `${mb(xlsxCode!.last.bytes)} (zipped)`,
    );

    // The feed, walked as Get Data walks it: one round, it is some 640 requests.
    const [feed, bareFeedPaged] = await rounds([() => walkFeed(`${base}/odata/Observations`), () => bare(all, ODATA_PAGE_SIZE)], 1);
    row(`OData Observations, every page by nextLink (${ODATA_PAGE_SIZE.toLocaleString("en")} a page), 1 round`, feed!, feed!.last.requests, bareAll!, null);
    bareRow(`— its reads bare: the same SQL in pages of ${ODATA_PAGE_SIZE.toLocaleString("en")}, 1 round`, bareFeedPaged!, bareAll!);

    const perRequest = (feed!.ms - bareFeedPaged!.ms) / feed!.last.requests;
    console.log(
      `\nPaging: the feed's ${feed!.last.requests} requests (largest page ${(feed!.last.largest / 1e3).toFixed(0)} KB of JSON) take ${s(feed!.ms)} s against ${s(bareFeedPaged!.ms)} s ` +
        `for the same pages' SQL bare, about ${perRequest.toFixed(1)} ms a request beyond the SQL (auth, access, JSON, the trip); reading in pages of ` +
        `${ODATA_PAGE_SIZE.toLocaleString("en")} costs ${(bareFeedPaged!.ms / bareAll!.ms).toFixed(2)}× one statement, in pages of ${LONG_EXPORT_PAGE.toLocaleString("en")} ` +
        `${(barePaged!.ms / bareAll!.ms).toFixed(2)}×. Measured in ${((performance.now() - t) / 1000).toFixed(0)} s.`,
    );
  } finally {
    await local.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchOpenData();
