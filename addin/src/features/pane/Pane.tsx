import { Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useEffectEvent, useRef, useState } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import { ProblemList } from "../../components/ProblemList.tsx";
import { useRibbonSection } from "../../ribbon.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { anyBusy } from "../../state/store.ts";
import { useAction } from "../../state/useAction.ts";
import { LANGUAGE_LABELS } from "../../../../shared/i18n/labels.ts";
import { PaneError } from "../../errors.ts";
import { loadStrings } from "../../language.ts";
import type { Strings } from "../../strings.ts";
import { FirstRunGuide } from "../help/Guide.tsx";
import { useOpenWorkbook } from "../plan/usePlanActions.ts";
import { useWhoAmI } from "../sync/useConnection.ts";
import { PaneHeader } from "./PaneHeader.tsx";
import { SectionNav } from "./SectionNav.tsx";
import { SectionView } from "./SectionView.tsx";
import { type Section, isItemSection } from "./sections.ts";

// Toasts offer the undo of a delete, which only the item sections make: Fluent's toasts are downloaded
// with the first item section opened, and stay mounted from then on whichever section is open.
const PaneToaster = lazy(() => import("./PaneToaster.tsx").then((m) => ({ default: m.PaneToaster })));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, maxWidth: "640px" },
});

/** The pane: a header, the sheets' problems, the sections' navigation and the open section. */
export function Pane(props: { initial: { language: Language; t: Strings }; initialSection: Section }) {
  const styles = useStyles();
  const [{ language, t }, setShown] = useState(props.initial);
  const setLanguage = useLanguageSwitch(setShown);
  // The page's language is the pane's, so a screen reader reads it with the right voice (taskpane.html says uk).
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const [section, setSection] = useState<Section>(props.initialSection);
  const [toasts, setToasts] = useState(false);
  if (!toasts && isItemSection(section)) setToasts(true);
  useRibbonSection(setSection);
  useOpenWorkbook();
  useKnowTheRole();
  const { session } = usePaneServices();
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
      {toasts && (
        <Suspense fallback={null}>
          <PaneToaster />
        </Suspense>
      )}
    </main>
  );
}

/**
 * Switches the pane's language once its words have been downloaded; when the user picks again before
 * that, the last pick wins.
 */
function useLanguageSwitch(show: (shown: { language: Language; t: Strings }) => void): (language: Language) => void {
  const asked = useRef<Language>(undefined);
  // A language's file may fail to download (offline): the pane says so beside the picker, in the language it still shows.
  const { run } = useAction("language", { keepOthers: true, readOnly: true });
  return (language) => {
    asked.current = language;
    void run(async () => {
      const t = await loadStrings(language).catch(() => {
        const name = LANGUAGE_LABELS[language][language];
        throw new PaneError((w) => ({ title: w.pane.languageUnavailable(name), next: w.pane.languageUnavailableNext }));
      });
      if (asked.current === language) show({ language, t });
    });
  };
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
