import { Text } from "@fluentui/react-components";
import { useEffect, useEffectEvent } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import { PositionPanel } from "../../components/PositionPanel.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { CommunityLinks } from "./CommunityLinks.tsx";
import { Conflicts, Refused } from "./Conflicts.tsx";
import { ConnectForm } from "./ConnectForm.tsx";
import { SyncRun } from "./SyncRun.tsx";
import { useMe, useWhoAmI } from "./useConnection.ts";

/**
 * Connect the workbook to the shared store, link its plan, and sync: preview what goes up, send or
 * hold, see what came down, resolve conflicts. Every step reads the sheets first; problems stop it.
 */
export function SyncView(props: { language: Language; t: Strings }) {
  const { t, language } = props;
  const s = t.sync;
  const styles = useSectionStyles();
  const { sync, defaultServer } = usePaneServices();
  const link = usePane((st) => st.workbook?.sync);
  const me = useMe();
  const server = usePane((st) => st.server);
  const { whoAmI } = useWhoAmI("connect");
  const engine = link?.engine;

  // Reopened workbook: the remembered token says who we are (asked again only when the server changes).
  const askOnce = useEffectEvent(() => {
    if (!me) void whoAmI();
  });
  const linkedServer = link?.server;
  useEffect(() => {
    if (linkedServer) askOnce();
  }, [linkedServer]);

  const linkedCommunity = me?.communities.find((c) => c.planId && c.planId === engine?.planId);
  return (
    <div className={styles.box} data-testid="sync">
      <ConnectForm initialServer={server ?? defaultServer} language={language} t={t} />
      {me && <Text data-testid="connected">{s.connectedAs(me.user.name)}</Text>}
      {me && <CommunityLinks me={me} language={language} t={t} />}
      {engine && linkedCommunity && <Text>{s.linked(linkedCommunity.name)}</Text>}
      {engine && <SyncRun language={language} t={t} />}
      <Conflicts language={language} t={t} />
      <Refused language={language} t={t} />
      {me && linkedCommunity && linkedCommunity.memberOf.length > 0 && (
        <PositionPanel sync={sync} community={linkedCommunity} known={me.associations} language={language} t={t} />
      )}
    </div>
  );
}
