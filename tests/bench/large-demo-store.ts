import { join } from "node:path";
import { issueToken, tenancy } from "../../worker/src/db/tenancy.ts";
import { LARGE_DEMO_DEFAULTS, largeDemoStatements } from "../../worker/tools/large-demo.ts";
import { REPO } from "../../worker/tools/wrangler.ts";
import { type LocalWorker, startLocalWorker } from "../support/local-worker.ts";

/**
 * The store the benches at the largest real size read: the large demo (worker/tools/large-demo.ts, its
 * default size) seeded by SQL into the local worker, under a new association whose analyst holds a token.
 * `observations` counts the rows the seed wrote, `seedMs` how long it took.
 */
export async function seedLargeDemo(local: LocalWorker) {
  const at = new Date().toISOString();
  const userId = crypto.randomUUID();
  const associationId = crypto.randomUUID();
  const issued = await issueToken({ userId, label: "bench", expiresAt: "2999-01-01T00:00:00.000Z", at });
  await local.run([tenancy.user(userId, "Bench", at), tenancy.grant(userId, "analyst", associationId), issued.statement]);
  const demo = { ...LARGE_DEMO_DEFAULTS, associationId, associationName: "Bench association", userId, at };
  const t = performance.now();
  await local.run(largeDemoStatements(demo));
  const seedMs = performance.now() - t;
  // The large demo's community ids start with the association's first eight characters.
  const { n } = (await local.db
    .prepare("SELECT COUNT(*) AS n FROM entities WHERE kind = 'observations' AND community_id LIKE ?1")
    .bind(`${associationId.slice(0, 8)}-%`)
    .first<{ n: number }>())!;
  return { demo, token: issued.token, seedMs, observations: n };
}

/**
 * A local worker holding the large demo, with what the benches read it through: the API as the analyst
 * (`api` with `headers`) and the bench-only worker (sql-worker.ts) running the same statements bare on the
 * same D1 binding. The caller disposes of `local`.
 */
export async function largeDemoStore() {
  const local = await startLocalWorker({ extraWorkers: [{ name: "sql", entry: join(REPO, "tests", "bench", "sql-worker.ts") }] });
  try {
    const seeded = await seedLargeDemo(local);
    const [api, sql] = [await local.mf.getWorker("api"), await local.mf.getWorker("sql")];
    return { local, ...seeded, api, sql, headers: { authorization: `Bearer ${seeded.token}` } };
  } catch (error) {
    await local.dispose();
    throw error;
  }
}
