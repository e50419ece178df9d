import { Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { HistoryEntry } from "../../../../shared/api/history.ts";
import type { Round } from "../../../../shared/api/rounds.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";
import { type Names, changesOf, clientOf, when } from "./story.ts";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  entry: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: tokens.spacingHorizontalS, overflowWrap: "anywhere" },
  change: { display: "block" },
});

/** The writes, newest first, one block each (a 320 px pane has no room for a table): when, who, from where, old → new. */
export function StoryEntries(props: { entries: HistoryEntry[]; ownClientId?: string; names: Names; language: Language; t: Strings }) {
  const { t, language } = props;
  const h = t.history;
  const styles = useStyles();
  return (
    <ol className={styles.list} data-testid="history-entries">
      {props.entries.map((e) => {
        const changes = changesOf(e, t, language, props.names);
        return (
          <li key={e.seq} className={styles.entry} data-testid="history-entry">
            <Caption1>
              {when(e.at, language)} · <strong>{e.actor.name}</strong> · {clientOf(e, props.ownClientId, t)}
            </Caption1>
            {e.op === "delete" && <Text className={styles.change}>{h.deleted}</Text>}
            {e.op !== "delete" && changes.length === 0 && e.op === "create" && <Text className={styles.change}>{h.created}</Text>}
            {e.op !== "delete" &&
              changes.map((c) => (
                <Text key={c.label} className={styles.change}>
                  {c.label}: {c.before} → {c.after}
                </Text>
              ))}
          </li>
        );
      })}
    </ol>
  );
}

/** The year's monitoring round: its steps, newest first, with the committee's and editor's comments. */
export function RoundSteps(props: { round: Round; language: Language; t: Strings }) {
  const { t, language } = props;
  const styles = useStyles();
  return (
    <section aria-label={t.history.round(props.round.year)}>
      <Text weight="semibold">{t.history.round(props.round.year)}</Text>
      <ol className={styles.list} data-testid="history-round">
        {[...props.round.events].reverse().map((e, i) => (
          <li key={i} className={styles.entry}>
            <Caption1>
              {when(e.at, language)} · <strong>{e.by.name}</strong> · {t.monitoring.steps[e.action]}
            </Caption1>
            {e.comment && <Text className={styles.change}>{e.comment}</Text>}
          </li>
        ))}
      </ol>
    </section>
  );
}
