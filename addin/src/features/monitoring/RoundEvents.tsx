import type { Round } from "../../../../shared/api/rounds.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";
import { useTableStyles } from "../sync/SyncPreview.tsx";

/** A round's steps so far: when, who, which step, and the comment given. */
export function RoundEvents(props: { round: Round; language: Language; t: Strings }) {
  const m = props.t.monitoring;
  const styles = useTableStyles();
  return (
    <table className={styles.table} data-testid="round-events">
      <thead>
        <tr>
          <th>{m.when}</th>
          <th>{m.who}</th>
          <th>{m.step}</th>
          <th>{m.comment}</th>
        </tr>
      </thead>
      <tbody>
        {props.round.events.map((e, i) => (
          <tr key={i}>
            <td>{new Date(e.at).toLocaleString(props.language)}</td>
            <td>{e.by.name}</td>
            <td>{m.steps[e.action]}</td>
            <td style={{ whiteSpace: "pre-wrap" }}>{e.comment ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
