export const SECTIONS = ["plan", "swot", "goals", "risks", "indicators", "check", "sync", "compare", "monitoring", "history"] as const;
export type Section = (typeof SECTIONS)[number];

/** The sections listing the plan's items (SWOT, goals, risks, indicators): their deletes offer an undo. */
export const ITEM_SECTIONS = ["swot", "goals", "risks", "indicators"] as const satisfies readonly Section[];
export const isItemSection = (s: Section): s is (typeof ITEM_SECTIONS)[number] => (ITEM_SECTIONS as readonly Section[]).includes(s);

/** The sections as the navigation groups them: the plan's own parts, the work shared through the store, the association's. */
export const SECTION_GROUPS = [
  { group: "plan", sections: ["plan", "swot", "goals", "risks", "indicators", "check"] },
  { group: "shared", sections: ["sync", "monitoring", "history"] },
  { group: "association", sections: ["compare"] },
] as const satisfies readonly { group: string; sections: readonly Section[] }[];
