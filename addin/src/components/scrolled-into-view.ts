import { useEffect, useRef } from "react";

/**
 * A ref for an answer an action shows beside its button that is more than a message (a table of
 * results): scrolled into view when it arrives, as ActionResult scrolls a message, so the answer is
 * where the user is looking. One taller than the pane is scrolled to its top.
 */
export function useScrolledIntoView<T extends HTMLElement>(answer: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (answer) ref.current?.scrollIntoView({ block: "nearest" });
  }, [answer]);
  return ref;
}
