import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { toCsv } from "../../shared/export/csv.ts";
import {
  commentOf,
  dataflowOf,
  LONG_COLUMN,
  LONG_COLUMNS,
  type LongObservation,
  LongExportQuery,
  longColumnsOf,
  longTable,
  noteOfComment,
  OBS_STATUS_OF_REASON,
  statusMeaning,
  templateTable,
} from "../../shared/export/long.ts";
import { toXlsx } from "../../shared/export/xlsx.ts";
import { MISSING_REASON_LABELS } from "../../shared/i18n/labels.ts";
import { MISSING_REASONS, type MissingReason } from "../../shared/model/plan.ts";

const ASSOCIATION = "5b1c3c1e-7a52-4b0e-9a51-0c6f1b1f4c11";
const COMMUNITY = "0a6f3f52-2b7c-4d0e-8e55-2f5e3f0b9d21";
const LANGS = ["uk", "en", "lt"] as const;

const observation = (o: Partial<LongObservation> = {}): LongObservation => ({
  communityId: COMMUNITY,
  territoryCode: "UA05020010000031754",
  code: "POP",
  unit: "осіб",
  year: 2024,
  value: 1234.5,
  missing: null,
  note: null,
  updatedAt: "2026-11-30T10:00:00.000Z",
  ...o,
});

/** The row's cells by column name. */
const cells = (o: LongObservation, lang: (typeof LANGS)[number] = "en") => {
  const [row] = longTable(ASSOCIATION, [o], lang).rows;
  return Object.fromEntries(LONG_COLUMNS.map((c, i) => [c, row![i]]));
};

describe("the long export's layout", () => {
  // The workbook import reads these names back from members' files: changing one breaks every filled template.
  it("names its columns as SDMX-CSV 1.0 does, DATAFLOW first, with Eurostat's LAST UPDATE", () => {
    expect(LONG_COLUMNS).toEqual([
      "DATAFLOW",
      "REF_AREA",
      "INDICATOR",
      "TIME_PERIOD",
      "OBS_VALUE",
      "UNIT_MEASURE",
      "OBS_STATUS",
      "COMMENT",
      "LAST UPDATE",
    ]);
    expect(longTable(ASSOCIATION, [], "uk").header).toEqual([...LONG_COLUMNS]);
    LONG_COLUMNS.forEach((c, i) => expect(LONG_COLUMN[c]).toBe(i));
  });

  it("writes the flow as AGENCY:ID(VERSION), keeping the id to SDMX's characters", () => {
    expect(dataflowOf(ASSOCIATION)).toBe(`MUNIPLAN:${ASSOCIATION}(1.0)`);
    expect(dataflowOf("a b/c:d(e)")).toBe("MUNIPLAN:a_b_c_d_e_(1.0)");
    expect(cells(observation()).DATAFLOW).toBe(`MUNIPLAN:${ASSOCIATION}(1.0)`);
  });

  it("writes one row per observation: keys, value, unit, status A, no comment, the last change", () => {
    expect(cells(observation())).toEqual({
      DATAFLOW: `MUNIPLAN:${ASSOCIATION}(1.0)`,
      REF_AREA: "UA05020010000031754",
      INDICATOR: "POP",
      TIME_PERIOD: 2024,
      OBS_VALUE: 1234.5,
      UNIT_MEASURE: "осіб",
      OBS_STATUS: "A",
      COMMENT: null,
      "LAST UPDATE": "2026-11-30T10:00:00.000Z",
    });
  });

  it("names the territory by its official code, or by its MuniPlan id until it has one", () => {
    expect(cells(observation({ territoryCode: "LT-13" })).REF_AREA).toBe("LT-13");
    expect(cells(observation({ territoryCode: null })).REF_AREA).toBe(COMMUNITY);
  });

  it("gives each reason its own CL_OBS_STATUS missing-value code, and the reason's name in the export's language", () => {
    expect(OBS_STATUS_OF_REASON).toEqual({ not_available: "L", not_applicable: "M", confidential: "Q", not_yet_due: "O" });
    for (const missing of MISSING_REASONS)
      for (const lang of LANGS) {
        const row = cells(observation({ value: null, missing }), lang);
        expect(row.OBS_VALUE).toBeNull();
        expect(row.OBS_STATUS).toBe(OBS_STATUS_OF_REASON[missing]);
        expect(row.COMMENT).toBe(MISSING_REASON_LABELS[missing][lang]);
      }
  });

  it("puts a readable note after the reason, or alone beside a value", () => {
    expect(cells(observation({ note: "за даними ЦНАП" })).COMMENT).toBe("за даними ЦНАП");
    expect(cells(observation({ value: null, missing: "confidential", note: "з 2023" }), "uk").COMMENT).toBe("конфіденційно: з 2023");
    expect(cells(observation({ value: null, missing: null })).OBS_STATUS).toBeNull();
  });

  it("reads each status back to the reason it was written for, and refuses codes no answer carries", () => {
    expect(statusMeaning("A")).toEqual({ missing: null });
    expect(statusMeaning("")).toEqual({ missing: null });
    for (const missing of MISSING_REASONS) {
      expect(statusMeaning(OBS_STATUS_OF_REASON[missing])).toEqual({ missing });
      expect(statusMeaning(` ${OBS_STATUS_OF_REASON[missing].toLowerCase()} `)).toEqual({ missing });
    }
    for (const code of ["E", "P", "B", "AA", "x"]) expect(statusMeaning(code)).toBeUndefined();
  });

  it("reads the note back out of any COMMENT it writes, in any language", () => {
    const note = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== "");
    fc.assert(
      fc.property(fc.constantFrom<MissingReason | null>(null, ...MISSING_REASONS), fc.option(note, { nil: null }), fc.constantFrom(...LANGS), (missing, n, lang) => {
        const comment = commentOf(missing, n, lang);
        expect(comment === null ? null : noteOfComment(missing, comment)).toBe(n);
      }),
    );
    // A template's COMMENT is the note as typed, even where it reads like a reason's name.
    expect(noteOfComment(null, " not available: soon ")).toBe("not available: soon");
    expect(noteOfComment("not_available", "not available")).toBeNull();
  });

  it("keeps formula-looking text inert in the CSV and numbers (negative ones too) as numbers", () => {
    const csv = toCsv(
      longTable(ASSOCIATION, [observation({ value: -5, note: "=HYPERLINK(\"http://x\")", unit: "+1", code: "@SUM" })], "en"),
    );
    const record = csv.split("\r\n")[1]!;
    expect(record).toContain(",'@SUM,");
    expect(record).toContain(",-5,'+1,A,");
    expect(record).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it("writes the .xlsx with typed cells only: text as strings, never a formula", () => {
    const bytes = toXlsx(longTable(ASSOCIATION, [observation({ note: "=1+1", value: 7 })], "uk"));
    const sheet = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]!);
    expect(sheet).not.toContain("<f>");
    expect(sheet).toContain('<c r="H2" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>');
    expect(sheet).toContain('<c r="E2"><v>7</v></c>');
  });
});

describe("the member's template", () => {
  const template = templateTable(
    {
      associationId: ASSOCIATION,
      member: { communityId: COMMUNITY, territoryCode: null },
      entries: [
        { code: "POP", unit: "осіб" },
        { code: "WASTE", unit: "т" },
      ],
      years: [2023, 2024, 2025],
    },
    "uk",
  );

  it("has the export's columns and one row per indicator × year with only the keys filled in", () => {
    expect(template.header).toEqual([...LONG_COLUMNS]);
    expect(template.rows.map((r) => [r[LONG_COLUMN.INDICATOR], r[LONG_COLUMN.TIME_PERIOD]])).toEqual([
      ["POP", 2023],
      ["POP", 2024],
      ["POP", 2025],
      ["WASTE", 2023],
      ["WASTE", 2024],
      ["WASTE", 2025],
    ]);
    for (const row of template.rows) {
      expect(row[LONG_COLUMN.REF_AREA]).toBe(COMMUNITY);
      expect(row[LONG_COLUMN.DATAFLOW]).toBe(dataflowOf(ASSOCIATION));
      for (const answer of ["OBS_VALUE", "OBS_STATUS", "COMMENT", "LAST UPDATE"] as const) expect(row[LONG_COLUMN[answer]]).toBeNull();
    }
    expect(template.rows.map((r) => r[LONG_COLUMN.UNIT_MEASURE])).toEqual(["осіб", "осіб", "осіб", "т", "т", "т"]);
  });

  it("is found again in a header read back in any order and case, and a header without the keys is named short", () => {
    const shuffled = ["comment", " obs_value", "REF_AREA", "TIME_PERIOD", "Indicator", "extra"];
    expect(longColumnsOf(shuffled)).toEqual({ at: { COMMENT: 0, OBS_VALUE: 1, REF_AREA: 2, TIME_PERIOD: 3, INDICATOR: 4 }, lacking: [] });
    expect(longColumnsOf(["DATAFLOW", "OBS_VALUE"]).lacking).toEqual(["REF_AREA", "INDICATOR", "TIME_PERIOD"]);
  });
});

describe("the export's query", () => {
  it("takes no filter, or a code, years and a member; refuses years the wrong way round", () => {
    expect(LongExportQuery.parse({})).toEqual({ lang: "uk" });
    expect(LongExportQuery.parse({ code: "POP", from: "2020", to: "2024", member: COMMUNITY, lang: "en" })).toEqual({
      code: "POP",
      from: 2020,
      to: 2024,
      member: COMMUNITY,
      lang: "en",
    });
    expect(LongExportQuery.safeParse({ from: "2024", to: "2020" }).error?.issues[0]?.path).toEqual(["to"]);
    expect(LongExportQuery.safeParse({ member: "not-an-id" }).success).toBe(false);
  });
});
