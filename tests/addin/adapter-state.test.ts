import { describe, expect, it } from "vitest";
import { connectionStore, loadReports } from "../../addin/excel/reports-state.ts";
import { type WorkbookState, STATE_NAMESPACE, loadState, saveState, stateToXmlParts } from "../../addin/excel/state.ts";
import { fromXmlParts, toXmlParts } from "../../addin/excel/xml-parts.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { syntheticPlan } from "../bench/layout.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/**
 * Issue 11 §2: MuniPlan's data in custom XML parts survives Excel's rules and a save that fails midway.
 * Each test names what made the adapter before this fix fail on the strict host.
 */

const state = (vision: string): WorkbookState => ({ version: 1, language: "uk", doc: { ...amuPlan, plan: { ...amuPlan.plan, vision } }, sheets: {} });

describe("the workbook's state in custom XML", () => {
  // Old adapter: the JSON went into the part with U+FFFE as it was; Excel refuses a part that is not
  // well-formed XML (any profile). A plan's text may no longer hold such characters (shared/model/text.ts),
  // but what is kept beside it need not be plan text: a kept value of any string still round-trips.
  it("carries characters XML forbids, escaped, and reads them back exactly", async () => {
    const fake = new FakeExcel();
    const odd = "a\uFFFEb\uFFFFc\u0001d\u001Fe\u0000f <&> ]]> 👩‍👩‍👧";
    const kept = connectionStore(fake.run);
    await kept.save({ server: "https://muniplan.example", clientId: odd });
    for (const part of fake.customXml) expect(part.xml).not.toMatch(/[\uFFFE\uFFFF\u0000-\u0008]/);
    expect((await kept.load())?.clientId).toBe(odd);
  });

  // Old adapter: read `part="1" of="1"` in that order and quoting only; customXmlRoundTrip=reformatted
  // reverses and single-quotes the attributes, and the plan read as damaged.
  for (const customXmlRoundTrip of ["exact", "reformatted"] as const)
    it(`reads back what Excel may have reformatted (customXmlRoundTrip=${customXmlRoundTrip})`, async () => {
      const fake = new FakeExcel({ customXmlRoundTrip });
      const saved = state("Бачення <з> «лапками» & 'апострофами'");
      await saveState(fake.run, saved);
      expect(await loadState(fake.run)).toEqual(saved);
      await connectionStore(fake.run).save({ server: "https://muniplan.example", clientId: "workbook-1" });
      expect(await connectionStore(fake.run).load()).toEqual({ server: "https://muniplan.example", clientId: "workbook-1" });
    });

  // Old adapter: deleted the old parts before adding the new; a failure at the add lost the plan (any profile).
  it("is never lost by a save that fails at any command: the old state or the new one is read", async () => {
    const old = state("стара");
    const next = state("нова");
    const probe = new FakeExcel();
    await saveState(probe.run, old);
    const before = probe.stats.ops;
    await saveState(probe.run, next);
    const total = probe.stats.ops - before;
    for (let n = 1; n <= total; n++) {
      const fake = new FakeExcel();
      await saveState(fake.run, old);
      fake.failAtCommand(n);
      await expect(saveState(fake.run, next), `command ${n} of ${total}`).rejects.toBeInstanceOf(Error);
      const kept = await loadState(fake.run);
      expect([old, next], `command ${n}`).toContainEqual(kept);
      // And the next save leaves one generation, the newest.
      await saveState(fake.run, next);
      expect(fake.customXml.filter((p) => p.xml.includes(STATE_NAMESPACE)), `command ${n}`).toHaveLength(1);
      expect(await loadState(fake.run)).toEqual(next);
    }
  });

  // Old adapter (review 11, finding 3): read every part in one sync; a 10,000-row plan's state is a ~4 MB
  // response, so two generations (a failed save) or one of a 30,000-row plan were refused
  // (ResponsePayloadSizeLimitExceeded) and the plan could not be opened.
  for (const [rows, generations] of [
    [10_000, 2],
    [30_000, 1],
  ] as const)
    it(`opens a ${rows}-row plan's state kept in ${generations} generation(s), each response under 5 MB`, async () => {
      const fake = new FakeExcel();
      const big: WorkbookState = { version: 1, language: "uk", doc: syntheticPlan(rows), sheets: {} };
      for (let g = 1; g <= generations; g++)
        for (const xml of stateToXmlParts({ ...big, clientId: `generation ${g}` }, g)) fake.customXml.push({ id: `{g${g}-${fake.customXml.length}}`, xml });
      const loaded = await loadState(fake.run);
      expect(loaded?.clientId).toBe(`generation ${generations}`);
      expect(loaded?.doc.swot.length).toBe(big.doc.swot.length);
      expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    });

  it("takes the newest complete generation when a failed save left two, or an incomplete newer one", async () => {
    const value = { text: "x".repeat(50) };
    const older = toXmlParts(STATE_NAMESPACE, { ...value, n: 1 }, 1, 20);
    const newer = toXmlParts(STATE_NAMESPACE, { ...value, n: 2 }, 2, 20);
    expect(fromXmlParts([...newer, ...older])).toEqual({ ...value, n: 2 });
    expect(fromXmlParts([...older, ...newer.slice(1)])).toEqual({ ...value, n: 1 });
    expect(fromXmlParts(newer.slice(1))).toBeUndefined();
  });

  // Old adapter: cut the JSON every N characters, also between the two halves of an emoji's surrogate
  // pair, leaving each part with a character XML forbids.
  it("is split into parts that are each well-formed XML, never inside a surrogate pair", async () => {
    const value = { text: "😀".repeat(40) };
    for (const size of [7, 8, 9]) {
      const parts = toXmlParts(STATE_NAMESPACE, value, 1, size);
      const fake = new FakeExcel();
      await fake.run(async (context) => {
        for (const xml of parts) context.workbook.customXmlParts.add(xml);
        await context.sync();
      });
      expect(fromXmlParts(fake.customXml.map((p) => p.xml)), `size ${size}`).toEqual(value);
    }
  });

  it("reads the parts an earlier MuniPlan wrote (no generation)", async () => {
    const fake = new FakeExcel();
    const saved = state("до поколінь");
    const json = JSON.stringify(saved).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    fake.customXml.push({ id: "{old}", xml: `<?xml version="1.0" encoding="UTF-8"?><muniplan xmlns="${STATE_NAMESPACE}" part="1" of="1">${json}</muniplan>` });
    expect(await loadState(fake.run)).toEqual(saved);
    expect(await loadReports(fake.run)).toEqual({ comparison: undefined, completeness: undefined });
  });
});
