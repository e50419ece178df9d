import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "../../strings.ts";

const useStyles = makeStyles({
  list: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  definition: { marginInlineStart: 0, marginBottom: tokens.spacingVerticalXS },
});

/** The words the pane uses that a planner may not know, one sentence each. */
export function Glossary(props: { t: Strings }) {
  const { glossary } = props.t.help;
  const styles = useStyles();
  return (
    <>
      <Text weight="semibold">{glossary.title}</Text>
      <dl className={styles.list} data-testid="glossary">
        {Object.entries(glossary.terms).map(([id, { term, text }]) => (
          <div key={id}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.definition}>{text}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
