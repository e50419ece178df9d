import { RISK_KIND_LABELS } from "../i18n/labels.ts";
import { type Language, type PlanDocument, Risk, type Risk as RiskT } from "../model/plan.ts";
import type { SheetGrid, SheetValues } from "./grid.ts";
import { type Identity, type TableRead, type TableSpec, type UserColumn, buildTable, finishEntity, readTable } from "./table.ts";

export const risksSpec: TableSpec = {
  kind: "risks",
  name: { en: "Risks", uk: "Ризики", lt: "Rizikos" },
  columns: [
    { key: "id", header: { en: "MuniPlan ID", uk: "MuniPlan ID", lt: "MuniPlan ID" }, type: "id", width: 10 },
    { key: "kind", header: { en: "Internal or external", uk: "Внутрішній чи зовнішній", lt: "Vidinė ar išorinė" }, type: "enum", enumLabels: RISK_KIND_LABELS, width: 16, required: true },
    { key: "risk", header: { en: "Risk", uk: "Ризик", lt: "Rizika" }, type: "text", width: 50, wrap: true, required: true },
    { key: "mitigation", header: { en: "Mitigation measures", uk: "Заходи з мінімізації", lt: "Mažinimo priemonės" }, type: "text", width: 80, wrap: true },
  ],
};

export function buildRisks(doc: PlanDocument, language: Language, user: UserColumn[] = []): SheetGrid {
  const rows = [...doc.risks]
    .sort((a, b) => a.order - b.order)
    .map((r) => ({ values: { id: r.id, kind: r.kind, risk: r.risk, mitigation: r.mitigation } }));
  return buildTable(risksSpec, rows, language, user);
}

export function readRisks(sheet: SheetValues, base: PlanDocument, identity: Identity): { read: TableRead; risks?: RiskT[] } {
  const read = readTable(risksSpec, sheet);
  if (!read.readable) return { read };
  const existing = new Map(base.risks.map((r) => [r.id, r]));
  const risks: RiskT[] = [];
  for (const row of read.rows) {
    const { id, base: prev } = identity.resolve(row, existing);
    const candidate = {
      id,
      kind: row.get("kind", prev?.kind),
      risk: row.get("risk", prev?.risk),
      mitigation: row.get("mitigation", prev?.mitigation),
      order: risks.length,
    };
    const risk = finishEntity(Risk, candidate, prev, row);
    if (risk) risks.push({ ...risk, order: risks.length });
  }
  return { read, risks };
}
