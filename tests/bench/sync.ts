import { pathToFileURL } from "node:url";
import { createClient } from "../../shared/api/client.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { columnLetter } from "../../shared/layout/cells.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { storageTokenStore } from "../../addin/src/credentials.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { SyncController } from "../../addin/src/sync.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { FakeExcel } from "../support/fake-excel.ts";
import { type LocalWorker, startLocalWorker } from "../support/local-worker.ts";
import { syntheticPlan } from "./layout.ts";

/** Bytes on the wire and round trips of the pane's sync, against the local worker. */
interface Wire {
  requests: number;
  sent: number;
  received: number;
}

async function linkedWorkbook(local: LocalWorker, doc: PlanDocument) {
  const at = new Date().toISOString();
  const communityId = crypto.randomUUID();
  await local.run([tenancy.community(communityId, doc.community.name, at)]);
  const token = await local.user("Bench editor", [["editor", communityId]]);
  const wire: Wire = { requests: 0, sent: 0, received: 0 };
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  const m = new Map<string, string>();
  const tokens = storageTokenStore({ getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) });
  const sync = new SyncController(session, tokens, (baseUrl, t) =>
    createClient({
      baseUrl,
      token: t,
      fetch: async (url, init) => {
        const res = await local.fetch(url, init);
        const text = await res.text();
        wire.requests++;
        wire.sent += typeof init.body === "string" ? Buffer.byteLength(init.body) : 0;
        wire.received += Buffer.byteLength(text);
        return new Response(text, { status: res.status, headers: res.headers });
      },
    }),
  );
  await session.open();
  await session.write({ ...doc, community: { ...doc.community, id: communityId }, plan: { ...doc.plan, id: crypto.randomUUID(), communityId } }, "uk");
  const me = await sync.connect("http://muniplan.bench", token);
  const reset = () => Object.assign(wire, { requests: 0, sent: 0, received: 0 });
  reset();
  const excelBefore = fake.stats.syncs;
  await sync.linkTo(me.communities.find((c) => c.id === communityId)!);
  return { fake, session, sync, wire, reset, linkExcelSyncs: fake.stats.syncs - excelBefore };
}

const kb = (n: number) => (n / 1024).toFixed(1);

/** Changes `count` yearly values in the Indicators sheet, as a monitoring committee would. */
function editValues(fake: FakeExcel, count: number, base: number): void {
  const values = fake.values("Показники");
  const col = values[0]!.findIndex((h) => String(h) === "2014");
  for (let r = 1; r <= count; r++) fake.type("Показники", `${columnLetter(col)}${r + 1}`, base + r);
}

export async function benchSync(): Promise<void> {
  const local = await startLocalWorker();
  try {
    const rows: string[] = [];
    const line = (what: string, w: Wire, excel: number) =>
      rows.push(`| ${what} | ${w.requests} | ${kb(w.sent)} | ${kb(w.received)} | ${excel} |`);

    const amu = await linkedWorkbook(local, amuPlan);
    line("(a) first sync of the AMU plan (link: send the plan)", amu.wire, amu.linkExcelSyncs);

    for (const [size, cases] of [[200, [1]], [2_000, [1, 100]]] as const) {
      const wb = await linkedWorkbook(local, syntheticPlan(size));
      const sheetRows = wb.fake.sheets.reduce((s, sh) => s + wb.fake.values(sh.id).length - 1, 0);
      for (const changed of cases) {
        editValues(wb.fake, changed, 1000 * changed);
        wb.reset();
        const before = wb.fake.stats.syncs;
        const outcome = await wb.sync.syncNow();
        if (outcome.sent !== changed) throw new Error(`expected ${changed} sent, got ${outcome.sent}`);
        line(`(${changed === 1 ? "b" : "c"}) ${changed} changed cell${changed > 1 ? "s" : ""} in a ${sheetRows.toLocaleString("en")}-row workbook`, wb.wire, wb.fake.stats.syncs - before);
      }
    }
    console.log("\n## Sync: bytes on the wire and round trips (the pane's sync against the local worker)\n");
    console.log("| case | requests | sent KB | received KB | Excel syncs |");
    console.log("|---|---:|---:|---:|---:|");
    for (const r of rows) console.log(r);
  } finally {
    await local.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchSync();
