import { useEffect } from "react";
import type { Section } from "./features/pane/sections.ts";

/**
 * The ribbon's buttons, by the function name each runs (manifest.xml: `<FunctionName>`). They run in
 * the pane's own runtime (a shared runtime), so a click switches the open pane instead of asking
 * Office to reload a URL it would not reload (one pane id behind several URLs).
 */
export const RIBBON_ACTIONS = {
  openPlan: "plan",
  openSwot: "swot",
  openGoals: "goals",
  openRisks: "risks",
  openIndicators: "indicators",
} as const satisfies Record<string, Section>;

let requested: Section | undefined;
let listener: ((section: Section) => void) | undefined;

function open(section: Section): void {
  // A click can start the runtime before the pane has rendered: keep it for the pane to take.
  if (listener) listener(section);
  else requested = section;
}

/**
 * Registers the buttons' functions with Office. Called when the page loads, before Office.onReady,
 * as Office needs the names when the click started this runtime. Office.js defines Office.actions
 * at load; outside Office (a test host, a plain browser) there is nothing to register with.
 */
export function associateRibbon(): void {
  if (typeof Office === "undefined" || !Office.actions) return;
  for (const [name, section] of Object.entries(RIBBON_ACTIONS))
    Office.actions.associate(name, async (event?: Office.AddinCommands.Event) => {
      try {
        open(section);
        // Only a shared runtime can show its pane; the manifest offers these buttons only where
        // SharedRuntime 1.1 is supported, so this guard is for a host that misreports it.
        if (Office.context.requirements.isSetSupported("SharedRuntime", "1.1")) await Office.addin.showAsTaskpane();
      } finally {
        // An add-in command tells Office it has finished, or Office keeps it running.
        event?.completed();
      }
    });
}

/**
 * Hands `show` each section a button asks for, first the one asked for before the pane was ready;
 * returns the function that stops it. One pane follows the ribbon at a time.
 */
export function followRibbon(show: (section: Section) => void): () => void {
  if (requested) show(requested);
  requested = undefined;
  listener = show;
  return () => {
    if (listener === show) listener = undefined;
  };
}

/** The pane follows the ribbon while it is mounted. */
export function useRibbonSection(show: (section: Section) => void): void {
  useEffect(() => followRibbon(show), [show]);
}
