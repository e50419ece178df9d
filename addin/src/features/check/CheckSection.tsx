import { Button, Text } from "@fluentui/react-components";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import type { Strings } from "../../strings.ts";
import { CheckPart } from "./CheckPart.tsx";
import { useCheck } from "./useCheck.ts";

/**
 * The plan check: a count of what is missing and of advice, then each part by sheet and rule, large
 * groups collapsed, so the button and the summary stay near the top; each finding links to its cell.
 */
export function CheckSection(props: { language: Language; t: Strings }) {
  const { t, language } = props;
  const check = useCheck(language);
  const { groups } = check;
  return (
    <div data-testid="check">
      <Text block>{t.checkIntro}</Text>
      <Button appearance="primary" onClick={check.run} disabled={check.busy} style={{ margin: "8px 0" }}>
        {t.runCheck}
      </Button>
      <ActionResult id="check" t={t} language={language} />
      {groups && groups.length === 0 && <Text block>{t.checkNone}</Text>}
      {groups && groups.length > 0 && (
        <div data-testid="findings">
          <Text block weight="semibold" role="status" data-testid="check-summary">
            {t.checkGroups.summary(check.count("missing"), check.count("advice"))}
          </Text>
          {groups.map((g, i) => (
            <CheckPart key={g.kind} group={g} openFirst={i === 0 && g.kind === "missing"} onSelect={check.select} language={language} t={t} />
          ))}
        </div>
      )}
    </div>
  );
}
