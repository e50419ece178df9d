import { Button, MessageBar, MessageBarActions, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { CatalogueEntry } from "../../../../shared/api/catalogue.ts";
import type { ApiClient } from "../../../../shared/api/client.ts";
import { DIRECTION_LABELS, FREQUENCY_LABELS } from "../../../../shared/i18n/labels.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { catalogueName } from "../../../../shared/sync/catalogue.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { type CatalogueForm, catalogueWrite, emptyCatalogueForm, formFromEntry, isConflict } from "./catalogue-form.ts";
import { CatalogueEntryForm, type Editing } from "./CatalogueEntryForm.tsx";
import { rulesSummary } from "./QualityRulesFields.tsx";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, padding: "2px 4px" },
  itemText: { flexGrow: 1, overflowWrap: "anywhere" },
  retired: { color: tokens.colorNeutralForeground3 },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

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
  const curate = useAction("curate");
  const busy = props.busy || curate.busy;

  /** One write on `code`; a conflict shows the entry as it stands now, in the form if the form was open. */
  const write = (code: string, task: () => Promise<string>) =>
    curate.run(async () => {
      try {
        return await task();
      } catch (e) {
        if (isConflict(e)) {
          setConfirm(undefined);
          // The server's refusal is what the analyst must see; a failed reload only leaves the list as it was.
          const current = (await props.reload().catch(() => [])).find((x) => x.code === code);
          setEditing((open) => open && current && { base: current, form: formFromEntry(current) });
        }
        throw e;
      }
    });

  /** The PUT creates at version 0, replaces at the entry's version, and brings a retired entry back. */
  const put = async (form: CatalogueForm, base: CatalogueEntry | undefined) => {
    const { code, body } = catalogueWrite(form, base?.version ?? 0, language);
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
  return (
    <div className={styles.box} data-testid="curate">
      <Text size={200}>{c.intro}</Text>
      {!props.editable && <Text size={200}>{c.readOnly}</Text>}
      {props.entries?.length === 0 && <Text>{c.empty}</Text>}
      <ul className={styles.list}>
        {props.entries?.map((e) => (
          <li key={e.code} className={styles.item} data-testid={`curate-entry-${e.code}`} title={e.definition || undefined}>
            <span className={`${styles.itemText} ${e.status === "retired" ? styles.retired : ""}`}>
              <Text weight="semibold">{e.code}</Text> {catalogueName(e, language)}
              <span className={styles.detail}>
                {[e.unit, DIRECTION_LABELS[e.direction][language], FREQUENCY_LABELS[e.frequency][language], c.sharings[e.sharing].label, c.status[e.status], rulesSummary(e, t)]
                  .filter((part) => part !== "")
                  .reduce((line, part) => `${line} · ${part}`, "")}
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
        <CatalogueEntryForm editing={editing} set={set} busy={busy} onSave={() => save(editing)} onCancel={() => setEditing(undefined)} t={t} language={language} />
      )}
      <ActionResult id="curate" t={t} language={language} />
    </div>
  );
}
