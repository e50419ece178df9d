import { z } from "zod";
import {
  Community,
  ENTITY_KINDS,
  Goal,
  Id,
  Indicator,
  Observation,
  Plan,
  Priority,
  Risk,
  SwotItem,
  Task,
} from "../model/plan.ts";
import { Actor } from "./access.ts";

/** Everything that syncs row by row: the plan header, the community, and the plan's collections. */
export const SYNC_KINDS = ["plan", "community", ...ENTITY_KINDS] as const;
export const SyncKind = z.enum(SYNC_KINDS);
export type SyncKind = z.infer<typeof SyncKind>;

/** The schema each kind's entity JSON is validated with, on the server and in the client alike. */
export const ENTITY_SCHEMAS = {
  plan: Plan,
  community: Community,
  swot: SwotItem,
  priorities: Priority,
  goals: Goal,
  tasks: Task,
  risks: Risk,
  indicators: Indicator,
  observations: Observation,
} as const satisfies Record<SyncKind, z.ZodObject>;
export type SyncEntityOf<K extends SyncKind> = z.infer<(typeof ENTITY_SCHEMAS)[K]>;

/** Kinds an analyst reads in member communities' plans. */
export const ANALYST_KINDS = ["indicators", "observations"] as const satisfies readonly SyncKind[];

/** Fields a monitor may change on an existing observation: its value or the reason for none, and its note. */
export const MONITOR_FIELDS = ["value", "missing", "note"] as const;

/** Fields an editor may change on the community; its kind and country are an admin's. */
export const EDITOR_COMMUNITY_FIELDS = ["name", "region", "population"] as const;

export const Version = z.number().int().min(1);

/** A cursor into the change feed; clients store it and send it back without interpreting it. */
export const Cursor = z.number().int().min(0);

function syncRow<K extends SyncKind>(kind: K) {
  return z.object({
    kind: z.literal(kind),
    id: Id,
    /** Starts at 1 and grows by one with every write, deletes included. */
    version: Version,
    /** A tombstone: the row was deleted; `data` is its last value. */
    deleted: z.boolean(),
    data: ENTITY_SCHEMAS[kind],
    updatedAt: z.iso.datetime(),
    updatedBy: Actor,
  });
}

/** A synced row as the server holds it. */
export const SyncRow = z
  .discriminatedUnion("kind", [
    syncRow("plan"),
    syncRow("community"),
    syncRow("swot"),
    syncRow("priorities"),
    syncRow("goals"),
    syncRow("tasks"),
    syncRow("risks"),
    syncRow("indicators"),
    syncRow("observations"),
  ])
  .meta({ id: "SyncRow" });
export type SyncRow = z.infer<typeof SyncRow>;

export const MAX_MUTATIONS_PER_PUSH = 500;
/** Largest request body the API reads (1 MiB); a plan too large to create in one body is pushed in parts. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Keys a single update may set or unset; a whole entity has far fewer. */
const MAX_FIELDS = 50;

const mutationBase = {
  /** Client-generated; a retry sends the same id and gets the first answer back. */
  mutationId: z.uuid(),
  kind: SyncKind,
  entityId: Id,
  /** The version the client's edit is based on; 0 creates the row. */
  baseVersion: z.number().int().min(0),
};

export const UpsertMutation = z.object({
  ...mutationBase,
  op: z.literal("upsert"),
  /** For a create, the whole entity; for an update, only the changed fields. */
  fields: z.record(z.string(), z.unknown()).refine((f) => Object.keys(f).length <= MAX_FIELDS, {
    message: `at most ${MAX_FIELDS} fields`,
  }),
  /** Optional fields the update removes (JSON has no `undefined`; `null` is a value for some fields). */
  unset: z.array(z.string()).max(MAX_FIELDS).optional(),
});
export type UpsertMutation = z.infer<typeof UpsertMutation>;
export const DeleteMutation = z.object({ ...mutationBase, op: z.literal("delete") });
export const Mutation = z.discriminatedUnion("op", [UpsertMutation, DeleteMutation]).meta({ id: "Mutation" });
export type Mutation = z.infer<typeof Mutation>;

/** Identifies the workbook (or other client) a change came from; kept in the audit log. */
export const ClientId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, { message: "must be letters, digits, _ . : or -" });

export const PushRequest = z
  .object({
    clientId: ClientId,
    mutations: z
      .array(Mutation)
      .min(1, { message: "must hold at least one mutation" })
      .max(MAX_MUTATIONS_PER_PUSH, { message: `at most ${MAX_MUTATIONS_PER_PUSH} mutations per push` }),
  })
  .meta({ id: "PushRequest" });
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Why the server refused a mutation (a `forbidden` result), one value per rule the Worker applies
 * (worker/src/sync): a client names it in its user's language with the next step to take.
 */
export const REFUSAL_RULES = [
  /** The plan's or the community's own row: they are never deleted. */
  "row_not_deletable",
  /** A monitor changes only observations (indicator values and notes). */
  "monitor_not_observation",
  /** A monitor does not delete observations. */
  "monitor_no_delete",
  /** A monitor changes only an observation's value and note (not its year or indicator). */
  "monitor_fields",
  /** Only an admin changes a community's kind or country. */
  "community_admin_fields",
  /** The year's monitoring round is approved: its values are locked for everyone until it is reopened. */
  "round_approved",
  /** A monitor writes a year whose round was submitted: not open again until an editor returns it. */
  "monitor_round_submitted",
  /** A monitor writes a year that has no monitoring round (none opened for it). */
  "monitor_outside_round_year",
  /** The row points at a row the plan on the server no longer has (a task whose goal was deleted there). */
  "missing_reference",
  /** A delete of a row that rows on the server still point at (a goal that still has tasks). */
  "still_referenced",
  /** A second value for an indicator's year or quarter: the server already has one. */
  "period_taken",
] as const;
export const RefusalRule = z.enum(REFUSAL_RULES);
export type RefusalRule = z.infer<typeof RefusalRule>;

export const MutationResult = z
  .discriminatedUnion("status", [
    z.object({ mutationId: z.uuid(), status: z.literal("applied"), version: Version }),
    /** Not applied: the base version is stale. `current` is the server's row, null if it has none. */
    z.object({ mutationId: z.uuid(), status: z.literal("conflict"), current: SyncRow.nullable() }),
    /**
     * Not applied: the token's role may not make this change, the year's monitoring round does not
     * allow it, or it would break the plan's references. The client keeps it for review. `rule` says
     * which (absent only from answers the server decided before it named rules and replays to a retry);
     * `reason` says it in English, for an administrator.
     */
    z.object({ mutationId: z.uuid(), status: z.literal("forbidden"), rule: RefusalRule.optional(), reason: z.string() }),
  ])
  .meta({ id: "MutationResult" });
export type MutationResult = z.infer<typeof MutationResult>;

/** One result per mutation, in the order sent. */
export const PushResponse = z.object({ results: z.array(MutationResult) }).meta({ id: "PushResponse" });
export type PushResponse = z.infer<typeof PushResponse>;

export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 1000;

export const PageSize = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE, { message: `at most ${MAX_PAGE_SIZE} per page` })
  .default(DEFAULT_PAGE_SIZE);

export const PullQuery = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: PageSize,
});

/**
 * Rows changed after `since`, oldest change first, each once in its latest state (tombstones included).
 * Pull again with `cursor` while `hasMore`.
 */
export const PullResponse = z
  .object({ changes: z.array(SyncRow), cursor: Cursor, hasMore: z.boolean() })
  .meta({ id: "PullResponse" });
export type PullResponse = z.infer<typeof PullResponse>;
