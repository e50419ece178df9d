import { DIRECTION_LABELS, FREQUENCY_LABELS, INDICATOR_LEVEL_LABELS, INDICATOR_STATUS_LABELS, type Labels, missingReasonToken, normalizeLabel } from "../i18n/labels.ts";
import { M, type Msg, join } from "../i18n/problems.ts";
import {
  Indicator,
  MISSING_REASONS,
  type Indicator as IndicatorT,
  type IndicatorTarget,
  type Language,
  type Observation,
  type PlanDocument,
} from "../model/plan.ts";
import { sameValue } from "../model/changes.ts";
import { VALUE_RANGES, type ValueKind, fitsKind, valueKind } from "../model/units.ts";
import { progressFormula, statusFormula, type StatusCells } from "../monitoring/status.ts";
import { type ValueOrReason, parseValueOrReason } from "./cells.ts";
import { targetCodes } from "./codes.ts";
import type { SheetGrid, SheetValues, Validation } from "./grid.ts";
import {
  type BuildRow,
  type ColumnSpec,
  type FormulaContext,
  type Identity,
  type RowReader,
  type TableRead,
  type TableSpec,
  type UserColumn,
  buildTable,
  finishEntity,
  readTable,
} from "./table.ts";

export const indicatorsName = { en: "Indicators", uk: "Показники", lt: "Rodikliai" };

const yearKey = (y: number) => `y${y}`;
/** Where a row number goes in a formula composed once for all rows (no label or reference holds it). */
const ROW = "\u0001";
const noteKey = (y: number) => `notes${y}`;
const targetKey = (y: number) => `target${y}`;

/**
 * The header of a year's column of the target path (Indicator.targets). The path has a block of its own
 * after the status, one column per plan year as the value columns: the committee's value columns stay
 * where they were, and the formulas find a year's target at the same place in its block as its value.
 */
export const targetHeader = (year: number): Labels => ({
  en: `Target ${year}`,
  uk: `Цільове значення ${year}`,
  lt: `Siektina reikšmė ${year}`,
});

/** The year of a target path header, in any language. */
function targetHeaderYear(header: string): number | undefined {
  const year = /(\d{4})$/.exec(header.trim())?.[1];
  if (!year) return undefined;
  const said = normalizeLabel(header);
  return Object.values(targetHeader(Number(year))).some((l) => normalizeLabel(l) === said) ? Number(year) : undefined;
}

/** The header of the committee's notes column of a monitoring year; the year is part of it, as in year columns. */
export const notesHeader = (year: number): Labels => ({
  en: `Committee notes ${year}`,
  uk: `Примітки комітету ${year}`,
  lt: `Komiteto pastabos ${year}`,
});

/** The year of the monitoring round the workbook follows (WorkbookState.monitoring). */
export interface Monitoring {
  year: number;
}

/**
 * The year whose notes column the sheet has: the monitoring year, if the plan period holds it (a
 * period edited since leaves it out). Writing and reading the sheet both ask here, so they agree.
 */
function notesYear(doc: Pick<PlanDocument, "plan">, monitoring: Monitoring | undefined): number | undefined {
  return monitoring && planYears(doc).includes(monitoring.year) ? monitoring.year : undefined;
}

export function planYears(doc: Pick<PlanDocument, "plan">): number[] {
  const years: number[] = [];
  for (let y = doc.plan.firstYear; y <= doc.plan.lastYear; y++) years.push(y);
  return years;
}

/**
 * The Indicators sheet's columns: the indicator's fields, one column per year, the committee's notes of
 * the monitoring year (if any), progress and status.
 */
export function indicatorsSpec(doc: PlanDocument, years: readonly number[], notes?: number): TableSpec {
  const statusCells = (col: FormulaContext["col"], r: string): StatusCells => {
    const at = (key: string) => `${col(key)}${r}`;
    const [first, last] = [col(yearKey(years[0]!)), col(yearKey(years.at(-1)!))];
    return {
      direction: at("direction"),
      baselineYear: at("baselineYear"),
      baselineValue: at("baselineValue"),
      targetYear: at("targetYear"),
      targetValue: at("targetValue"),
      values: `${first}${r}:${last}${r}`,
      targets: `${col(targetKey(years[0]!))}${r}:${col(targetKey(years.at(-1)!))}${r}`,
      headers: `${first}$1:${last}$1`,
      firstYear: years[0]!,
      progress: at("progress"),
    };
  };
  // Rows' formulas differ only in the row number: each column's is composed once per language, with
  // ROW where the number goes, and stamped per row into one flat string. Composed per row, each was a
  // tree of hundreds of concatenated pieces that the garbage collector walked: at 10,000 indicators,
  // most of the build's time.
  const stamped = (compose: (cells: StatusCells, language: Language) => string) => {
    const parts = new Map<Language, string[]>();
    return (ctx: FormulaContext) => {
      let p = parts.get(ctx.language);
      if (!p) parts.set(ctx.language, (p = compose(statusCells(ctx.col, ROW), ctx.language).split(ROW)));
      return p.join(String(ctx.rowIndex + 1));
    };
  };
  const columns: ColumnSpec[] = [
    { key: "id", header: { en: "MuniPlan ID", uk: "MuniPlan ID", lt: "MuniPlan ID" }, type: "id", width: 10 },
    { key: "level", header: { en: "Level", uk: "Рівень", lt: "Lygis" }, type: "enum", enumLabels: INDICATOR_LEVEL_LABELS, width: 11 },
    { key: "code", header: { en: "Code", uk: "Код", lt: "Kodas" }, type: "text", width: 9 },
    { key: "name", header: { en: "Indicator", uk: "Назва показника", lt: "Rodiklis" }, type: "text", width: 48, wrap: true, required: true },
    { key: "unit", header: { en: "Unit", uk: "Одиниця виміру", lt: "Matavimo vienetas" }, type: "text", width: 14, wrap: true },
    {
      key: "measures",
      header: { en: "Priority / goal No.", uk: "№ пріоритету / цілі", lt: "Prioriteto / tikslo Nr." },
      type: "text",
      width: 11,
      listValues: targetCodes(doc).codes,
    },
    { key: "baselineYear", header: { en: "Baseline year", uk: "Базовий рік", lt: "Baziniai metai" }, type: "year", width: 10 },
    { key: "baselineValue", header: { en: "Baseline value", uk: "Базове значення", lt: "Bazinė reikšmė" }, type: "number", width: 12 },
    { key: "targetValue", header: { en: "Target value", uk: "Цільове значення", lt: "Siektina reikšmė" }, type: "number", width: 12 },
    { key: "targetYear", header: { en: "Target year", uk: "Цільовий рік", lt: "Siekimo metai" }, type: "year", width: 10 },
    { key: "direction", header: { en: "Direction", uk: "Напрям змін", lt: "Kryptis" }, type: "enum", enumLabels: DIRECTION_LABELS, width: 13 },
    { key: "frequency", header: { en: "Frequency", uk: "Періодичність", lt: "Periodiškumas" }, type: "enum", enumLabels: FREQUENCY_LABELS, width: 18, wrap: true },
    { key: "responsibleUnit", header: { en: "Responsible", uk: "Відповідальні", lt: "Atsakingi" }, type: "text", width: 26, wrap: true },
    ...years.map(
      (y): ColumnSpec => ({ key: yearKey(y), header: { en: String(y), uk: String(y), lt: String(y) }, type: "number", width: 10 }),
    ),
    ...(notes === undefined ? [] : [{ key: noteKey(notes), header: notesHeader(notes), type: "text", width: 40, wrap: true } satisfies ColumnSpec]),
    {
      key: "progress",
      header: { en: "Progress", uk: "Прогрес", lt: "Pažanga" },
      type: "computed",
      numberFormat: "0%",
      width: 10,
      formula: stamped(progressFormula),
    },
    {
      key: "status",
      header: { en: "Status", uk: "Статус", lt: "Būsena" },
      type: "computed",
      width: 14,
      formula: stamped((cells, language) => statusFormula(cells, language, doc.plan)),
    },
    ...years.map((y): ColumnSpec => ({ key: targetKey(y), header: targetHeader(y), type: "number", width: 12, wrap: true })),
  ];
  return {
    kind: "indicators",
    name: indicatorsName,
    columns,
    // What identifies the indicator stays in view at its year columns.
    frozenThrough: "name",
    conditionalFormats: (language: Language) => [
      {
        columnKey: "status",
        rules: [
          { equals: INDICATOR_STATUS_LABELS.on_track[language], fill: "#C6EFCE", font: "#006100" },
          { equals: INDICATOR_STATUS_LABELS.at_risk[language], fill: "#FFEB9C", font: "#9C5700" },
          { equals: INDICATOR_STATUS_LABELS.off_track[language], fill: "#FFC7CE", font: "#9C0006" },
          { equals: INDICATOR_STATUS_LABELS.no_data[language], fill: "#EDEDED", font: "#595959" },
        ],
      },
    ],
  };
}

/** Indicators in sheet order: each top-level indicator followed by its breakdowns. */
export function indicatorSheetOrder(indicators: readonly IndicatorT[]): IndicatorT[] {
  const sorted = [...indicators].sort((a, b) => a.order - b.order);
  const ids = new Set(sorted.map((i) => i.id));
  const children = new Map<string, IndicatorT[]>();
  for (const i of sorted)
    if (i.parentId && ids.has(i.parentId)) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i]);
  return sorted.filter((i) => !i.parentId || !ids.has(i.parentId)).flatMap((top) => [top, ...(children.get(top.id) ?? [])]);
}

/** Excel's rule for an indicator's values by the kind of its unit; none for any number. */
function kindValidation(kind: ValueKind): Validation | undefined {
  if (kind === "number") return undefined;
  const { min, max, whole } = VALUE_RANGES[kind];
  return { type: whole ? "wholeNumber" : "decimal", min, max };
}

/** The read-back's rule for an indicator's values by its unit (see shared/model/units.ts). */
function unitCheck(unit: string | undefined): (value: number) => Msg | undefined {
  const kind = valueKind(unit);
  return (value) => {
    if (fitsKind(kind, value)) return undefined;
    return kind === "percent" ? M.notPercent(value, unit ?? "") : M.notCount(value, unit ?? "");
  };
}

/** The columns of an indicator's values that hold only numbers: baseline, target and the target path. */
const numberOnlyKeys = (years: readonly number[]) => ["baselineValue", "targetValue", ...years.map(targetKey)];

/** What a year's value cell shows: the number, or the reason for none in the sheet's language. */
function cellOf(o: Observation | undefined, language: Language): number | string | undefined {
  if (o?.missing) return missingReasonToken(o.missing, language);
  return o?.value ?? undefined;
}

/** An observation's value as the sheet reads it: a number, a reason, or nothing. */
const valueOrReason = (o: Observation | undefined): ValueOrReason | undefined =>
  o?.missing ? { missing: o.missing } : o?.value != null ? { value: o.value } : undefined;

/**
 * A year's value cell: a number that fits the row's unit, a reason, or empty. A cell that is neither
 * is named in a problem and the value it had (`was`) is kept, as for any cell (RowReader.get).
 */
function readValue(row: RowReader, key: string, was: ValueOrReason | undefined, fitsUnit: (value: number) => Msg | undefined): ValueOrReason | undefined {
  const parsed = parseValueOrReason(row.raw(key));
  const refused = parsed.ok ? (parsed.value && "value" in parsed.value ? fitsUnit(parsed.value.value) : undefined) : parsed.message;
  if (parsed.ok && !refused) return parsed.value;
  if (refused) row.problem(key, join(refused, row.existing ? M.previousKept : M.cellLeftEmpty));
  return was;
}

export function buildIndicators(doc: PlanDocument, language: Language, user: UserColumn[] = [], monitoring?: Monitoring): SheetGrid {
  const years = planYears(doc);
  const notes = notesYear(doc, monitoring);
  const codes = targetCodes(doc);
  const annual = new Map<string, Observation>();
  for (const o of doc.observations) if (!o.period.quarter) annual.set(`${o.indicatorId}|${o.period.year}`, o);
  const ordered = indicatorSheetOrder(doc.indicators);
  const rows: BuildRow[] = ordered.map((i) => {
    const values: Record<string, unknown> = {
      id: i.id,
      level: i.parentId ? "breakdown" : "indicator",
      code: i.code,
      name: i.name,
      unit: i.unit,
      measures: codes.codeOf(i.measures),
      baselineYear: i.baselineYear,
      baselineValue: i.baselineValue,
      targetValue: i.targetValue,
      targetYear: i.targetYear,
      direction: i.direction,
      frequency: i.frequency,
      responsibleUnit: i.responsibleUnit,
    };
    for (const y of years) values[yearKey(y)] = cellOf(annual.get(`${i.id}|${y}`), language);
    for (const t of i.targets ?? []) values[targetKey(t.year)] = t.value;
    if (notes !== undefined) values[noteKey(notes)] = annual.get(`${i.id}|${notes}`)?.note;
    return { values, level: i.parentId ? 1 : 0 };
  });
  const built = buildTable(indicatorsSpec(doc, years, notes), rows, language, user);
  // A year's cell takes a reason («н/д») as well as a number, which Excel's decimal rule would refuse:
  // year columns offer the reasons of the sheet's language as an open list (a number goes in as well),
  // and the read-back names a cell that is neither (readValue).
  const yearKeys = new Set(years.map(yearKey));
  const reasons: Validation = { type: "list", values: MISSING_REASONS.map((r) => missingReasonToken(r, language)), open: true };
  const grid = { ...built, columns: built.columns.map((c) => (yearKeys.has(c.key) ? { ...c, validation: reasons } : c)) };
  // The baseline and target cells of rows whose unit limits them, as blocks of adjacent rows of one kind
  // and adjacent columns: a plan's indicators mostly share a few units, so a few rules cover the sheet.
  const columns = runs(numberOnlyKeys(years).map((k) => grid.columns.findIndex((c) => c.key === k)).sort((a, b) => a - b), (a, b) => b === a + 1);
  const unitKinds = new Map([...new Set(ordered.map((i) => i.unit))].map((unit) => [unit, valueKind(unit)]));
  const kinds = runs(ordered.map((i, r) => ({ row: r + 1, kind: unitKinds.get(i.unit)! })), (a, b) => a.kind === b.kind);
  const cellValidations = kinds.flatMap(([first, last]) => {
    const validation = kindValidation(first.kind);
    return validation ? columns.map(([col, lastCol]) => ({ row: first.row, lastRow: last.row, col, lastCol, validation })) : [];
  });
  return { ...grid, cellValidations };
}

/** A list as runs of neighbours that `together` joins: [first, last] of each. */
function runs<T>(items: readonly T[], together: (a: T, b: T) => boolean): [T, T][] {
  const out: [T, T][] = [];
  for (const item of items) {
    const run = out.at(-1);
    if (run && together(run[1], item)) run[1] = item;
    else out.push([item, item]);
  }
  return out;
}

export interface IndicatorsRead {
  read: TableRead;
  indicators?: IndicatorT[];
  observations?: Observation[];
}

/**
 * What the Indicators sheet says the indicators and their yearly values are. Year columns are found
 * by their header (any four-digit year, also outside the plan period); a breakdown ("of which") row
 * belongs to the nearest indicator above it. Quarterly values and years without a column are kept.
 * The monitoring year's notes column, when present, gives that year's notes (a note alone makes an
 * observation without a value); without it, notes stay as they are. Values must fit the row's unit.
 */
export function readIndicators(sheet: SheetValues, base: PlanDocument, identity: Identity, monitoring?: Monitoring): IndicatorsRead {
  const headers = (sheet.values[0] ?? []).map((h) => String(h ?? "").trim());
  const headerYears = headers.filter((h) => /^\d{4}$/.test(h)).map(Number);
  const targetYears = headers.map(targetHeaderYear).filter((y) => y !== undefined);
  const years = [...new Set([...planYears(base), ...headerYears, ...targetYears])].sort((a, b) => a - b);
  const notes = notesYear(base, monitoring);
  const read = readTable(indicatorsSpec(base, years, notes), sheet);
  if (!read.readable) return { read };
  const present = years.filter((y) => read.columnIndex.has(yearKey(y)));
  const notesShown = notes !== undefined && read.columnIndex.has(noteKey(notes)) ? notes : undefined;
  // Every year the sheet says something about: its values, or the monitoring year's notes.
  const shown = new Set([...present, ...(notesShown === undefined ? [] : [notesShown])]);
  const codes = targetCodes(base);
  const existing = new Map(base.indicators.map((i) => [i.id, i]));
  const baseObs = new Map<string, Observation>();
  for (const o of base.observations) if (!o.period.quarter) baseObs.set(`${o.indicatorId}|${o.period.year}`, o);

  const indicators: IndicatorT[] = [];
  const observations: Observation[] = [];
  const valuesRead = new Set<string>();
  let top: IndicatorT | undefined;
  for (const row of read.rows) {
    const { id, base: prev } = identity.resolve(row, existing);
    const said = row.get<"indicator" | "breakdown">("level");
    const level = said ?? (prev?.parentId ? "breakdown" : "indicator");
    let parentId: string | undefined;
    if (level === "breakdown") {
      if (!top) {
        row.problem("level", join(M.breakdownBelow, prev ? M.staysInPlace : M.rowNotAdded));
        if (prev) indicators.push(prev);
        continue;
      }
      parentId = top.id;
    }
    let measures: IndicatorTarget | undefined = prev?.measures;
    if (row.has("measures")) {
      const code = row.get<string>("measures");
      if (code === undefined) measures = undefined;
      else {
        const target = codes.targetOf(code);
        if (target) measures = target;
        else row.problem("measures", prev ? join(M.notACode(code), M.previousOneKept) : M.notACode(code));
      }
    }
    const unit = row.get("unit", prev?.unit);
    const fitsUnit = unitCheck(unit);
    // The path's years without a column are kept; a bad cell keeps its year's last good target.
    const path = new Map((prev?.targets ?? []).map((t) => [t.year, t.value]));
    for (const y of years) {
      if (!row.has(targetKey(y))) continue;
      const value = row.get<number>(targetKey(y), path.get(y), fitsUnit);
      if (value === undefined) path.delete(y);
      else path.set(y, value);
    }
    const targets = [...path].sort(([a], [b]) => a - b).map(([year, value]) => ({ year, value }));
    const candidate = {
      id,
      code: row.get("code", prev?.code),
      name: row.get("name", prev?.name),
      unit,
      measures,
      baselineYear: row.get("baselineYear", prev?.baselineYear),
      baselineValue: row.get("baselineValue", prev?.baselineValue, fitsUnit),
      targetValue: row.get("targetValue", prev?.targetValue, fitsUnit),
      targetYear: row.get("targetYear", prev?.targetYear),
      targets: targets.length ? targets : undefined,
      direction: row.get("direction", prev?.direction) ?? prev?.direction ?? "increase",
      frequency: row.get("frequency", prev?.frequency) ?? prev?.frequency ?? "annually",
      responsibleUnit: row.get("responsibleUnit", prev?.responsibleUnit),
      parentId,
      order: indicators.length,
    };
    const indicator = finishEntity(Indicator, candidate, prev, row);
    if (!indicator) continue;
    const placed = { ...indicator, parentId, order: indicators.length };
    indicators.push(placed);
    if (level === "indicator") top = placed;
    valuesRead.add(id);

    for (const y of shown) {
      const old = baseObs.get(`${id}|${y}`);
      const was = valueOrReason(old);
      const now = present.includes(y) ? readValue(row, yearKey(y), was, fitsUnit) : was;
      const note = y === notesShown ? row.get<string>(noteKey(y), old?.note) : old?.note;
      if (sameValue(now, was) && note === old?.note) {
        if (old) observations.push(old);
        continue;
      }
      const { note: _note, missing: _missing, ...rest } = old ?? { id: identity.fresh(), indicatorId: id, period: { year: y } };
      observations.push({
        ...rest,
        value: now && "value" in now ? now.value : null,
        ...(now && "missing" in now ? { missing: now.missing } : {}),
        ...(note === undefined ? {} : { note }),
      });
    }
  }
  // Values the sheet does not show (quarters, years without a column, rows kept in place after a
  // problem) stay as they are, as long as their indicator does.
  const kept = new Set(indicators.map((i) => i.id));
  for (const o of base.observations)
    if (kept.has(o.indicatorId) && (o.period.quarter || !shown.has(o.period.year) || !valuesRead.has(o.indicatorId)))
      observations.push(o);
  return { read, indicators, observations };
}
