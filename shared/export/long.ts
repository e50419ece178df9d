import { z } from "zod";
import { CatalogueCode } from "../api/catalogue.ts";
import { MAX_COMPARED_YEARS, MAX_YEAR, MIN_YEAR } from "../api/compare.ts";
import { MISSING_REASON_LABELS } from "../i18n/labels.ts";
import { Id, Language, MISSING_REASONS, type MissingReason } from "../model/plan.ts";
import type { ExportLanguage } from "./consolidated.ts";
import type { ExportCell, ExportTable } from "./table.ts";

/**
 * The association's data in long format: one row per territory × indicator × period, as SDMX-CSV 1.0
 * (github.com/sdmx-twg/sdmx-csv, v1.0 field guide) names its columns, so that a statistics office's
 * tools (Eurostat's, .Stat Suite, pysdmx, rsdmx) take the file as a dataflow's observations and a
 * spreadsheet takes it as a flat table. Version 1.0 rather than 2.0 because it is what Eurostat's own
 * SDMX-CSV downloads use (first column DATAFLOW = "AGENCY:ID(VERSION)"); 2.0's STRUCTURE /
 * STRUCTURE_ID pair says the same in two columns and fewer tools read it yet.
 *
 * The same columns are read back from a member-filled template (shared/import/): this list is the one
 * statement of the layout for both directions.
 */
export const LONG_COLUMNS = [
  "DATAFLOW",
  "REF_AREA",
  "INDICATOR",
  "TIME_PERIOD",
  "OBS_VALUE",
  "UNIT_MEASURE",
  "OBS_STATUS",
  "COMMENT",
  // Not an SDMX cross-domain concept: the column Eurostat's SDMX-CSV downloads carry for when data last
  // changed, spelled as there (with a space), so tools that read Eurostat files take it as that. Here it is
  // per observation: the instant (ISO 8601, UTC) its value, reason or note last changed in MuniPlan.
  "LAST UPDATE",
] as const;
export type LongColumn = (typeof LONG_COLUMNS)[number];

/** A column's position in LONG_COLUMNS: rows are arrays in that order. */
export const LONG_COLUMN = Object.fromEntries(LONG_COLUMNS.map((c, i) => [c, i])) as Record<LongColumn, number>;

/** The agency of the DATAFLOW column: MuniPlan maintains the flows' structure, the association owns the data. */
export const DATAFLOW_AGENCY = "MUNIPLAN";
/** The layout's version: a change of LONG_COLUMNS or of a code's meaning is a new version. */
export const DATAFLOW_VERSION = "1.0";

/**
 * SDMX's observation status (code list CL_OBS_STATUS, cross-domain v2.2) for a value MuniPlan holds:
 * "A", normal value.
 */
export const NORMAL_VALUE = "A";

/**
 * Each reason a member gives for having no value (issue 11, shared/model/plan.ts MissingReason) as the
 * CL_OBS_STATUS code that says the same. One code per reason and no code twice, so the status alone
 * carries the reason back on import:
 * - not_available → L, "missing value; data exist but were not collected": the member does not have it;
 * - not_applicable → M, "missing value; data cannot exist" (Eurostat's former "z", now "m");
 * - confidential → Q, "missing value; suppressed", SDMX's flag for a value withheld for confidentiality
 *   (Eurostat's CONF_STATUS "C" says it in a column of its own, which a one-flag file has not);
 * - not_yet_due → O, "missing value" with no further information: the list has no code for a period
 *   not yet reported on, and the COMMENT column says which it is.
 */
export const OBS_STATUS_OF_REASON = {
  not_available: "L",
  not_applicable: "M",
  confidential: "Q",
  not_yet_due: "O",
} as const satisfies Record<MissingReason, string>;
export type ObsStatus = typeof NORMAL_VALUE | (typeof OBS_STATUS_OF_REASON)[MissingReason];

const REASON_OF_STATUS = new Map<string, MissingReason>(MISSING_REASONS.map((r) => [OBS_STATUS_OF_REASON[r], r]));

/**
 * What an OBS_STATUS cell says, read back (case and surrounding spaces ignored): "A" a value, a reason's
 * code that reason, "" nothing (a template's empty row); undefined for any other code, which no MuniPlan
 * answer can carry.
 */
export function statusMeaning(cell: string): { missing: MissingReason | null } | undefined {
  const code = cell.trim().toUpperCase();
  if (code === "" || code === NORMAL_VALUE) return { missing: null };
  const missing = REASON_OF_STATUS.get(code);
  return missing ? { missing } : undefined;
}

const QueryYear = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);

/**
 * What of the association's data a long export holds: everything the caller may read, or one
 * indicator's, a range of years, one member's. Access is the comparison's (worker/src/routes/long-export.ts).
 */
export const LongExportQuery = z
  .object({
    /** One catalogue code; all the caller may read without it. */
    code: CatalogueCode.optional(),
    /** First and last year, inclusive. */
    from: QueryYear.optional(),
    to: QueryYear.optional(),
    /** One member's community id. */
    member: Id.optional(),
    /** Language of the reasons' names in COMMENT (the column names are SDMX's, in no language). */
    lang: Language.default("uk"),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ["to"], message: "must not be before from" });
export type LongExportQuery = z.infer<typeof LongExportQuery>;

/** Whose template, for which years (at most a comparison's span), in which language. */
export const LongTemplateQuery = z
  .object({ member: Id, from: QueryYear, to: QueryYear, lang: Language.default("uk") })
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    else if (q.to - q.from + 1 > MAX_COMPARED_YEARS) ctx.addIssue({ code: "custom", path: ["to"], message: `at most ${MAX_COMPARED_YEARS} years from "from"` });
  });
export type LongTemplateQuery = z.infer<typeof LongTemplateQuery>;

/**
 * Rows an .xlsx long export holds at most; more is refused (400) with the CSV named. The workbook is
 * built whole in memory by shared/export/xlsx.ts (the rows, the sheet's XML as one string, its bytes,
 * the zip), within a Worker's 128 MB: measured in Node on long rows with Cyrillic units, 20,000 rows
 * were built within a 64 MB heap and 30,000 needed 80 MB (about 1.5 KB a row at the peak), 50,000 more
 * than 112 MB. 25,000 holds one indicator of the largest association (1,500 members × 15 years); the
 * CSV streams any size. A larger .xlsx needs a writer that zips the sheet as it is written.
 */
export const LONG_XLSX_MAX_ROWS = 25_000;

/** One observation of one member, as the long export writes it. */
export interface LongObservation {
  communityId: string;
  /** The community's official territory code (KATOTTH, ISO 3166-2:LT), null until an administrator sets it. */
  territoryCode: string | null;
  /** The catalogue code. */
  code: string;
  unit: string;
  year: number;
  value: number | null;
  /** Why there is no value; only when value is null. */
  missing: MissingReason | null;
  /** The member's note, or null where the reader may not read it. */
  note: string | null;
  /** ISO 8601 instant of the observation's last change. */
  updatedAt: string;
}

/**
 * An SDMX ID may hold only letters, digits, `_`, `@`, `$` and `-`: anything else in the association's id
 * (a UUID has none) becomes `_`, so the flow reference stays one a tool parses.
 */
export function dataflowOf(associationId: string): string {
  return `${DATAFLOW_AGENCY}:${associationId.replace(/[^A-Za-z0-9_@$-]/g, "_")}(${DATAFLOW_VERSION})`;
}

/** The territory as REF_AREA names it: its official code, else (until it has one) its MuniPlan id. */
export const refAreaOf = (o: { territoryCode: string | null; communityId: string }) => o.territoryCode ?? o.communityId;

/** Between the reason's name and the member's note in COMMENT. */
const COMMENT_SEPARATOR = ": ";

/** COMMENT: the reason's name in `lang` when there is no value, then the note where one is readable. */
export function commentOf(missing: MissingReason | null, note: string | null, lang: ExportLanguage): string | null {
  const reason = missing ? MISSING_REASON_LABELS[missing][lang] : null;
  if (reason && note) return `${reason}${COMMENT_SEPARATOR}${note}`;
  return reason ?? (note || null);
}

/**
 * The member's note in a COMMENT read back: the text after the reason's name (in any language) when the
 * status gave a reason, the whole text otherwise; null for none. A template's COMMENT is a note as typed.
 */
export function noteOfComment(missing: MissingReason | null, comment: string): string | null {
  let text = comment.trim();
  if (missing) {
    for (const name of Object.values<string>(MISSING_REASON_LABELS[missing])) {
      if (text === name) return null;
      if (text.startsWith(name + COMMENT_SEPARATOR)) {
        text = text.slice(name.length + COMMENT_SEPARATOR.length).trim();
        break;
      }
    }
  }
  return text === "" ? null : text;
}

/** One row, in LONG_COLUMNS' order. */
export function longRow(dataflow: string, o: LongObservation, lang: ExportLanguage): ExportCell[] {
  return [
    dataflow,
    refAreaOf(o),
    o.code,
    // A number, so that a spreadsheet sorts and filters years as years; CSV spells it the same either way.
    o.year,
    o.value,
    o.unit,
    o.value !== null ? NORMAL_VALUE : o.missing ? OBS_STATUS_OF_REASON[o.missing] : null,
    commentOf(o.value !== null ? null : o.missing, o.note, lang),
    o.updatedAt,
  ];
}

const SHEET_NAME = { en: "Observations", uk: "Спостереження", lt: "Stebėjimai" } satisfies Record<ExportLanguage, string>;
const TEMPLATE_SHEET_NAME = { en: "Template", uk: "Шаблон", lt: "Šablonas" } satisfies Record<ExportLanguage, string>;

/** The long table of `rows` (a whole export, or one page of one: the CSV writer takes it page by page). */
export function longTable(associationId: string, rows: readonly LongObservation[], lang: ExportLanguage): ExportTable {
  const dataflow = dataflowOf(associationId);
  return { sheetName: SHEET_NAME[lang], header: [...LONG_COLUMNS], rows: rows.map((o) => longRow(dataflow, o, lang)) };
}

/** What a template is for: one member, the indicators it is asked for, the years. */
export interface TemplateRequest {
  associationId: string;
  member: { communityId: string; territoryCode: string | null };
  entries: readonly { code: string; unit: string }[];
  years: readonly number[];
}

/**
 * The sheet a member fills without the add-in: the export's columns, one row per indicator × year with
 * the keys filled in (DATAFLOW, REF_AREA, INDICATOR, TIME_PERIOD, UNIT_MEASURE) and the answer left
 * empty: OBS_VALUE a number, or OBS_STATUS a reason's code with no value; COMMENT a note.
 */
export function templateTable(t: TemplateRequest, lang: ExportLanguage): ExportTable {
  const dataflow = dataflowOf(t.associationId);
  const area = refAreaOf(t.member);
  const rows = t.entries.flatMap((e) =>
    t.years.map((year) => {
      const row: ExportCell[] = LONG_COLUMNS.map(() => null);
      row[LONG_COLUMN.DATAFLOW] = dataflow;
      row[LONG_COLUMN.REF_AREA] = area;
      row[LONG_COLUMN.INDICATOR] = e.code;
      row[LONG_COLUMN.TIME_PERIOD] = year;
      row[LONG_COLUMN.UNIT_MEASURE] = e.unit;
      return row;
    }),
  );
  return { sheetName: TEMPLATE_SHEET_NAME[lang], header: [...LONG_COLUMNS], rows };
}

/**
 * Where each column sits in a header row as read back (names compared trimmed and case-blind, in any
 * order), or the names it lacks. OBS_STATUS, COMMENT and LAST UPDATE may be absent: a filled sheet
 * needs only the keys and the values.
 */
export function longColumnsOf(header: readonly string[]): { at: Partial<Record<LongColumn, number>>; lacking: LongColumn[] } {
  const at: Partial<Record<LongColumn, number>> = {};
  header.forEach((name, i) => {
    const column = LONG_COLUMNS.find((c) => c === name.trim().toUpperCase());
    if (column && at[column] === undefined) at[column] = i;
  });
  const optional: readonly LongColumn[] = ["OBS_STATUS", "COMMENT", "LAST UPDATE", "UNIT_MEASURE", "DATAFLOW"];
  return { at, lacking: LONG_COLUMNS.filter((c) => at[c] === undefined && !optional.includes(c)) };
}
