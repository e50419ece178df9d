import { Button, Checkbox, Field, Input, Radio, RadioGroup, Switch, Text } from "@fluentui/react-components";
import { MAX_COMPARED_CODES } from "../../../../shared/api/compare.ts";
import { type ChartKind, entryName } from "../../../../shared/layout/comparison.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";
import { CommunityPicker, useListStyles } from "./CommunityPicker.tsx";
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
    </div>
  );
}
