import { describe, expect, it } from "vitest";
import { PROBES, PROBE_NAMES, PROBE_NAMESPACE, PROBE_SHEET_PREFIX, type Probe, type ProbeResult, canonicalXml, runCompatCheck } from "../../addin/excel/compat.ts";
import type { ExcelHost } from "../../addin/excel/host.ts";
import { markSheet } from "../../addin/excel/own-sheets.ts";
import { type WorkbookState, loadState, saveState } from "../../addin/excel/state.ts";
import { describeResult, reportText } from "../../addin/src/components/compat-report.ts";
import { strings } from "../../addin/src/strings.ts";
import { EXCEL_PROFILES, type ExcelBehaviour } from "../support/excel/behaviour.ts";
import { FakeExcel } from "../support/fake-excel.ts";
import { memberPlan } from "../support/member-plan.ts";

const host = (fake: FakeExcel): ExcelHost => ({
  run: fake.run,
  isSetSupported: fake.isSetSupported,
  diagnostics: { platform: "OfficeOnline", version: "16.0.19000.10000" },
  displayLanguage: "uk-UA",
});

/**
 * A user's workbook: their own sheet (active, with a value), a MuniPlan sheet whose id the stored state
 * holds, and the state itself; then saved and reopened, so the ids are as the host plays them.
 */
async function workbook(behaviour: Partial<ExcelBehaviour>, stored = true): Promise<FakeExcel> {
  const fake = new FakeExcel(behaviour);
  const swotId = await fake.run(async (context) => {
    const mine = context.workbook.worksheets.add("Бюджет");
    mine.getRange("A1:B1").values = [["Дохід", 1200]];
    mine.activate();
    const swot = context.workbook.worksheets.add("SWOT-аналіз");
    // Marked as MuniPlan marks its sheets.
    markSheet(swot, "swot");
    swot.load("id");
    await context.sync();
    return swot.id;
  });
  if (stored) {
    const doc = memberPlan(crypto.randomUUID(), { name: "Громада", kind: "city", region: "Київська" }, { firstYear: 2026, lastYear: 2028 });
    const state: WorkbookState = { version: 1, language: "uk", doc, sheets: { swot: { id: swotId, name: "SWOT-аналіз", outlined: false } } };
    await saveState(fake.run, state);
  }
  fake.reopen();
  return fake;
}

/** Everything of the workbook a user could see or MuniPlan could read, for before/after comparison. */
const snapshot = (fake: FakeExcel) =>
  JSON.stringify({ sheets: fake.sheets, customXml: fake.customXml, active: fake.activeSheet }, (_, v: unknown) =>
    v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v,
  );

/** What the check must report for `probe` on a host that plays `fake.behaviour`. */
function expected(fake: FakeExcel, probe: Probe): Partial<ProbeResult> {
  if (probe === "ungroupWithoutOutline" && !fake.isSetSupported("ExcelApi", "1.10")) return { kind: "skipped", reason: "unsupported" };
  return { kind: "seen", outcome: fake.behaviour[probe] };
}

function expectClean(fake: FakeExcel, before: string): void {
  expect(fake.sheets.filter((s) => s.name.startsWith(PROBE_SHEET_PREFIX))).toEqual([]);
  expect(fake.customXml.filter((p) => p.xml.includes(PROBE_NAMESPACE))).toEqual([]);
  expect(snapshot(fake)).toBe(before);
}

// Every switch of the strict host, under both of its settings, on top of each profile.
// The probes' table names each switch and its two settings once; the host version is the one switch no probe reads.
const SWITCHES = { ...PROBES, excelApi: ["1.17", "1.9"] } as const satisfies { [K in keyof ExcelBehaviour]: readonly ExcelBehaviour[K][] };
const CASES = (["a", "b"] as const).flatMap((profile) =>
  Object.entries(SWITCHES).flatMap(([name, settings]) => settings.map((setting) => ({ profile, name, setting: setting as string }))),
);

describe("Check this Excel", () => {
  it("names every switch of the strict host", () => {
    expect([...PROBE_NAMES, "excelApi"].sort()).toEqual(Object.keys(EXCEL_PROFILES.a).sort());
  });

  it.each(CASES)("profile $profile with $name = $setting: every probe reports what the host plays, and leaves the workbook as it was", async ({ profile, name, setting }) => {
    const fake = await workbook({ ...EXCEL_PROFILES[profile], [name]: setting });
    const before = snapshot(fake);
    const report = await runCompatCheck(host(fake));
    expect(report.results.map((r) => r.probe)).toEqual(PROBE_NAMES);
    for (const r of report.results) expect(r, r.probe).toMatchObject(expected(fake, r.probe));
    expect(report).toMatchObject({ platform: "OfficeOnline", version: "16.0.19000.10000", excelApi: fake.behaviour.excelApi });
    expect(report.leftover).toBeUndefined();
    expectClean(fake, before);
  });

  it("says there is no earlier id when the workbook has no MuniPlan state", async () => {
    const fake = await workbook({}, false);
    const report = await runCompatCheck(host(fake));
    expect(report.results.find((r) => r.probe === "worksheetIdsOnReopen")).toEqual({ probe: "worksheetIdsOnReopen", kind: "skipped", reason: "noStoredId" });
  });

  // Old probe (review 11, finding 7): found the sheets by their stored name, then compared ids by
  // getItem(id); a sheet the user renamed read as gone, and a stored id Excel gave another sheet (ids
  // numbered by position after a reopen) as "kept".
  it("finds MuniPlan's sheets by their mark, renamed or moved, not by name or a stored id another sheet now has", async () => {
    const fake = await workbook({ worksheetIdsOnReopen: "changed" });
    // Stored ids of this session's positions, then the user renames and moves the sheet and reopens.
    const storedId = fake.sheet("SWOT-аналіз")!.id;
    const kept = (await loadState(fake.run))!;
    await saveState(fake.run, { ...kept, sheets: { swot: { id: storedId, name: "SWOT-аналіз", outlined: false } } });
    fake.renameSheet("SWOT-аналіз", "SWOT 2026");
    fake.moveSheet("SWOT 2026", 0);
    fake.reopen();
    expect(fake.sheet(storedId)!.name).toBe("Бюджет");
    const report = await runCompatCheck(host(fake));
    const result = report.results.find((r) => r.probe === "worksheetIdsOnReopen")!;
    expect(result).toMatchObject({ kind: "seen", outcome: "changed" });
    expect(result.kind === "seen" && result.observed).toMatch(/^SWOT 2026: /);
  });

  it.each(["a", "b"] as const)("profile %s: a sync refused at any command fails at most its probe; the others run and nothing is left behind", async (profile) => {
    const clean = await workbook(EXCEL_PROFILES[profile]);
    const ops = clean.stats.ops;
    await runCompatCheck(host(clean));
    const commands = clean.stats.ops - ops;
    expect(commands).toBeGreaterThan(PROBE_NAMES.length);
    const failedProbes = new Set<Probe>();
    for (let n = 1; n <= commands; n++) {
      const fake = await workbook(EXCEL_PROFILES[profile]);
      const before = snapshot(fake);
      fake.failAtCommand(n, "GeneralException");
      const report = await runCompatCheck(host(fake));
      expect(report.results.map((r) => r.probe), `command ${n}`).toEqual(PROBE_NAMES);
      // A refused command touches at most the probe it belongs to (or, refused while adding the probe
      // sheet, the probes that need it, as failed); every other probe reports what the host plays.
      const touched = report.results.filter((r) => JSON.stringify(r).includes("injected failure") || JSON.stringify(r) !== JSON.stringify({ ...r, ...expected(fake, r.probe) }));
      const sheetRefused = touched.every((r) => r.kind === "failed");
      expect(touched.length <= 1 || sheetRefused, `command ${n}: ${JSON.stringify(touched)}`).toBe(true);
      for (const r of touched) failedProbes.add(r.probe);
      expect(report.leftover, `command ${n}`).toBeUndefined();
      expectClean(fake, before);
    }
    // The injected failures reached every probe that sends a command.
    expect([...failedProbes].sort()).toEqual(PROBE_NAMES.filter((p) => expected(clean, p).kind === "seen").sort());
  });
});

describe("the check's parts", () => {
  it("tells a reformatted XML part from a changed one", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><p xmlns="urn:x" b="2" a="1"><t>Київ &amp; '"</t><e/></p>`;
    expect(canonicalXml(`<?xml version='1.0' encoding='utf-8' standalone='yes'?>\n<p a='1' xmlns='urn:x' b="2">\n  <t>Київ &#38; &apos;&quot;</t>\n  <e></e>\n</p>`)).toBe(canonicalXml(xml));
    expect(canonicalXml(xml.replace("Київ", "Kyiv"))).not.toBe(canonicalXml(xml));
    expect(canonicalXml(xml.replace('a="1"', 'a="2"'))).not.toBe(canonicalXml(xml));
    expect(canonicalXml(xml.replace("<e/>", "<e/><f/>"))).not.toBe(canonicalXml(xml));
    expect(canonicalXml(xml.replace("<t>", "<t><"))).toMatch(/^unparsed:/);
  });

  it("writes a report with each probe's name and outcome, in the pane's language", async () => {
    const fake = await workbook(EXCEL_PROFILES.b);
    const report = await runCompatCheck(host(fake));
    for (const language of ["uk", "en", "lt"] as const) {
      const t = strings(language).compat;
      const text = reportText(report, t);
      expect(text).toContain(t.excel("OfficeOnline", "16.0.19000.10000"));
      for (const r of report.results) {
        expect(text).toContain(`${r.probe} = ${describeResult(r, t).outcome}: ${describeResult(r, t).text}`);
        expect(text).toContain(t.probes[r.probe]);
      }
    }
  });
});
