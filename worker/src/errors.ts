import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { fieldPath, type ErrorBody, type ErrorCode } from "../../shared/api/errors.ts";

/** A refusal the client can act on: rendered as the API's one error shape, never as a stack. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field: string | null) => new ApiError(400, "bad_request", message, field);
export const notFound = (what: string, field: string | null = null) =>
  new ApiError(404, "not_found", `${what} not found`, field);
export const forbidden = (message: string) => new ApiError(403, "forbidden", message);

/** The first zod issue, named by its path under `prefix` (e.g. `mutations[3].fields.value`). */
export function fromZodError(error: z.ZodError, prefix = ""): ApiError {
  const issue = error.issues[0];
  if (!issue) return badRequest("invalid input", prefix || null);
  const field = fieldPath(issue.path, prefix) || null;
  return badRequest(field ? `${field}: ${issue.message}` : issue.message, field);
}

export function errorResponse(c: Context, error: ApiError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message, field: error.field } };
  return c.json(body, error.status);
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** app.onError: known refusals keep their status; anything else is a 500 without internals. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof HTTPException) {
    // hono's own refusals: malformed JSON, wrong content type, body too large.
    const code = HTTP_CODES[err.status] ?? "bad_request";
    const field = err.status === 400 || err.status === 415 ? "body" : null;
    return errorResponse(c, new ApiError(err.status as ContentfulStatusCode, code, err.message, field));
  }
  console.error("unhandled error", err);
  return errorResponse(c, new ApiError(500, "internal", "internal error"));
}
