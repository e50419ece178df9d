import { normalizeLabel } from "../../../../shared/i18n/labels.ts";
import type { Cell } from "../../../../shared/layout/cells.ts";
import { SHEET_KINDS, type SheetKind } from "../../../../shared/layout/grid.ts";
import { notesHeader } from "../../../../shared/layout/indicators.ts";
import type { PlanDocument } from "../../../../shared/model/plan.ts";
import type { SelectedCell } from "../../../excel/selection.ts";
import type { Strings } from "../../strings.ts";

/** Whose story a selected cell asks for: a row's entity, or an indicator's value of a year. */
export type HistoryTarget =
  | { found: true; entityId: string; kind: SheetKind; address: string; year?: number }
  | { found: false; why: "notMuniPlan" | "header" | "noId" | "noValue"; address: string; year?: number };

const text = (c: Cell | undefined) => (c === null || c === undefined ? "" : String(c).trim());

/**
 * The year a header of the Indicators sheet stands for: a year column, or the committee's notes of a
 * year (in any of the sheet languages) — the notes are the note of that year's value.
 */
function yearOf(header: string): number | undefined {
  const year = /\d{4}/.exec(header)?.[0];
  if (!year) return undefined;
  const y = Number(year);
  const names = [String(y), ...Object.values(notesHeader(y))].map(normalizeLabel);
  return names.includes(normalizeLabel(header)) ? y : undefined;
}

/**
 * Maps a selected cell to what the store keeps about it, by the sheet's MuniPlan mark and the hidden id
 * in column A: a row is its entity (priority, goal, task, risk, SWOT item, indicator); a cell under a
 * year (or the year's notes) on the Indicators sheet is that year's value; the Vision & Mission sheet is
 * the plan itself. The table ends at the first blank header: cells right of it (the SWOT matrix) are
 * no row's.
 */
export function historyTarget(selected: SelectedCell, doc: PlanDocument): HistoryTarget {
  const { address } = selected;
  const kind = SHEET_KINDS.find((k) => selected.kinds.includes(k));
  if (!kind) return { found: false, why: "notMuniPlan", address };
  if (kind === "vision") return { found: true, entityId: doc.plan.id, kind, address };
  // A header read without a blank ends at the used range: a cell right of it is no row's either.
  const blank = selected.header.findIndex((h) => text(h) === "");
  const width = blank === -1 ? selected.header.length : blank;
  if (selected.column >= width) return { found: false, why: "notMuniPlan", address };
  if (selected.row === 0) return { found: false, why: "header", address };
  const id = text(selected.cells[0]);
  if (!id) return { found: false, why: "noId", address };
  const year = kind === "indicators" ? yearOf(text(selected.header[selected.column])) : undefined;
  if (year === undefined) return { found: true, entityId: id, kind, address };
  const value = doc.observations.find((o) => o.indicatorId === id && o.period.year === year && o.period.quarter === undefined);
  return value ? { found: true, entityId: value.id, kind, address, year } : { found: false, why: "noValue", address, year };
}

/** Why a selected cell has no story of its own, and what to select instead, in the pane's words. */
export function whyNoStory(target: Extract<HistoryTarget, { found: false }>, t: Strings): { title: string; next: string } {
  const h = t.history;
  if (target.why === "header") return { title: h.header, next: h.headerNext };
  if (target.why === "noId") return { title: h.noId(target.address), next: h.noIdNext };
  if (target.why === "noValue") return { title: h.noValue(target.year!), next: h.noValueNext };
  return { title: h.notMuniPlan(target.address), next: h.notMuniPlanNext };
}
