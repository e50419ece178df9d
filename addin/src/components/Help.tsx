import { Divider, Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Language } from "../../../shared/model/plan.ts";
import { Glossary } from "../features/help/Glossary.tsx";
import { GuideSteps } from "../features/help/Guide.tsx";
import type { Strings } from "../strings.ts";
import { CompatCheck } from "./CompatCheck.tsx";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/**
 * The pane's help, opened from its header: what MuniPlan does, the first-run guide again, the words the
 * pane uses, the full help page, and the Excel check.
 */
export function Help(props: { t: Strings; language: Language }) {
  const { t } = props;
  const styles = useStyles();
  return (
    <section className={styles.box} aria-label={t.help.title} data-testid="help">
      <Text weight="semibold" size={400}>
        {t.help.title}
      </Text>
      <Text block>{t.help.intro}</Text>
      <Text weight="semibold">{t.help.guide.title}</Text>
      <GuideSteps t={t} />
      <Glossary t={t} />
      <Link href="help.html" target="_blank">
        {t.help.page}
      </Link>
      <Divider />
      <CompatCheck strings={t} language={props.language} />
    </section>
  );
}
