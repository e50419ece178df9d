/**
 * Importing members' workbooks (issue 15): `npm start`'s demo association (36 members, each a file of
 * its catalogue indicators × years), previewed, imported and imported again through the API, against the
 * same values pushed through the ordinary sync push (one push per member's plan, the ids and versions
 * known, as a member's pane sends them) — the baseline, in the same Miniflare and the same run.
 *
 * Each round writes every value once by each path (the import's values, then the push's), so both write
 * the same number of rows into the same plans. Time is wall time of the requests, sent from Node one
 * after another; figures are medians of the rounds.
 */
import { pathToFileURL } from "node:url";
import type { ImportFile, ImportRequest, ImportResponse } from "../../shared/api/imports.ts";
import { MAX_IMPORT_FILES } from "../../shared/api/imports.ts";
import type { CreatePlanRequest } from "../../shared/api/plans.ts";
import type { Mutation, PushRequest, PushResponse } from "../../shared/api/sync.ts";
import { columnLetter } from "../../shared/layout/cells.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { ASSOCIATION_ID, demoTenancy, demoTerritoryCode, MEMBER_COUNT, memberPlanDocument, YEARS } from "../../worker/tools/demo-data.ts";
import { startLocalWorker } from "../support/local-worker.ts";

const ROUNDS = 5;

interface Wire {
  ms: number;
  requests: number;
  sent: number;
  received: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => (n / 1024).toFixed(1);

/**
 * Member `i`'s file: every value of its plan, plus `delta`, at its cell of the Indicators sheet (one row
 * per indicator, one column per year). Odd members name themselves by community id (a MuniPlan
 * workbook), even ones by territory code (the long-format template).
 */
function memberFile(i: number, doc: PlanDocument, delta: number): ImportFile {
  return {
    file: `Громада-член ${String(i).padStart(2, "0")}.xlsx`,
    member: i % 2 ? { communityId: doc.community.id } : { territoryCode: demoTerritoryCode(i) },
    observations: doc.observations.map((o) => {
      const row = doc.indicators.findIndex((ind) => ind.id === o.indicatorId);
      return {
        indicator: { code: doc.indicators[row]!.code! },
        year: o.period.year,
        value: o.value! + delta,
        source: { sheet: "Показники", cell: `${columnLetter(4 + YEARS.indexOf(o.period.year))}${row + 2}` },
      };
    }),
  };
}

export async function benchImport(): Promise<void> {
  const local = await startLocalWorker();
  try {
    const at = new Date().toISOString();
    await local.run(demoTenancy(at));
    const admin = await local.user("Bench admin", [["admin", null]]);
    const analyst = await local.user("Bench analyst", [["analyst", ASSOCIATION_ID]]);
    const call = async <T>(token: string, path: string, body: unknown, wire?: Wire): Promise<T> => {
      const sent = JSON.stringify(body);
      const t = performance.now();
      const res = await local.fetch(`http://bench${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: sent });
      const text = await res.text();
      if (wire) Object.assign(wire, { ms: wire.ms + performance.now() - t, requests: wire.requests + 1, sent: wire.sent + Buffer.byteLength(sent), received: wire.received + Buffer.byteLength(text) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    };

    // The members' plans as `npm start` creates them, and their years' rounds open: an import fills
    // values by a monitoring committee's rules.
    const docs = Array.from({ length: MEMBER_COUNT }, (_, k) => memberPlanDocument(k + 1));
    for (const doc of docs) {
      await call(admin, "/v1/plans", { clientId: "bench", document: doc } satisfies CreatePlanRequest);
      for (const year of YEARS) await call(admin, `/v1/plans/${doc.plan.id}/rounds/${year}`, { action: "open", baseVersion: 0 });
    }
    const values = docs.reduce((n, d) => n + d.observations.length, 0);
    const logRows = async () => (await local.db.prepare("SELECT COUNT(*) AS n FROM change_log").first<{ n: number }>())!.n;
    const versions = new Map(docs.flatMap((d) => d.observations.map((o) => [o.id, 1])));

    /** The folder sent `perRequest` files at a time; checks what each file wrote. */
    const importFolder = async (delta: number, dryRun: boolean, perRequest: number, expectWritten: number) => {
      const wire: Wire = { ms: 0, requests: 0, sent: 0, received: 0 };
      const files = docs.map((d, k) => memberFile(k + 1, d, delta));
      let written = 0;
      let changes = 0;
      for (let start = 0; start < files.length; start += perRequest) {
        const body: ImportRequest = { clientId: "bench-pane", dryRun, files: files.slice(start, start + perRequest) };
        const res = await call<ImportResponse>(analyst, `/v1/associations/${ASSOCIATION_ID}/imports`, body, wire);
        if (res.totals.problems > 0) throw new Error(`import problems: ${JSON.stringify(res.files.flatMap((f) => f.problems)).slice(0, 300)}`);
        written += res.totals.written;
        changes += res.totals.changes;
      }
      if (written !== expectWritten) throw new Error(`expected ${expectWritten} values written, got ${written}`);
      return { wire, written, changes };
    };
    /** The same values through the sync push, one push per member's plan, as its pane would send them. */
    const pushFolder = async (delta: number) => {
      const wire: Wire = { ms: 0, requests: 0, sent: 0, received: 0 };
      for (const doc of docs) {
        const mutations = doc.observations.map((o): Mutation => ({
          mutationId: crypto.randomUUID(),
          kind: "observations",
          entityId: o.id,
          op: "upsert",
          baseVersion: versions.get(o.id)!,
          fields: { value: o.value! + delta },
        }));
        const { results } = await call<PushResponse>(admin, `/v1/plans/${doc.plan.id}/push`, { clientId: "bench", mutations } satisfies PushRequest, wire);
        if (results.some((r) => r.status !== "applied")) throw new Error(`push not applied: ${JSON.stringify(results[0])}`);
      }
      return wire;
    };
    const bump = () => docs.forEach((d) => d.observations.forEach((o) => versions.set(o.id, versions.get(o.id)! + 1)));

    const samples: Record<"preview" | "import" | "reimport" | "batched" | "push", Wire[]> = { preview: [], import: [], reimport: [], batched: [], push: [] };
    let reimportLog = 0;
    let reimportWritten = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const delta = 4 * round;
      // The folder one file per request: a preview, the import, and the same files again.
      const preview = await importFolder(delta + 1, true, 1, 0);
      if (preview.changes !== values) throw new Error(`the preview lists ${preview.changes} of ${values} values`);
      samples.preview.push(preview.wire);
      samples.import.push((await importFolder(delta + 1, false, 1, values)).wire);
      bump();
      const before = await logRows();
      const again = await importFolder(delta + 1, false, 1, 0);
      reimportLog += (await logRows()) - before;
      reimportWritten += again.written;
      samples.reimport.push(again.wire);
      // As the pane sends a folder: as many files per request as the contract takes.
      samples.batched.push((await importFolder(delta + 2, false, MAX_IMPORT_FILES, values)).wire);
      bump();
      // The baseline: the same number of values written by the sync push.
      samples.push.push(await pushFolder(delta + 3));
      bump();
    }

    const base = median(samples.push.map((s) => s.ms));
    console.log(`\n## Import of members' workbooks (Miniflare, local D1): ${MEMBER_COUNT} files × ${docs[0]!.indicators.length} indicators × ${YEARS.length} years = ${values} values; median of ${ROUNDS} rounds\n`);
    console.log("| the folder | requests | ms | / push | sent KB | received KB |");
    console.log("|---|---:|---:|---:|---:|---:|");
    const line = (label: string, s: Wire[]) => {
      const ms = median(s.map((x) => x.ms));
      console.log(`| ${label} | ${s[0]!.requests} | ${ms.toFixed(1)} | ${(ms / base).toFixed(2)} | ${kb(median(s.map((x) => x.sent)))} | ${kb(median(s.map((x) => x.received)))} |`);
    };
    line("preview (dryRun), a file per request", samples.preview);
    line(`import, a file per request: ${values} values written`, samples.import);
    line(`re-import of the same files: ${reimportWritten} values written, ${reimportLog} change_log rows`, samples.reimport);
    line(`import, ${MAX_IMPORT_FILES} files per request (as the pane sends a folder)`, samples.batched);
    line(`baseline: the same ${values} values by sync push, a push per plan`, samples.push);
  } finally {
    await local.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchImport();
