import type { MuniPlanFormat } from "../../../../shared/import/read.ts";
// It does not touch Excel: it decodes the plan a MuniPlan workbook keeps in its custom XML parts, which a
// member's file read outside Excel is read by. The adapter's door (usePaneServices().excel) is for running
// Excel. (Its codec and schema belong in shared/layout/workbook-state.ts, where the parts' namespace is.)
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { stateFromXmlParts } from "../../../excel/state.ts";

/**
 * How a MuniPlan workbook's plan is decoded, for reading a member's file outside Excel (shared/import): the
 * same parts and schema the add-in loads an open workbook's state from (addin/excel/state.ts).
 */
export const muniPlanFormat: MuniPlanFormat = {
  async state(parts) {
    const state = await stateFromXmlParts([...parts]);
    return { doc: state.doc, monitoring: state.monitoring, indicatorsSheet: state.sheets.indicators?.name };
  },
};
