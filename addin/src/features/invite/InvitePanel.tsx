import { Button, Field, Select, Text } from "@fluentui/react-components";
import type { Invitee } from "../../../../shared/api/invitations.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePane } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { InviteCode } from "./InviteCode.tsx";
import { useInvite } from "./useInvite.ts";

/** A person as the picker names them: their name, then each role they hold in the association and where. */
function describe(u: Invitee, t: Strings): string {
  const roles = u.roles.map((r) => {
    const role = t.sync.roles[r.role] ?? r.role;
    return r.community ? t.invite.roleIn(role, r.community.name) : role;
  });
  return t.invite.userOption(u.user.name, roles.join(", "));
}

/** The analyst's (or an admin's) invitation form: pick a person of the association, create their code, hand it over. */
export function InvitePanel(props: { associationId: string; language: Language; t: Strings }) {
  const { t, language } = props;
  const i = t.invite;
  const styles = useSectionStyles();
  const server = usePane((s) => s.server);
  const invite = useInvite(props.associationId, t);
  const { users } = invite;
  return (
    <div className={styles.box} data-testid="invite">
      <Text block size={200}>
        {i.intro}
      </Text>
      {users && users.length === 0 && <Text block>{i.noUsers}</Text>}
      {users && users.length > 0 && (
        <>
          <Field label={i.user}>
            <Select className={styles.fit} value={invite.userId} onChange={(_, d) => invite.pick(d.value)} data-testid="invite-user">
              <option value="" disabled>
                {i.pick}
              </option>
              {users.map((u) => (
                <option key={u.user.id} value={u.user.id}>
                  {describe(u, t)}
                </option>
              ))}
            </Select>
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void invite.create()} disabled={invite.busy || !invite.userId} data-testid="invite-create">
              {i.create}
            </Button>
          </div>
        </>
      )}
      <ActionResult id="invite-users" t={t} language={language} />
      <ActionResult id="invite" t={t} language={language} />
      {invite.created && server && <InviteCode invitation={invite.created} server={server} language={language} t={t} />}
    </div>
  );
}
