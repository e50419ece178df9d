import type { Labels } from "../../../../shared/i18n/labels.ts";
import {
  DIRECTION_LABELS,
  FREQUENCY_LABELS,
  QUADRANT_LABELS,
  RISK_KIND_LABELS,
  TASK_STATUS_LABELS,
} from "../../../../shared/i18n/labels.ts";
import { planTree, targetCodes } from "../../../../shared/layout/codes.ts";
import { indicatorSheetOrder } from "../../../../shared/layout/indicators.ts";
import { sortedSwot } from "../../../../shared/layout/swot.ts";
import type { EntityKind, EntityOf, Language, PlanDocument } from "../../../../shared/model/plan.ts";
import { addFromCatalogue } from "../../../../shared/sync/catalogue.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { CatalogueAdd } from "./CatalogueAdd.tsx";
import { EntityEditor, type EditorField, type ListItem } from "./EntityEditor.tsx";
import { type Removal, removeWithUndo, restore, upsert } from "../../edits.ts";
import { usePermissions } from "../../state/pane.tsx";
import { usePlanEdit } from "../plan/usePlanActions.ts";
import { useUndoDelete } from "./useUndoDelete.tsx";
import type { Strings } from "../../strings.ts";
import type { SyncController } from "../../sync.ts";

export interface SectionProps {
  doc: PlanDocument;
  language: Language;
  t: Strings;
}

const choices = (labels: Record<string, Labels>, language: Language) => Object.entries(labels).map(([value, l]) => ({ value, label: l[language] }));
const cut = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A new item's id and place; an edited one keeps both. */
const keep = <E extends { id: string; order: number }>(editing: E | undefined) => (editing ? { id: editing.id, order: editing.order } : { id: crypto.randomUUID(), order: Number.MAX_SAFE_INTEGER });

function Editor<K extends EntityKind>(props: SectionProps & { kind: K; fields: EditorField[]; items: ListItem[]; testId: string; extra?: (editing: EntityOf<K> | undefined) => Partial<EntityOf<K>> }) {
  const list = props.doc[props.kind] as EntityOf<K>[];
  // One action per editor: its result shows under this editor's buttons (an undo's too).
  const { edit, busy } = usePlanEdit(props.testId, props.t);
  const { editPlan } = usePermissions();
  const offerUndo = useUndoDelete(props.t);
  // The delete is made at once; the toast offers to put back what it took, through the same edit path.
  const onRemove = async (id: string) => {
    let removal: Removal | undefined;
    const done = await edit((d) => {
      const removed = removeWithUndo(d, props.kind, id);
      removal = removed.removal;
      return removed.doc;
    });
    const label = props.items.find((i) => i.id === id)?.label ?? id;
    if (done && removal) offerUndo(label, () => edit((d) => restore(d, removal!)));
    return done;
  };
  return (
    <EntityEditor
      kind={props.kind}
      fields={props.fields}
      items={props.items}
      find={(id) => list.find((e) => e.id === id)}
      fixed={(editing) => ({ ...props.extra?.(editing), ...keep(editing as { id: string; order: number } | undefined) }) as unknown as Partial<EntityOf<K>> & { id: string }}
      onSave={(e) => edit((d) => upsert(d, props.kind, e))}
      onRemove={onRemove}
      busy={busy}
      locked={editPlan && props.t.roles[editPlan]}
      t={props.t}
      language={props.language}
      testId={props.testId}
    />
  );
}

export function SwotSection(props: SectionProps) {
  const { t, language } = props;
  const fields: EditorField[] = [
    { name: "quadrant", type: "choice", required: true, label: t.quadrant, options: choices(QUADRANT_LABELS, language) },
    { name: "group", type: "text", label: t.group },
    { name: "text", type: "text", required: true, multiline: true, label: t.text },
  ];
  const items = sortedSwot(props.doc.swot).map((s) => ({ id: s.id, label: cut(s.text), detail: [QUADRANT_LABELS[s.quadrant][language], s.group].filter(Boolean).join(" / ") }));
  return <Editor {...props} kind="swot" fields={fields} items={items} testId="swot-editor" />;
}

export function RisksSection(props: SectionProps) {
  const { t, language } = props;
  const fields: EditorField[] = [
    { name: "kind", type: "choice", required: true, label: t.riskKind, options: choices(RISK_KIND_LABELS, language) },
    { name: "risk", type: "text", required: true, multiline: true, label: t.risk },
    { name: "mitigation", type: "text", multiline: true, label: t.mitigation },
  ];
  const items = [...props.doc.risks].sort((a, b) => a.order - b.order).map((r) => ({ id: r.id, label: cut(r.risk), detail: RISK_KIND_LABELS[r.kind][language] }));
  return <Editor {...props} kind="risks" fields={fields} items={items} testId="risks-editor" />;
}

export function GoalsSection(props: SectionProps & { level: "priorities" | "goals" | "tasks" }) {
  const { t, language, doc } = props;
  const tree = planTree(doc);
  if (props.level === "priorities") {
    const fields: EditorField[] = [{ name: "title", type: "text", required: true, multiline: true, label: t.title }];
    const items = tree.map((p) => ({ id: p.priority.id, label: `${p.code}. ${cut(p.priority.title)}` }));
    return <Editor {...props} kind="priorities" fields={fields} items={items} testId="priorities-editor" />;
  }
  if (props.level === "goals") {
    const fields: EditorField[] = [
      { name: "priorityId", type: "choice", required: true, label: t.underPriority, options: tree.map((p) => ({ value: p.priority.id, label: `${p.code}. ${cut(p.priority.title, 50)}` })) },
      { name: "title", type: "text", required: true, multiline: true, label: t.title },
      { name: "expectedResults", type: "text", multiline: true, label: t.expectedResults },
    ];
    const items = tree.flatMap((p) => p.goals.map((g) => ({ id: g.goal.id, label: `${g.code}. ${cut(g.goal.title)}` })));
    return <Editor {...props} kind="goals" fields={fields} items={items} testId="goals-editor" />;
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
  return <Editor {...props} kind="tasks" fields={fields} items={items} testId="tasks-editor" />;
}

export function IndicatorsSection(props: SectionProps & { sync: Pick<SyncController, "catalogues"> }) {
  const { t, language, doc } = props;
  // Applied on top of what the sheets hold now: the catalogue add checks the code there.
  const catalogueAdd = usePlanEdit("catalogue-add", t);
  // Adding from the catalogue adds an indicator: the role that may not edit the plan is not offered it.
  const { editPlan } = usePermissions();
  const codes = targetCodes(doc);
  const tree = planTree(doc);
  const targets = tree.flatMap((p) => [
    { value: JSON.stringify({ kind: "priority", id: p.priority.id }), label: `${p.code}. ${cut(p.priority.title, 50)}` },
    ...p.goals.map((g) => ({ value: JSON.stringify({ kind: "goal", id: g.goal.id }), label: `${g.code}. ${cut(g.goal.title, 50)}` })),
  ]);
  const fields: EditorField[] = [
    { name: "name", type: "text", required: true, multiline: true, label: t.indicatorName },
    { name: "unit", type: "text", label: t.unit },
    { name: "measures", type: "choice", label: t.measures, options: targets },
    { name: "baselineYear", type: "year", label: t.baselineYear },
    { name: "baselineValue", type: "number", label: t.baselineValue },
    { name: "targetValue", type: "number", label: t.targetValue },
    { name: "targetYear", type: "year", label: t.targetYear },
    { name: "direction", type: "choice", required: true, label: t.direction, options: choices(DIRECTION_LABELS, language) },
    { name: "frequency", type: "choice", required: true, label: t.frequency, options: choices(FREQUENCY_LABELS, language) },
    { name: "responsibleUnit", type: "text", label: t.responsibleUnit },
    { name: "code", type: "text", label: t.code },
  ];
  const items = indicatorSheetOrder(doc.indicators).map((i) => ({ id: i.id, label: cut(i.name), detail: codes.codeOf(i.measures), level: i.parentId ? 1 : 0 }));
  return (
    <>
      {!editPlan && (
        <CatalogueAdd
          doc={doc}
          targets={targets}
          t={t}
          busy={catalogueAdd.busy}
          load={async () => (await props.sync.catalogues()).entries}
          onAdd={async (entry, measures) => {
            await catalogueAdd.edit((d) => addFromCatalogue(d, entry, measures, crypto.randomUUID()));
          }}
        />
      )}
      <ActionResult id="catalogue-add" t={t} language={language} />
      <Editor {...props} kind="indicators" fields={fields} items={items} testId="indicators-editor" extra={(editing) => (editing?.parentId ? { parentId: editing.parentId } : {})} />
    </>
  );
}
