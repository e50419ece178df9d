import { QUADRANT_LABELS } from "../i18n/labels.ts";
import { type Language, type PlanDocument, QUADRANTS, type SwotItem as SwotItemT, SwotItem } from "../model/plan.ts";
import type { SheetGrid, SheetValues } from "./grid.ts";
import { type Identity, type TableRead, type TableSpec, type UserColumn, buildTable, finishEntity, readTable } from "./table.ts";

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
    {
      columnKey: "quadrant",
      rules: [
        { equals: QUADRANT_LABELS.strength[language], fill: "#E2EFDA", font: "#375623" },
        { equals: QUADRANT_LABELS.weakness[language], fill: "#FCE4D6", font: "#843C0C" },
        { equals: QUADRANT_LABELS.opportunity[language], fill: "#DDEBF7", font: "#1F4E78" },
        { equals: QUADRANT_LABELS.threat[language], fill: "#FFF2CC", font: "#7F6000" },
      ],
    },
  ],
};

export function sortedSwot(items: readonly SwotItemT[]): SwotItemT[] {
  return [...items].sort((a, b) => QUADRANTS.indexOf(a.quadrant) - QUADRANTS.indexOf(b.quadrant) || a.order - b.order);
}

export function buildSwot(doc: PlanDocument, language: Language, user: UserColumn[] = []): SheetGrid {
  return buildTable(
    swotSpec,
    sortedSwot(doc.swot).map((s) => ({ values: { id: s.id, quadrant: s.quadrant, group: s.group, text: s.text } })),
    language,
    user,
  );
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
