import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { type CatalogueEntry, SHARINGS, type Sharing } from "../../../../shared/api/catalogue.ts";
import type { ApiClient } from "../../../../shared/api/client.ts";
import { DIRECTION_LABELS, FREQUENCY_LABELS } from "../../../../shared/i18n/labels.ts";
import { entryName } from "../../../../shared/layout/comparison.ts";
import { DIRECTIONS, type Direction, FREQUENCIES, type Frequency, type Language } from "../../../../shared/model/plan.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";
import { type CatalogueForm, catalogueProblem, catalogueWrite, emptyCatalogueForm, formFromEntry, isConflict } from "./catalogue-form.ts";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, padding: "2px 4px" },
  itemText: { flexGrow: 1, overflowWrap: "anywhere" },
  retired: { color: tokens.colorNeutralForeground3 },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  form: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS },
});

/** The form open: on a new entry (no `base`), or on `base` as the server last gave it. */
type Editing = { base?: CatalogueEntry; form: CatalogueForm };

/**
 * The association's catalogue as its analyst keeps it: the entries with their state, a form to add or
 * change one, Retire and Re-activate. The list is the Compare section's, so the Comparison tab offers
 * what the catalogue holds after every change. Without the right to change it, the list is read-only.
 */
export function CatalogueEditor(props: {
  t: Strings;
  language: Language;
  busy: boolean;
  editable: boolean;
  associationId: string;
  entries: CatalogueEntry[] | undefined;
  client: () => ApiClient;
  /** The server's answer to a write, for the shared list. */
  onChanged: (entry: CatalogueEntry) => void;
  /** Fetches the catalogue again (after a conflict) and gives it as now listed. */
  reload: () => Promise<CatalogueEntry[]>;
}) {
  const { t, language, associationId } = props;
  const c = t.curate;
  const styles = { ...useSectionStyles(), ...useStyles() };
  const [editing, setEditing] = useState<Editing>();
  const [confirm, setConfirm] = useState<CatalogueEntry>();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<{ title: string; message: string; hint?: string }>();
  const [done, setDone] = useState<string>();
  const busy = props.busy || working;

  const labels: Record<string, string> = {
    code: c.code,
    nameUk: c.nameUk,
    nameEn: c.nameEn,
    unit: c.unit,
    direction: c.direction,
    frequency: c.frequency,
    definition: c.definition,
    sharing: c.sharing,
  };

  /** One write on `code`; a conflict shows the entry as it stands now, in the form if the form was open. */
  const write = async (code: string, task: () => Promise<string>) => {
    setWorking(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await task());
    } catch (e) {
      if (isConflict(e)) {
        setConfirm(undefined);
        // The server's refusal is what the analyst must see; a failed reload only leaves the list as it was.
        const current = (await props.reload().catch(() => [])).find((x) => x.code === code);
        setEditing((open) => open && current && { base: current, form: formFromEntry(current) });
        setError({ title: c.conflict, message: e.message, hint: c.conflictHint });
      } else {
        setError({ title: c.failed, message: catalogueProblem(e, { labels, invalid: t.compare.invalid, unreachable: t.compare.unreachable }) });
      }
    } finally {
      setWorking(false);
    }
  };

  /** The PUT creates at version 0, replaces at the entry's version, and brings a retired entry back. */
  const put = async (form: CatalogueForm, base: CatalogueEntry | undefined) => {
    const { code, body } = catalogueWrite(form, base?.version ?? 0);
    const entry = await props.client().putCatalogueEntry(associationId, code, body);
    props.onChanged(entry);
    return entry;
  };

  const save = (open: Editing) =>
    write(open.form.code.trim(), async () => {
      const entry = await put(open.form, open.base);
      setEditing(undefined);
      return open.base ? c.saved(entry.code, entry.version) : c.created(entry.code);
    });
  const reactivate = (entry: CatalogueEntry) =>
    write(entry.code, async () => {
      await put(formFromEntry(entry), entry);
      return c.reactivated(entry.code);
    });
  const retire = (entry: CatalogueEntry) =>
    write(entry.code, async () => {
      props.onChanged(await props.client().retireCatalogueEntry(associationId, entry.code, entry.version));
      setConfirm(undefined);
      return c.retiredDone(entry.code);
    });

  const set = <K extends keyof CatalogueForm>(key: K, value: CatalogueForm[K]) => setEditing((open) => open && { ...open, form: { ...open.form, [key]: value } });
  const text = (key: "nameUk" | "nameEn" | "unit") =>
    editing && (
      <Field label={labels[key]} className={styles.grow}>
        <Input value={editing.form[key]} onChange={(_, d) => set(key, d.value)} aria-label={labels[key]} />
      </Field>
    );

  return (
    <div className={styles.box} data-testid="curate">
      <Text size={200}>{c.intro}</Text>
      {!props.editable && <Text size={200}>{c.readOnly}</Text>}
      {props.entries?.length === 0 && <Text>{c.empty}</Text>}
      <ul className={styles.list}>
        {props.entries?.map((e) => (
          <li key={e.code} className={styles.item} data-testid={`curate-entry-${e.code}`} title={e.definition || undefined}>
            <span className={`${styles.itemText} ${e.status === "retired" ? styles.retired : ""}`}>
              <Text weight="semibold">{e.code}</Text> {entryName(e, language)}
              <span className={styles.detail}>
                {" "}
                · {e.unit} · {DIRECTION_LABELS[e.direction][language]} · {FREQUENCY_LABELS[e.frequency][language]} · {c.sharings[e.sharing].label} ·{" "}
                {c.status[e.status]}
              </span>
            </span>
            {props.editable && (
              <>
                <Button size="small" onClick={() => setEditing({ base: e, form: formFromEntry(e) })} disabled={busy} aria-label={`${c.edit} ${e.code}`}>
                  {c.edit}
                </Button>
                {e.status === "active" ? (
                  <Button size="small" onClick={() => setConfirm(e)} disabled={busy} aria-label={`${c.retire} ${e.code}`}>
                    {c.retire}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => reactivate(e)} disabled={busy} aria-label={`${c.reactivate} ${e.code}`}>
                    {c.reactivate}
                  </Button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {props.editable && !editing && (
        <Button onClick={() => setEditing({ form: emptyCatalogueForm() })} disabled={busy} style={{ alignSelf: "flex-start" }}>
          {c.add}
        </Button>
      )}
      {confirm && (
        <MessageBar intent="warning" layout="multiline" data-testid="curate-confirm">
          <MessageBarBody>{c.confirmRetire(confirm.code)}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => retire(confirm)} disabled={busy}>
              {c.retire}
            </Button>
            <Button onClick={() => setConfirm(undefined)}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {editing && (
        <div className={`${styles.box} ${styles.form}`} role="group" aria-label={editing.base ? c.editTitle(editing.base.code) : c.newTitle}>
          <Text weight="semibold">{editing.base ? c.editTitle(editing.base.code) : c.newTitle}</Text>
          <Field label={c.code} hint={editing.base ? undefined : c.codeHint}>
            <Input value={editing.form.code} onChange={(_, d) => set("code", d.value)} disabled={editing.base !== undefined} aria-label={c.code} />
          </Field>
          <div className={styles.row}>
            {text("nameUk")}
            {text("nameEn")}
          </div>
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
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => save(editing)} disabled={busy}>
              {editing.base ? c.save : c.create}
            </Button>
            <Button onClick={() => setEditing(undefined)}>{t.cancel}</Button>
          </div>
        </div>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="curate-error">
          <MessageBarBody>
            <MessageBarTitle>{error.title}</MessageBarTitle>
            {error.message}
            {error.hint && <Text block>{error.hint}</Text>}
          </MessageBarBody>
        </MessageBar>
      )}
      {done && (
        <MessageBar intent="success" data-testid="curate-done">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
