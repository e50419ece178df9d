import { Button, Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { Invitation } from "../../../../shared/api/invitations.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";

const useStyles = makeStyles({
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    letterSpacing: "0.08em",
    userSelect: "all",
    overflowWrap: "anywhere",
  },
});

/**
 * The code just created, large enough to read aloud or copy by hand, with its expiry and what the invited
 * person does with it. Copying may be refused inside an Office pane; the code is then selected for Ctrl+C.
 */
export function InviteCode(props: { invitation: Invitation; server: string; language: Language; t: Strings }) {
  const { invitation, t } = props;
  const styles = useStyles();
  const cardRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLElement>(null);
  // The code is what the user came for: brought into view when it arrives, as a result is.
  useEffect(() => cardRef.current?.scrollIntoView({ block: "nearest" }), [invitation]);
  const [copy, setCopy] = useState<"copied" | "failed">();
  const expires = new Date(invitation.expiresAt).toLocaleDateString(props.language, { dateStyle: "long" });
  const copyCode = async () => {
    try {
      await navigator.clipboard.writeText(invitation.code);
      setCopy("copied");
    } catch {
      if (codeRef.current) window.getSelection()?.selectAllChildren(codeRef.current);
      setCopy("failed");
    }
  };
  return (
    <Card ref={cardRef} data-testid="invite-result">
      <Text size={200}>{t.invite.code}</Text>
      <Text ref={codeRef} className={styles.code} data-testid="invite-code">
        {invitation.code}
      </Text>
      <Text data-testid="invite-expires">{t.invite.expires(expires)}</Text>
      <div>
        <Button onClick={() => void copyCode()}>{t.invite.copy}</Button>{" "}
        <Text aria-live="polite" data-testid="invite-copied">
          {copy === "copied" ? t.invite.copied : copy === "failed" ? t.invite.copyFailed : ""}
        </Text>
      </div>
      <Text block data-testid="invite-instruction">
        {t.invite.instruction(props.server, t.sections.sync, t.sync.connect)}
      </Text>
    </Card>
  );
}
