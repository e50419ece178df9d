import { describe, expect, it } from "vitest";
import { languageFromLocale, strings } from "../../addin/src/strings.ts";

describe("the pane's words", () => {
  it("take the language from Office's display language", () => {
    expect([languageFromLocale("uk-UA"), languageFromLocale("lt-LT"), languageFromLocale("en-GB"), languageFromLocale("de-DE"), languageFromLocale(undefined)]).toEqual([
      "uk",
      "lt",
      "en",
      "en",
      "en",
    ]);
  });

  it("are translated, not English left in place, in Ukrainian and Lithuanian", () => {
    const en = strings("en");
    for (const language of ["uk", "lt"] as const) {
      const t = strings(language);
      const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => typeof en[k] === "string" && en[k] === t[k] && k !== "appTitle" && k !== "none");
      expect(same, language).toEqual([]);
      expect(t.sync.status(1, 2, 0)).not.toBe(en.sync.status(1, 2, 0));
      expect(Object.keys(t.sections)).toEqual(Object.keys(en.sections));
    }
  });
});
