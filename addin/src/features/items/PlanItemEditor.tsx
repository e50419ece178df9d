import type { EntityKind, EntityOf } from "../../../../shared/model/plan.ts";
import { type Removal, removeWithUndo, restore, upsert } from "../../edits.ts";
import { usePermissions } from "../../state/pane.tsx";
import { usePlanEdit } from "../plan/usePlanActions.ts";
import { EntityEditor, type EditorField, type ListItem } from "./EntityEditor.tsx";
import type { SectionProps } from "./field-options.ts";
import { useUndoDelete } from "./useUndoDelete.tsx";

/** A new item's id and place; an edited one keeps both. */
const keep = <E extends { id: string; order: number }>(editing: E | undefined) => (editing ? { id: editing.id, order: editing.order } : { id: crypto.randomUUID(), order: Number.MAX_SAFE_INTEGER });

/** The editor of one kind of the plan's items: saves and deletes through the plan edit, a delete with Undo. */
export function PlanItemEditor<K extends EntityKind>(props: SectionProps & { kind: K; fields: EditorField[]; items: ListItem[]; testId: string; extra?: (editing: EntityOf<K> | undefined) => Partial<EntityOf<K>> }) {
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
