import { OpenAPIHono, type Hook } from "@hono/zod-openapi";
import { ErrorBody } from "../../shared/api/errors.ts";
import type { Principal } from "./db/auth.ts";
import type { Env } from "./env.ts";
import { badRequest, fromZodError } from "./errors.ts";

export type AppEnv = { Bindings: Env; Variables: { principal: Principal } };

const TARGET_FIELD: Record<string, string> = { json: "body", query: "query", param: "path" };

/** Every route's validation failure becomes the API's error shape with the field named. */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const error = fromZodError(result.error);
  throw error.field ? error : badRequest(error.message, TARGET_FIELD[result.target] ?? null);
};

/** One router per resource, all sharing the validation hook. */
export const newRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** A JSON response of the route's documentation. */
export const ok = <T>(schema: T, description: string) => ({ content: { "application/json": { schema } }, description });

/** A required JSON body: without `required`, @hono/zod-openapi would skip validating other content types. */
export const jsonBody = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

/** The refusals every authenticated route can answer with, documented once. */
export const refusals = {
  400: ok(ErrorBody, "Bad input; `field` names it"),
  401: ok(ErrorBody, "No token, or an unknown, revoked or expired one"),
  403: ok(ErrorBody, "The token's role may see this but not do this"),
  404: ok(ErrorBody, "Missing, or out of the token's reach (the two are not told apart)"),
  413: ok(ErrorBody, "Body larger than the limit"),
  429: ok(ErrorBody, "Too many requests for this token"),
} as const;

export const bearer = [{ bearer: [] }];

/**
 * The document's header, served at /openapi.json (each operation's `operationId` is set in its createRoute).
 * OpenAPI 3.1, not 3.0: 3.1 schemas are JSON Schema, so zod's `.nullable()` becomes a type array or
 * `{ type: "null" }`; in 3.0 the generator writes `nullable: true` beside no `type`, which means nothing
 * there and fails Redocly's `nullable-type-sibling`.
 */
export const apiDocument = {
  openapi: "3.1.0",
  info: { title: "MuniPlan store", version: "1", description: "Plans, indicators and their sync, per community." },
  servers: [
    { url: "http://127.0.0.1:8787", description: "Local: `npm start` (wrangler dev with the demo data)" },
    {
      url: "https://muniplan.{account}.workers.dev",
      description: "Deployed: the Worker's own origin (README, deploying)",
      variables: { account: { default: "your-account", description: "The Cloudflare account's workers.dev subdomain" } },
    },
  ],
};
