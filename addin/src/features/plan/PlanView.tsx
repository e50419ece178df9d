import { Text } from "@fluentui/react-components";
import { useState } from "react";
import type { SheetKind } from "../../../../shared/layout/grid.ts";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { PlanForm } from "./PlanForm.tsx";
import { usePaneServices } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { usePlanWrite } from "./usePlanActions.ts";

/** The Plan section: the plan's header form, the example, and the write's result under its buttons. */
export function PlanView(props: { doc?: PlanDocument; language: Language; t: Strings }) {
  const { t, doc, language } = props;
  const { example } = usePaneServices();
  const [taken, setTaken] = useState<{ kind: SheetKind; name: string }[]>();
  const { write, busy } = usePlanWrite(t, setTaken);
  return (
    <>
      {!doc && <Text>{t.noPlan}</Text>}
      <PlanForm
        key={doc?.plan.id ?? "new"}
        doc={doc}
        language={language}
        t={t}
        busy={busy}
        sheetNames={{}}
        onWrite={async (next, names) => {
          await write(next, names);
        }}
        onExample={async () => {
          await write(await example());
        }}
        taken={taken}
        onCancelTaken={() => setTaken(undefined)}
      />
      <ActionResult id="plan" t={t} language={language} />
    </>
  );
}
