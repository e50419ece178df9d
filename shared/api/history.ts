import { z } from "zod";
import { Id } from "../model/plan.ts";
import { Actor } from "./access.ts";
import { PageSize, SyncKind } from "./sync.ts";

const CHANGE_OPS = ["create", "update", "delete"] as const;

/** One write as the audit log keeps it: who, when, from which client, the value before and after. */
export const HistoryEntry = z
  .object({
    seq: z.number().int().min(1),
    kind: SyncKind,
    entityId: Id,
    version: z.number().int().min(1),
    op: z.enum(CHANGE_OPS),
    actor: Actor,
    clientId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    at: z.iso.datetime(),
  })
  .meta({ id: "HistoryEntry" });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A page of history: entries older than `before` (the `next` of the previous page), at most `limit`. */
export const PageQuery = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: PageSize,
});

/** A plan's history, or only one of its rows' (`entityId`). */
export const HistoryQuery = PageQuery.extend({ entityId: Id.optional() });

/** Newest first; `next` is the `before` of the following page, null on the last one. */
export const HistoryPage = z
  .object({ entries: z.array(HistoryEntry), next: z.number().int().nullable() })
  .meta({ id: "HistoryPage" });
export type HistoryPage = z.infer<typeof HistoryPage>;

export const CommunityParams = z.object({ communityId: Id });
