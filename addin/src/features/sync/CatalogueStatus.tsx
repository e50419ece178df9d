import { MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";
import type { CatalogueCheck } from "../../sync.ts";
import { fieldLabel } from "./labels.ts";

/** What the associations' catalogues did to the plan in a sync: indicators brought in line, notices, or why they could not be read. */
export function CatalogueStatus(props: { check: CatalogueCheck; doc?: PlanDocument; language: Language; t: Strings }) {
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
