import { type Labels, QUADRANT_LABELS } from "../i18n/labels.ts";
import { type Language, type PlanDocument, type Quadrant, QUADRANTS, type SwotItem as SwotItemT, SwotItem } from "../model/plan.ts";
import type { GridBlock, SheetGrid, SheetValues } from "./grid.ts";
import { type Identity, type TableRead, type TableSpec, type UserColumn, buildTable, finishEntity, readTable } from "./table.ts";

/** The matrix's title: also the marker by which the reader knows where the table ends (TableSpec.beside). */
export const MATRIX_TITLE: Labels = { en: "SWOT matrix (MuniPlan)", uk: "SWOT-матриця (MuniPlan)", lt: "SSGG matrica (MuniPlan)" };
const MATRIX_NOTE: Labels = {
  en: "The matrix is built from the table on the left; edit the table",
  uk: "Матриця будується з таблиці ліворуч; редагуйте таблицю",
  lt: "Matrica sudaroma iš lentelės kairėje; redaguokite lentelę",
};
const QUADRANT_TITLES: Record<Quadrant, Labels> = {
  strength: { en: "Strengths", uk: "Сильні сторони", lt: "Stiprybės" },
  weakness: { en: "Weaknesses", uk: "Слабкі сторони", lt: "Silpnybės" },
  opportunity: { en: "Opportunities", uk: "Можливості", lt: "Galimybės" },
  threat: { en: "Threats", uk: "Загрози", lt: "Grėsmės" },
};
/** Each quadrant's colours, in the table (its quadrant cells) and the matrix (its heading). */
const QUADRANT_COLOURS: Record<Quadrant, { fill: string; font: string }> = {
  strength: { fill: "#E2EFDA", font: "#375623" },
  weakness: { fill: "#FCE4D6", font: "#843C0C" },
  opportunity: { fill: "#DDEBF7", font: "#1F4E78" },
  threat: { fill: "#FFF2CC", font: "#7F6000" },
};
const MATRIX_WIDTH = 60;

export const swotSpec: TableSpec = {
  kind: "swot",
  name: { en: "SWOT", uk: "SWOT-аналіз", lt: "SSGG analizė" },
  columns: [
    { key: "id", header: { en: "MuniPlan ID", uk: "MuniPlan ID", lt: "MuniPlan ID" }, type: "id", width: 10 },
    { key: "quadrant", header: { en: "Quadrant", uk: "Квадрант", lt: "Kvadrantas" }, type: "enum", enumLabels: QUADRANT_LABELS, width: 18, required: true },
    { key: "group", header: { en: "Group", uk: "Група", lt: "Grupė" }, type: "text", width: 36, wrap: true },
    { key: "text", header: { en: "Item", uk: "Положення", lt: "Teiginys" }, type: "text", width: 90, wrap: true, required: true },
  ],
  conditionalFormats: (language: Language) => [
    { columnKey: "quadrant", rules: QUADRANTS.map((q) => ({ equals: QUADRANT_LABELS[q][language], ...QUADRANT_COLOURS[q] })) },
  ],
  beside: MATRIX_TITLE,
};

export function sortedSwot(items: readonly SwotItemT[]): SwotItemT[] {
  return [...items].sort((a, b) => QUADRANTS.indexOf(a.quadrant) - QUADRANTS.indexOf(b.quadrant) || a.order - b.order);
}

export function buildSwot(doc: PlanDocument, language: Language, user: UserColumn[] = []): SheetGrid {
  const items = sortedSwot(doc.swot);
  const grid = buildTable(
    swotSpec,
    items.map((s) => ({ values: { id: s.id, quadrant: s.quadrant, group: s.group, text: s.text } })),
    language,
    user,
  );
  return { ...grid, beside: swotMatrix(items, language, grid.columns.length + 1) };
}

/**
 * The 2 × 2 matrix people read and print: Strengths | Weaknesses over Opportunities | Threats, each
 * quadrant's items under their groups (in the order each group first appears), one item a row. Written
 * from the plan with the sheet, never read: the title row says so.
 */
export function swotMatrix(sorted: readonly SwotItemT[], language: Language, col: number): GridBlock {
  const cells: (string | null)[][] = [[MATRIX_TITLE[language], MATRIX_NOTE[language]]];
  const headings: GridBlock["headings"] = [{ row: 0, col: 0 }];
  const pairs: [Quadrant, Quadrant][] = [
    ["strength", "weakness"],
    ["opportunity", "threat"],
  ];
  for (const [index, pair] of pairs.entries()) {
    if (index > 0) cells.push([null, null]);
    const top = cells.length;
    cells.push(pair.map((q) => QUADRANT_TITLES[q][language]));
    pair.forEach((q, c) => headings.push({ row: top, col: c, fill: QUADRANT_COLOURS[q].fill }));
    const lists = pair.map((q) => quadrantLines(sorted.filter((s) => s.quadrant === q)));
    const length = Math.max(...lists.map((l) => l.length));
    for (let r = 0; r < length; r++) {
      cells.push(lists.map((l) => l[r]?.text ?? null));
      lists.forEach((l, c) => {
        if (l[r]?.group) headings.push({ row: top + 1 + r, col: c });
      });
    }
  }
  return { col, widths: [MATRIX_WIDTH, MATRIX_WIDTH], cells, headings };
}

/** A quadrant's lines: its ungrouped items first, then each group's heading and items. */
function quadrantLines(items: readonly SwotItemT[]): { text: string; group: boolean }[] {
  const groups = new Map<string, SwotItemT[]>();
  for (const s of items) {
    const group = s.group ?? "";
    groups.set(group, [...(groups.get(group) ?? []), s]);
  }
  return [...groups].sort(([a], [b]) => Number(a !== "") - Number(b !== "")).flatMap(([group, members]) => [
    ...(group ? [{ text: group, group: true }] : []),
    ...members.map((s) => ({ text: `• ${s.text}`, group: false })),
  ]);
}

/** What the SWOT sheet says the SWOT list is; order follows the rows within each quadrant. */
export function readSwot(
  sheet: SheetValues,
  base: PlanDocument,
  identity: Identity,
): { read: TableRead; items: SwotItemT[] | undefined } {
  const read = readTable(swotSpec, sheet);
  if (!read.readable) return { read, items: undefined };
  const existing = new Map(base.swot.map((s) => [s.id, s]));
  const next = new Map<string, number>();
  const items: SwotItemT[] = [];
  for (const row of read.rows) {
    const { id, base: prev } = identity.resolve(row, existing);
    const candidate = {
      id,
      quadrant: row.get("quadrant", prev?.quadrant),
      group: row.get("group", prev?.group),
      text: row.get("text", prev?.text),
      order: 0,
    };
    const item = finishEntity(SwotItem, candidate, prev, row);
    if (!item) continue;
    const order = next.get(item.quadrant) ?? 0;
    next.set(item.quadrant, order + 1);
    items.push({ ...item, order });
  }
  return { read, items };
}
