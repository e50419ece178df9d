import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { except } from "hono/combine";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { MAX_BODY_BYTES } from "../../shared/api/sync.ts";
import { authenticate, limitRate } from "./auth.ts";
import type { Env } from "./env.ts";
import { ApiError, errorResponse, handleError, notFound } from "./errors.ts";
import { apiDocument, type AppEnv } from "./openapi.ts";
import { catalogue } from "./routes/catalogue.ts";
import { communities } from "./routes/communities.ts";
import { consolidation } from "./routes/compare.ts";
import { deadlines } from "./routes/deadlines.ts";
import { invitations, redemption } from "./routes/invitations.ts";
import { me } from "./routes/me.ts";
import { longExport } from "./routes/long-export.ts";
import { imports } from "./routes/imports.ts";
import { odata } from "./routes/odata.ts";
import { plans } from "./routes/plans.ts";
import { releases } from "./routes/releases.ts";
import { memberRounds, rounds } from "./routes/rounds.ts";

const allowedOrigins = (env: Env) =>
  env.ALLOWED_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean);

const app = new OpenAPIHono<AppEnv>();

app.use(secureHeaders());
// Before authentication, so that preflight requests (which carry no token) are answered.
app.use(
  "/v1/*",
  cors({
    origin: (origin, c) => (allowedOrigins(c.env).includes(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type"],
    // A pane on another origin reads a download's file name (exports, templates) only when it is exposed.
    exposeHeaders: ["Content-Disposition"],
    maxAge: 600,
  }),
);
app.use(
  "/v1/*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      errorResponse(c, new ApiError(413, "payload_too_large", `the body is larger than ${MAX_BODY_BYTES} bytes`, "body")),
  }),
);
// Redeeming an invitation code is how a user without a token gets one: it limits itself (per address).
app.use("/v1/*", except("/v1/invitations/redeem", authenticate, limitRate));

app.route("/v1/me", me);
app.route("/v1/plans", plans);
app.route("/v1/plans", rounds);
app.route("/v1/communities", communities);
app.route("/v1/associations", catalogue);
app.route("/v1/associations", consolidation);
app.route("/v1/associations", memberRounds);
app.route("/v1/associations", releases);
app.route("/v1/associations", deadlines);
app.route("/v1/associations", invitations);
app.route("/v1/associations", odata);
app.route("/v1/associations", imports);
app.route("/v1/associations", longExport);
app.route("/v1/invitations", redemption);

app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
app.doc31("/openapi.json", apiDocument);

app.notFound((c) => errorResponse(c, notFound("route")));
app.onError(handleError);

export default app;
