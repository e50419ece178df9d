import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { usePane } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { useGuideDismissed } from "./firstRun.ts";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
  },
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  gotIt: { alignSelf: "flex-start" },
});

/** The guide's steps for a planner: how the pane's parts follow one another, in a few plain sentences. */
export function GuideSteps(props: { t: Strings }) {
  const styles = useStyles();
  return (
    <ol className={styles.steps}>
      {props.t.help.guide.steps.map((step) => (
        <li key={step}>
          <Text>{step}</Text>
        </li>
      ))}
    </ol>
  );
}

/**
 * The first-run guide: shown when the pane opens on a workbook without a plan, until the planner
 * dismisses it once; it stays in Help afterwards.
 */
export function FirstRunGuide(props: { t: Strings }) {
  const { t } = props;
  const styles = useStyles();
  const noPlan = usePane((s) => s.loaded && !s.workbook);
  const [dismissed, dismiss] = useGuideDismissed();
  if (!noPlan || dismissed) return null;
  return (
    <section className={styles.box} aria-label={t.help.guide.title} data-testid="first-run-guide">
      <Text weight="semibold" size={400}>
        {t.help.guide.title}
      </Text>
      <GuideSteps t={t} />
      <Button appearance="primary" className={styles.gotIt} onClick={dismiss}>
        {t.help.guide.gotIt}
      </Button>
    </section>
  );
}
