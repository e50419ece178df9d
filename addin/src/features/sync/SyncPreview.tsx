import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import type { OutgoingSummary } from "../../../../shared/sync/engine.ts";
import { useScrolledIntoView } from "../../components/scrolled-into-view.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";

export const useTableStyles = makeStyles({
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, "& td, & th": { padding: "2px 6px", textAlign: "left", verticalAlign: "top" } },
});

/** What a sync would send, by kind of row, with the buttons that send it or hold it back. */
export function SyncPreview(props: { preview: { summary: OutgoingSummary; count: number }; t: Strings; busy: boolean; onSend: () => void; onHold: () => void }) {
  const s = props.t.sync;
  const styles = { ...useSectionStyles(), ...useTableStyles() };
  const ref = useScrolledIntoView<HTMLDivElement>(props.preview);
  return (
    <MessageBar ref={ref} intent="info" layout="multiline" data-testid="preview">
      <MessageBarBody>
        <MessageBarTitle>{s.willSend(props.preview.count)}</MessageBarTitle>
        <table className={styles.table}>
          <tbody>
            {Object.entries(props.preview.summary)
              .filter(([, v]) => v.created + v.changed + v.deleted > 0)
              .map(([kind, v]) => (
                <tr key={kind}>
                  <th>{s.kinds[kind] ?? kind}</th>
                  <td>{v.created ? `${v.created} ${s.created}` : ""}</td>
                  <td>{v.changed ? `${v.changed} ${s.changed}` : ""}</td>
                  <td>{v.deleted ? `${v.deleted} ${s.deleted}` : ""}</td>
                </tr>
              ))}
          </tbody>
        </table>
        <div className={styles.row} style={{ marginTop: 6 }}>
          <Button appearance="primary" onClick={props.onSend} disabled={props.busy}>
            {s.send}
          </Button>
          <Button onClick={props.onHold} disabled={props.busy}>
            {s.hold}
          </Button>
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
