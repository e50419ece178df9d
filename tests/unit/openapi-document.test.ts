import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CLIENT_TYPES_FILE, clientTypes, servedDocument } from "../../worker/tools/openapi-types.ts";

// Redocly's own CLI (a devDependency), run by the Node running the tests: the document passes the same
// check a user runs with `npx @redocly/cli lint`, offline, with no other Node to install.
const REDOCLY = fileURLToPath(new URL("../../node_modules/@redocly/cli/bin/cli.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "muniplan-openapi-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Problem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location: { pointer: string }[];
}

/** Redocly's recommended rules, whatever config a developer has around (the run is in an empty folder). */
function lint(document: unknown): Problem[] {
  const file = join(work, "openapi.json");
  writeFileSync(file, JSON.stringify(document));
  const run = spawnSync(process.execPath, [REDOCLY, "lint", "--extends=recommended", "--format=json", "--max-problems=10000", file], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  if (run.error) throw run.error;
  // Exit code 1 means errors were found; the report is on stdout either way.
  return (JSON.parse(run.stdout) as { problems: Problem[] }).problems;
}

const errorsOf = (problems: Problem[]) =>
  problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);

type Operation = { operationId?: string };
const operations = (doc: { paths: Record<string, Record<string, Operation>> }) =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method} ${path}`, op })));

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended rules with no error", async () => {
    expect(errorsOf(lint(await servedDocument()))).toEqual([]);
  });

  it("is linted for real: a document without servers or operation names is reported by rule", async () => {
    const doc = structuredClone(await servedDocument()) as unknown as { servers?: unknown; paths: Record<string, Record<string, Operation>> };
    delete doc.servers;
    delete doc.paths["/v1/me"]!.get!.operationId;
    const problems = lint(doc);
    expect(errorsOf(problems)).toEqual([expect.stringMatching(/^no-empty-servers at /)]);
    expect(problems.filter((p) => p.ruleId === "operation-operationId").map((p) => p.location[0]?.pointer)).toEqual([
      "#/paths/~1v1~1me/get/operationId",
    ]);
  });

  // Generated clients name their methods by these: renaming one breaks every client, so it is deliberate.
  it("names every operation, stably", async () => {
    const doc = (await servedDocument()) as unknown as { paths: Record<string, Record<string, Operation>> };
    expect(Object.fromEntries(operations(doc).map(({ key, op }) => [key, op.operationId]))).toEqual({
      "get /v1/me": "getMe",
      "post /v1/plans": "createPlan",
      "get /v1/plans/{planId}": "getPlan",
      "post /v1/plans/{planId}/push": "pushPlan",
      "get /v1/plans/{planId}/pull": "pullPlan",
      "get /v1/plans/{planId}/history": "listPlanHistory",
      "get /v1/plans/{planId}/rounds": "listRounds",
      "post /v1/plans/{planId}/rounds/{year}": "stepRound",
      "get /v1/plans/{planId}/rounds/{year}/report": "getRoundReport",
      "get /v1/communities/{communityId}/history": "listCommunityHistory",
      "get /v1/associations/{associationId}/catalogue": "listCatalogue",
      "put /v1/associations/{associationId}/catalogue/{code}": "putCatalogueEntry",
      "post /v1/associations/{associationId}/catalogue/{code}/retire": "retireCatalogueEntry",
      "get /v1/associations/{associationId}/comparison": "getComparison",
      "get /v1/associations/{associationId}/comparison.csv": "exportComparisonCsv",
      "get /v1/associations/{associationId}/comparison.xlsx": "exportComparisonXlsx",
      "get /v1/associations/{associationId}/completeness": "getCompleteness",
      "get /v1/associations/{associationId}/completeness.csv": "exportCompletenessCsv",
      "get /v1/associations/{associationId}/completeness.xlsx": "exportCompletenessXlsx",
      "get /v1/associations/{associationId}/position": "getPosition",
      "get /v1/associations/{associationId}/rounds": "listMemberRounds",
      "get /v1/associations/{associationId}/releases": "listReleases",
      "post /v1/associations/{associationId}/releases/{year}": "publishRelease",
      "get /v1/associations/{associationId}/due-dates": "listDueDates",
      "put /v1/associations/{associationId}/due-dates/{year}": "putDueDate",
      "delete /v1/associations/{associationId}/due-dates/{year}": "clearDueDate",
      "get /v1/associations/{associationId}/invitees": "listInvitees",
      "post /v1/associations/{associationId}/invitations": "createInvitation",
      "post /v1/associations/{associationId}/imports": "importObservations",
      "get /v1/associations/{associationId}/exports/observations.csv": "exportObservationsCsv",
      "get /v1/associations/{associationId}/exports/observations.xlsx": "exportObservationsXlsx",
      "get /v1/associations/{associationId}/exports/template.csv": "exportTemplateCsv",
      "get /v1/associations/{associationId}/exports/template.xlsx": "exportTemplateXlsx",
      "post /v1/invitations/redeem": "redeemInvitation",
    });
  });

  it("has committed client types generated from it (npm run openapi:types rewrites them)", async () => {
    expect(readFileSync(CLIENT_TYPES_FILE, "utf8"), "stale: run `npm run openapi:types` and commit the file").toBe(await clientTypes());
  });
  // zod-to-openapi 9.1 renders `X.nullable()` of a registered X as allOf [X, {type: [.., "null"]}] (null cannot
  // pass X) or makes X's own component nullable everywhere; written z.union([X, z.null()]) it is anyOf [X, null].
  it("keeps null at the use site: no component is nullable itself, no allOf adds null", async () => {
    const doc = (await servedDocument()) as unknown as { components: { schemas: Record<string, { type?: unknown }> } };
    const wrong: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== "object") return;
      const allOf = (node as { allOf?: { type?: unknown }[] }).allOf;
      if (allOf?.some((s) => Array.isArray(s.type) && s.type.includes("null"))) wrong.push(at);
      for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
    };
    walk(doc, "#");
    for (const [name, s] of Object.entries(doc.components.schemas)) if (Array.isArray(s.type) && s.type.includes("null")) wrong.push(`#/components/schemas/${name}`);
    expect(wrong).toEqual([]);
  });
});
