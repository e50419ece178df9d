import { Button, Checkbox, Field, Input, Radio, RadioGroup, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { MAX_COMPARED_CODES, type Member } from "../../../../shared/api/compare.ts";
import { type ChartKind, entryName } from "../../../../shared/layout/comparison.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";
import { CommunityPicker, findsMember, useListStyles } from "./CommunityPicker.tsx";
import { MemberFilter } from "./MemberFilter.tsx";
import { ReportResult } from "./ReportResult.tsx";
import type { Reports } from "./useReports.ts";

const toggle = <T,>(list: readonly T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

/** The comparison: indicators, years, members, per capita, chart; built, or refreshed as it was built. */
export function ComparisonTab(props: { reports: Reports; language: Language; t: Strings }) {
  const { reports, language, t } = props;
  const { form, set, entries, kept } = reports;
  const c = t.compare;
  const styles = { ...useSectionStyles(), ...useListStyles() };
  return (
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
      <MemberFilter reports={reports} language={language} t={t} />
      <Switch checked={form.perCapita} onChange={(_, d) => set("perCapita", d.checked)} label={c.perCapita} />
      <Field label={c.chart}>
        <RadioGroup value={form.chart} onChange={(_, d) => set("chart", d.value as ChartKind)} aria-label={c.chart}>
          <Radio value="line" label={c.chartLine} />
          <Radio value="bar" label={c.chartBar} />
        </RadioGroup>
      </Field>
      {form.chart === "line" && <CommunityPicker reports={reports} language={language} t={t} />}
      <div className={styles.row}>
        <Button appearance="primary" onClick={reports.buildComparison} disabled={reports.busy || !reports.association || form.codes.length === 0}>
          {c.build}
        </Button>
        <Button onClick={() => kept.comparison && reports.refresh(kept.comparison)} disabled={reports.busy || !kept.comparison}>
          {c.refresh}
        </Button>
      </div>
      <ReportResult reports={reports} language={language} t={t} />
      {kept.comparison && <Text size={200}>{c.kept(kept.comparison.sheet.name)}</Text>}
      <TerritoryCodes members={reports.members} language={language} t={t} />
    </div>
  );
}

const useCodeStyles = makeStyles({
  plain: { listStyleType: "none", margin: 0, padding: 0 },
  code: { color: tokens.colorNeutralForeground3 },
});

/** Members listed at once under their codes: the analyst narrows them by typing. */
const SHOWN_CODES = 20;

/**
 * The last report's members with their official territory codes (what national statistics and members'
 * workbooks name a member by): how many have one, how many not yet, and each code under its member's
 * name, found by name or by code.
 */
export function TerritoryCodes(props: { members: readonly Member[]; language: Language; t: Strings }) {
  const { members, language } = props;
  const s = props.t.territory;
  const styles = { ...useSectionStyles(), ...useListStyles(), ...useCodeStyles() };
  const [search, setSearch] = useState("");
  const matches = useMemo(() => {
    const q = search.trim().toLocaleLowerCase(language);
    return q ? members.filter((m) => findsMember(m, q, language)) : members;
  }, [members, search, language]);
  if (members.length === 0) return null;
  const without = members.filter((m) => !m.territoryCode).length;
  return (
    <div className={styles.box} role="group" aria-label={s.title} data-testid="territory-codes">
      <Text weight="semibold">{s.title}</Text>
      <Text size={200}>{s.summary(members.length - without, members.length)}</Text>
      {without > 0 && <Text size={200}>{s.without(without)}</Text>}
      <Input value={search} onChange={(_, d) => setSearch(d.value)} aria-label={s.find} placeholder={s.find} />
      <ul className={`${styles.list} ${styles.plain}`}>
        {matches.slice(0, SHOWN_CODES).map((m) => (
          <li key={m.communityId}>
            <Text block>{m.name}</Text>
            <Text block size={200} font={m.territoryCode ? "monospace" : "base"} className={styles.code}>
              {m.territoryCode ?? s.none}
            </Text>
          </li>
        ))}
      </ul>
      {matches.length > SHOWN_CODES && <Text size={200}>{s.more(matches.length - SHOWN_CODES)}</Text>}
    </div>
  );
}
