import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from "openapi-typescript";
import app from "../src/index.ts";

/**
 * The API's types for clients (openapi-fetch), generated from the document the Worker serves and committed,
 * so that a client compiles without a running Worker. `npm run openapi:types` rewrites the file; a unit test
 * regenerates it and fails while the committed one differs, so it cannot drift from the zod schemas.
 */
export const CLIENT_TYPES_FILE = fileURLToPath(new URL("../../shared/api/generated/openapi.ts", import.meta.url));

/** The document exactly as /openapi.json serves it (the route needs no binding). */
export async function servedDocument(): Promise<OpenAPI3> {
  const res = await app.request("/openapi.json");
  if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
  return (await res.json()) as OpenAPI3;
}

export async function clientTypes(): Promise<string> {
  return COMMENT_HEADER + astToString(await openapiTS(await servedDocument()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(CLIENT_TYPES_FILE, await clientTypes());
  console.log(`wrote ${CLIENT_TYPES_FILE}`);
}
