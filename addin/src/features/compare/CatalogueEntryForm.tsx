import { Button, Field, Input, Radio, RadioGroup, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { type CatalogueEntry, EXTERNAL_CODE_MAX, SHARINGS, type Sharing } from "../../../../shared/api/catalogue.ts";
import { DIRECTION_LABELS, FREQUENCY_LABELS } from "../../../../shared/i18n/labels.ts";
import { DIRECTIONS, type Direction, FREQUENCIES, type Frequency, type Language } from "../../../../shared/model/plan.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";
import type { CatalogueForm } from "./catalogue-form.ts";
import { QualityRulesFields } from "./QualityRulesFields.tsx";

/** The form open: on a new entry (no `base`), or on `base` as the server last gave it. */
export type Editing = { base?: CatalogueEntry; form: CatalogueForm };

/** The catalogue form's fields by their labels, for the form and for naming a refused field. */
export const catalogueLabels = (t: Strings): Record<string, string> => ({
  code: t.curate.code,
  nameUk: t.curate.nameUk,
  nameEn: t.curate.nameEn,
  nameLt: t.quality.nameLt,
  unit: t.curate.unit,
  direction: t.curate.direction,
  frequency: t.curate.frequency,
  definition: t.curate.definition,
  sharing: t.curate.sharing,
  externalCode: t.territory.externalCode,
});

const useStyles = makeStyles({
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  form: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS },
});

/** A catalogue entry's form: a new entry's code, or an entry's names, unit, direction, frequency, external code, definition, sharing and quality rules. */
export function CatalogueEntryForm(props: {
  editing: Editing;
  set: <K extends keyof CatalogueForm>(key: K, value: CatalogueForm[K]) => void;
  busy: boolean;
  onSave: () => void;
  onCancel: () => void;
  t: Strings;
  language: Language;
}) {
  const { editing, set, t, language } = props;
  const c = t.curate;
  const labels = catalogueLabels(t);
  const styles = { ...useSectionStyles(), ...useStyles() };
  const q = t.quality;
  const text = (key: "nameUk" | "nameEn" | "unit") => (
    <Field label={labels[key]} className={styles.grow}>
      <Input value={editing.form[key]} onChange={(_, d) => set(key, d.value)} aria-label={labels[key]} />
    </Field>
  );
  return (
    <div className={`${styles.box} ${styles.form}`} role="group" aria-label={editing.base ? c.editTitle(editing.base.code) : c.newTitle}>
      <Text weight="semibold">{editing.base ? c.editTitle(editing.base.code) : c.newTitle}</Text>
      <Field label={c.code} hint={editing.base ? undefined : c.codeHint}>
        <Input value={editing.form.code} onChange={(_, d) => set("code", d.value)} disabled={editing.base !== undefined} aria-label={c.code} />
      </Field>
      <div className={styles.row}>
        {text("nameUk")}
        {text("nameEn")}
      </div>
      <Field label={q.nameLt} hint={q.nameLtHint}>
        <Input value={editing.form.nameLt} onChange={(_, d) => set("nameLt", d.value)} aria-label={q.nameLt} />
      </Field>
      <div className={styles.row}>
        {text("unit")}
        <Field label={c.direction} className={styles.grow}>
          <Select value={editing.form.direction} onChange={(_, d) => set("direction", d.value as Direction)} aria-label={c.direction}>
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {DIRECTION_LABELS[d][language]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={c.frequency} className={styles.grow}>
          <Select value={editing.form.frequency} onChange={(_, d) => set("frequency", d.value as Frequency)} aria-label={c.frequency}>
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_LABELS[f][language]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t.territory.externalCode} hint={t.territory.externalCodeHint}>
        <Input
          value={editing.form.externalCode ?? ""}
          onChange={(_, d) => set("externalCode", d.value)}
          maxLength={EXTERNAL_CODE_MAX}
          aria-label={t.territory.externalCode}
        />
      </Field>
      <Field label={c.definition}>
        <Textarea value={editing.form.definition} onChange={(_, d) => set("definition", d.value)} aria-label={c.definition} resize="vertical" />
      </Field>
      <Field label={c.sharing}>
        <RadioGroup value={editing.form.sharing} onChange={(_, d) => set("sharing", d.value as Sharing)} aria-label={c.sharing}>
          {SHARINGS.map((s) => (
            <Radio
              key={s}
              value={s}
              label={
                <>
                  {c.sharings[s].label}
                  <Text block size={200} className={styles.detail}>
                    {c.sharings[s].hint}
                  </Text>
                </>
              }
            />
          ))}
        </RadioGroup>
      </Field>
      <QualityRulesFields rules={editing.form.rules} onChange={(rules) => set("rules", rules)} t={t} />
      <div className={styles.row}>
        <Button appearance="primary" onClick={props.onSave} disabled={props.busy}>
          {editing.base ? c.save : c.create}
        </Button>
        <Button onClick={props.onCancel}>{t.cancel}</Button>
      </div>
    </div>
  );
}
