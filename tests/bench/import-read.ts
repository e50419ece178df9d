/**
 * Reading members' workbooks in the pane (issue 15): a folder of 36 member files as .xlsx bytes (the demo
 * association's plans, and the same members at 30 indicators × 15 years), each read by shared/import —
 * unzip, XML, the layout's reader — against the baseline of the same Indicators sheets read by the
 * layout's reader alone from cell values in memory (what the pane does with an open workbook), in the
 * same process. CPU time, medians of the rounds; the ratio is what the file costs beyond the sheet.
 */
import { pathToFileURL } from "node:url";
import { readMemberFile } from "../../shared/import/read.ts";
import { buildIndicators, readIndicators } from "../../shared/layout/indicators.ts";
import { Identity } from "../../shared/layout/table.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { MEMBER_COUNT, memberPlanDocument } from "../../worker/tools/demo-data.ts";
import { asExcelReturns } from "../support/excel-values.ts";
import { memberPlan } from "../support/member-plan.ts";
import { memberWorkbook } from "../support/member-workbook.ts";

const ROUNDS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A member at 30 indicators × 15 years: the size of a member's monitoring table. */
function largeMember(i: number): PlanDocument {
  const values = Object.fromEntries(
    Array.from({ length: 30 }, (_, k) => [`IND${String(k).padStart(2, "0")}`, Object.fromEntries(Array.from({ length: 15 }, (_, y) => [2012 + y, 100 * k + y + i]))]),
  );
  return memberPlan(crypto.randomUUID(), { name: `Громада ${i}`, kind: "city", region: "Північ", values }, { firstYear: 2012, lastYear: 2026 });
}

async function folder(label: string, docs: PlanDocument[]): Promise<string> {
  const files = docs.map((doc, i) => ({ name: `Громада-член ${i}.xlsx`, bytes: memberWorkbook(doc) }));
  const sheets = docs.map((doc) => asExcelReturns(buildIndicators(doc, "uk")));
  let values = 0;
  const read: number[] = [];
  const base: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = cpuMs();
    values = 0;
    for (const f of files) values += (await readMemberFile(f.name, f.bytes)).observations.length;
    read.push(cpuMs() - start);
    start = cpuMs();
    docs.forEach((doc, i) => readIndicators(sheets[i]!, doc, new Identity(new Set(), () => crypto.randomUUID())));
    base.push(cpuMs() - start);
  }
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const [r, b] = [median(read), median(base)];
  return `| ${label} | ${files.length} | ${(bytes / 1024).toFixed(0)} KiB | ${values} | ${r.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(r / b).toFixed(2)}× |`;
}

export async function benchImportRead(): Promise<void> {
  console.log("\n## Reading members' workbooks (shared/import), CPU time per folder, median of", ROUNDS);
  console.log("| folder | files | .xlsx bytes | values read | read from .xlsx | sheet values alone (baseline) | ratio |");
  console.log("|---|---|---|---|---|---|---|");
  const demo = Array.from({ length: MEMBER_COUNT }, (_, i) => memberPlanDocument(i + 1));
  console.log(await folder("demo association", demo));
  console.log(await folder("30 indicators × 15 years", Array.from({ length: MEMBER_COUNT }, (_, i) => largeMember(i))));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchImportRead();
