import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../shared/model/plan.ts";
import { strings } from "../../addin/src/strings.ts";

// The first-run guide and the glossary are read by planners who may know no English: every step and
// every term is there in each language, says something, and is not English left in place.
const en = strings("en").help;
const TERMS = ["token", "invitationCode", "version", "sync", "conflict", "monitoringRound", "catalogue", "release", "quartile", "median", "baseline", "target"];

describe("the pane's help", () => {
  it("has a guide of 4 to 6 steps and every glossary term in each language", () => {
    for (const language of LANGUAGES) {
      const help = strings(language).help;
      expect(help.guide.steps.length, language).toBeGreaterThanOrEqual(4);
      expect(help.guide.steps.length, language).toBeLessThanOrEqual(6);
      expect(help.guide.steps.length, language).toBe(en.guide.steps.length);
      expect(Object.keys(help.glossary.terms), language).toEqual(TERMS);
      const words = [help.guide.title, help.guide.gotIt, help.glossary.title, ...help.guide.steps, ...Object.values(help.glossary.terms).flatMap((g) => [g.term, g.text])];
      for (const w of words) expect(w.trim(), language).not.toBe("");
    }
  });

  it("is translated, not English left in place, in Ukrainian and Lithuanian", () => {
    for (const language of ["uk", "lt"] as const) {
      const help = strings(language).help;
      help.guide.steps.forEach((step, i) => expect(step, `${language} step ${i + 1}`).not.toBe(en.guide.steps[i]));
      for (const id of TERMS) {
        const key = id as keyof typeof en.glossary.terms;
        expect(help.glossary.terms[key].term, `${language} ${id}`).not.toBe(en.glossary.terms[key].term);
        expect(help.glossary.terms[key].text, `${language} ${id}`).not.toBe(en.glossary.terms[key].text);
      }
      expect(help.guide.title, language).not.toBe(en.guide.title);
      expect(help.guide.gotIt, language).not.toBe(en.guide.gotIt);
      expect(help.glossary.title, language).not.toBe(en.glossary.title);
    }
    expect([strings("uk").help.guide.gotIt, strings("en").help.guide.gotIt, strings("lt").help.guide.gotIt]).toEqual(["Зрозуміло", "Got it", "Supratau"]);
  });

  it("names the bare words it explains: «токен» and «версія» come with what they mean", () => {
    const uk = strings("uk").help.glossary.terms;
    expect(uk.token.term).toMatch(/^Ключ доступу \(токен\)$/);
    expect(uk.version.term).toMatch(/рядка чи раунду/);
  });
});
