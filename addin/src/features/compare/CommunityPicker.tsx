import { Checkbox, Input, Text, makeStyles } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Member } from "../../../../shared/api/compare.ts";
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

type Named = Pick<Member, "name" | "territoryCode">;

/** Whether what the analyst typed (trimmed, lower-cased in the pane's language) finds a member: by name or by official territory code. */
export const findsMember = (m: Named, typed: string, language: Language): boolean =>
  m.name.toLocaleLowerCase(language).includes(typed) || (m.territoryCode?.toLowerCase().includes(typed) ?? false);

/** A member as a list names it: its territory code after the name, where it has one, to tell namesakes apart. */
export const memberLabel = (m: Named): string => (m.territoryCode ? `${m.name} · ${m.territoryCode}` : m.name);

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
    return members.filter((m) => !picked.has(m.communityId) && (!q || findsMember(m, q, language))).slice(0, SHOWN_MATCHES);
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
                label={memberLabel(m)}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
