import { Button, Field, Input } from "@fluentui/react-components";
import { useState } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";
import { useConnect } from "./useConnection.ts";

/** The server and the invitation code or token, and the button that connects with them. */
export function ConnectForm(props: { initialServer: string; language: Language; t: Strings }) {
  const s = props.t.sync;
  const styles = useSectionStyles();
  const [server, setServer] = useState(props.initialServer);
  const [credential, setCredential] = useState("");
  const { connect, busy } = useConnect();
  return (
    <>
      <div className={styles.row}>
        <Field label={s.server} className={styles.grow}>
          <Input value={server} onChange={(_, d) => setServer(d.value)} aria-label={s.server} />
        </Field>
        <Field label={s.credential} hint={s.credentialHint} className={styles.grow}>
          <Input type="password" value={credential} onChange={(_, d) => setCredential(d.value)} aria-label={s.credential} />
        </Field>
      </div>
      <div className={styles.row}>
        <Button
          onClick={async () => {
            // The code or token is cleared once it has worked, and kept to correct when it has not.
            if (await connect(server, credential)) setCredential("");
          }}
          disabled={busy || !server || !credential.trim()}
        >
          {s.connect}
        </Button>
      </div>
      <ActionResult id="connect" t={props.t} language={props.language} />
    </>
  );
}
