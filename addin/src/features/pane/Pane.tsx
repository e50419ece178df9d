import { Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import { ProblemList } from "../../components/ProblemList.tsx";
import { useRibbonSection } from "../../ribbon.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { anyBusy } from "../../state/store.ts";
import { useAction } from "../../state/useAction.ts";
import { strings } from "../../strings.ts";
import { useOpenWorkbook } from "../plan/usePlanActions.ts";
import { PaneHeader } from "./PaneHeader.tsx";
import { SectionNav } from "./SectionNav.tsx";
import { SectionView } from "./SectionView.tsx";
import type { Section } from "./sections.ts";

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
  const { session } = usePaneServices();
  const t = strings(language);
  const busy = usePane(anyBusy);
  const problems = usePane((s) => s.problems);
  const goTo = useAction("go-to-cell", { keepOthers: true });
  return (
    <main className={styles.root}>
      <PaneHeader language={language} onLanguage={setLanguage} t={t} />
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
    </main>
  );
}

