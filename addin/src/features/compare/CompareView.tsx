import { Field, Select, Tab, TabList, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { InvitePanel } from "../invite/InvitePanel.tsx";
import { ConnectForm } from "../sync/ConnectForm.tsx";
import { CatalogueEditor } from "./CatalogueEditor.tsx";
import { mayEditCatalogue, withEntry } from "./catalogue-form.ts";
import { ComparisonTab } from "./ComparisonTab.tsx";
import { CompletenessTab } from "./CompletenessTab.tsx";
import { ImportTab } from "./ImportTab.tsx";
import { LongExport } from "./LongExport.tsx";
import { useReports } from "./useReports.ts";

/** The Compare section: connect as the association's analyst, pick the association, then a report or its catalogue. */
export function CompareView(props: { language: Language; t: Strings }) {
  const { t, language } = props;
  const c = t.compare;
  const styles = useSectionStyles();
  const { sync, defaultServer } = usePaneServices();
  const reports = useReports(language, t);
  const server = usePane((s) => s.server);
  const { me } = reports;
  const [tab, setTab] = useState<"comparison" | "completeness" | "catalogue" | "invite" | "import">("comparison");
  return (
    <div className={styles.box} data-testid="compare">
      <Text block>{c.intro}</Text>
      <ActionResult id="compare" t={t} language={language} />
      {!me && (
        <>
          <Text block size={200}>
            {c.connectHint}
          </Text>
          <ConnectForm initialServer={server ?? defaultServer} language={language} t={t} />
        </>
      )}
      {me && <Text data-testid="compare-connected">{t.sync.connectedAs(me.user.name)}</Text>}
      {me && me.associations.length === 0 && <Text>{c.noAssociations}</Text>}
      {me && me.associations.length > 0 && (
        <>
          <Field label={c.association}>
            <Select className={styles.fit} value={reports.associationId} onChange={(_, d) => reports.setAssociationId(d.value)} aria-label={c.association}>
              {me.associations.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({c.members(a.memberCount)})
                </option>
              ))}
            </Select>
          </Field>
          <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} size="small" style={{ flexWrap: "wrap" }}>
            <Tab value="comparison" data-testid="compare-tab-comparison">
              {c.comparison}
            </Tab>
            <Tab value="completeness" data-testid="compare-tab-completeness">
              {c.completeness}
            </Tab>
            <Tab value="catalogue" data-testid="compare-tab-catalogue">
              {t.curate.tab}
            </Tab>
            {mayEditCatalogue(me, reports.associationId) && (
              <Tab value="invite" data-testid="compare-tab-invite">
                {t.invite.tab}
              </Tab>
            )}
            {mayEditCatalogue(me, reports.associationId) && (
              <Tab value="import" data-testid="compare-tab-import">
                {t.importWorkbooks.tab}
              </Tab>
            )}
          </TabList>
          {tab === "comparison" && <ComparisonTab reports={reports} language={language} t={t} />}
          {tab === "comparison" && <LongExport reports={reports} language={language} t={t} />}
          {tab === "completeness" && <CompletenessTab reports={reports} language={language} t={t} />}
          {tab === "invite" && mayEditCatalogue(me, reports.associationId) && (
            <InvitePanel associationId={reports.associationId} language={language} t={t} />
          )}
          {tab === "import" && mayEditCatalogue(me, reports.associationId) && (
            <ImportTab key={reports.associationId} associationId={reports.associationId} language={language} t={t} />
          )}
          {tab === "catalogue" && (
            <CatalogueEditor
              // A form open on one association's entry must not follow the analyst to another association.
              key={reports.associationId}
              t={t}
              language={language}
              busy={reports.busy}
              editable={mayEditCatalogue(me, reports.associationId)}
              associationId={reports.associationId}
              entries={reports.entries}
              client={() => sync.client()}
              onChanged={(entry) => reports.setEntries((list) => list && withEntry(list, entry))}
              reload={reports.loadCatalogue}
            />
          )}
        </>
      )}
    </div>
  );
}
