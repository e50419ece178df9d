import type { Labels } from "../../../../shared/i18n/labels.ts";
import type { planTree } from "../../../../shared/layout/codes.ts";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";

export interface SectionProps {
  doc: PlanDocument;
  language: Language;
  t: Strings;
}

/** A choice field's options from a label table, in the pane's language. */
export const choices = (labels: Record<string, Labels>, language: Language) => Object.entries(labels).map(([value, l]) => ({ value, label: l[language] }));

/** A long text cut for a list line or an option. */
export const cut = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The priorities and goals an indicator may measure, by code and title. */
export const measureTargets = (tree: ReturnType<typeof planTree>) =>
  tree.flatMap((p) => [
    { value: JSON.stringify({ kind: "priority", id: p.priority.id }), label: `${p.code}. ${cut(p.priority.title, 50)}` },
    ...p.goals.map((g) => ({ value: JSON.stringify({ kind: "goal", id: g.goal.id }), label: `${g.code}. ${cut(g.goal.title, 50)}` })),
  ]);
