import { z } from "zod";
import { HistoryEntry } from "../../../../shared/api/history.ts";
import { Round } from "../../../../shared/api/rounds.ts";
import { type KeptStorage, boundedStorage } from "../../state/kept.ts";
import type { Story } from "./story.ts";

/** A story as kept: checked when read back, as a pane of another version may have written it. */
const Kept = z.object({ entries: z.array(HistoryEntry), next: z.number().int().nullable(), round: Round.optional(), savedAt: z.iso.datetime() });

/** How many stories the pane keeps: the oldest read goes first. */
export const KEPT_STORIES = 50;

/**
 * The stories read from the store, kept in the pane's browser storage (never the workbook) under
 * panePartition(), so that what was pulled is still shown, with its date, when the server cannot be reached.
 */
export function storyCache(storage: KeptStorage, partition: string) {
  const kept = boundedStorage(storage, `${partition}muniplan:history`, Kept, KEPT_STORIES);
  const key = (server: string, planId: string, entityId: string) => `${server}:${planId}:${entityId}`;
  return {
    /** The story of `entityId` as last read (without its target: the selection gives that), if kept and readable. */
    get: (server: string, planId: string, entityId: string): Omit<Story, "target"> | undefined => kept.get(key(server, planId, entityId)),
    put: (server: string, planId: string, story: Story): void => kept.put(key(server, planId, story.target.entityId), story),
  };
}
