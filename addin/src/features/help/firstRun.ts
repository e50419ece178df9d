import { useState } from "react";
import { panePartition } from "../../credentials.ts";

/**
 * Whether the first-run guide was dismissed, kept in the pane's browser storage (never in the workbook:
 * it is this person's pane, not the plan's), under Office's partition key when there is one, as the
 * token store does, so that each partitioned pane remembers on its own.
 */
const guideKey = (): string => `${panePartition()}muniplan:guide-dismissed`;

function readDismissed(): boolean {
  try {
    return localStorage.getItem(guideKey()) === "1";
  } catch {
    // Storage may be blocked (a locked-down browser): the guide then shows once per opening.
    return false;
  }
}

/** The guide's dismissal, read once when the pane opens and written when the planner dismisses it. */
export function useGuideDismissed(): [boolean, () => void] {
  const [dismissed, setDismissed] = useState(readDismissed);
  const dismiss = () => {
    setDismissed(true);
    try {
      localStorage.setItem(guideKey(), "1");
    } catch {
      // Not remembered, but hidden for this opening all the same.
    }
  };
  return [dismissed, dismiss];
}
