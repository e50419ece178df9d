export const SECTIONS = ["plan", "swot", "goals", "risks", "indicators", "check", "sync", "compare", "monitoring"] as const;
export type Section = (typeof SECTIONS)[number];
