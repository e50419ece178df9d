import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { LocatedFinding } from "../../../../shared/check/plan-check.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { ProblemList } from "../../components/ProblemList.tsx";
import { usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";

/** The plan check: findings named by cell, each a link to its cell. */
export function CheckSection(props: { language: Language; t: Strings }) {
  const { t, language } = props;
  const { session } = usePaneServices();
  const [findings, setFindings] = useState<LocatedFinding[]>();
  const check = useAction("check");
  const goTo = useAction("go-to-cell", { keepOthers: true });
  return (
    <div data-testid="check">
      <Text block>{t.checkIntro}</Text>
      <Button appearance="primary" onClick={() => check.run(async () => setFindings(session.check(language)))} disabled={check.busy} style={{ margin: "8px 0" }}>
        {t.runCheck}
      </Button>
      <ActionResult id="check" t={t} language={language} />
      {findings && findings.length === 0 && <Text block>{t.checkNone}</Text>}
      {findings && findings.length > 0 && (
        <ProblemList title={t.items(findings.length)} problems={findings} language={language} onSelect={(p) => goTo.run(() => session.select(p))} intent="warning" testId="findings" />
      )}
    </div>
  );
}
