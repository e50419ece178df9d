/** The Worker API's contract: request and response bodies as zod schemas, shared by the worker and the add-in. */
export * from "./access.ts";
export * from "./catalogue.ts";
export * from "./errors.ts";
export * from "./history.ts";
export * from "./invitations.ts";
export * from "./plans.ts";
export * from "./sync.ts";
export * from "./compare.ts";
export * from "./releases.ts";
export * from "./deadlines.ts";
export * from "./rounds.ts";
