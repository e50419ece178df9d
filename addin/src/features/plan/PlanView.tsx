import { Button, Spinner, Text } from "@fluentui/react-components";
import { Suspense, lazy, useState } from "react";
import type { SheetKind } from "../../../../shared/layout/grid.ts";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { PlanForm } from "./PlanForm.tsx";
import { usePaneServices } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { usePlanWrite } from "./usePlanActions.ts";

// Adopting a plan (and its recogniser) is downloaded when asked for, not with the pane's first screen.
const AdoptPanel = lazy(() => import("./AdoptPanel.tsx").then((m) => ({ default: m.AdoptPanel })));

/**
 * The Plan section: the plan's header form, the example, and the write's result under its buttons; a
 * workbook without a plan may adopt the one the community already has instead (AdoptPanel), whose sheets
 * are written the same way and whose result shows in the same place. A plan that appears while the panel
 * is open (the example started just before it, a link) leaves the panel open with what was typed: it says
 * the plan is there and writes nothing, and "Back to the form" shows the plan.
 */
export function PlanView(props: { doc?: PlanDocument; language: Language; t: Strings }) {
  const { t, doc, language } = props;
  const { example } = usePaneServices();
  const [taken, setTaken] = useState<{ kind: SheetKind; name: string }[]>();
  const { write, busy } = usePlanWrite(t, setTaken);
  const [adopting, setAdopting] = useState(false);
  if (adopting)
    return (
      <>
        <Suspense fallback={<Spinner size="tiny" />}>
          <AdoptPanel language={language} t={t} planExists={doc !== undefined} onClose={() => setAdopting(false)} />
        </Suspense>
        <ActionResult id="plan" t={t} language={language} />
      </>
    );
  return (
    <>
      {!doc && <Text>{t.noPlan}</Text>}
      {!doc && (
        <div>
          <Button onClick={() => setAdopting(true)} disabled={busy} data-testid="adopt-open">
            {t.adopt.open}
          </Button>
        </div>
      )}
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
