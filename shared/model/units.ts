/**
 * What an indicator's unit says about its values. A percentage lies between 0 and 100; a count of
 * people or things is a whole number of 0 or more; anything else (money, rates, "тис. осіб", averages)
 * is any number.
 */
export type ValueKind = "percent" | "count" | "number";

const PERCENT = new Set([
  "%",
  "відсоток",
  "відсотки",
  "відсотків",
  "відсотка",
  "відс",
  "процент",
  "проценти",
  "процентів",
  "percent",
  "percentage",
  "pct",
  "proc",
  "procentas",
  "procentai",
  "procentų",
]);

const COUNT = new Set([
  "people",
  "persons",
  "person",
  "units",
  "unit",
  "items",
  "item",
  "count",
  "pcs",
  "осіб",
  "особа",
  "особи",
  "чол",
  "чоловік",
  "од",
  "одиниця",
  "одиниці",
  "одиниць",
  "шт",
  "штук",
  "кількість",
  "vnt",
  "vienetai",
  "vienetų",
  "asmenys",
  "asmenų",
  "žmonių",
  "skaičius",
]);

/** The unit's words, lower case, without abbreviation dots; "%" is a word of its own ("5%", "%/рік"). */
function tokens(unit: string): string[] {
  return unit
    .normalize("NFC")
    .toLocaleLowerCase("uk")
    .replace(/%/g, " % ")
    .split(/[\s,;:/()]+/u)
    .map((t) => t.replace(/\.+$/u, ""))
    .filter((t) => t.length > 0);
}

/**
 * The kind of an indicator's values by its unit. Any percent word makes a percentage ("% населення").
 * A count must be nothing but count words ("кількість осіб"): a scale or a rate ("тис. осіб",
 * "осіб на 1000 населення") holds fractions.
 */
export function valueKind(unit: string | undefined): ValueKind {
  const words = tokens(unit ?? "");
  if (words.some((w) => PERCENT.has(w))) return "percent";
  if (words.length > 0 && words.every((w) => COUNT.has(w))) return "count";
  return "number";
}

/** The values a kind allows: the read-back's check and the sheet's Excel validation both come from here. */
export const VALUE_RANGES: Record<Exclude<ValueKind, "number">, { min: number; max?: number; whole: boolean }> = {
  percent: { min: 0, max: 100, whole: false },
  count: { min: 0, whole: true },
};

export function fitsKind(kind: ValueKind, value: number): boolean {
  if (kind === "number") return true;
  const { min, max, whole } = VALUE_RANGES[kind];
  return value >= min && (max === undefined || value <= max) && (!whole || Number.isInteger(value));
}
