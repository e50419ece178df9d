import type { z } from "zod";

export type KeptStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/**
 * At most `limit` values under `prefix` in the pane's browser storage, the one put longest ago going
 * first, each checked by `schema` when read back (a pane of another version may have written it). A
 * value that cannot be read back, or kept (storage full, a private window), is simply not there.
 */
export function boundedStorage<S extends z.ZodType>(storage: KeptStorage, prefix: string, schema: S, limit: number) {
  const index = `${prefix}:index`;
  const full = (key: string) => `${prefix}:${key}`;
  const keys = (): string[] => {
    try {
      return JSON.parse(storage.getItem(index) ?? "[]") as string[];
    } catch {
      return [];
    }
  };
  return {
    get(key: string): z.infer<S> | undefined {
      const saved = storage.getItem(full(key));
      if (!saved) return undefined;
      try {
        const kept = schema.safeParse(JSON.parse(saved));
        return kept.success ? kept.data : undefined;
      } catch {
        return undefined;
      }
    },
    put(key: string, value: z.input<S>): void {
      const k = full(key);
      const kept = [...keys().filter((x) => x !== k), k];
      for (const old of kept.splice(0, Math.max(0, kept.length - limit))) storage.removeItem(old);
      try {
        storage.setItem(k, JSON.stringify(value));
        storage.setItem(index, JSON.stringify(kept));
      } catch {
        // Not kept: the value is used this time only.
      }
    },
  };
}
