import type { Frequency, Quadrant } from "../model/plan.ts";

/**
 * The words plans are written with, in Ukrainian, English and Lithuanian: headings, row labels and column
 * titles. Matched against a cell's text lower-cased, without quotes and a trailing colon (see `labelOf`).
 */

/** A cell's text as a label: lower case, no quotes, no emphasis, no trailing colon or period. */
export function labelOf(cell: string): string {
  return cell
    .toLowerCase()
    .replace(/["'„“”«»‘’ʼ`]/g, "")
    .replace(/\s+/g, " ")
    .replace(/[\s:.]+$/, "")
    .trim();
}

const whole = (words: string) => new RegExp(`^(?:${words})$`, "u");
/** The end of a word: JavaScript's \b knows only Latin letters, so it is useless for Ukrainian and Lithuanian. */
const END = "(?![\\p{L}\\p{N}])";

export const SECTION = {
  vision: whole("(?:наше )?бачення|vision|vizija"),
  mission: whole("(?:наша )?місія|mission|misija"),
  swot: /^(?:swot|swot[- ]?(?:аналіз|analysis|analizė))(?: |$)/u,
  priorities: new RegExp(`^(?:(?:стратегічні )?пріоритети|(?:strategic )?priorities|(?:strateginiai )?prioritetai)${END}`, "u"),
  risks: new RegExp(`^(?:ризики|risks|rizikos)${END}`, "u"),
  indicators: new RegExp(`^(?:показники|indicators|rodikliai)${END}`, "u"),
};

export const QUADRANT_HEADINGS: readonly [Quadrant, RegExp][] = [
  ["strength", whole("сильні(?: сторони)?|strengths?|stiprybės|stipriosios pusės")],
  ["weakness", whole("слабкі(?: сторони)?|weakness(?:es)?|silpnybės|silpnosios pusės")],
  ["opportunity", whole("можливості|opportunities|galimybės")],
  ["threat", whole("загрози|threats|grėsmės")],
];

const NUMBER = "(\\d{1,2}|[ivx]{1,5})";
const REST = "(?:[.:)]|\\s*[–—-])?\\s*(.*)$";

/** «Стратегічний пріоритет 2», "Priority II: …", «Prioritetas 1.» — the number and what follows it. */
export const PRIORITY_N = new RegExp(
  `^(?:(?:стратегічн|strategic|strategin)\\S*\\s+)?(?:пріоритет(?:ний напрям)?|priority|prioritetas|kryptis)\\s+${NUMBER}(?![\\d.]\\d)${REST}`,
  "iu",
);
/** «Стратегічна ціль 1.2», "Goal 2", «Tikslas 1.1», «Операційна ціль 3». */
export const GOAL_N = new RegExp(
  `^(?:(?:стратегічн|оперативн|операційн|strategic|operational|strategin|operacin)\\S*\\s+)?(?:ціль|goal|objective|tikslas)\\s+(\\d{1,2}(?:\\.\\d{1,2})*)${REST}`,
  "iu",
);
/** «Завдання 1.2.3», "Task 1.1.1", «Uždavinys 1.1.1». */
export const TASK_N = new RegExp(`^(?:завдання|task|action|uždavinys|priemonė)\\s+(\\d{1,2}(?:\\.\\d{1,2})*)${REST}`, "iu");

export const LABEL = {
  title: whole("назва плану|назва стратегії|plan|plan title|strategy|plano pavadinimas|strategijos pavadinimas"),
  period: whole("період|період дії|термін дії|строк дії|period|plan period|laikotarpis|plano laikotarpis"),
  tasks: whole("(?:програмні )?завдання|заходи|tasks|actions|activities|uždaviniai|priemonės"),
  results: whole("(?:очікувані )?результати|expected results?|results|(?:laukiami )?rezultatai"),
  risk: whole("ризик|risk|rizika"),
  mitigation: whole("заходи з мінімізації(?: ризиків| ризику)?|мінімізація|mitigation|rizikos (?:valdymo|mažinimo) priemonės|valdymo priemonės"),
  indicator: whole("(?:назва )?показника?|indicator(?: name)?|rodiklis|rodiklio pavadinimas"),
  unit: whole("одиниця(?: виміру)?|unit(?: of measure)?|matavimo vienetas|vienetas"),
  baselineYear: whole("базовий рік|рік бази|baseline year|base year|baziniai metai"),
  baselineValue: whole("базове значення|baseline(?: value)?|bazinė reikšmė"),
  targetYear: whole("рік досягнення|target year|siektini metai"),
  targetValue: whole("цільове значення|target(?: value)?|siektina reikšmė"),
  frequency: whole("періодичність|частота|термін|frequency|periodicity|periodiškumas|dažnumas"),
  responsible: whole("відповідальн\\S*(?: \\S+)?|responsible(?: unit)?|atsakingas(?: padalinys)?|atsakingi"),
  direction: whole("напрям|напрямок|бажаний напрям|direction|kryptis"),
};

/** Column titles carrying a year: «База 2012 рік», "Target 2025", «2023». */
export const YEAR_COLUMN = {
  baseline: /^(?:база|базов\S*|baseline|base|bazin\S*)\D*((?:19|20)\d\d)\b/u,
  target: /^(?:ціль|цільове\S*|прогноз|target|siektin\S*)\D*((?:19|20)\d\d)\b/u,
  year: /^((?:19|20)\d\d)(?: рік| р| m\.?| year)?$/u,
};

export const RISK_KIND = { internal: /внутрішн|internal|vidin/u, external: /зовнішн|external|išor/u, any: /ризик|risk|rizik/u };

/** «з них», "of which", «iš jų»: an indicator broken down into parts. */
export const BREAKDOWN = /^(.*?)[,;]?\s+(з них|у тому числі|в тому числі|of which|including|iš jų|iš to skaičiaus):?\s*(.*)$/iu;
export const BREAKDOWN_START = new RegExp(`^(?:з них|у тому числі|в тому числі|of which|including|iš jų|iš to skaičiaus)${END}`, "iu");

/** The unit an indicator named «Кількість …» / "Number of …" / «… skaičius» counts in. */
export const COUNT_UNIT: readonly [RegExp, string][] = [
  [new RegExp(`^кількість${END}`, "iu"), "кількість"],
  [/^number of\b/iu, "number"],
  [new RegExp(`(?:^|\\s)skaičius${END}`, "iu"), "skaičius"],
];

/** Monthly average first: «щорічно (середньомісячний показник)» is annual_monthly_average, not annually. */
export const FREQUENCY_WORDS: readonly [Frequency, RegExp][] = [
  ["annual_monthly_average", /середньомісячн|monthly average|average per month|mėnesio vidurk/iu],
  ["quarterly", /щокварт|квартал|quarter|ketvir/iu],
  ["semi_annually", /півр|semi|twice a year|pusmet/iu],
  ["annually", /щороку|щорічн|раз на рік|annual|yearly|every year|kasmet|metin/iu],
];

export const DIRECTION_WORDS: readonly ["increase" | "decrease" | "keep", RegExp][] = [
  ["decrease", /зменш|знижен|decrease|reduce|lower|mažė|mažin/iu],
  ["keep", /збереж|утрим|keep|maintain|išlaik/iu],
  ["increase", /зрост|збільш|підвищ|increase|grow|higher|didė|didin/iu],
];

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10 };
/** "IV" → 4; an Arabic number as is. */
export function numberOf(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let n = 0;
  const r = s.toLowerCase();
  for (let i = 0; i < r.length; i++) {
    const v = ROMAN[r[i]!]!;
    n += i + 1 < r.length && ROMAN[r[i + 1]!]! > v ? -v : v;
  }
  return n;
}
