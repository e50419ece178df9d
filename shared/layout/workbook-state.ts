/**
 * How a MuniPlan workbook says it is one, apart from Excel: where it keeps its plan (custom XML parts in
 * STATE_NAMESPACE; their encoding is addin/excel/xml-parts.ts) and the mark each of its own sheets carries.
 * The add-in writes them (addin/excel/state.ts, own-sheets.ts); a member's file read outside Excel is
 * recognised by them (shared/import/read.ts).
 */

/** The namespace of the custom XML parts that hold MuniPlan's workbook state. */
export const STATE_NAMESPACE = "urn:muniplan:state:v1";

/** Whether a custom XML part is one of the state's (its root element in STATE_NAMESPACE), however Excel quoted the attribute. */
export const inStateNamespace = (xml: string): boolean => new RegExp(`xmlns(?::\\w+)?\\s*=\\s*["']${STATE_NAMESPACE}["']`).test(xml);

/**
 * What every sheet-scoped name that marks a MuniPlan sheet starts with. Apart from the table names
 * (`MuniPlan_<kind>`): Excel keeps table and defined names in one namespace.
 */
export const SHEET_MARK_PREFIX = "MuniPlanSheet_";

/** The sheet-scoped name that marks a MuniPlan sheet of `kind` ("indicators", "round_2014"). */
export const sheetMark = (kind: string): string => `${SHEET_MARK_PREFIX}${kind}`;
