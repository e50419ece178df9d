import { Checkbox, Input, Text, makeStyles } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { MAX_CHART_COMMUNITIES } from "../../../../shared/layout/comparison.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";
import type { Reports } from "./useReports.ts";

export const useListStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", maxHeight: "220px", overflowY: "auto" },
});

/** Matches shown at once when picking communities: the analyst narrows them by typing. */
const SHOWN_MATCHES = 20;

/** The communities drawn on the line chart: those picked, and the last report's members to pick from by name. */
export function CommunityPicker(props: { reports: Reports; language: Language; t: Strings }) {
  const { reports, language } = props;
  const { form, set, members } = reports;
  const c = props.t.compare;
  const styles = { ...useSectionStyles(), ...useListStyles() };
  const [search, setSearch] = useState("");
  const matches = useMemo(() => {
    const q = search.trim().toLocaleLowerCase(language);
    const picked = new Set(form.communities.map((p) => p.id));
    return members.filter((m) => !picked.has(m.communityId) && (!q || m.name.toLocaleLowerCase(language).includes(q))).slice(0, SHOWN_MATCHES);
  }, [members, search, form.communities, language]);
  return (
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
  );
}
