import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { CatalogueEntry } from "../../../../shared/api/catalogue.ts";
import type { IndicatorTarget, PlanDocument } from "../../../../shared/model/plan.ts";
import { catalogueChoices, catalogueName } from "../../../../shared/sync/catalogue.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalM },
  list: { listStyle: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", gap: "2px" },
  item: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS, padding: "2px 4px" },
  itemText: { flexGrow: 1, overflowWrap: "anywhere" },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * "Add from the catalogue": the catalogues of the community's associations (read when opened, over the
 * network), one click to add an entry under the chosen goal or priority. Entries in the plan already, and
 * retired ones, are shown but cannot be added.
 */
export function CatalogueAdd(props: {
  doc: PlanDocument;
  /** The goals and priorities an indicator may measure, as the Measures field offers them. */
  targets: { value: string; label: string }[];
  t: Strings;
  busy: boolean;
  load: () => Promise<CatalogueEntry[]>;
  onAdd: (entry: CatalogueEntry, measures: IndicatorTarget | undefined) => Promise<void>;
}) {
  const { t } = props;
  const c = t.catalogue;
  const styles = { ...useSectionStyles(), ...useStyles() };
  const [entries, setEntries] = useState<CatalogueEntry[]>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [measures, setMeasures] = useState(props.targets[0]?.value ?? "");

  const open = async () => {
    setLoading(true);
    setError(undefined);
    try {
      setEntries(await props.load());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  const language = props.doc.plan.language;

  return (
    <div className={styles.box} data-testid="catalogue-add">
      {!entries && (
        <Button onClick={open} disabled={props.busy || loading} style={{ alignSelf: "flex-start" }}>
          {c.open}
        </Button>
      )}
      {loading && <Spinner size="tiny" />}
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="catalogue-error">
          <MessageBarBody>
            <MessageBarTitle>{c.loadFailed}</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      {entries && (
        <>
          <Text>{c.intro}</Text>
          <Field label={t.measures}>
            <Select className={styles.fit} value={measures} onChange={(_, d) => setMeasures(d.value)} aria-label={t.measures}>
              <option value="">{t.none}</option>
              {props.targets.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          {entries.length === 0 && <Text>{c.empty}</Text>}
          <ul className={styles.list}>
            {catalogueChoices(props.doc, entries).map(({ entry, state }) => (
              <li key={entry.code} className={styles.item} title={entry.definition || undefined}>
                <span className={styles.itemText}>
                  <Text weight="semibold">{entry.code}</Text> {catalogueName(entry, language)}
                  <span className={styles.detail}> · {entry.unit}</span>
                </span>
                {state === "addable" ? (
                  <Button size="small" onClick={() => props.onAdd(entry, measures ? (JSON.parse(measures) as IndicatorTarget) : undefined)} disabled={props.busy}>
                    {t.add}
                  </Button>
                ) : (
                  <Text size={200}>{c[state]}</Text>
                )}
              </li>
            ))}
          </ul>
          <Button onClick={() => setEntries(undefined)} style={{ alignSelf: "flex-start" }}>
            {t.cancel}
          </Button>
        </>
      )}
    </div>
  );
}
