import type { Labels } from "./labels.ts";

/**
 * What the layouts say about a sheet, in every sheet language: a problem is shown in the pane's
 * language whatever language its sheet was built in. English is also kept as the plain message.
 */
export type Msg = Labels;

const q = (v: unknown) => `'${String(v)}'`;
const all = (s: string): Msg => ({ en: s, uk: s, lt: s });

/** "a; b" in each language. */
export function join(...parts: Msg[]): Msg {
  return { en: parts.map((p) => p.en).join("; "), uk: parts.map((p) => p.uk).join("; "), lt: parts.map((p) => p.lt).join("; ") };
}

export const M = {
  notNumber: (v: unknown): Msg => ({ en: `${q(v)} is not a number`, uk: `${q(v)} — не число`, lt: `${q(v)} nėra skaičius` }),
  notYear: (v: unknown): Msg => ({ en: `${q(v)} is not a year`, uk: `${q(v)} — не рік`, lt: `${q(v)} nėra metai` }),
  yearRange: (v: unknown): Msg => ({
    en: `${q(v)} is not a year between 1900 and 2200`,
    uk: `${q(v)} — не рік між 1900 і 2200`,
    lt: `${q(v)} nėra metai tarp 1900 ir 2200`,
  }),
  notPeriod: (v: unknown): Msg => ({
    en: `${q(v)} is not a year or a year and quarter such as 2014-Q2`,
    uk: `${q(v)} — не рік і не рік із кварталом (наприклад, 2014-Q2)`,
    lt: `${q(v)} nėra metai ar metai su ketvirčiu (pvz., 2014-Q2)`,
  }),
  notOneOf: (v: unknown, allowed: Msg[]): Msg => ({
    en: `${q(v)} is not one of ${allowed.map((a) => a.en).join(", ")}`,
    uk: `${q(v)} — не одне з: ${allowed.map((a) => a.uk).join(", ")}`,
    lt: `${q(v)} nėra viena iš: ${allowed.map((a) => a.lt).join(", ")}`,
  }),
  textTooLong: (n: number): Msg => ({
    en: `the text has ${n.toLocaleString("en")} characters; Excel holds at most 32,767 in a cell`,
    uk: `текст має ${n.toLocaleString("uk")} символів; клітинка Excel вміщує щонайбільше 32 767`,
    lt: `tekste ${n.toLocaleString("lt")} simbolių; Excel langelyje telpa ne daugiau kaip 32 767`,
  }),
  controlChar: {
    en: "the text contains a control character that Excel cannot store",
    uk: "текст містить керівний символ, який Excel не може зберегти",
    lt: "tekste yra valdymo simbolis, kurio Excel negali išsaugoti",
  } as Msg,
  previousKept: { en: "the previous value is kept", uk: "залишено попереднє значення", lt: "paliekama ankstesnė reikšmė" } as Msg,
  rowNotAdded: { en: "the row was not added", uk: "рядок не додано", lt: "eilutė nepridėta" } as Msg,
  cellLeftEmpty: { en: "the cell is left empty", uk: "клітинку залишено порожньою", lt: "langelis paliktas tuščias" } as Msg,
  staysInPlace: { en: "it stays where it was", uk: "він лишається на попередньому місці", lt: "jis lieka savo vietoje" } as Msg,
  mustBeFilled: (header: Msg): Msg => ({ en: `'${header.en}' must be filled in`, uk: `заповніть «${header.uk}»`, lt: `užpildykite „${header.lt}“` }),
  // The schema's detail is English ("Invalid option: expected one of …"): the English text keeps it, a
  // Ukrainian or Lithuanian planner is told which cell to correct in their own words only.
  invalid: (header: Msg, detail: string): Msg => ({
    en: `'${header.en}': ${detail}`,
    uk: `«${header.uk}»: некоректне значення`,
    lt: `„${header.lt}“: netinkama reikšmė`,
  }),
  columnMissing: (header: Msg): Msg => ({
    en: `the column '${header.en}' / '${header.uk}' is missing; the sheet was not read`,
    uk: `немає стовпця «${header.uk}» / '${header.en}'; аркуш не прочитано`,
    lt: `trūksta stulpelio „${header.lt}“ / '${header.en}'; lapas neperskaitytas`,
  }),
  formRowMissing: (label: Msg): Msg => ({
    en: `the row '${label.en}' / '${label.uk}' is missing; its value is kept`,
    uk: `немає рядка «${label.uk}» / '${label.en}'; значення залишено`,
    lt: `trūksta eilutės „${label.lt}“ / '${label.en}'; reikšmė paliekama`,
  }),
  levelCannotChange: (was: Msg, said: Msg): Msg => ({
    en: `an existing ${was.en.toLowerCase()} cannot become a ${said.en.toLowerCase()}; insert a new row instead (it stays a ${was.en.toLowerCase()})`,
    uk: `наявний рядок «${was.uk}» не може стати «${said.uk}»; вставте новий рядок (рядок лишається «${was.uk}»)`,
    lt: `esamas „${was.lt}“ negali tapti „${said.lt}“; įterpkite naują eilutę (lieka „${was.lt}“)`,
  }),
  levelMissing: {
    en: "say whether the row is a priority, a goal or a task",
    uk: "зазначте, чи рядок є пріоритетом, ціллю чи завданням",
    lt: "nurodykite, ar eilutė yra prioritetas, tikslas ar uždavinys",
  } as Msg,
  goalBelowPriority: { en: "a goal must stand below a priority row", uk: "ціль має стояти під рядком пріоритету", lt: "tikslas turi būti po prioriteto eilute" } as Msg,
  taskBelowGoal: { en: "a task must stand below a goal row", uk: "завдання має стояти під рядком цілі", lt: "uždavinys turi būti po tikslo eilute" } as Msg,
  foreignCell: (level: Msg, header: Msg): Msg => ({
    en: `a ${level.en.toLowerCase()} row has no '${header.en}'; this cell is not kept`,
    uk: `рядок «${level.uk}» не має поля «${header.uk}»; цю клітинку не збережено`,
    lt: `eilutė „${level.lt}“ neturi lauko „${header.lt}“; šis langelis neišsaugomas`,
  }),
  currencyWithoutAmount: {
    en: "a currency without an amount is not a budget",
    uk: "валюта без суми — ще не бюджет",
    lt: "valiuta be sumos nėra biudžetas",
  } as Msg,
  budgetNeedsCurrency: {
    en: "a budget needs its currency (an ISO 4217 code such as UAH or EUR)",
    uk: "бюджет потребує валюти (код ISO 4217, наприклад UAH чи EUR)",
    lt: "biudžetui reikia valiutos (ISO 4217 kodo, pvz., UAH ar EUR)",
  } as Msg,
  previousBudgetKept: { en: "the previous budget is kept", uk: "залишено попередній бюджет", lt: "paliekamas ankstesnis biudžetas" } as Msg,
  breakdownBelow: {
    en: "a breakdown ('of which') must stand below its indicator",
    uk: "розбивка («з них») має стояти під своїм показником",
    lt: "išskaidymas („iš jų“) turi būti po savo rodikliu",
  } as Msg,
  notACode: (code: string): Msg => ({
    en: `'${code}' is no priority or goal number of this plan (such as 1 or 1.2)`,
    uk: `«${code}» — не номер пріоритету чи цілі цього плану (наприклад, 1 або 1.2)`,
    lt: `„${code}“ nėra šio plano prioriteto ar tikslo numeris (pvz., 1 ar 1.2)`,
  }),
  notPercent: (v: unknown, unit: string): Msg => ({
    en: `${q(v)} is not a percentage: the unit '${unit}' takes values from 0 to 100`,
    uk: `${q(v)} — не відсоток: одиниця «${unit}» допускає значення від 0 до 100`,
    lt: `${q(v)} nėra procentinė reikšmė: vienetui „${unit}“ tinka reikšmės nuo 0 iki 100`,
  }),
  notCount: (v: unknown, unit: string): Msg => ({
    en: `${q(v)} is not a count: the unit '${unit}' takes whole numbers of 0 or more`,
    uk: `${q(v)} — не кількість: одиниця «${unit}» допускає лише цілі числа від 0`,
    lt: `${q(v)} nėra kiekis: vienetui „${unit}“ tinka tik sveikieji skaičiai nuo 0`,
  }),
  previousOneKept: { en: "the previous one is kept", uk: "залишено попередній", lt: "paliekamas ankstesnis" } as Msg,
  unlinked: (name: string): Msg => ({
    en: `'${name}' measured a priority or goal that was deleted; it now measures nothing`,
    uk: `«${name}» вимірював видалений пріоритет чи ціль; тепер він нічого не вимірює`,
    lt: `„${name}“ matavo ištrintą prioritetą ar tikslą; dabar jis nieko nematuoja`,
  }),
  parentKept: (parent: Msg, parentTitle: string, child: Msg, childTitle: string): Msg => ({
    en: `the ${parent.en.toLowerCase()} '${parentTitle}' was deleted, but its ${child.en.toLowerCase()} '${childTitle}' was not: the ${parent.en.toLowerCase()} is kept`,
    uk: `«${parent.uk}» «${parentTitle}» видалено, а «${child.uk}» «${childTitle}» — ні, тож «${parent.uk}» залишено`,
    lt: `„${parent.lt}“ „${parentTitle}“ ištrintas, bet „${child.lt}“ „${childTitle}“ – ne, todėl „${parent.lt}“ paliekamas`,
  }),
  plain: all,
};
