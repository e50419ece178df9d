import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import type { OutgoingSummary } from "../../../../shared/sync/engine.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import type { SyncOutcome } from "../../sync.ts";
import { useSetProblems } from "../plan/usePlanActions.ts";
import { CatalogueStatus } from "./CatalogueStatus.tsx";
import { SyncPreview } from "./SyncPreview.tsx";

/**
 * The sync of a linked plan: check what would be sent, then send or hold it; what came back, under
 * the button. Every step reads the sheets first; their problems stop it.
 */
export function SyncRun(props: { language: Language; t: Strings }) {
  const { t, language } = props;
  const s = t.sync;
  const styles = useSectionStyles();
  const { sync } = usePaneServices();
  const link = usePane((st) => st.workbook?.sync);
  const doc = usePane((st) => st.workbook?.doc);
  const setProblems = useSetProblems();
  const { run, busy } = useAction("sync");
  const [preview, setPreview] = useState<{ summary: OutgoingSummary; count: number }>();
  const [outcome, setOutcome] = useState<SyncOutcome>();
  const [held, setHeld] = useState(false);

  const finish = (o: SyncOutcome) => {
    setOutcome(o);
    setProblems(o.problems);
  };
  const check = () => {
    // A new sync replaces the last one's status, so nobody reads an old line as the new result.
    setOutcome(undefined);
    setPreview(undefined);
    setHeld(false);
    return run(async (control) => {
      const p = await sync.preview(control);
      setProblems(p.problems);
      if (p.problems.length) return;
      if (p.count > 0) setPreview(p);
      else finish(await sync.syncNow(control));
    });
  };
  const send = () =>
    run(async (control) => {
      setPreview(undefined);
      finish(await sync.syncNow(control));
    });

  return (
    <>
      <div className={styles.row}>
        <Button appearance="primary" onClick={check} disabled={busy} data-testid="sync-now">
          {s.check}
        </Button>
        {link?.last && <Text size={200}>{s.lastSync(new Date(link.last.at).toLocaleString(language))}</Text>}
      </div>
      <ActionResult id="sync" t={t} language={language} />
      {preview && (
        <SyncPreview
          preview={preview}
          t={t}
          busy={busy}
          onSend={send}
          onHold={() => {
            setPreview(undefined);
            setHeld(true);
          }}
        />
      )}
      {held && <Text data-testid="held">{s.held}</Text>}
      {outcome && !outcome.problems.length && (
        <MessageBar intent={outcome.offline || outcome.conflicts.length || outcome.refused.length ? "warning" : "success"} layout="multiline" data-testid="sync-status">
          <MessageBarBody>{outcome.offline ? s.offline(outcome.queued) : s.status(outcome.sent, outcome.received, outcome.conflicts.length)}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && !outcome.problems.length && <CatalogueStatus check={outcome.catalogue} doc={doc} language={language} t={t} />}
    </>
  );
}
