import { Button, Field, Input, Select, Text, Textarea, makeStyles, tokens, useId } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { EntityKind, EntityOf, Language } from "../../../../shared/model/plan.ts";
import { type FieldSpec, type FormErrors, type FormValues, entityToForm, formToEntity } from "../../edits.ts";
import type { Strings } from "../../strings.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { ItemList } from "./ItemList.tsx";

export interface EditorField extends FieldSpec {
  label: string;
  multiline?: boolean;
  options?: { value: string; label: string }[];
}

export interface ListItem {
  id: string;
  label: string;
  detail?: string;
  level?: number;
}

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, scrollMarginBlock: tokens.spacingVerticalXXL },
  buttons: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  why: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * One editor for every kind of plan item: a form that adds a new item or saves the picked one, first,
 * under the section's heading, with its result right under its buttons; then the list to pick from. `fixed` holds what the form does not ask (the id of a new item, its parent).
 */
export function EntityEditor<K extends EntityKind>(props: {
  kind: K;
  fields: EditorField[];
  items: ListItem[];
  find: (id: string) => EntityOf<K> | undefined;
  fixed: (editing: EntityOf<K> | undefined, values: FormValues) => Partial<EntityOf<K>> & { id: string };
  /** Resolve true once applied; false leaves the form as typed (the sheets hold a problem, say). */
  onSave: (entity: EntityOf<K>) => Promise<boolean>;
  onRemove: (id: string) => Promise<boolean>;
  busy: boolean;
  /** Why the connected role may not add, edit or delete these items (state/roles.ts); undefined when it may. */
  locked?: string;
  t: Strings;
  language: Language;
  testId: string;
}) {
  const styles = { ...useSectionStyles(), ...useStyles() };
  const { fields, t } = props;
  const empty = () => Object.fromEntries(fields.map((f) => [f.name, f.options && f.required ? (f.options[0]?.value ?? "") : ""]));
  const [editingId, setEditingId] = useState<string>();
  const [typed, setValues] = useState<FormValues>(empty);
  // A field list that changes (a new priority to choose, a language switch) keeps what was typed.
  const values = { ...empty(), ...typed };
  const [errors, setErrors] = useState<FormErrors>({});
  const editing = editingId ? props.find(editingId) : undefined;
  const whyId = useId("why");
  const form = useRef<HTMLDivElement>(null);
  // A locked control stays focusable and names its reason, so a screen reader hears why it does nothing.
  const control = props.locked ? { disabledFocusable: true, "aria-describedby": whyId } : { disabled: props.busy };

  const pick = (id: string) => {
    const e = props.find(id);
    if (!e) return;
    setEditingId(id);
    setValues(entityToForm(fields, e as Record<string, unknown>));
    setErrors({});
    // The item was picked in the list below: its form is above, maybe out of view.
    form.current?.scrollIntoView({ block: "start" });
  };
  const reset = () => {
    setEditingId(undefined);
    setValues(empty());
    setErrors({});
  };
  const submit = async () => {
    const label = (name: string) => fields.find((f) => f.name === name)?.label ?? name;
    const result = formToEntity(props.kind, fields, values, props.fixed(editing, values), { required: (f) => t.fieldRequired(label(f)), language: props.language });
    if ("errors" in result) {
      setErrors(result.errors);
      return;
    }
    // Nothing typed is lost: the form clears only once the item is in the plan.
    if (await props.onSave(result.entity)) reset();
  };

  return (
    <div data-testid={props.testId}>
      <div className={styles.form} ref={form}>
        {fields.map((f) => {
          const set = (v: string) => setValues((old) => ({ ...old, [f.name]: v }));
          const error = errors[f.name];
          return (
            <Field key={f.name} label={f.label} required={f.required} validationMessage={error} validationState={error ? "error" : "none"}>
              {f.options ? (
                <Select className={styles.fit} value={values[f.name] ?? ""} onChange={(_, d) => set(d.value)} aria-label={f.label} disabled={!!props.locked}>
                  {!f.required && <option value="">{t.none}</option>}
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              ) : f.multiline ? (
                <Textarea value={values[f.name] ?? ""} onChange={(_, d) => set(d.value)} resize="vertical" aria-label={f.label} disabled={!!props.locked} />
              ) : (
                <Input value={values[f.name] ?? ""} onChange={(_, d) => set(d.value)} aria-label={f.label} disabled={!!props.locked} />
              )}
            </Field>
          );
        })}
        <div className={styles.buttons}>
          <Button appearance="primary" onClick={submit} {...control} data-testid="editor-submit">
            {editing ? t.save : t.add}
          </Button>
          {editing && (
            <>
              <Button onClick={reset} disabled={props.busy}>
                {t.newItem}
              </Button>
              <Button
                onClick={async () => {
                  if (await props.onRemove(editing.id)) reset();
                }}
                {...control}
              >
                {t.remove}
              </Button>
            </>
          )}
          {props.locked && (
            <Text id={whyId} className={styles.why} data-testid="locked">
              {props.locked}
            </Text>
          )}
        </div>
        <ActionResult id={props.testId} t={t} language={props.language} />
      </div>
      <ItemList items={props.items} selectedId={editingId} onPick={pick} control={control} t={t} language={props.language} />
    </div>
  );
}
