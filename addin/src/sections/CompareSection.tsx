import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useEffectEvent, useMemo, useState } from "react";
import type { MeResponse } from "../../../shared/api/access.ts";
import type { CatalogueEntry } from "../../../shared/api/catalogue.ts";
import { ApiError, tokenFromCredential, Unreachable } from "../../../shared/api/client.ts";
import { MAX_COMPARED_CODES, type Member } from "../../../shared/api/compare.ts";
import { COMMUNITY_KIND_LABELS } from "../../../shared/i18n/labels.ts";
import { sheetNameProblem } from "../../../shared/layout/cells.ts";
import { type ChartKind, MAX_CHART_COMMUNITIES, entryName } from "../../../shared/layout/comparison.ts";
import { COMMUNITY_KINDS, type CommunityKind, type Language } from "../../../shared/model/plan.ts";
import type { ExcelRun } from "../../excel/host.ts";
import { type ComparisonReport, type CompletenessReport, type ReportQuery, type ReportRecord, loadReports } from "../../excel/reports-state.ts";
import { ReportNameTaken, type ReportWritten, writeComparison, writeCompleteness } from "../../excel/reports.ts";
import { ReleaseControl } from "../components/ReleaseControl.tsx";
import { useSectionStyles } from "../components/section-styles.ts";
import type { Strings } from "../strings.ts";
import type { SyncController } from "../sync.ts";
import { CatalogueEditor } from "./CatalogueEditor.tsx";
import { mayEditCatalogue, sortEntries, withEntry } from "./catalogue-form.ts";
import { type CompareForm, FormError, comparisonParams, completenessParams, defaultForm, formFromReports, splitRegions } from "./compare-form.ts";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", maxHeight: "220px", overflowY: "auto" },
});

/** Matches shown at once when picking communities: the analyst narrows them by typing. */
const SHOWN_MATCHES = 20;

/** The reports this workbook has built, as loadReports gives them. */
type KeptReports = Awaited<ReturnType<typeof loadReports>>;

/**
 * The association analyst's reports: a comparison sheet with its chart and a completeness sheet,
 * built in this workbook from the store and refreshed in place. Data is fetched before any Excel.run.
 */
export function CompareSection(props: {
  sync: SyncController;
  run: ExcelRun;
  language: Language;
  t: Strings;
  busy: boolean;
  act: (work: () => Promise<void>) => Promise<void>;
  defaultServer: string;
}) {
  const { t, sync, run, language } = props;
  const c = t.compare;
  const styles = { ...useSectionStyles(), ...useStyles() };
  const [server, setServer] = useState(() => sync.connection()?.server ?? props.defaultServer);
  const [token, setToken] = useState("");
  const [me, setMe] = useState<MeResponse>();
  const [kept, setKept] = useState<KeptReports>({});
  const [associationId, setAssociationId] = useState("");
  const [entries, setEntries] = useState<CatalogueEntry[]>();
  const [form, setForm] = useState<CompareForm>(defaultForm);
  const [tab, setTab] = useState<"comparison" | "completeness" | "catalogue">("comparison");
  const [members, setMembers] = useState<Member[]>([]);
  const [search, setSearch] = useState("");
  const [done, setDone] = useState<string>();
  const [taken, setTaken] = useState<{ name: string; retry: (name: string) => Promise<void> }>();
  const [newName, setNewName] = useState("");

  const fieldLabels: Record<string, string> = {
    codes: c.indicators,
    from: c.from,
    to: c.to,
    regions: c.regions,
    kinds: c.kinds,
    minPopulation: c.minPopulation,
    maxPopulation: c.maxPopulation,
    perCapita: c.perCapita,
    year: c.year,
  };
  /** What went wrong, in the pane's words where the pane has them, the field named by its label. */
  const explain = (e: unknown): unknown => {
    if ((e instanceof FormError || e instanceof ApiError) && e.field) return new Error(c.invalid(fieldLabels[e.field] ?? e.field, e.message));
    if (e instanceof Unreachable) return new Error(c.unreachable);
    return e;
  };
  const work = (task: () => Promise<void>) =>
    props.act(async () => {
      setDone(undefined);
      try {
        await task();
      } catch (e) {
        throw explain(e);
      }
    });

  // Once, when the section opens: the reports this workbook has built, and who a kept connection is.
  const open = useEffectEvent(() => {
    void work(async () => {
      const reports = await loadReports(run);
      setKept(reports);
      setForm(formFromReports(reports));
      setAssociationId(reports.comparison?.associationId ?? reports.completeness?.associationId ?? "");
      // A workbook connected before (by its plan, or kept for a workbook with no plan) needs no new token.
      if (sync.connection()) setMe(await sync.me());
    });
  });
  useEffect(() => open(), []);

  useEffect(() => {
    if (me && !me.associations.some((a) => a.id === associationId)) setAssociationId(me.associations[0]?.id ?? "");
  }, [me, associationId]);

  // One list for the Comparison tab and the Catalogue tab, so a change in the catalogue is offered at once.
  const loadCatalogue = async () => {
    const list = sortEntries((await sync.client().catalogue(associationId)).entries);
    setEntries(list);
    return list;
  };

  // The catalogue of the association chosen, read again when the association or the connection changes.
  const reloadCatalogue = useEffectEvent(() => {
    setEntries(undefined);
    void work(async () => {
      await loadCatalogue();
    });
  });
  useEffect(() => {
    if (me && associationId) reloadCatalogue();
  }, [me, associationId]);

  const association = me?.associations.find((a) => a.id === associationId);
  const set = <K extends keyof CompareForm>(key: K, value: CompareForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const regionsKnown = useMemo(() => [...new Set(members.flatMap((m) => (m.region ? [m.region] : [])))].sort((a, b) => a.localeCompare(b, language)), [members, language]);
  const regionsTyped = splitRegions(form.regions);
  const matches = useMemo(() => {
    const q = search.trim().toLocaleLowerCase(language);
    const picked = new Set(form.communities.map((p) => p.id));
    return members.filter((m) => !picked.has(m.communityId) && (!q || m.name.toLocaleLowerCase(language).includes(q))).slice(0, SHOWN_MATCHES);
  }, [members, search, form.communities, language]);

  /** Writes a fetched report; a taken sheet name asks for another and writes the same data then. */
  const deliver = async <R extends ReportRecord>(write: (name?: string) => Promise<ReportWritten<R>>, message: (record: R) => string) => {
    const attempt = async (name?: string) => {
      try {
        const { record } = await write(name);
        setTaken(undefined);
        setKept((k) => ({ ...k, [record.kind]: record }));
        setDone(message(record));
      } catch (e) {
        if (!(e instanceof ReportNameTaken)) throw e;
        setNewName(`${e.sheetName} (MuniPlan)`);
        setTaken({ name: e.sheetName, retry: attempt });
      }
    };
    await attempt();
  };

  // The store first, outside any Excel.run; then the sheet.
  const comparison = async (query: ReportQuery<ComparisonReport>, known?: ComparisonReport["sheet"]) => {
    const response = await sync.client().comparison(query.associationId, query.params);
    setMembers(response.members);
    await deliver(
      (name) => writeComparison(run, response, query, known, name),
      (r) => c.built(r.sheet.name, response.members.length, response.indicators.length),
    );
  };

  const completeness = async (query: ReportQuery<CompletenessReport>, known?: CompletenessReport["sheet"]) => {
    const response = await sync.client().completeness(query.associationId, query.params);
    setMembers(response.rows);
    await deliver(
      (name) => writeCompleteness(run, response, query, known, name),
      (r) => c.builtCompleteness(r.sheet.name, response.rows.length),
    );
  };

  const asked = { associationId, associationName: association?.name ?? "", language };
  const buildComparison = () =>
    work(() =>
      comparison({ kind: "comparison", ...asked, params: comparisonParams(form), chart: { kind: form.chart, communities: form.communities } }, kept.comparison?.sheet),
    );
  const buildCompleteness = () => work(() => completeness({ kind: "completeness", ...asked, params: completenessParams(form) }, kept.completeness?.sheet));
  // Refresh asks again exactly what the report was built with, whatever the form says now.
  const refresh = (report: ReportRecord) =>
    work(() => {
      const { sheet, ...query } = report;
      return query.kind === "comparison" ? comparison(query, sheet) : completeness(query, sheet);
    });

  const toggle = <T,>(list: readonly T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

  const memberFilter = (
    <fieldset className={styles.box} style={{ border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: 4 }}>
      <legend>{c.filter}</legend>
      <div className={styles.row}>
        <Field label={c.regions} className={styles.grow}>
          <Input value={form.regions} onChange={(_, d) => set("regions", d.value)} aria-label={c.regions} />
        </Field>
        {regionsKnown.length > 0 && (
          <Field label={c.regionsFromLast} className={styles.grow}>
            <Dropdown
              multiselect
              aria-label={c.regionsFromLast}
              value={regionsTyped.filter((r) => regionsKnown.includes(r)).join(", ")}
              selectedOptions={regionsTyped}
              onOptionSelect={(_, d) => set("regions", d.selectedOptions.join(", "))}
            >
              {regionsKnown.map((r) => (
                <Option key={r} value={r}>
                  {r}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
      </div>
      <Field label={c.kinds}>
        <Dropdown
          multiselect
          aria-label={c.kinds}
          value={form.kinds.map((k) => COMMUNITY_KIND_LABELS[k][language]).join(", ")}
          selectedOptions={form.kinds}
          onOptionSelect={(_, d) => set("kinds", d.selectedOptions as CommunityKind[])}
        >
          {COMMUNITY_KINDS.map((k) => (
            <Option key={k} value={k}>
              {COMMUNITY_KIND_LABELS[k][language]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Field label={c.minPopulation} className={styles.grow}>
          <Input type="number" min={0} value={form.minPopulation} onChange={(_, d) => set("minPopulation", d.value)} aria-label={c.minPopulation} />
        </Field>
        <Field label={c.maxPopulation} className={styles.grow}>
          <Input type="number" min={0} value={form.maxPopulation} onChange={(_, d) => set("maxPopulation", d.value)} aria-label={c.maxPopulation} />
        </Field>
      </div>
    </fieldset>
  );

  return (
    <div className={styles.box} data-testid="compare">
      <Text block>{c.intro}</Text>
      {!me && (
        <>
          <Text block size={200}>
            {c.connectHint}
          </Text>
          <div className={styles.row}>
            <Field label={t.sync.server} className={styles.grow}>
              <Input value={server} onChange={(_, d) => setServer(d.value)} aria-label={t.sync.server} />
            </Field>
            <Field label={t.sync.credential} hint={t.sync.credentialHint} className={styles.grow}>
              <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} aria-label={t.sync.credential} />
            </Field>
            <Button
              onClick={() =>
                work(async () => {
                  setMe(await sync.connect(server, await tokenFromCredential({ baseUrl: server }, token)));
                  setToken("");
                })
              }
              disabled={props.busy || !server || !token.trim()}
            >
              {t.sync.connect}
            </Button>
          </div>
        </>
      )}
      {me && <Text data-testid="compare-connected">{t.sync.connectedAs(me.user.name)}</Text>}
      {me && me.associations.length === 0 && <Text>{c.noAssociations}</Text>}
      {me && me.associations.length > 0 && (
        <>
          <Field label={c.association}>
            <Select value={associationId} onChange={(_, d) => setAssociationId(d.value)} aria-label={c.association}>
              {me.associations.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({c.members(a.memberCount)})
                </option>
              ))}
            </Select>
          </Field>
          <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} size="small">
            <Tab value="comparison" data-testid="compare-tab-comparison">
              {c.comparison}
            </Tab>
            <Tab value="completeness" data-testid="compare-tab-completeness">
              {c.completeness}
            </Tab>
            <Tab value="catalogue" data-testid="compare-tab-catalogue">
              {t.curate.tab}
            </Tab>
          </TabList>
          {tab === "comparison" && (
            <div className={styles.box}>
              <Field label={c.indicators}>
                {entries && entries.length === 0 && <Text>{c.noEntries}</Text>}
                <div className={styles.list} role="group" aria-label={c.indicators}>
                  {entries?.map((e) => {
                    const on = form.codes.includes(e.code);
                    return (
                      <Checkbox
                        key={e.code}
                        checked={on}
                        disabled={!on && form.codes.length >= MAX_COMPARED_CODES}
                        onChange={(_, d) => set("codes", toggle(form.codes, e.code, d.checked === true))}
                        label={`${e.code} — ${entryName(e, language)} (${e.unit})${e.status === "retired" ? ` — ${c.retired}` : ""}`}
                      />
                    );
                  })}
                </div>
              </Field>
              <div className={styles.row}>
                <Field label={c.from} className={styles.grow}>
                  <Input type="number" value={form.from} onChange={(_, d) => set("from", d.value)} aria-label={c.from} />
                </Field>
                <Field label={c.to} className={styles.grow}>
                  <Input type="number" value={form.to} onChange={(_, d) => set("to", d.value)} aria-label={c.to} />
                </Field>
              </div>
              {memberFilter}
              <Switch checked={form.perCapita} onChange={(_, d) => set("perCapita", d.checked)} label={c.perCapita} />
              <Field label={c.chart}>
                <RadioGroup value={form.chart} onChange={(_, d) => set("chart", d.value as ChartKind)} aria-label={c.chart}>
                  <Radio value="line" label={c.chartLine} />
                  <Radio value="bar" label={c.chartBar} />
                </RadioGroup>
              </Field>
              {form.chart === "line" && (
                <div className={styles.box} role="group" aria-label={c.communities}>
                  <Text weight="semibold">{c.communities}</Text>
                  {members.length === 0 && <Text size={200}>{c.communitiesHint}</Text>}
                  {form.communities.map((p) => (
                    <Checkbox key={p.id} checked onChange={() => set("communities", form.communities.filter((x) => x.id !== p.id))} label={p.name} />
                  ))}
                  {members.length > 0 && (
                    <>
                      <Input value={search} onChange={(_, d) => setSearch(d.value)} aria-label={c.findCommunity} placeholder={c.findCommunity} />
                      <div className={styles.list}>
                        {matches.map((m) => (
                          <Checkbox
                            key={m.communityId}
                            checked={false}
                            disabled={form.communities.length >= MAX_CHART_COMMUNITIES}
                            onChange={() => set("communities", [...form.communities, { id: m.communityId, name: m.name }])}
                            label={m.name}
                          />
                        ))}
                      </div>
                    </>
                  )}
                </div>
              )}
              <div className={styles.row}>
                <Button appearance="primary" onClick={buildComparison} disabled={props.busy || !association || form.codes.length === 0}>
                  {c.build}
                </Button>
                <Button onClick={() => kept.comparison && refresh(kept.comparison)} disabled={props.busy || !kept.comparison}>
                  {c.refresh}
                </Button>
              </div>
              {kept.comparison && <Text size={200}>{c.kept(kept.comparison.sheet.name)}</Text>}
            </div>
          )}
          {tab === "completeness" && (
            <div className={styles.box}>
              <Field label={c.year}>
                <Input type="number" value={form.year} onChange={(_, d) => set("year", d.value)} aria-label={c.year} />
              </Field>
              {memberFilter}
              <div className={styles.row}>
                <Button appearance="primary" onClick={buildCompleteness} disabled={props.busy || !association}>
                  {c.buildCompleteness}
                </Button>
                <Button onClick={() => kept.completeness && refresh(kept.completeness)} disabled={props.busy || !kept.completeness}>
                  {c.refreshCompleteness}
                </Button>
              </div>
              {kept.completeness && <Text size={200}>{c.kept(kept.completeness.sheet.name)}</Text>}
              {mayEditCatalogue(me, associationId) && (
                <ReleaseControl client={() => sync.client()} associationId={associationId} year={form.year} language={language} t={t} busy={props.busy} act={work} />
              )}
            </div>
          )}
          {tab === "catalogue" && (
            <CatalogueEditor
              // A form open on one association's entry must not follow the analyst to another association.
              key={associationId}
              t={t}
              language={language}
              busy={props.busy}
              editable={mayEditCatalogue(me, associationId)}
              associationId={associationId}
              entries={entries}
              client={() => sync.client()}
              onChanged={(entry) => setEntries((list) => list && withEntry(list, entry))}
              reload={loadCatalogue}
            />
          )}
        </>
      )}
      {taken && (
        <MessageBar intent="warning" layout="multiline" data-testid="compare-name-taken">
          <MessageBarBody>
            <MessageBarTitle>{t.nameTakenTitle}</MessageBarTitle>
            {c.nameTaken(taken.name)}
            <Field label={c.sheetName} validationMessage={sheetNameProblem(newName)}>
              <Input value={newName} onChange={(_, d) => setNewName(d.value)} aria-label={c.sheetName} />
            </Field>
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => work(() => taken.retry(newName.trim()))} disabled={props.busy || sheetNameProblem(newName) !== undefined}>
              {c.useName}
            </Button>
            <Button onClick={() => setTaken(undefined)}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {done && (
        <MessageBar intent="success" data-testid="compare-status">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
