import { SHEET_MARK_PREFIX, sheetMark } from "../../shared/layout/workbook-state.ts";

// The adapter's other modules name the mark from here, with the rest of finding MuniPlan's sheets.
export { sheetMark };

/**
 * Finding MuniPlan's own sheets again. A worksheet's id is constant within a session but may change when
 * the file is saved and reopened, and ids seen after a reopen look like sheet positions (office-js-docs-pr
 * #297, office-js #1390): a stored id may name another sheet, even a user's. So every MuniPlan sheet
 * carries a mark that a rebuild never removes — a sheet-scoped name `MuniPlanSheet_<kind>` (ExcelApi 1.4)
 * — and a sheet is found by, in order: the workbook-unique name of the table only MuniPlan gives it; its
 * mark (a user's copy of the sheet copies the mark: the stored id, then the stored name, tell them apart,
 * and nothing is guessed); its stored id, only when the sheet still has the stored name and no other
 * MuniPlan sheet's mark (a sheet written before marks existed); the temporary name a first build gave it.
 */

export interface OwnSheet {
  /** What the sheet is ("indicators", "comparison", "round_2014"): names its mark. */
  kind: string;
  /** The name of the sheet's MuniPlan table (`MuniPlan_<kind>`), if it has one. */
  marker?: string;
  /** Its id as last stored. */
  id?: string;
  /** Its name as last stored: confirms the stored id. */
  stored?: string;
  /** The name a new sheet is created under and keeps until the workbook's state records it. */
  temp: string;
  /** The name the sheet is to have when it is new. */
  wanted: string;
}

export interface FoundSheet {
  sheet: Excel.Worksheet;
  id: string;
  name: string;
  /** Whether it carries its mark already (else `markSheet` before rebuilding it). */
  marked: boolean;
}

/** Several sheets carry the mark of one MuniPlan sheet (the user copied it) and nothing tells which is MuniPlan's. */
export class SheetMarkedTwice extends Error {
  constructor(readonly sheetNames: string[]) {
    super(`The sheets ${sheetNames.map((n) => `'${n}'`).join(", ")} are copies of one MuniPlan sheet: delete the copies MuniPlan should not use, then try again`);
    this.name = "SheetMarkedTwice";
  }
}

/** MuniPlan's own sheet for `key` while it is first written; Excel allows 31 characters. */
export const tempSheetName = (key: string): string => `~MuniPlan ${key}`.slice(0, 31);

/** The name of the table that marks a MuniPlan sheet of `kind`. */
export const markerTable = (kind: string): string => `MuniPlan_${kind}`;

/** Queues the mark onto a sheet that does not carry it yet (a new sheet, in the sync that adds it). */
export function markSheet(sheet: Excel.Worksheet, kind: string): void {
  // A constant, not a cell: deleting rows or columns cannot turn it into #REF!.
  sheet.names.add(sheetMark(kind), `="${kind}"`);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Queues the first of the two syncs that find `wants`: every sheet's id and name and whether each marker
 * table exists. Nothing of an object that may be null is loaded in the sync that checks it (Excel may
 * refuse that: "children of a null object"). After that sync, `locate` queues the second: every sheet's
 * marks, the marker tables' sheets, and whatever `more` asks of each sheet (it is not known yet which
 * ones are MuniPlan's; a workbook has few sheets); after it, `result`.
 */
export function queueFind<K extends string>(context: Excel.RequestContext, wants: Record<K, OwnSheet>) {
  const keys = Object.keys(wants) as K[];
  const all = context.workbook.worksheets;
  all.load("items/id,items/name");
  const markers = new Map<K, Excel.Table>();
  for (const key of keys) {
    const marker = wants[key].marker;
    if (marker) markers.set(key, context.workbook.tables.getItemOrNullObject(marker));
  }
  return {
    locate(more?: (sheet: Excel.Worksheet) => void) {
      const tableSheets = new Map<K, Excel.Worksheet>();
      for (const [key, table] of markers)
        if (!table.isNullObject) {
          const sheet = table.worksheet;
          sheet.load("id");
          tableSheets.set(key, sheet);
        }
      for (const sheet of all.items) {
        sheet.names.load("items/name");
        more?.(sheet);
      }
      return {
        /**
         * The sheets found, and the keys whose wanted name is another sheet's: a key with no sheet of its
         * own, or whose own sheet still has its temporary name, would need that name. Throws
         * SheetMarkedTwice when copies of a sheet cannot be told apart.
         */
        result(): { found: Partial<Record<K, FoundSheet>>; taken: K[] } {
          const marks = new Map(all.items.map((s) => [s, s.names.items.map((n) => n.name.toLowerCase())]));
          const marked = (s: Excel.Worksheet, kind: string) => marks.get(s)!.includes(sheetMark(kind).toLowerCase());
          const anyMark = (s: Excel.Worksheet) => marks.get(s)!.some((n) => n.startsWith(SHEET_MARK_PREFIX.toLowerCase()));
          const found: Partial<Record<K, FoundSheet>> = {};
          for (const key of keys) {
            const want = wants[key];
            const tableId = tableSheets.get(key)?.id;
            const sheet =
              all.items.find((s) => s.id === tableId) ??
              pick(
                all.items.filter((s) => marked(s, want.kind)),
                want,
              ) ??
              all.items.find((s) => !anyMark(s) && ((s.id === want.id && want.stored !== undefined && same(s.name, want.stored)) || same(s.name, want.temp)));
            if (sheet) found[key] = { sheet, id: sheet.id, name: sheet.name, marked: marked(sheet, want.kind) };
          }
          const taken = keys.filter((key) => {
            const own = found[key];
            if (own && !same(own.name, wants[key].temp)) return false;
            const holder = all.items.find((s) => same(s.name, wants[key].wanted));
            return holder !== undefined && holder.id !== own?.id;
          });
          return { found, taken };
        },
      };
    },
  };
}

/**
 * The one of several sheets with a mark that is MuniPlan's: the one with both its stored id and name, else
 * its stored name (a copy gets another), else its stored id (the user renamed it); never a guess.
 */
function pick(candidates: Excel.Worksheet[], want: OwnSheet): Excel.Worksheet | undefined {
  if (candidates.length <= 1) return candidates[0];
  const byId = (s: Excel.Worksheet) => s.id === want.id;
  const byName = (s: Excel.Worksheet) => want.stored !== undefined && same(s.name, want.stored);
  for (const test of [(s: Excel.Worksheet) => byId(s) && byName(s), byName, byId]) {
    const matching = candidates.filter(test);
    if (matching.length === 1) return matching[0];
  }
  throw new SheetMarkedTwice(candidates.map((s) => s.name));
}
