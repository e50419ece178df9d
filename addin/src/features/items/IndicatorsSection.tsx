import { DIRECTION_LABELS, FREQUENCY_LABELS } from "../../../../shared/i18n/labels.ts";
import { planTree, targetCodes } from "../../../../shared/layout/codes.ts";
import { indicatorSheetOrder } from "../../../../shared/layout/indicators.ts";
import { addFromCatalogue } from "../../../../shared/sync/catalogue.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { usePermissions } from "../../state/pane.tsx";
import type { SyncController } from "../../sync.ts";
import { usePlanEdit } from "../plan/usePlanActions.ts";
import { CatalogueAdd } from "./CatalogueAdd.tsx";
import type { EditorField } from "./EntityEditor.tsx";
import { type SectionProps, choices, cut, measureTargets } from "./field-options.ts";
import { PlanItemEditor } from "./PlanItemEditor.tsx";

export function IndicatorsSection(props: SectionProps & { sync: Pick<SyncController, "catalogues"> }) {
  const { t, language, doc } = props;
  // Applied on top of what the sheets hold now: the catalogue add checks the code there.
  const catalogueAdd = usePlanEdit("catalogue-add", t);
  // Adding from the catalogue adds an indicator: the role that may not edit the plan is not offered it.
  const { editPlan } = usePermissions();
  const codes = targetCodes(doc);
  const targets = measureTargets(planTree(doc));
  const fields: EditorField[] = [
    { name: "name", type: "text", required: true, multiline: true, label: t.indicatorName },
    { name: "unit", type: "text", label: t.unit },
    { name: "measures", type: "choice", label: t.measures, options: targets },
    { name: "baselineYear", type: "year", label: t.baselineYear },
    { name: "baselineValue", type: "number", label: t.baselineValue },
    { name: "targetValue", type: "number", label: t.targetValue },
    { name: "targetYear", type: "year", label: t.targetYear },
    { name: "direction", type: "choice", required: true, label: t.direction, options: choices(DIRECTION_LABELS, language) },
    { name: "frequency", type: "choice", required: true, label: t.frequency, options: choices(FREQUENCY_LABELS, language) },
    { name: "responsibleUnit", type: "text", label: t.responsibleUnit },
    { name: "code", type: "text", label: t.code },
  ];
  const items = indicatorSheetOrder(doc.indicators).map((i) => ({ id: i.id, label: cut(i.name), detail: codes.codeOf(i.measures), level: i.parentId ? 1 : 0 }));
  return (
    <>
      {!editPlan && (
        <CatalogueAdd
          doc={doc}
          targets={targets}
          t={t}
          busy={catalogueAdd.busy}
          load={async () => (await props.sync.catalogues()).entries}
          onAdd={async (entry, measures) => {
            await catalogueAdd.edit((d) => addFromCatalogue(d, entry, measures, crypto.randomUUID()));
          }}
        />
      )}
      <ActionResult id="catalogue-add" t={t} language={language} />
      <PlanItemEditor {...props} kind="indicators" fields={fields} items={items} testId="indicators-editor" extra={(editing) => (editing?.parentId ? { parentId: editing.parentId } : {})} />
    </>
  );
}
