import { useEffect } from "react";
import type { Section } from "./App.tsx";

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
        // Office waits for this before it takes the next click on an add-in command.
        event?.completed();
      }
    });
}

/** Lets the pane follow the ribbon: `show` gets each section a button asks for, the one asked for before mounting first. */
export function useRibbonSection(show: (section: Section) => void): void {
  useEffect(() => {
    if (requested) show(requested);
    requested = undefined;
    listener = show;
    return () => {
      listener = undefined;
    };
  }, [show]);
}
