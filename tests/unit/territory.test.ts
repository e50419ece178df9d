import { describe, expect, it } from "vitest";
import {
  normalizeTerritoryCode,
  TerritoryCode,
  territoryCodeProblem,
  territoryCountry,
  TypedTerritoryCode,
} from "../../shared/model/territory.ts";

/** Issue 15: a community's official code, KATOTTH for Ukraine and ISO 3166-2:LT for Lithuania. */

const message = (code: string) => {
  const parsed = TerritoryCode.safeParse(code);
  return parsed.success ? null : parsed.error.issues.map((i) => i.message).join("; ");
};

describe("TerritoryCode", () => {
  it.each([
    ["a hromada of Vinnytsia oblast", "UA05020030000063857", "UA"],
    ["a hromada of Cherkasy oblast (Zvenyhorodka raion)", "UA71020010000037786", "UA"],
    ["a hromada of Crimea", "UA01020010000000001", "UA"],
    ["Kyiv, a city with special status", "UA80000000000093317", "UA"],
    ["Sevastopol, a city with special status", "UA85000000000065278", "UA"],
    ["the first Lithuanian municipality", "LT-01", "LT"],
    ["Vilnius city municipality", "LT-57", "LT"],
    ["the last Lithuanian municipality", "LT-60", "LT"],
  ])("accepts %s", (_what, code, country) => {
    expect(message(code)).toBeNull();
    expect(territoryCountry(code)).toBe(country);
  });

  it.each([
    ["a code one digit short", "UA0502003000006385", /"UA" and 17 digits naming a hromada \(such as UA05020030000063857\)/],
    ["a code one digit long", "UA050200300000638570", /"UA" and 17 digits/],
    ["letters among the digits", "UA0502003000006385X", /"UA" and 17 digits/],
    ["lower case (not normalized)", "ua05020030000063857", /must start with a country/],
    ["an unknown first level", "UA99020030000063857", /the 2 digits after UA \(99\) name no oblast/],
    ["a village (fourth level)", "UA05020030010063857", /populated place or an urban district, not a hromada/],
    ["an urban district", "UA05020030000163857", /populated place or an urban district/],
    ["an oblast", "UA05000000000010236", /names an oblast or a raion, not a hromada/],
    ["a raion", "UA05020000000026686", /names an oblast or a raion/],
    ["a district under Kyiv's hromada digits", "UA80000010000093317", /city with special status, which has no raion or hromada digits/],
    ["LT-00", "LT-00", /"LT-01" to "LT-60" \(ISO 3166-2:LT, such as LT-13\)/],
    ["LT-61", "LT-61", /"LT-01" to "LT-60"/],
    ["a Lithuanian code without the dash", "LT13", /"LT-01" to "LT-60"/],
    ["a Lithuanian county (ISO 3166-2 counties are letters)", "LT-VL", /"LT-01" to "LT-60"/],
    ["another country", "PL0201011", /must start with a country: .*KATOTTH.*Lithuania/],
    ["an empty code", "", /must start with a country/],
  ])("refuses %s, naming the expected shape", (_what, code, expected) => {
    expect(message(code)).toMatch(expected);
    expect(territoryCodeProblem(code)).toMatch(expected);
  });

  it("gives the country only for a known prefix", () => {
    expect(territoryCountry("PL-02")).toBeNull();
    expect(territoryCountry("")).toBeNull();
  });
});

describe("a typed territory code", () => {
  it("is trimmed and upper-cased before it is checked", () => {
    expect(normalizeTerritoryCode("  ua05020030000063857\t")).toBe("UA05020030000063857");
    expect(normalizeTerritoryCode(" lt-13 ")).toBe("LT-13");
    expect(TypedTerritoryCode.parse(" lt-13 ")).toBe("LT-13");
    expect(TypedTerritoryCode.safeParse("UA 05020030000063857").success).toBe(false);
  });
});
