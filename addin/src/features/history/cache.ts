import { z } from "zod";
import { HistoryEntry } from "../../../../shared/api/history.ts";
import { Round } from "../../../../shared/api/rounds.ts";
import type { Story } from "./story.ts";

/** A story as kept: checked when read back, as a pane of another version may have written it. */
const Kept = z.object({ entries: z.array(HistoryEntry), next: z.number().int().nullable(), round: Round.optional(), savedAt: z.iso.datetime() });

/** How many stories the pane keeps: the oldest read goes first. */
export const KEPT_STORIES = 50;

/**
 * The stories read from the store, kept in the pane's browser storage (never the workbook) under
 * panePartition(), so that what was pulled is still shown, with its date, when the server cannot be reached.
 */
export function storyCache(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">, partition: string) {
  const index = `${partition}muniplan:history:index`;
  const key = (server: string, planId: string, entityId: string) => `${partition}muniplan:history:${server}:${planId}:${entityId}`;
  const keys = (): string[] => {
    try {
      return JSON.parse(storage.getItem(index) ?? "[]") as string[];
    } catch {
      return [];
    }
  };
  return {
    /** The story of `entityId` as last read (without its target: the selection gives that), if kept and readable. */
    get(server: string, planId: string, entityId: string): Omit<Story, "target"> | undefined {
      const saved = storage.getItem(key(server, planId, entityId));
      if (!saved) return undefined;
      try {
        const kept = Kept.safeParse(JSON.parse(saved));
        return kept.success ? kept.data : undefined;
      } catch {
        return undefined;
      }
    },
    put(server: string, planId: string, story: Story): void {
      const k = key(server, planId, story.target.entityId);
      const kept = [...keys().filter((x) => x !== k), k];
      for (const old of kept.splice(0, Math.max(0, kept.length - KEPT_STORIES))) storage.removeItem(old);
      try {
        storage.setItem(k, JSON.stringify(story));
        storage.setItem(index, JSON.stringify(kept));
      } catch {
        // Storage full or refused (a private window): the story is shown, only not kept.
      }
    },
  };
}
