/**
 * Finding MuniPlan's own sheets again. A worksheet's id is constant within a session but may change when
 * the file is saved and reopened (office-js-docs-pr #297, office-js #1390), so a sheet is found first by
 * its marker — the workbook-unique name of the table only MuniPlan gives it — then by its stored id, then
 * by the temporary name a first build gives a new sheet until the workbook's state records it: a build
 * that failed midway left that sheet, and the next one takes it over instead of calling its name taken.
 */

export interface OwnSheet {
  /** The name of the sheet's MuniPlan table (`MuniPlan_<kind>`), if it has one. */
  marker?: string;
  /** Its id as last stored. */
  id?: string;
  /** The name a new sheet is created under and keeps until the workbook's state records it. */
  temp: string;
  /** The name the sheet is to have when it is new. */
  wanted: string;
}

export interface FoundSheet {
  sheet: Excel.Worksheet;
  id: string;
  name: string;
}

/** MuniPlan's own sheet for `key` while it is first written; Excel allows 31 characters. */
export const tempSheetName = (key: string): string => `~MuniPlan ${key}`.slice(0, 31);

/** The name of the table that marks a MuniPlan sheet of `kind`. */
export const markerTable = (kind: string): string => `MuniPlan_${kind}`;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Queues the first of the two syncs that find `wants`: every sheet's id and name and whether each marker
 * table exists. Nothing of an object that may be null is loaded in the sync that checks it (Excel may
 * refuse that: "children of a null object"). After that sync, `locate` queues the second: the found sheets'
 * id and name, and whatever `more` asks of each; after it, `result`.
 */
export function queueFind<K extends string>(context: Excel.RequestContext, wants: Record<K, OwnSheet>) {
  const keys = Object.keys(wants) as K[];
  const all = context.workbook.worksheets;
  all.load("items/id,items/name");
  const markers = new Map<K, Excel.Table>();
  for (const key of keys) {
    const marker = wants[key].marker;
    if (!marker) continue;
    const table = context.workbook.tables.getItemOrNullObject(marker);
    markers.set(key, table);
  }
  return {
    locate(more?: (sheet: Excel.Worksheet, key: K) => void) {
      const sheets = new Map<K, Excel.Worksheet>();
      for (const key of keys) {
        const want = wants[key];
        const marker = markers.get(key);
        const sheet =
          marker && !marker.isNullObject
            ? marker.worksheet
            : (all.items.find((s) => s.id === want.id) ?? all.items.find((s) => same(s.name, want.temp)));
        if (!sheet) continue;
        sheet.load("id,name");
        more?.(sheet, key);
        sheets.set(key, sheet);
      }
      return {
        /**
         * The sheets found, and the keys whose wanted name is another sheet's: a key with no sheet of its
         * own, or whose own sheet still has its temporary name, would need that name.
         */
        result(): { found: Partial<Record<K, FoundSheet>>; taken: K[] } {
          const found: Partial<Record<K, FoundSheet>> = {};
          for (const [key, sheet] of sheets) found[key] = { sheet, id: sheet.id, name: sheet.name };
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
