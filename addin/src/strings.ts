import type { Language } from "../../shared/model/plan.ts";
import { en, type Strings } from "./strings/en.ts";
import { lt } from "./strings/lt.ts";
import { uk } from "./strings/uk.ts";

export type { Strings };

const STRINGS: Record<Language, Strings> = { en, uk, lt };

export function strings(language: Language): Strings {
  return STRINGS[language];
}

/** The pane's language from Office's display language ("uk-UA" → uk). */
export function languageFromLocale(locale: string | undefined): Language {
  const l = (locale ?? "").toLowerCase();
  if (l.startsWith("uk")) return "uk";
  if (l.startsWith("lt")) return "lt";
  return "en";
}
