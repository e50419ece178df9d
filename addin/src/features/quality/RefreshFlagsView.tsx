import { makeStyles, tokens } from "@fluentui/react-components";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { ProblemList } from "../../components/ProblemList.tsx";
import { usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { type RefreshFlags, rulesDate } from "./refresh.ts";

const useStyles = makeStyles({ live: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS } });

/**
 * The values the association's rules flag after *Refresh from sheets*, under its result: each by cell
 * (a click selects it), with the date of the rules it was checked by. A warning: the sheets were read.
 */
export function RefreshFlagsView(props: { flags: RefreshFlags | undefined; t: Strings; language: Language }) {
  const { flags, t, language } = props;
  const styles = useStyles();
  const { session } = usePaneServices();
  // Going to a cell keeps the Refresh result and this list on screen: they are what the user acts on.
  const go = useAction("refresh-quality-go", { keepOthers: true });
  const open = flags?.located.filter((p) => p.violation.note === undefined).length ?? 0;
  return (
    <div aria-live="polite" className={styles.live}>
      {flags && (
        <ProblemList
          title={t.refreshQuality.flagged(flags.located.length, open)}
          hint={[t.refreshQuality.asOf(rulesDate(flags.savedAt, language)), open ? t.refreshQuality.next : ""].join(" ").trim()}
          problems={flags.located}
          language={language}
          onSelect={(p) => go.run(() => session.select(p))}
          intent="warning"
          testId="refresh-quality"
        />
      )}
      <ActionResult id="refresh-quality-go" t={t} language={language} />
    </div>
  );
}
