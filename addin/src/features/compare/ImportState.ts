import type { MuniPlanFormat } from "../../../../shared/import/read.ts";
// Neither touches Excel: they say how a MuniPlan workbook keeps its plan and marks its sheet, which a member's
// file read outside Excel is read by. The adapter's door (usePaneServices().excel) is for running Excel.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { sheetMark } from "../../../excel/own-sheets.ts";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { STATE_NAMESPACE, stateFromXmlParts } from "../../../excel/state.ts";

/** A custom XML part of MuniPlan's state (its root element in STATE_NAMESPACE), however Excel quoted the attribute. */
const inStateNamespace = (xml: string) => new RegExp(`xmlns(?::\\w+)?\\s*=\\s*["']${STATE_NAMESPACE}["']`).test(xml);

/**
 * How a MuniPlan workbook keeps its plan, for reading a member's file outside Excel (shared/import): the
 * same parts and schema the add-in loads an open workbook's state from (addin/excel/state.ts), and the
 * mark its Indicators sheet carries (own-sheets.ts).
 */
export const muniPlanFormat: MuniPlanFormat = {
  async state(customXml) {
    const parts = customXml.filter(inStateNamespace);
    if (parts.length === 0) return undefined;
    const state = await stateFromXmlParts(parts);
    return { doc: state.doc, monitoring: state.monitoring, indicatorsSheet: state.sheets.indicators?.name };
  },
  mark: sheetMark("indicators"),
};
