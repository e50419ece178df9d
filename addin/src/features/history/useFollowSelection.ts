import { useCallback, useEffect, useRef, useState } from "react";
import { usePaneServices } from "../../state/pane.tsx";

/**
 * Follows the selection where Excel reports its changes, calling `show` after each. Selection changes
 * come faster than the store answers (arrow keys): one `show` at a time, then one more for the latest
 * selection, however many changes came meanwhile. Says whether the selection is followed.
 */
export function useFollowSelection(show: () => Promise<void>): boolean {
  const { excel } = usePaneServices();
  const [following, setFollowing] = useState(false);
  // The handler calls the latest `show` (the plan and connection it sees change).
  const showRef = useRef(show);
  useEffect(() => {
    showRef.current = show;
  }, [show]);
  const queue = useRef({ running: false, again: false });
  const onSelection = useCallback(async () => {
    const q = queue.current;
    if (q.running) {
      q.again = true;
      return;
    }
    q.running = true;
    try {
      do {
        q.again = false;
        await showRef.current();
      } while (q.again);
    } finally {
      q.running = false;
    }
  }, []);
  useEffect(() => {
    const { feed } = excel.selection;
    if (!feed.supported) return;
    let stop: (() => void) | undefined;
    let gone = false;
    feed.subscribe(() => void onSelection()).then(
      (unsubscribe) => {
        stop = unsubscribe;
        if (gone) stop();
        else setFollowing(true);
      },
      () => setFollowing(false),
    );
    return () => {
      gone = true;
      stop?.();
    };
  }, [excel.selection, onSelection]);
  return following;
}
