import { Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";
import { RoundSteps, StoryEntries } from "./StoryEntries.tsx";
import { type Names, type Story, storyText, when } from "./story.ts";
import { type HistoryTarget, whyNoStory } from "./target.ts";
import { useHistory } from "./useHistory.ts";

/**
 * A value's story: the selected cell's row or year value as the store recorded it — who, when, from
 * where, old → new, and the year's monitoring round — with a copy as plain text. Follows the selection
 * where Excel reports it; a button reads it everywhere.
 */
export function HistoryView(props: { language: Language; t: Strings }) {
  const { t, language } = props;
  const h = t.history;
  const styles = useSectionStyles();
  const history = useHistory();
  return (
    <div className={styles.box} data-testid="history">
      <Text>{h.intro}</Text>
      {history.following && <Caption1 data-testid="history-follows">{h.follows}</Caption1>}
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void history.show()} disabled={history.busy} data-testid="history-show">
          {h.show}
        </Button>
      </div>
      <ActionResult id="history" t={t} language={language} />
      {history.none && <NoStory none={history.none} t={t} />}
      {history.story && (
        // A new story starts without the last one's "copied".
        <StoryPanel
          key={`${history.story.target.entityId} ${history.story.savedAt} ${history.story.offline}`}
          story={history.story}
          ownClientId={history.ownClientId}
          names={history.names}
          onOlder={history.more}
          language={language}
          t={t}
        />
      )}
    </div>
  );
}

/** Why the selected cell has no story, and what to select instead: information beside the button, announced. */
function NoStory(props: { none: Extract<HistoryTarget, { found: false }>; t: Strings }) {
  const { title, next } = whyNoStory(props.none, props.t);
  return (
    <MessageBar intent="info" layout="multiline" aria-live="polite" data-testid="history-none">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle> {next}
      </MessageBarBody>
    </MessageBar>
  );
}

function StoryPanel(props: { story: Story & { offline: boolean }; ownClientId?: string; names: Names; onOlder: () => Promise<void>; language: Language; t: Strings }) {
  const { story, t, language } = props;
  const h = t.history;
  const styles = useSectionStyles();
  const [copied, setCopied] = useState<"ok" | "failed">();
  const heading = `${h.of(story.target.address)}${story.target.year === undefined ? "" : ` (${h.valueOf(story.target.year)})`}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(storyText(story, heading, { ownClientId: props.ownClientId, names: props.names }, t, language));
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <section className={styles.box} aria-label={heading} aria-live="polite" data-testid="history-story">
      <Text weight="semibold">{heading}</Text>
      {story.offline && (
        <MessageBar intent="warning" layout="multiline" data-testid="history-offline">
          <MessageBarBody>{h.cached(when(story.savedAt, language))}</MessageBarBody>
        </MessageBar>
      )}
      {story.entries.length === 0 && <Text>{h.empty}</Text>}
      <StoryEntries entries={story.entries} ownClientId={props.ownClientId} names={props.names} language={language} t={t} />
      {story.round && <RoundSteps round={story.round} language={language} t={t} />}
      <div className={styles.row}>
        {story.next !== null && !story.offline && (
          <Button onClick={() => void props.onOlder()} data-testid="history-older">
            {h.older}
          </Button>
        )}
        <Button onClick={() => void copy()} data-testid="history-copy">
          {h.copy}
        </Button>
      </div>
      <ActionResult id="history-older" t={t} language={language} />
      {copied && (
        <MessageBar intent={copied === "ok" ? "success" : "warning"} data-testid="history-copied">
          <MessageBarBody>{copied === "ok" ? h.copied : h.copyFailed}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
