import type { Language } from "../../shared/model/plan.ts";
import type { Strings } from "./strings/en.ts";

/**
 * The pane's words, one language at a time: the pane downloads only the language it shows, and a
 * switch of language waits for that language's file. (addin/src/strings.ts holds all three at once,
 * for tests and tools; the pane never imports it.)
 */
const LOADERS: Record<Language, () => Promise<Strings>> = {
  en: async () => (await import("./strings/en.ts")).en,
  uk: async () => (await import("./strings/uk.ts")).uk,
  lt: async () => (await import("./strings/lt.ts")).lt,
};

export const loadStrings = (language: Language): Promise<Strings> => LOADERS[language]();

/** The pane's language from Office's display language ("uk-UA" → uk). */
export function languageFromLocale(locale: string | undefined): Language {
  const l = (locale ?? "").toLowerCase();
  if (l.startsWith("uk")) return "uk";
  if (l.startsWith("lt")) return "lt";
  return "en";
}
