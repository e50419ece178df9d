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

/** Fields a monitor may change on an existing observation. */
export const MONITOR_FIELDS = ["value", "note"] as const;

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

export const MutationResult = z
  .discriminatedUnion("status", [
    z.object({ mutationId: z.uuid(), status: z.literal("applied"), version: Version }),
    /** Not applied: the base version is stale. `current` is the server's row, null if it has none. */
    z.object({ mutationId: z.uuid(), status: z.literal("conflict"), current: SyncRow.nullable() }),
    /**
     * Not applied: the token's role may not make this change, or it would break the plan's references
     * (a task under a goal deleted on the server, deleting a goal that still has tasks). The client
     * keeps it for review; the reason says which.
     */
    z.object({ mutationId: z.uuid(), status: z.literal("forbidden"), reason: z.string() }),
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
