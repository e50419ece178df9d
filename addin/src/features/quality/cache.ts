import { z } from "zod";
import { CatalogueEntry } from "../../../../shared/api/catalogue.ts";
import { type KeptStorage, boundedStorage } from "../../state/kept.ts";

const Kept = z.object({ entries: z.array(CatalogueEntry), savedAt: z.iso.datetime() });
/** The catalogue entries (with their quality rules) last received for a plan, and when. */
export type KeptRules = z.infer<typeof Kept>;

/** How many plans' catalogues the pane keeps. */
export const KEPT_PLANS = 20;

/**
 * The catalogue entries last received for a plan, kept in the pane's browser storage (never the
 * workbook) under panePartition(), so that *Refresh from sheets* checks the association's quality
 * rules offline and without a request. Each read of the catalogues (a sync, a quality check) replaces them.
 */
export function rulesCache(storage: KeptStorage, partition: string) {
  const kept = boundedStorage(storage, `${partition}muniplan:rules`, Kept, KEPT_PLANS);
  const key = (server: string, planId: string) => `${server}:${planId}`;
  return {
    get: (server: string, planId: string): KeptRules | undefined => kept.get(key(server, planId)),
    put: (server: string, planId: string, entries: readonly CatalogueEntry[], savedAt = new Date()) =>
      kept.put(key(server, planId), { entries: [...entries], savedAt: savedAt.toISOString() }),
  };
}
