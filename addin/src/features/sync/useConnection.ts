import type { MeResponse } from "../../../../shared/api/access.ts";
import { tokenFromCredential } from "../../../../shared/api/client.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";

/** Who the connection is, as the server last said (shared by Sync, Monitoring and Compare). */
export function useMe(): MeResponse | undefined {
  return usePane((s) => s.me);
}

/** Asks the server who the remembered token is, and keeps the answer in the store. */
export function useWhoAmI(id: string) {
  const { sync, store } = usePaneServices();
  const action = useAction(id);
  const whoAmI = () =>
    action.run(async () => {
      const me = await sync.me();
      store.update((s) => ({ ...s, me }));
    });
  return { ...action, whoAmI };
}

/** Connects with a server and an invitation code or token (a code is redeemed for a token first). */
export function useConnect() {
  const { sync, store } = usePaneServices();
  const action = useAction("connect");
  const connect = (server: string, credential: string) =>
    action.run(async () => {
      const me = await sync.connect(server, await tokenFromCredential({ baseUrl: server }, credential));
      store.update((s) => ({ ...s, me }));
    });
  return { ...action, connect };
}
