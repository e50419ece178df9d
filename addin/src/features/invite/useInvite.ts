import { useEffect, useEffectEvent, useState } from "react";
import type { Invitation, Invitee } from "../../../../shared/api/invitations.ts";
import { usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";

/**
 * An association's invitation codes as its analyst (or an admin) makes them in the pane: whom the server
 * lets this token invite, the person picked, and the one code just created. The code lives only in this
 * hook's state (never the store, storage or workbook): it is shown once, and gone when the panel closes,
 * the person or association changes, or another code is made.
 */
export function useInvite(associationId: string, t: Strings) {
  const { sync } = usePaneServices();
  const [users, setUsers] = useState<Invitee[]>();
  const [picked, setPicked] = useState("");
  const [created, setCreated] = useState<Invitation>();
  // Listing keeps the section's other results on screen: it is not something the user clicked.
  // Both only ask the server: a monitor's sheet protection stays as it is.
  const list = useAction("invite-users", { keepOthers: true, readOnly: true });
  const make = useAction("invite", { readOnly: true });

  const reload = useEffectEvent(() => {
    setUsers(undefined);
    setPicked("");
    setCreated(undefined);
    void list.run(async () => {
      setUsers((await sync.client().invitees(associationId)).users);
    });
  });
  useEffect(() => {
    if (associationId) reload();
  }, [associationId]);

  const userId = users?.some((u) => u.user.id === picked) ? picked : "";
  return {
    users,
    userId,
    pick: (id: string) => {
      setPicked(id);
      setCreated(undefined);
    },
    created,
    busy: list.busy,
    create: () =>
      make.run(async () => {
        setCreated(undefined);
        const invitation = await sync.client().createInvitation(associationId, { userId });
        setCreated(invitation);
        return t.invite.created(invitation.user.name);
      }),
  };
}
