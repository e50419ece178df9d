/**
 * `npm start`: the Worker on wrangler's embedded D1 at http://127.0.0.1:8787 — migrations applied, demo
 * data seeded (again harmlessly on every start), fresh demo tokens printed. Offline, no account.
 */
import type { ChildProcess } from "node:child_process";
import type { CreatePlanRequest } from "../shared/api/plans.ts";
import type { ReleaseList } from "../shared/api/releases.ts";
import { issueToken, tenancy } from "./src/db/tenancy.ts";
import { ASSOCIATION_ID, DEMO_USERS, demoPlans, demoTenancy, MEMBER_COUNT, MONITORING_YEAR, openMonitoringRounds, YEARS } from "./tools/demo-data.ts";
import { LARGE_DEMO_DEFAULTS, largeDemoStatements } from "./tools/large-demo.ts";
import { applyMigrations, execute, LOCAL_STATE, wranglerBackground } from "./tools/wrangler.ts";

const HOST = "127.0.0.1";
const PORT = 8787;
const BASE = `http://${HOST}:${PORT}`;
// Reserved for the tokens npm start issues (and revokes at the next start); admins label theirs otherwise.
const DEMO_LABEL = "npm-start-demo";
const target = { remote: false as const, persistTo: LOCAL_STATE };
/** `npm start -- --large`: also the largest real case, an association of 1,500 members (seeded once). */
const LARGE = process.argv.includes("--large");
const LARGE_ASSOCIATION_ID = "1a46e000-0000-4000-8000-000000000001";

async function waitUntilUp(dev: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`wrangler dev exited (${dev.exitCode})`);
    try {
      if ((await fetch(`${BASE}/openapi.json`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the worker did not answer at ${BASE} within two minutes`);
}

/** Creates each demo plan that is not there yet, through the API like any client would. */
async function seedPlans(adminToken: string): Promise<number> {
  const headers = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
  let created = 0;
  for (const document of demoPlans()) {
    const existing = await fetch(`${BASE}/v1/plans/${document.plan.id}`, { headers });
    if (existing.ok) continue;
    if (existing.status !== 404) throw new Error(`checking plan ${document.plan.id}: ${existing.status} ${await existing.text()}`);
    const body: CreatePlanRequest = { clientId: "demo-seed", document };
    const res = await fetch(`${BASE}/v1/plans`, { method: "POST", headers, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`creating plan ${document.plan.title}: ${res.status} ${await res.text()}`);
    created++;
  }
  return created;
}

/**
 * Publishes each demo year the association has not published yet, so a member's editor sees its position
 * at once (positions come only from a release); a year published before is left as its analyst left it.
 */
async function publishYears(adminToken: string): Promise<number[]> {
  const headers = { authorization: `Bearer ${adminToken}` };
  const published: number[] = [];
  for (const year of YEARS) {
    const url = `${BASE}/v1/associations/${ASSOCIATION_ID}/releases`;
    const list = await fetch(`${url}?year=${year}`, { headers });
    if (!list.ok) throw new Error(`listing the ${year} releases: ${list.status} ${await list.text()}`);
    if (((await list.json()) as ReleaseList).releases.length > 0) continue;
    const res = await fetch(`${url}/${year}`, { method: "POST", headers });
    if (res.status !== 201) throw new Error(`publishing ${year}: ${res.status} ${await res.text()}`);
    published.push(year);
  }
  return published;
}

async function main(): Promise<void> {
  applyMigrations(target);
  const at = new Date().toISOString();
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  // Tokens are stored only hashed, so each start issues new demo tokens and revokes the last ones.
  const tokens = await Promise.all(DEMO_USERS.map((u) => issueToken({ userId: u.id, label: DEMO_LABEL, expiresAt, at })));
  execute(target, [tenancy.revokeTokensLabelled(DEMO_LABEL, at), ...demoTenancy(at), ...tokens.map((t) => t.statement)]);
  const analyst = DEMO_USERS.find((u) => u.role === "analyst")!;
  if (LARGE) {
    const started = Date.now();
    const demo = { ...LARGE_DEMO_DEFAULTS, associationId: LARGE_ASSOCIATION_ID, associationName: "Велика асоціація (1 500 громад, демо)", userId: DEMO_USERS[0].id, at };
    execute(target, [...largeDemoStatements(demo), tenancy.grant(analyst.id, "analyst", LARGE_ASSOCIATION_ID)]);
    console.log(`[worker] Large demo association ${LARGE_ASSOCIATION_ID} ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }

  const dev = wranglerBackground(["dev", "--ip", HOST, "--port", String(PORT), "--persist-to", LOCAL_STATE]);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
  dev.on("exit", (code) => process.exit(code ?? 0));
  await waitUntilUp(dev);
  const created = await seedPlans(tokens[0]!.token);
  const published = await publishYears(tokens[0]!.token);
  const opened = await openMonitoringRounds((path, body) =>
    fetch(`${BASE}${path}`, { method: "POST", headers: { authorization: `Bearer ${tokens[0]!.token}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
  );

  console.log(`
MuniPlan worker at ${BASE} (OpenAPI: ${BASE}/openapi.json)
Demo data: the AMU strategy and ${MEMBER_COUNT} member communities of association ${ASSOCIATION_ID} (${created} plans created now; ${
    published.length ? `published ${published.join(", ")} now` : `${YEARS.join(", ")} published before`
  }; the members' ${MONITORING_YEAR} monitoring rounds ${opened ? `opened now: ${opened}` : "opened before"})${
    LARGE ? `;\n  and ${LARGE_DEMO_DEFAULTS.communities.toLocaleString("en")} members × ${LARGE_DEMO_DEFAULTS.indicators} indicators × ${LARGE_DEMO_DEFAULTS.years} years in association ${LARGE_ASSOCIATION_ID}` : " (npm start -- --large adds 1,500 members)"
  }.
Demo tokens (valid until ${expiresAt}; replaced at the next start):`);
  DEMO_USERS.forEach((u, i) => console.log(`  ${u.role.padEnd(8)} ${tokens[i]!.token}   ${u.name}`));
  console.log(`\nTry: curl -H "Authorization: Bearer <token>" ${BASE}/v1/me\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
