/**
 * The association's consolidation at the largest real size: 1,500 member communities × 30 catalogue
 * indicators × 15 years (about 675,000 observations, one in twenty unreported) on the local worker.
 *
 * As in tests/bench/worker.ts, both sides run in one Miniflare: the API (auth, access, validation, the
 * SQL, shaping the JSON answer) and a bench-only worker running the same statements on the same D1
 * binding, so "API / SQL" is what the API adds to its own queries. The aggregation itself (per capita,
 * quartiles, ranks, completeness) is SQL on both sides.
 */
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { ComparisonResponse, CompletenessResponse } from "../../shared/api/compare.ts";
import { comparisonPath, completenessPath, type ComparisonParams } from "../../shared/api/client.ts";
import { largeDemoCode, largeDemoRulesStatement } from "../../worker/tools/large-demo.ts";
import type { LocalWorker } from "../support/local-worker.ts";
import { writeComparison } from "../../addin/excel/reports.ts";
import { FakeExcel } from "../support/fake-excel.ts";
import { largeDemoStore } from "./large-demo-store.ts";

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => (n / 1024).toFixed(1);

/** Writes a comparison the store answered into a workbook (the recording fake): syncs and request sizes. */
async function benchComparisonSheet(response: ComparisonResponse, kind: "line" | "bar"): Promise<void> {
  const fake = new FakeExcel();
  const written = await writeComparison(fake.run, response, {
    kind: "comparison",
    associationId: response.associationId,
    associationName: "Bench association",
    language: "uk",
    params: { codes: response.indicators.map((s) => s.entry.code), from: response.years[0]!, to: response.years.at(-1)!, perCapita: response.perCapita },
    chart: { kind, communities: response.members.slice(0, 10).map((m) => ({ id: m.communityId, name: m.name })) },
  });
  const cells = response.indicators.length * (response.members.length + 8) * (response.years.length + 6);
  console.log(
    `| ${response.indicators.length} × ${response.members.length.toLocaleString("en")} members × ${response.years.length} years, ${kind} chart | ~${cells.toLocaleString("en")} | ${written.syncs} | ${(fake.stats.maxRequestBytes / 1e6).toFixed(2)} MB | ${(fake.stats.totalBytes / 1e6).toFixed(2)} MB |`,
  );
}

/**
 * Quality rules (issue 14) at full size: each request with every entry carrying rules (largeDemoRules:
 * range, change, a comparison with another code) and with none, alternating within each round so both
 * sides see the same warm cache; the ratio of the medians, and how many values the rules flag.
 */
async function benchRules(
  local: LocalWorker,
  demo: { associationId: string; indicators: number },
  viaApi: (path: string) => Promise<{ ms: number; body: Uint8Array }>,
  cases: { label: string; path: string }[],
): Promise<void> {
  console.log("\n| request (quality rules on every entry vs none) | without, ms | with, ms | with / without | values flagged |");
  console.log("|---|---:|---:|---:|---:|");
  const set = (on: boolean) => local.run([largeDemoRulesStatement(demo, on)]);
  try {
    for (const c of cases) {
      const without: number[] = [];
      const withRules: number[] = [];
      let flagged = 0;
      for (let round = 0; round < ROUNDS; round++) {
        await set(false);
        without.push((await viaApi(c.path)).ms);
        await set(true);
        const r = await viaApi(c.path);
        withRules.push(r.ms);
        flagged = countFlags(JSON.parse(new TextDecoder().decode(r.body)) as ComparisonResponse | CompletenessResponse);
      }
      const a = median(without);
      const b = median(withRules);
      console.log(`| ${c.label} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(2)} | ${flagged.toLocaleString("en")} |`);
    }
  } finally {
    await set(false);
  }
}

/** Flagged values in a comparison or completeness answer. */
const countFlags = (res: ComparisonResponse | CompletenessResponse): number =>
  "indicators" in res
    ? res.indicators.reduce((n, s) => n + s.rows.reduce((m, r) => m + (r.flags?.length ?? 0), 0), 0)
    : res.rows.reduce((n, r) => n + (r.flags?.filter((f) => f !== null).length ?? 0), 0);

/**
 * Runs the benchmark: the store's answers at full size, then writing the biggest into a workbook. With
 * `rulesOnly` (`npx tsx tests/bench/compare.ts rules [label words]`) only the quality rules' table, and
 * of it only the requests whose label contains one of `labels`: a full run takes minutes on 2 cores.
 */
export async function benchCompare(rulesOnly = false, labels: readonly string[] = []): Promise<void> {
  const { local, demo, seedMs, observations, api, sql, headers } = await largeDemoStore();
  try {
    const { associationId } = demo;
    const viaApi = async (path: string) => {
      const t0 = performance.now();
      const res = await api.fetch(`http://bench${path}`, { headers });
      const body = new Uint8Array(await res.arrayBuffer());
      const ms = performance.now() - t0;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${new TextDecoder().decode(body).slice(0, 300)}`);
      return { ms, bytes: body.length, gzip: gzipSync(body).length, body };
    };
    const direct = async (job: unknown) => {
      const t0 = performance.now();
      const res = await sql.fetch("http://sql/", { method: "POST", body: JSON.stringify(job) });
      await res.text();
      if (!res.ok) throw new Error(`sql worker: ${res.status}`);
      return performance.now() - t0;
    };

    const lastYear = demo.firstYear + demo.years - 1;
    const one: ComparisonParams = { codes: [largeDemoCode(1)], from: demo.firstYear, to: lastYear };
    const cases = [
      { label: `comparison: 1 indicator × ${demo.communities.toLocaleString("en")} members × ${demo.years} years`, path: comparisonPath(associationId, one), job: { op: "comparison", associationId, query: { ...one, perCapita: false } } },
      { label: "the same, per capita", path: comparisonPath(associationId, { ...one, perCapita: true }), job: { op: "comparison", associationId, query: { ...one, perCapita: true } } },
      { label: "comparison: 5 indicators, one region", path: comparisonPath(associationId, { ...one, codes: [1, 2, 3, 4, 5].map(largeDemoCode), regions: ["Київська"] }), job: { op: "comparison", associationId, query: { ...one, codes: [1, 2, 3, 4, 5].map(largeDemoCode), regions: ["Київська"], perCapita: false } } },
      { label: `completeness: ${demo.indicators} indicators × ${demo.communities.toLocaleString("en")} members, one year`, path: completenessPath(associationId, { year: lastYear }), job: { op: "completeness", associationId, year: lastYear } },
      { label: "comparison export, CSV", path: comparisonPath(associationId, one, ".csv"), job: { op: "comparison", associationId, query: { ...one, perCapita: false } } },
      { label: "comparison export, .xlsx", path: comparisonPath(associationId, one, ".xlsx"), job: { op: "comparison", associationId, query: { ...one, perCapita: false } } },
    ];
    console.log(
      `\n## Consolidation (Miniflare, local D1): ${demo.communities.toLocaleString("en")} members × ${demo.indicators} indicators × ${demo.years} years = ${observations.toLocaleString("en")} observations (seeded by SQL in ${(seedMs / 1000).toFixed(1)} s); median of ${ROUNDS} rounds\n`,
    );
    if (!rulesOnly) {
      console.log("| request | API ms | same SQL on the binding, ms | API / SQL | bytes returned | gzip |");
      console.log("|---|---:|---:|---:|---:|---:|");
    }
    const responses: ComparisonResponse[] = [];
    for (const c of rulesOnly ? [] : cases) {
      const apiMs: number[] = [];
      const sqlMs: number[] = [];
      let bytes = 0;
      let gzip = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const r = await viaApi(c.path);
        apiMs.push(r.ms);
        bytes = r.bytes;
        gzip = r.gzip;
        if (round === 0 && c.path.includes("/comparison?")) responses.push(JSON.parse(new TextDecoder().decode(r.body)) as ComparisonResponse);
        sqlMs.push(await direct(c.job));
      }
      const a = median(apiMs);
      const s = median(sqlMs);
      console.log(`| ${c.label} | ${a.toFixed(1)} | ${s.toFixed(1)} | ${(a / s).toFixed(2)} | ${kb(bytes)} KB | ${kb(gzip)} KB |`);
    }
    await benchRules(
      local,
      demo,
      viaApi,
      [
        { label: cases[0]!.label, path: cases[0]!.path },
        { label: "comparison: 10 indicators × all members × all years (the API's largest)", path: comparisonPath(associationId, { ...one, codes: Array.from({ length: 10 }, (_, i) => largeDemoCode(i + 1)) }) },
        { label: cases[3]!.label, path: cases[3]!.path },
      ].filter((c) => labels.length === 0 || labels.some((l) => c.label.includes(l))),
    );
    if (rulesOnly) return;

    console.log("\n| comparison sheet written (fake Excel host) | cells | syncs | largest request | all requests |");
    console.log("|---|---:|---:|---:|---:|");
    await benchComparisonSheet(responses[0]!, "line");
    await benchComparisonSheet(responses[0]!, "bar");
    // The API's maximum, 10 indicators at once, for the chunking: still a constant number of syncs per ~4 MB.
    const ten: ComparisonParams = { ...one, codes: Array.from({ length: 10 }, (_, i) => largeDemoCode(i + 1)) };
    await benchComparisonSheet(JSON.parse(new TextDecoder().decode((await viaApi(comparisonPath(associationId, ten))).body)) as ComparisonResponse, "line");
  } finally {
    await local.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [only, ...labels] = process.argv.slice(2);
  await benchCompare(only === "rules", labels);
}
