import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { storedValue } from "../../shared/layout/cells.ts";
import { formatProblem } from "../../shared/layout/grid.ts";
import { buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import { LANGUAGES, type Language } from "../../shared/model/plan.ts";

/**
 * `npm run preview [uk|en|lt] [rows]`: the AMU strategy laid out as MuniPlan's sheets, printed as
 * text, then read back — a look at the layouts without Excel.
 */
const language = (LANGUAGES as readonly string[]).includes(process.argv[2] ?? "") ? (process.argv[2] as Language) : "uk";
const rows = Number(process.argv[3] ?? 6);
const grids = buildWorkbook(amuPlan, language);
for (const g of grids) {
  console.log(`\n=== ${g.name}  (${g.cells.length - 1} rows × ${g.columns.length} columns; hidden: ${g.columns.filter((c) => c.hidden).map((c) => c.header).join(", ") || "none"})`);
  for (const [r, row] of g.cells.slice(0, rows + 1).entries()) {
    const indent = r === 0 ? "" : "  ".repeat(g.rowLevels[r - 1] ?? 0);
    const shown = row.filter((_, i) => !g.columns[i]!.hidden).map((c) => String(storedValue(c)).replace(/\r?\n/g, " ⏎ "));
    console.log(`${String(r + 1).padStart(4)} ${indent}${shown.map((c) => (c.length > 48 ? `${c.slice(0, 47)}…` : c)).join(" | ")}`);
  }
}
const sheets = Object.fromEntries(grids.map((g) => [g.kind, { name: g.name, values: g.cells.map((row) => row.map(storedValue)) }]));
const back = readWorkbook(amuPlan, sheets);
console.log(`\nRead back: ${back.changes.length} changes, ${back.problems.length} problems${back.problems.map((p) => `\n  ${formatProblem(p)}`).join("")}`);
