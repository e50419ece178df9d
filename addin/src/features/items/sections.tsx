import { QUADRANT_LABELS, RISK_KIND_LABELS, TASK_STATUS_LABELS } from "../../../../shared/i18n/labels.ts";
import { planTree } from "../../../../shared/layout/codes.ts";
import { sortedSwot } from "../../../../shared/layout/swot.ts";
import type { EditorField } from "./EntityEditor.tsx";
import { type SectionProps, choices, cut } from "./field-options.ts";
import { PlanItemEditor } from "./PlanItemEditor.tsx";

// The Indicators section is larger (the catalogue add beside its editor): a file of its own, loaded with these.
export { IndicatorsSection } from "./IndicatorsSection.tsx";

export function SwotSection(props: SectionProps) {
  const { t, language } = props;
  const fields: EditorField[] = [
    { name: "quadrant", type: "choice", required: true, label: t.quadrant, options: choices(QUADRANT_LABELS, language) },
    { name: "group", type: "text", label: t.group },
    { name: "text", type: "text", required: true, multiline: true, label: t.text },
  ];
  const items = sortedSwot(props.doc.swot).map((s) => ({ id: s.id, label: cut(s.text), detail: [QUADRANT_LABELS[s.quadrant][language], s.group].filter(Boolean).join(" / ") }));
  return <PlanItemEditor {...props} kind="swot" fields={fields} items={items} testId="swot-editor" />;
}

export function RisksSection(props: SectionProps) {
  const { t, language } = props;
  const fields: EditorField[] = [
    { name: "kind", type: "choice", required: true, label: t.riskKind, options: choices(RISK_KIND_LABELS, language) },
    { name: "risk", type: "text", required: true, multiline: true, label: t.risk },
    { name: "mitigation", type: "text", multiline: true, label: t.mitigation },
  ];
  const items = [...props.doc.risks].sort((a, b) => a.order - b.order).map((r) => ({ id: r.id, label: cut(r.risk), detail: RISK_KIND_LABELS[r.kind][language] }));
  return <PlanItemEditor {...props} kind="risks" fields={fields} items={items} testId="risks-editor" />;
}

export function GoalsSection(props: SectionProps & { level: "priorities" | "goals" | "tasks" }) {
  const { t, language, doc } = props;
  const tree = planTree(doc);
  if (props.level === "priorities") {
    const fields: EditorField[] = [{ name: "title", type: "text", required: true, multiline: true, label: t.title }];
    const items = tree.map((p) => ({ id: p.priority.id, label: `${p.code}. ${cut(p.priority.title)}` }));
    return <PlanItemEditor {...props} kind="priorities" fields={fields} items={items} testId="priorities-editor" />;
  }
  if (props.level === "goals") {
    const fields: EditorField[] = [
      { name: "priorityId", type: "choice", required: true, label: t.underPriority, options: tree.map((p) => ({ value: p.priority.id, label: `${p.code}. ${cut(p.priority.title, 50)}` })) },
      { name: "title", type: "text", required: true, multiline: true, label: t.title },
      { name: "expectedResults", type: "text", multiline: true, label: t.expectedResults },
    ];
    const items = tree.flatMap((p) => p.goals.map((g) => ({ id: g.goal.id, label: `${g.code}. ${cut(g.goal.title)}` })));
    return <PlanItemEditor {...props} kind="goals" fields={fields} items={items} testId="goals-editor" />;
  }
  const goals = tree.flatMap((p) => p.goals);
  const fields: EditorField[] = [
    { name: "goalId", type: "choice", required: true, label: t.underGoal, options: goals.map((g) => ({ value: g.goal.id, label: `${g.code}. ${cut(g.goal.title, 50)}` })) },
    { name: "title", type: "text", required: true, multiline: true, label: t.title },
    { name: "responsibleUnit", type: "text", label: t.responsibleUnit },
    { name: "start", type: "period", label: t.start },
    { name: "end", type: "period", label: t.end },
    { name: "budget.amount", type: "number", label: t.budget },
    { name: "budget.currency", type: "text", label: t.currency },
    { name: "fundingSource", type: "text", label: t.fundingSource },
    { name: "status", type: "choice", required: true, label: t.status, options: choices(TASK_STATUS_LABELS, language) },
  ];
  const items = goals.flatMap((g) => g.tasks.map(({ task, code }) => ({ id: task.id, label: `${code}. ${cut(task.title)}`, detail: TASK_STATUS_LABELS[task.status][language] })));
  return <PlanItemEditor {...props} kind="tasks" fields={fields} items={items} testId="tasks-editor" />;
}
