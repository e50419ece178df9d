import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Language } from "../../../../shared/model/plan.ts";
import { conflictValues } from "../../../../shared/sync/engine.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { describeRefusal } from "../../errors.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { entityLabel, fieldLabel, show } from "./labels.ts";
import { useTableStyles } from "./SyncPreview.tsx";

const useStyles = makeStyles({
  conflict: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS },
});

/** Rows changed here and on the server since the last sync: both values side by side, and a choice for each. */
export function Conflicts(props: { language: Language; t: Strings }) {
  const s = props.t.sync;
  const styles = { ...useSectionStyles(), ...useTableStyles(), ...useStyles() };
  const { sync } = usePaneServices();
  const conflicts = usePane((st) => st.workbook?.sync?.engine?.conflicts);
  const doc = usePane((st) => st.workbook?.doc);
  const { run, busy } = useAction("resolve");
  if (!conflicts?.length) return <ActionResult id="resolve" t={props.t} language={props.language} />;
  const resolve = (key: string, choice: "mine" | "theirs") => run(() => sync.resolve(key, choice));
  return (
    <div className={styles.box} data-testid="conflicts">
      <Text weight="semibold">{s.conflictsTitle(conflicts.length)}</Text>
      {conflicts.map((c) => (
        <div key={c.key} className={styles.conflict}>
          <Text block weight="semibold">
            {s.kinds[c.kind] ?? c.kind}: {entityLabel(c)}
          </Text>
          {c.server && (
            <Text block size={200}>
              {c.server.deleted ? s.deletedThere : s.changedBy(c.server.updatedBy.name, new Date(c.server.updatedAt).toLocaleString(props.language))}
            </Text>
          )}
          {c.local === null && <Text block size={200}>{s.deletedHere}</Text>}
          <table className={styles.table}>
            <thead>
              <tr>
                <th />
                <th>{s.yours}</th>
                <th>{s.onServer}</th>
              </tr>
            </thead>
            <tbody>
              {conflictValues(c).map((v) => (
                <tr key={v.field}>
                  <th>{fieldLabel(c.kind, v.field, doc, props.language)}</th>
                  <td>{show(v.local)}</td>
                  <td>{show(v.server)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className={styles.row}>
            <Button size="small" onClick={() => resolve(c.key, "mine")} disabled={busy}>
              {s.mine}
            </Button>
            <Button size="small" onClick={() => resolve(c.key, "theirs")} disabled={busy}>
              {s.theirs}
            </Button>
          </div>
        </div>
      ))}
      <ActionResult id="resolve" t={props.t} language={props.language} />
    </div>
  );
}

/** Changes the server refused (a role, a round's status): listed, and released back to the plan as the server has it. */
export function Refused(props: { language: Language; t: Strings }) {
  const s = props.t.sync;
  const { sync } = usePaneServices();
  const refused = usePane((st) => st.workbook?.sync?.engine?.refused);
  const { run, busy } = useAction("release");
  if (!refused?.length) return <ActionResult id="release" t={props.t} language={props.language} />;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="refused">
      <MessageBarBody>
        <MessageBarTitle>{s.refusedTitle(refused.length)}</MessageBarTitle>
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {refused.map((r) => {
            const d = describeRefusal(r, props.t);
            return (
              <li key={r.mutation.mutationId}>
                {d.title}. {d.next}
                <details>
                  <summary>{props.t.pane.details}</summary>
                  {d.details}
                </details>
              </li>
            );
          })}
        </ul>
        <Button size="small" style={{ marginTop: 6 }} onClick={() => run(() => sync.releaseRefused())} disabled={busy}>
          {s.release}
        </Button>
        <ActionResult id="release" t={props.t} language={props.language} />
      </MessageBarBody>
    </MessageBar>
  );
}
