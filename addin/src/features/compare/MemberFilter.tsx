import { Dropdown, Field, Input, Option, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { COMMUNITY_KIND_LABELS } from "../../../../shared/i18n/labels.ts";
import { COMMUNITY_KINDS, type CommunityKind, type Language } from "../../../../shared/model/plan.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import { splitRegions } from "../../sections/compare-form.ts";
import type { Strings } from "../../strings.ts";
import type { Reports } from "./useReports.ts";

/** Which members a report covers: regions (typed, or picked from the last report's), kinds, population. */
export function MemberFilter(props: { reports: Reports; language: Language; t: Strings }) {
  const { reports, language } = props;
  const { form, set } = reports;
  const c = props.t.compare;
  const styles = useSectionStyles();
  const regionsKnown = useMemo(
    () => [...new Set(reports.members.flatMap((m) => (m.region ? [m.region] : [])))].sort((a, b) => a.localeCompare(b, language)),
    [reports.members, language],
  );
  const regionsTyped = splitRegions(form.regions);
  return (
    <fieldset className={styles.box} style={{ border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: 4, minWidth: 0 }}>
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
}
