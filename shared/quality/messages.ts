import type { CompareOp } from "../api/catalogue.ts";
import type { Labels } from "../i18n/labels.ts";
import { notesHeader } from "../layout/indicators.ts";
import type { Language } from "../model/plan.ts";
import type { Violation } from "./rules.ts";

/**
 * A violation in words, in every language (the pane shows its own; the Worker's refusal the English).
 * `name` gives a catalogue code's indicator name in a language (the plan's indicator, else the code).
 */

const LOCALES: Record<Language, string> = { uk: "uk-UA", en: "en-GB", lt: "lt-LT" };
const num = (x: number, language: Language) => x.toLocaleString(LOCALES[language], { maximumFractionDigits: 6 });
const each = (f: (l: Language) => string): Labels => ({ uk: f("uk"), en: f("en"), lt: f("lt") });

// Lithuanian agrees with "reikšmė" (the value, feminine), as the sheet and the pane call it.
const MUST: Record<CompareOp, Labels> = {
  "<=": { uk: "має бути не більше ніж", en: "must be at most", lt: "turi būti ne daugiau kaip" },
  "<": { uk: "має бути менше ніж", en: "must be below", lt: "turi būti mažesnė nei" },
  ">=": { uk: "має бути не менше ніж", en: "must be at least", lt: "turi būti ne mažiau kaip" },
  ">": { uk: "має бути більше ніж", en: "must be above", lt: "turi būti didesnė nei" },
  "=": { uk: "має дорівнювати", en: "must equal", lt: "turi būti lygi" },
};

/** What is wrong with the value, e.g. «120 — більше за максимум 100». */
export function violationText(v: Violation, name: (code: string, language: Language) => string): Labels {
  return each((l) => {
    const value = num(v.value, l);
    switch (v.rule) {
      case "min":
        return { uk: `${value} — менше за мінімум ${num(v.min, l)}`, en: `${value} is below the minimum ${num(v.min, l)}`, lt: `${value} yra mažiau nei minimumas ${num(v.min, l)}` }[l];
      case "max":
        return { uk: `${value} — більше за максимум ${num(v.max, l)}`, en: `${value} is above the maximum ${num(v.max, l)}`, lt: `${value} yra daugiau nei maksimumas ${num(v.max, l)}` }[l];
      case "change": {
        const by = v.changePct === null ? { uk: "від 0", en: "from 0", lt: "nuo 0" }[l] : `${num(Math.round(v.changePct * 10) / 10, l)} %`;
        return {
          uk: `${value}: зміна до попереднього року (${num(v.previous, l)}) — ${by}, більше за допустимі ${num(v.maxChangePct, l)} %`,
          en: `${value}: the change from the previous year (${num(v.previous, l)}) is ${by}, more than the allowed ${num(v.maxChangePct, l)} %`,
          lt: `${value}: pokytis nuo ankstesnių metų (${num(v.previous, l)}) yra ${by}, daugiau nei leistini ${num(v.maxChangePct, l)} %`,
        }[l];
      }
      case "compare":
        return {
          uk: `${value} ${MUST[v.op].uk} «${name(v.otherCode, l)}» (${num(v.otherValue, l)})`,
          en: `${value} ${MUST[v.op].en} “${name(v.otherCode, l)}” (${num(v.otherValue, l)})`,
          lt: `${value} ${MUST[v.op].lt} „${name(v.otherCode, l)}“ (${num(v.otherValue, l)})`,
        }[l];
    }
  });
}

/**
 * A flagged value in the sheet check, with what the committee does about it. The notes column is quoted
 * as the sheets name it (`sheetLanguage`), whatever language the sentence is in: a Ukrainian pane over
 * Lithuanian sheets points at the column the sheet has.
 */
export function flaggedText(v: Violation, name: (code: string, language: Language) => string, sheetLanguage: Language): Labels {
  const what = violationText(v, name);
  const notes = notesHeader(v.year)[sheetLanguage];
  return each((l) =>
    v.note !== undefined
      ? { uk: `${what.uk} (пояснено в примітці)`, en: `${what.en} (explained in the note)`, lt: `${what.lt} (paaiškinta pastaboje)` }[l]
      : {
          uk: `${what.uk}; перевірте значення або поясніть його в «${notes}»`,
          en: `${what.en}; check the value or explain it in “${notes}”`,
          lt: `${what.lt}; patikrinkite reikšmę arba paaiškinkite ją skiltyje „${notes}“`,
        }[l],
  );
}
