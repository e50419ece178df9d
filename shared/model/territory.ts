import { z } from "zod";

/**
 * A community's official territory code: the key under which an association's data meets national
 * statistics (the long export's REF_AREA, the feed's Members, a member's workbook on import). The code's
 * prefix names the country, and each country has its own format rule:
 *
 * - Ukraine, KATOTTH (Кодифікатор адміністративно-територіальних одиниць та територій територіальних
 *   громад): "UA" + 17 digits, UA|ОО|РР|ГГГ|ППП|ММ|УУУУУ — first level (oblast, Crimea, or a city with
 *   special status), second level (raion), third level (hromada), fourth level (populated place),
 *   additional level (urban district), and a 5-digit identifier. A community is a hromada, so its code
 *   names one down to the third level and nothing below (ППП = 000, ММ = 00), e.g. UA05020030000063857.
 *   Kyiv and Sevastopol, cities with special status, are first-level units that are communities in their
 *   own right: their code stops at the first level (UA80000000000093317).
 * - Lithuania, ISO 3166-2:LT: the 60 municipalities, "LT-01" .. "LT-60".
 *
 * Stored and exchanged exactly in this shape; what people type goes through `normalizeTerritoryCode`
 * first (the admin CLI, the workbook import), so the rule for "the same code" lives here once.
 */

export const TERRITORY_COUNTRIES = ["UA", "LT"] as const;
export type TerritoryCountry = (typeof TERRITORY_COUNTRIES)[number];

/** KATOTTH's first-level units (ОО): the oblasts, the Autonomous Republic of Crimea (01), Kyiv and Sevastopol. */
const KATOTTH_FIRST_LEVEL = new Set([
  "01", "05", "07", "12", "14", "18", "21", "23", "26", "32", "35", "44", "46", "48",
  "51", "53", "56", "59", "61", "63", "65", "68", "71", "73", "74", "80", "85",
]);
/** The first-level units that are cities with special status: a community without raion or hromada digits. */
const SPECIAL_STATUS_CITIES = new Set(["80", "85"]);

export const KATOTTH_EXAMPLE = "UA05020030000063857";
export const LT_MUNICIPALITY_EXAMPLE = "LT-13";
export const LT_MUNICIPALITIES = 60;

const KATOTTH_SHAPE = `"UA" and 17 digits naming a hromada (such as ${KATOTTH_EXAMPLE})`;
const LT_SHAPE = `"LT-01" to "LT-${LT_MUNICIPALITIES}" (ISO 3166-2:LT, such as ${LT_MUNICIPALITY_EXAMPLE})`;

/** Why `code` is not a community's KATOTTH code, or null when it is one. */
function katotthProblem(code: string): string | null {
  const parts = /^UA(\d{2})(\d{2})(\d{3})(\d{3})(\d{2})(\d{5})$/.exec(code);
  if (!parts) return `must be ${KATOTTH_SHAPE}`;
  const [first, raion, hromada, place, district] = parts.slice(1, 6) as [string, string, string, string, string];
  if (!KATOTTH_FIRST_LEVEL.has(first)) return `the 2 digits after UA (${first}) name no oblast; expected ${KATOTTH_SHAPE}`;
  if (place !== "000" || district !== "00")
    return `names a populated place or an urban district, not a hromada (digits 8-12 after UA must be 00000); expected ${KATOTTH_SHAPE}`;
  if (SPECIAL_STATUS_CITIES.has(first)) {
    return raion === "00" && hromada === "000"
      ? null
      : "is a city with special status, which has no raion or hromada digits (digits 3-7 after UA must be 00000, as in UA80000000000093317)";
  }
  if (raion === "00" || hromada === "000")
    return `names an oblast or a raion, not a hromada (digits 3-4 and 5-7 after UA must not be zero); expected ${KATOTTH_SHAPE}`;
  return null;
}

function lithuanianProblem(code: string): string | null {
  const parts = /^LT-(\d{2})$/.exec(code);
  const number = parts ? Number(parts[1]) : 0;
  return number >= 1 && number <= LT_MUNICIPALITIES ? null : `must be ${LT_SHAPE}`;
}

/** The country a code belongs to, by its prefix; null for a prefix of no supported country. */
export function territoryCountry(code: string): TerritoryCountry | null {
  return TERRITORY_COUNTRIES.find((country) => code.startsWith(country)) ?? null;
}

/** Why `code` is not a territory code, or null when it is one. */
export function territoryCodeProblem(code: string): string | null {
  switch (territoryCountry(code)) {
    case "UA":
      return katotthProblem(code);
    case "LT":
      return lithuanianProblem(code);
    case null:
      return `must start with a country: ${KATOTTH_SHAPE} for Ukraine (KATOTTH), ${LT_SHAPE} for Lithuania`;
  }
}

/**
 * What a person typed, in the stored shape: edge spaces dropped, letters upper-cased ("ua0502…" and
 * " lt-13 " are the same codes as "UA0502…" and "LT-13"). Not validated: `TerritoryCode` does that.
 */
export const normalizeTerritoryCode = (typed: string): string => typed.trim().toUpperCase();

/** A territory code as stored and exchanged (already normalized). */
export const TerritoryCode = z
  .string()
  .superRefine((code, ctx) => {
    const problem = territoryCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({
    id: "TerritoryCode",
    description: "KATOTTH for Ukraine (\"UA\" + 17 digits, a hromada: UA05020030000063857), ISO 3166-2:LT for Lithuania (LT-01..LT-60)",
  });
export type TerritoryCode = z.infer<typeof TerritoryCode>;

/** A territory code as a person types it: normalized, then checked. */
export const TypedTerritoryCode = z.string().transform(normalizeTerritoryCode).pipe(TerritoryCode);
