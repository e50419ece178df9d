import { MessageBar, MessageBarBody, Select, Spinner, Text } from "@fluentui/react-components";
import { Suspense, lazy, useState } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import { usePane, usePaneServices, usePermissions } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { PlanView } from "../plan/PlanView.tsx";
import { type Section, isItemSection } from "./sections.ts";

// Each section is downloaded when first opened: the first load carries the Plan section only, and a
// role that never opens Compare or Monitoring never downloads them.
const items = () => import("../items/sections.tsx");
const SwotSection = lazy(() => items().then((m) => ({ default: m.SwotSection })));
const GoalsSection = lazy(() => items().then((m) => ({ default: m.GoalsSection })));
const RisksSection = lazy(() => items().then((m) => ({ default: m.RisksSection })));
const IndicatorsSection = lazy(() => items().then((m) => ({ default: m.IndicatorsSection })));
const SyncView = lazy(() => import("../sync/SyncView.tsx").then((m) => ({ default: m.SyncView })));
const CompareView = lazy(() => import("../compare/CompareView.tsx").then((m) => ({ default: m.CompareView })));
const MonitoringView = lazy(() => import("../monitoring/MonitoringView.tsx").then((m) => ({ default: m.MonitoringView })));
const CheckSection = lazy(() => import("../check/CheckSection.tsx").then((m) => ({ default: m.CheckSection })));
const HistoryView = lazy(() => import("../history/HistoryView.tsx").then((m) => ({ default: m.HistoryView })));

/** The open section, once the workbook has been opened. */
export function SectionView(props: { section: Section; language: Language; t: Strings }) {
  const { section, language, t } = props;
  const { sync } = usePaneServices();
  const loaded = usePane((s) => s.loaded);
  const doc = usePane((s) => s.workbook?.doc);
  const [goalLevel, setGoalLevel] = useState<"priorities" | "goals" | "tasks">("priorities");
  const may = usePermissions();
  if (!loaded) return null;
  const sectionProps = doc && { doc, language, t };
  const items = isItemSection(section);
  const needsPlan = items || section === "check";
  // What the role may not do is said once at the top of the section, and again beside each control it closes.
  const notice = (items && sectionProps && may.editPlan) || (section === "compare" && may.compare);
  return (
    <Suspense fallback={<Spinner size="tiny" label={t.working} />}>
      {notice && (
        <MessageBar intent="info" layout="multiline" data-testid="role-notice">
          <MessageBarBody>{t.roles[notice]}</MessageBarBody>
        </MessageBar>
      )}
      {section === "plan" && <PlanView doc={doc} language={language} t={t} />}
      {needsPlan && !sectionProps && <Text>{t.noPlan}</Text>}
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
      {sectionProps && section === "check" && <CheckSection language={language} t={t} />}
      {section === "sync" && <SyncView language={language} t={t} />}
      {section === "monitoring" && <MonitoringView language={language} t={t} />}
      {section === "compare" && !may.compare && <CompareView language={language} t={t} />}
      {section === "history" && <HistoryView language={language} t={t} />}
    </Suspense>
  );
}
