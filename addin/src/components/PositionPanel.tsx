import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { MeResponse } from "../../../shared/api/access.ts";
import { type PositionResponse, PositionQuery } from "../../../shared/api/compare.ts";
import type { Language } from "../../../shared/model/plan.ts";
import { useAction } from "../state/useAction.ts";
import type { Strings } from "../strings.ts";
import { ActionResult } from "./ActionResult.tsx";
import { useScrolledIntoView } from "./scrolled-into-view.ts";
import { useSectionStyles } from "./section-styles.ts";
import type { SyncController } from "../sync.ts";
import { positionRows } from "./position-rows.ts";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS },
  answer: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    // A word breaks only where the pane is too narrow for the table (a 320 px pane; it was 418 px wide).
    "& td, & th": { padding: "2px 4px", textAlign: "left", verticalAlign: "top", overflowWrap: "anywhere" },
    // A value, a rank and the median stay on one line; the indicator's name, the quartile's words and the Q1 – Q3 range wrap.
    "& td:nth-child(2), & td:nth-child(3), & td:nth-child(5)": { whiteSpace: "nowrap" },
  },
});

/**
 * Where the linked plan's community stands in an association it is a member of: its own value, rank
 * and quartile and the association's median and quartiles, for the indicators the association shares
 * back. The store answers only that, from the association's latest published release of the year (named
 * here), so no other member's value can reach the pane, and the member's own edits show at the next release.
 */
export function PositionPanel(props: {
  sync: SyncController;
  community: MeResponse["communities"][number];
  /** Associations the token knows by name (an editor's token often knows none: they are numbered). */
  known: MeResponse["associations"];
  language: Language;
  t: Strings;
}) {
  const { t, community } = props;
  const p = t.position;
  const styles = { ...useSectionStyles(), ...useStyles() };
  const [associationId, setAssociationId] = useState(community.memberOf[0] ?? "");
  // The last complete year by default: this year's values are rarely in yet.
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const position = useAction("position");
  // The year as typed, refused beside the button before the store is asked.
  const [error, setError] = useState<string>();
  const [shown, setShown] = useState<PositionResponse>();
  const answer = useScrolledIntoView<HTMLDivElement>(shown);
  const nameOf = (id: string) => props.known.find((a) => a.id === id)?.name ?? p.associationN(community.memberOf.indexOf(id) + 1);
  const rows = useMemo(() => shown && positionRows(shown, props.language, t), [shown, props.language, t]);
  const when = (at: string) => new Date(at).toLocaleString(props.language, { dateStyle: "medium", timeStyle: "short" });

  const show = async () => {
    setError(undefined);
    const asked = PositionQuery.shape.year.safeParse(year);
    if (!asked.success) {
      setError(t.notYear(p.year));
      return;
    }
    await position.run(async () => setShown(await props.sync.client().position(associationId, community.id, asked.data)));
  };

  return (
    <div className={styles.box} data-testid="position">
      <Text weight="semibold">{p.title}</Text>
      <Text size={200}>{p.intro}</Text>
      <div className={styles.row}>
        {community.memberOf.length > 1 && (
          <Field label={p.association}>
            <Select className={styles.fit} value={associationId} onChange={(_, d) => setAssociationId(d.value)} aria-label={p.association}>
              {community.memberOf.map((id) => (
                <option key={id} value={id}>
                  {nameOf(id)}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={p.year}>
          <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} aria-label={p.year} />
        </Field>
        <Button onClick={show} disabled={position.busy || !associationId}>
          {p.show}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="position-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <ActionResult id="position" t={t} language={props.language} />
      {shown && rows && (
        <div ref={answer} className={styles.answer}>
          <Text size={200}>{p.shownFor(nameOf(shown.associationId), shown.year)}</Text>
          <Text size={200} data-testid="position-release">
            {shown.release ? p.releaseOf(shown.release.number, when(shown.release.publishedAt)) : p.noRelease(shown.year)}
          </Text>
          {!shown.release ? null : rows.length === 0 ? (
            <Text>{p.nothingShared}</Text>
          ) : (
            <table className={styles.table} data-testid="position-table">
              <thead>
                <tr>
                  <th>{p.indicator}</th>
                  <th>{p.value}</th>
                  <th>{p.rank}</th>
                  <th>{p.quartileHeader}</th>
                  <th>{p.median}</th>
                  <th>{p.middle}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.code} data-code={r.code}>
                    <th>{r.indicator}</th>
                    <td>{r.value}</td>
                    <td>{r.rank}</td>
                    <td>{r.quartile}</td>
                    <td>{r.median}</td>
                    <td>{r.middle}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
