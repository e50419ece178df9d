import { goalsSpec } from "../../../../shared/layout/goals.ts";
import { indicatorsSpec } from "../../../../shared/layout/indicators.ts";
import { risksSpec } from "../../../../shared/layout/risks.ts";
import { swotSpec } from "../../../../shared/layout/swot.ts";
import type { TableSpec } from "../../../../shared/layout/table.ts";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import type { Conflict } from "../../../../shared/sync/engine.ts";

/** A field's name as its sheet's column header in the pane's language (the key itself otherwise). */
export function fieldLabel(kind: string, field: string, doc: PlanDocument | undefined, language: Language): string {
  const specs: Record<string, TableSpec | undefined> = {
    swot: swotSpec,
    priorities: goalsSpec,
    goals: goalsSpec,
    tasks: goalsSpec,
    risks: risksSpec,
    indicators: doc ? indicatorsSpec(doc, []) : undefined,
  };
  const key = field === "budget" ? "budgetAmount" : field === "measures" ? "measures" : field;
  return specs[kind]?.columns.find((c) => c.key === key)?.header[language] ?? field;
}

export const show = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** A short name for the row a conflict is about: its text, title or name. */
export function entityLabel(c: Conflict): string {
  const data = (c.local ?? c.server?.data) as Record<string, unknown> | null;
  const text = data && (data.text ?? data.title ?? data.name ?? data.risk ?? data.id);
  const s = String(text ?? c.entityId);
  return s.length > 70 ? `${s.slice(0, 69)}…` : s;
}
