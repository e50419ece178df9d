import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useEffectEvent, useState } from "react";
import type { MeResponse } from "../../../shared/api/access.ts";
import { tokenFromCredential } from "../../../shared/api/client.ts";
import type { Problem } from "../../../shared/layout/grid.ts";
import { goalsSpec } from "../../../shared/layout/goals.ts";
import { indicatorsSpec } from "../../../shared/layout/indicators.ts";
import { risksSpec } from "../../../shared/layout/risks.ts";
import { swotSpec } from "../../../shared/layout/swot.ts";
import type { TableSpec } from "../../../shared/layout/table.ts";
import type { Language, PlanDocument } from "../../../shared/model/plan.ts";
import { type Conflict, type OutgoingSummary, conflictValues } from "../../../shared/sync/engine.ts";
import type { SyncLink } from "../../excel/state.ts";
import { PositionPanel } from "../components/PositionPanel.tsx";
import type { Strings } from "../strings.ts";
import type { CatalogueCheck, SyncController, SyncOutcome } from "../sync.ts";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, "& td, & th": { padding: "2px 6px", textAlign: "left", verticalAlign: "top" } },
  conflict: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS },
});

/** A field's name as its sheet's column header in the pane's language (the key itself otherwise). */
function fieldLabel(kind: string, field: string, doc: PlanDocument | undefined, language: Language): string {
  const specs: Record<string, TableSpec | undefined> = {
    swot: swotSpec,
    priorities: goalsSpec,
    goals: goalsSpec,
    tasks: goalsSpec,
    risks: risksSpec,
    indicators: doc ? indicatorsSpec(doc, []) : undefined,
  };
  const key = field === "budget" ? "budgetAmount" : field === "measures" ? "measures" : field;
  return specs[kind]?.columns.find((c) => c.key === key)?.header[language] ?? field;
}

const show = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** A short name for the row a conflict is about: its text, title or name. */
function entityLabel(doc: PlanDocument | undefined, c: Conflict): string {
  const data = (c.local ?? c.server?.data) as Record<string, unknown> | null;
  const text = data && (data.text ?? data.title ?? data.name ?? data.risk ?? data.id);
  void doc;
  const s = String(text ?? c.entityId);
  return s.length > 70 ? `${s.slice(0, 69)}…` : s;
}

/** What the associations' catalogues did to the plan in a sync: indicators brought in line, notices, or why they could not be read. */
function CatalogueStatus(props: { check: CatalogueCheck; doc?: PlanDocument; language: Language; t: Strings }) {
  const { check, t } = props;
  const c = t.catalogue;
  if (!check.unchecked && check.updated.length === 0 && check.notices.length === 0) return null;
  return (
    <MessageBar intent={check.unchecked ? "warning" : "info"} layout="multiline" data-testid="catalogue-status">
      <MessageBarBody>
        {check.unchecked && <Text block>{c.unchecked(check.unchecked)}</Text>}
        {check.updated.length > 0 && <MessageBarTitle>{c.updated(check.updated.length)}</MessageBarTitle>}
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {check.updated.map((u) => (
            <li key={u.indicatorId}>
              {u.code}: {u.fields.map((f) => fieldLabel("indicators", f, props.doc, props.language)).join(", ")}
            </li>
          ))}
          {check.notices.map((n) => (
            <li key={`${n.kind}:${n.code}`}>{n.kind === "retired" ? c.retiredNotice(n.code) : c.differs(n.code, n.name, n.unit)}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * Connect the workbook to the shared store, link its plan, and sync: preview what goes up, send or
 * hold, see what came down, resolve conflicts. Every step reads the sheets first; problems stop it.
 */
/** What the sections working on the workbook's link to the store (Sync, Monitoring) get from the pane. */
export interface LinkedSectionProps {
  sync: SyncController;
  link?: SyncLink;
  doc?: PlanDocument;
  language: Language;
  t: Strings;
  busy: boolean;
  act: (work: () => Promise<void>) => Promise<void>;
  onDocChanged: () => void;
  onProblems: (p: Problem[]) => void;
}

export function SyncSection(props: LinkedSectionProps & { defaultServer: string }) {
  const { t, sync } = props;
  const s = t.sync;
  const styles = useStyles();
  const [server, setServer] = useState(props.link?.server ?? props.defaultServer);
  const [token, setToken] = useState("");
  const [me, setMe] = useState<MeResponse>();
  const [preview, setPreview] = useState<{ summary: OutgoingSummary; count: number }>();
  const [outcome, setOutcome] = useState<SyncOutcome>();
  const [held, setHeld] = useState(false);
  const engine = props.link?.engine;

  // Reopened workbook: the remembered token says who we are (asked again only when the server changes).
  const whoAmI = useEffectEvent(() => {
    if (!me) void props.act(async () => setMe(await sync.me())).catch(() => undefined);
  });
  const linkedServer = props.link?.server;
  useEffect(() => {
    if (linkedServer) whoAmI();
  }, [linkedServer]);

  const linkedCommunity = me?.communities.find((c) => c.planId && c.planId === engine?.planId);
  const finish = (o: SyncOutcome) => {
    setOutcome(o);
    props.onProblems(o.problems);
    props.onDocChanged();
  };
  const syncNow = () => {
    // A new sync replaces the last one's status, so nobody reads an old line as the new result.
    setOutcome(undefined);
    setPreview(undefined);
    return props.act(async () => {
      setHeld(false);
      const p = await sync.preview();
      props.onProblems(p.problems);
      if (p.problems.length) return;
      if (p.count > 0) setPreview(p);
      else finish(await sync.syncNow());
    });
  };

  return (
    <div className={styles.box} data-testid="sync">
      <div className={styles.row}>
        <Field label={s.server} style={{ flexGrow: 1 }}>
          <Input value={server} onChange={(_, d) => setServer(d.value)} aria-label={s.server} />
        </Field>
        <Field label={s.credential} hint={s.credentialHint} style={{ flexGrow: 1 }}>
          <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} aria-label={s.credential} />
        </Field>
      </div>
      <div className={styles.row}>
        <Button
          onClick={() =>
            props.act(async () => {
              setMe(await sync.connect(server, await tokenFromCredential({ baseUrl: server }, token)));
              setToken("");
            })
          }
          disabled={props.busy || !server || !token.trim()}
        >
          {s.connect}
        </Button>
        {me && <Text data-testid="connected">{s.connectedAs(me.user.name)}</Text>}
      </div>
      {me && (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {me.communities.map((c) => (
            <li key={c.id}>
              {c.name} — {c.roles.map((r) => s.roles[r] ?? r).join(", ")}
              {!engine && c.roles.some((r) => r === "editor" || r === "admin" || r === "monitor") && (
                <div className={styles.row}>
                  {c.planId ? (
                    <Button
                      size="small"
                      title={s.loadWarning}
                      onClick={() =>
                        props.act(async () => {
                          await sync.linkTo(c);
                          props.onDocChanged();
                        })
                      }
                      disabled={props.busy}
                    >
                      {s.loadPlan(c.name)}
                    </Button>
                  ) : (
                    props.doc && (
                      <Button
                        size="small"
                        appearance="primary"
                        onClick={() =>
                          props.act(async () => {
                            await sync.linkTo(c);
                            props.onDocChanged();
                          })
                        }
                        disabled={props.busy || !c.roles.some((r) => r === "editor" || r === "admin")}
                      >
                        {s.sendPlan(c.name)}
                      </Button>
                    )
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {engine && (
        <>
          {linkedCommunity && <Text>{s.linked(linkedCommunity.name)}</Text>}
          <div className={styles.row}>
            <Button appearance="primary" onClick={syncNow} disabled={props.busy} data-testid="sync-now">
              {s.check}
            </Button>
            {props.link?.last && <Text size={200}>{s.lastSync(new Date(props.link.last.at).toLocaleString(props.language))}</Text>}
          </div>
        </>
      )}
      {preview && (
        <MessageBar intent="info" layout="multiline" data-testid="preview">
          <MessageBarBody>
            <MessageBarTitle>{s.willSend(preview.count)}</MessageBarTitle>
            <table className={styles.table}>
              <tbody>
                {Object.entries(preview.summary)
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
              <Button
                appearance="primary"
                onClick={() =>
                  props.act(async () => {
                    setPreview(undefined);
                    finish(await sync.syncNow());
                  })
                }
                disabled={props.busy}
              >
                {s.send}
              </Button>
              <Button
                onClick={() => {
                  setPreview(undefined);
                  setHeld(true);
                }}
                disabled={props.busy}
              >
                {s.hold}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {held && <Text data-testid="held">{s.held}</Text>}
      {outcome && !outcome.problems.length && (
        <MessageBar intent={outcome.offline || outcome.conflicts.length ? "warning" : "success"} layout="multiline" data-testid="sync-status">
          <MessageBarBody>
            {outcome.offline ? s.offline(outcome.queued) : s.status(outcome.sent, outcome.received, outcome.conflicts.length)}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && !outcome.problems.length && <CatalogueStatus check={outcome.catalogue} doc={props.doc} language={props.language} t={t} />}
      {engine && engine.conflicts.length > 0 && (
        <div className={styles.box} data-testid="conflicts">
          <Text weight="semibold">{s.conflictsTitle(engine.conflicts.length)}</Text>
          {engine.conflicts.map((c) => (
            <div key={c.key} className={styles.conflict}>
              <Text block weight="semibold">
                {s.kinds[c.kind] ?? c.kind}: {entityLabel(props.doc, c)}
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
                      <th>{fieldLabel(c.kind, v.field, props.doc, props.language)}</th>
                      <td>{show(v.local)}</td>
                      <td>{show(v.server)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className={styles.row}>
                <Button size="small" onClick={() => props.act(async () => { await sync.resolve(c.key, "mine"); props.onDocChanged(); })} disabled={props.busy}>
                  {s.mine}
                </Button>
                <Button size="small" onClick={() => props.act(async () => { await sync.resolve(c.key, "theirs"); props.onDocChanged(); })} disabled={props.busy}>
                  {s.theirs}
                </Button>
              </div>
            </div>
          ))}
        </div>
      )}
      {engine && engine.refused.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="refused">
          <MessageBarBody>
            <MessageBarTitle>{s.refusedTitle(engine.refused.length)}</MessageBarTitle>
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {engine.refused.map((r) => (
                <li key={r.mutation.mutationId}>
                  {s.kinds[r.mutation.kind] ?? r.mutation.kind}: {r.reason}
                </li>
              ))}
            </ul>
            <Button size="small" style={{ marginTop: 6 }} onClick={() => props.act(async () => { await sync.releaseRefused(); props.onDocChanged(); })} disabled={props.busy}>
              {s.release}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {me && linkedCommunity && linkedCommunity.memberOf.length > 0 && (
        <PositionPanel sync={sync} community={linkedCommunity} known={me.associations} language={props.language} t={t} />
      )}
    </div>
  );
}
