import type { Language } from "../../shared/model/plan.ts";
import { en, type Strings } from "./strings/en.ts";
import { lt } from "./strings/lt.ts";
import { uk } from "./strings/uk.ts";

export type { Strings };
export { languageFromLocale } from "./language.ts";

/**
 * Every language at once, for tests and tools that hold all three. The pane loads only the language it
 * shows (language.ts loadStrings) and imports types alone from here.
 */
const STRINGS: Record<Language, Strings> = { en, uk, lt };

export function strings(language: Language): Strings {
  return STRINGS[language];
}
