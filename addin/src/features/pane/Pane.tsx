import { Spinner, Toaster, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useEffectEvent, useState } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import { ProblemList } from "../../components/ProblemList.tsx";
import { useRibbonSection } from "../../ribbon.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { anyBusy } from "../../state/store.ts";
import { useAction } from "../../state/useAction.ts";
import { strings } from "../../strings.ts";
import { FirstRunGuide } from "../help/Guide.tsx";
import { useOpenWorkbook } from "../plan/usePlanActions.ts";
import { useWhoAmI } from "../sync/useConnection.ts";
import { PaneHeader } from "./PaneHeader.tsx";
import { SectionNav } from "./SectionNav.tsx";
import { SectionView } from "./SectionView.tsx";
import type { Section } from "./sections.ts";
import { PANE_TOASTER } from "./toaster.ts";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, maxWidth: "640px" },
});

/** The pane: a header, the sheets' problems, the sections' navigation and the open section. */
export function Pane(props: { initialLanguage: Language; initialSection: Section }) {
  const styles = useStyles();
  const [language, setLanguage] = useState<Language>(props.initialLanguage);
  const [section, setSection] = useState<Section>(props.initialSection);
  useRibbonSection(setSection);
  useOpenWorkbook();
  useKnowTheRole();
  const { session } = usePaneServices();
  const t = strings(language);
  const busy = usePane(anyBusy);
  const problems = usePane((s) => s.problems);
  const goTo = useAction("go-to-cell", { keepOthers: true });
  return (
    <main className={styles.root}>
      <PaneHeader language={language} onLanguage={setLanguage} t={t} />
      <FirstRunGuide t={t} />
      {busy && <Spinner size="tiny" label={t.working} />}
      <ProblemList
        title={t.problemsTitle(problems.length)}
        hint={t.problemsHint}
        problems={problems}
        language={language}
        onSelect={(p) => goTo.run(() => session.select(p))}
        testId="problems"
      />
      <SectionNav section={section} onSection={setSection} t={t} />
      <SectionView section={section} language={language} t={t} />
      <Toaster toasterId={PANE_TOASTER} position="bottom" />
    </main>
  );
}


/**
 * Asks the server who the workbook's connection is, once it is known and whoever opened the pane: the
 * navigation and the plan's editors follow the role from the start, not once Sync has been opened.
 */
function useKnowTheRole(): void {
  const server = usePane((s) => s.server);
  const known = usePane((s) => !!s.me);
  const { whoAmI } = useWhoAmI("me");
  const ask = useEffectEvent(() => {
    if (!known) void whoAmI();
  });
  useEffect(() => {
    if (server) ask();
  }, [server]);
}
