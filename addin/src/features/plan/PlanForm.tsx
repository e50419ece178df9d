import { Button, Field, Input, Select, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useState } from "react";
import { COMMUNITY_KIND_LABELS, LANGUAGE_LABELS } from "../../../../shared/i18n/labels.ts";
import type { SheetKind } from "../../../../shared/layout/grid.ts";
import { LANGUAGES, type Language, type PlanDocument } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";
import { type Values, readPlanForm, valuesOf } from "./plan-form.ts";

// Asked only when a sheet name is taken: the dialog is downloaded then, not with the pane.
const NameTakenDialog = lazy(() => import("./NameTakenDialog.tsx").then((m) => ({ default: m.NameTakenDialog })));

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // Two fields side by side where the pane is wide enough, one above the other at 320 px.
  row: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(130px, 1fr))", gap: tokens.spacingHorizontalS },
  // Fluent's inputs keep a minimum width wider than a narrow pane: let them shrink to the pane instead.
  fit: { minWidth: 0, maxWidth: "100%" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

/** The plan's header and the button that creates (or rebuilds) its sheets. */
export function PlanForm(props: {
  doc?: PlanDocument;
  language: Language;
  t: Strings;
  busy: boolean;
  sheetNames: Partial<Record<SheetKind, string>>;
  onWrite: (doc: PlanDocument, names?: Partial<Record<SheetKind, string>>) => Promise<void>;
  onExample: () => Promise<void>;
  /** Sheet names taken by sheets that are not MuniPlan's, from the last attempt. */
  taken?: { kind: SheetKind; name: string }[];
  onCancelTaken: () => void;
}) {
  const { t } = props;
  const styles = useStyles();
  const [values, setValues] = useState<Values>(() => valuesOf(props.doc, props.language));
  const [errors, setErrors] = useState<Partial<Values>>({});
  const set = (k: keyof Values) => (_: unknown, d: { value: string }) => setValues((v) => ({ ...v, [k]: d.value }));

  const submit = async (chosenNames?: Partial<Record<SheetKind, string>>) => {
    const read = readPlanForm(values, props.doc, t);
    setErrors(read.errors);
    if (read.doc) await props.onWrite(read.doc, chosenNames);
  };

  const field = (k: keyof Values, label: string, input: "input" | "textarea" = "input", required = false) => (
    <Field label={label} required={required} validationMessage={errors[k]} validationState={errors[k] ? "error" : "none"}>
      {input === "textarea" ? <Textarea className={styles.fit} value={values[k]} onChange={set(k)} resize="vertical" aria-label={label} /> : <Input className={styles.fit} value={values[k]} onChange={set(k)} aria-label={label} />}
    </Field>
  );

  return (
    <div className={styles.form} data-testid="plan-form">
      {field("name", t.community, "input", true)}
      <Field label={t.communityKind}>
        <Select className={styles.fit} value={values.kind} onChange={set("kind")} aria-label={t.communityKind}>
          {Object.entries(COMMUNITY_KIND_LABELS).map(([k, l]) => (
            <option key={k} value={k}>
              {l[props.language]}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        {field("country", t.country, "input", true)}
        {field("region", t.region)}
      </div>
      {field("population", t.population)}
      {field("title", t.planTitle, "input", true)}
      <div className={styles.row}>
        {field("firstYear", t.firstYear, "input", true)}
        {field("lastYear", t.lastYear, "input", true)}
      </div>
      <Field label={t.sheetLanguage}>
        <Select className={styles.fit} value={values.language} onChange={set("language")} aria-label={t.sheetLanguage}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_LABELS[l][props.language]}
            </option>
          ))}
        </Select>
      </Field>
      {field("vision", t.vision, "textarea")}
      {field("mission", t.mission, "textarea")}
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={() => submit()} disabled={props.busy}>
          {props.doc ? t.saveSheets : t.createSheets}
        </Button>
        {!props.doc && (
          <Button onClick={props.onExample} disabled={props.busy}>
            {t.exampleLoad}
          </Button>
        )}
      </div>
      {!!props.taken?.length && (
        <Suspense fallback={null}>
          <NameTakenDialog
            taken={props.taken}
            t={t}
            onUse={(names) => submit({ ...props.sheetNames, ...names })}
            onCancel={props.onCancelTaken}
          />
        </Suspense>
      )}
    </div>
  );
}
