import { useState } from "react";
import type { ListItem } from "./EntityEditor.tsx";

/** Up to this many items a list is shown whole, with no search: the form above it stays in reach. */
export const SHORT_LIST = 8;

/**
 * What part of a section's list is shown: the items whose visible text holds the query (any case,
 * Ukrainian and Lithuanian letters included), and of a long list only the first few until all are asked for.
 */
export function useListView(items: ListItem[], language: string) {
  const [query, setQuery] = useState("");
  const [expanded, setExpanded] = useState(false);
  const needle = query.trim().toLocaleLowerCase(language);
  const matching = needle ? items.filter((i) => [i.label, i.detail ?? ""].join(" ").toLocaleLowerCase(language).includes(needle)) : items;
  const collapsed = !expanded && matching.length > SHORT_LIST;
  return {
    long: items.length > SHORT_LIST,
    query,
    setQuery,
    shown: collapsed ? matching.slice(0, SHORT_LIST) : matching,
    /** How many match in all; the toggle appears once some are hidden or all are shown of a long list. */
    total: matching.length,
    collapsed,
    expanded: expanded && matching.length > SHORT_LIST,
    toggle: () => setExpanded((e) => !e),
  };
}
