import type { Story } from "./story.ts";

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
    get(server: string, planId: string, entityId: string): Story | undefined {
      const saved = storage.getItem(key(server, planId, entityId));
      return saved ? (JSON.parse(saved) as Story) : undefined;
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
