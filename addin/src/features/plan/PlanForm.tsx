import { Button, Field, Input, Select, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useState } from "react";
import { COMMUNITY_KIND_LABELS, LANGUAGE_LABELS } from "../../../../shared/i18n/labels.ts";
import { parseNumber, parseYear } from "../../../../shared/layout/cells.ts";
import type { SheetKind } from "../../../../shared/layout/grid.ts";
import { Community, LANGUAGES, type Language, Plan, type PlanDocument } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";

// Asked only when a sheet name is taken: the dialog is downloaded then, not with the pane.
const NameTakenDialog = lazy(() => import("./NameTakenDialog.tsx").then((m) => ({ default: m.NameTakenDialog })));

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

type Values = Record<"name" | "kind" | "country" | "region" | "population" | "title" | "firstYear" | "lastYear" | "language" | "vision" | "mission", string>;

function valuesOf(doc: PlanDocument | undefined, language: Language): Values {
  const thisYear = new Date().getFullYear();
  return {
    name: doc?.community.name ?? "",
    kind: doc?.community.kind ?? "amalgamated_community",
    country: doc?.community.country ?? (language === "lt" ? "LT" : "UA"),
    region: doc?.community.region ?? "",
    population: doc?.community.population?.toString() ?? "",
    title: doc?.plan.title ?? "",
    firstYear: String(doc?.plan.firstYear ?? thisYear + 1),
    lastYear: String(doc?.plan.lastYear ?? thisYear + 3),
    language: doc?.plan.language ?? language,
    vision: doc?.plan.vision ?? "",
    mission: doc?.plan.mission ?? "",
  };
}

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
    const errs: Partial<Values> = {};
    const year = (k: "firstYear" | "lastYear", label: string) => {
      const p = parseYear(values[k]);
      if (!p.ok || p.value === undefined) errs[k] = t.notYear(label);
      return p.ok ? p.value : undefined;
    };
    const firstYear = year("firstYear", t.firstYear);
    const lastYear = year("lastYear", t.lastYear);
    const population = parseNumber(values.population);
    if (!population.ok) errs.population = t.notNumber(t.population);
    const community = Community.safeParse({
      id: props.doc?.community.id ?? crypto.randomUUID(),
      name: values.name,
      kind: values.kind,
      country: values.country.trim().toUpperCase(),
      region: values.region.trim() || undefined,
      population: population.ok ? population.value : undefined,
    });
    if (!community.success)
      for (const i of community.error.issues) errs[(i.path[0] === "name" ? "name" : i.path[0]) as keyof Values] ??= i.path[0] === "name" ? t.fieldRequired(t.community) : i.message;
    const plan = Plan.safeParse({
      id: props.doc?.plan.id ?? crypto.randomUUID(),
      communityId: community.success ? community.data.id : crypto.randomUUID(),
      title: values.title,
      firstYear,
      lastYear,
      language: values.language,
      vision: values.vision.trim() ? values.vision : undefined,
      mission: values.mission.trim() ? values.mission : undefined,
    });
    if (!plan.success)
      for (const i of plan.error.issues) {
        const k = String(i.path[0]) as keyof Values;
        errs[k] ??= k === "title" ? t.fieldRequired(t.planTitle) : k === "lastYear" ? t.periodOrder : i.message;
      }
    setErrors(errs);
    if (Object.keys(errs).length || !plan.success || !community.success) return;
    const base: PlanDocument = props.doc ?? { community: community.data, plan: plan.data, swot: [], priorities: [], goals: [], tasks: [], risks: [], indicators: [], observations: [] };
    await props.onWrite({ ...base, community: community.data, plan: plan.data }, chosenNames);
  };

  const field = (k: keyof Values, label: string, input: "input" | "textarea" = "input", required = false) => (
    <Field label={label} required={required} validationMessage={errors[k]} validationState={errors[k] ? "error" : "none"}>
      {input === "textarea" ? <Textarea value={values[k]} onChange={set(k)} resize="vertical" aria-label={label} /> : <Input value={values[k]} onChange={set(k)} aria-label={label} />}
    </Field>
  );

  return (
    <div className={styles.form} data-testid="plan-form">
      {field("name", t.community, "input", true)}
      <Field label={t.communityKind}>
        <Select value={values.kind} onChange={set("kind")} aria-label={t.communityKind}>
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
        <Select value={values.language} onChange={set("language")} aria-label={t.sheetLanguage}>
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
