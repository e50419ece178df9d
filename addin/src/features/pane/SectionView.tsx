import { Select, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { CompareSection } from "../../sections/CompareSection.tsx";
import { MonitoringSection } from "../../sections/MonitoringSection.tsx";
import { GoalsSection, IndicatorsSection, RisksSection, SwotSection } from "../../sections/items.tsx";
import { type LinkedSectionProps, SyncSection } from "../../sections/SyncSection.tsx";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { CheckSection } from "../check/CheckSection.tsx";
import { PlanView } from "../plan/PlanView.tsx";
import { useSetProblems } from "../plan/usePlanActions.ts";
import type { Section } from "./sections.ts";

/** The open section. Sync, Compare and Monitoring still take their action runner as a prop (`act`). */
export function SectionView(props: { section: Section; language: Language; t: Strings }) {
  const { section, language, t } = props;
  const services = usePaneServices();
  const { store, session, sync, excel } = services;
  const loaded = usePane((s) => s.loaded);
  const workbook = usePane((s) => s.workbook);
  const [goalLevel, setGoalLevel] = useState<"priorities" | "goals" | "tasks">("priorities");
  const setProblems = useSetProblems();
  const legacy = useAction(section);
  const doc = workbook?.doc;
  if (!loaded) return null;
  const linkedProps: LinkedSectionProps = {
    sync,
    link: workbook?.sync,
    doc,
    language,
    t,
    busy: legacy.busy,
    act: async (work) => {
      await legacy.run(work);
    },
    onDocChanged: () => store.update((s) => ({ ...s, workbook: session.state })),
    onProblems: setProblems,
  };
  const sectionProps = doc && { doc, language, t };
  return (
    <>
      {(section === "sync" || section === "compare" || section === "monitoring") && <ActionResult id={section} t={t} language={language} />}
      {section === "plan" && <PlanView doc={doc} language={language} t={t} />}
      {sectionProps && section === "swot" && <SwotSection {...sectionProps} />}
      {sectionProps && section === "goals" && (
        <>
          <Select value={goalLevel} onChange={(_, d) => setGoalLevel(d.value as typeof goalLevel)} aria-label={t.level}>
            <option value="priorities">{t.priority}</option>
            <option value="goals">{t.goal}</option>
            <option value="tasks">{t.task}</option>
          </Select>
          <GoalsSection {...sectionProps} level={goalLevel} />
        </>
      )}
      {sectionProps && section === "risks" && <RisksSection {...sectionProps} />}
      {sectionProps && section === "indicators" && <IndicatorsSection {...sectionProps} sync={sync} />}
      {section === "sync" && <SyncSection {...linkedProps} defaultServer={services.defaultServer} />}
      {section === "compare" && (
        <CompareSection sync={sync} run={excel.run} language={language} t={t} busy={legacy.busy} act={linkedProps.act} defaultServer={services.defaultServer} />
      )}
      {section === "monitoring" && <MonitoringSection {...linkedProps} session={session} run={excel.run} onMonitorYears={(years) => services.around.protectFor(years)} />}
      {sectionProps && section === "check" && <CheckSection language={language} t={t} />}
      {!sectionProps && section !== "plan" && section !== "sync" && section !== "compare" && section !== "monitoring" && <Text>{t.noPlan}</Text>}
    </>
  );
}
