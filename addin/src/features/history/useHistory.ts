import { useCallback, useMemo, useRef, useState } from "react";
import { Unreachable } from "../../../../shared/api/client.ts";
import { panePartition } from "../../credentials.ts";
import { PaneError } from "../../errors.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import { storyCache } from "./cache.ts";
import { useFollowSelection } from "./useFollowSelection.ts";
import { type Story, namesOf } from "./story.ts";
import { type HistoryTarget, historyTarget } from "./target.ts";

/** Entries per page: a value's story is usually a handful of writes. */
export const HISTORY_PAGE = 20;

/**
 * The selected cell's story: read the selection (one Excel.run), then ask the store outside it (one
 * request; a second for a year's value, its monitoring round), keep what came in the pane's storage,
 * and show that, with its date, when the store cannot be reached. Follows the selection where Excel
 * reports its changes; the latest selection wins over answers still on their way.
 */
export function useHistory() {
  const { sync, excel } = usePaneServices();
  const workbook = usePane((s) => s.workbook);
  const server = usePane((s) => s.server);
  // Lookups only read the workbook: a monitor's sheet protection stays as it is.
  const { run, busy } = useAction("history", { keepOthers: true, readOnly: true });
  const { run: runOlder } = useAction("history-older", { keepOthers: true, readOnly: true });
  const [story, setStory] = useState<Story & { offline: boolean }>();
  // A selected cell that has no story (another sheet, a header, a new row) is information, not a failure:
  // with the selection followed, a planner clicking around their own sheet would otherwise see errors.
  const [none, setNone] = useState<Extract<HistoryTarget, { found: false }>>();
  const latest = useRef(0);
  const planId = workbook?.sync?.engine?.planId;
  const cache = useRef(storyCache(localStorage, panePartition())).current;

  const show = useCallback(async () => {
    const asked = ++latest.current;
    await run(async () => {
      if (!workbook || !planId || !server) throw new PaneError((t) => ({ title: t.pane.needsLink }));
      const target = historyTarget(await excel.selection.read(), workbook.doc);
      const fresh = (s: (Story & { offline: boolean }) | undefined) => asked === latest.current && setStory(s);
      if (asked === latest.current) setNone(target.found ? undefined : target);
      if (!target.found) {
        // The last cell's story must not stand under another cell's message.
        fresh(undefined);
        return;
      }
      try {
        const client = sync.client();
        const [page, rounds] = await Promise.all([
          client.history(planId, { entityId: target.entityId, limit: HISTORY_PAGE }),
          target.year === undefined ? undefined : client.rounds(planId),
        ]);
        const read: Story = { target, ...page, round: rounds?.rounds.find((r) => r.year === target.year), savedAt: new Date().toISOString() };
        cache.put(server, planId, read);
        fresh({ ...read, offline: false });
      } catch (error) {
        const saved = error instanceof Unreachable ? cache.get(server, planId, target.entityId) : undefined;
        if (!saved) throw error;
        fresh({ ...saved, target, offline: true });
      }
    });
  }, [run, workbook, planId, server, excel.selection, sync, cache]);

  const more = useCallback(async () => {
    if (!story || story.next === null || !planId || !server) return;
    const asked = latest.current;
    await runOlder(async () => {
      const page = await sync.client().history(planId, { entityId: story.target.entityId, before: story.next!, limit: HISTORY_PAGE });
      const read: Story = { ...story, entries: [...story.entries, ...page.entries], next: page.next, savedAt: new Date().toISOString() };
      cache.put(server, planId, read);
      // Another cell may have been selected meanwhile: its story stays.
      if (asked === latest.current) setStory({ ...read, offline: false });
    });
  }, [runOlder, story, planId, server, sync, cache]);

  const following = useFollowSelection(show);

  const doc = workbook?.doc;
  const names = useMemo(() => (doc ? namesOf(doc) : new Map<string, string>()), [doc]);
  return { story, none, show, more, busy, following, ownClientId: workbook?.clientId, names };
}
