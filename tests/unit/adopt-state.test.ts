import { describe, expect, it } from "vitest";
import {
  type AdoptDraft,
  type Correction,
  type PreviewNode,
  RANGE_KEPT_CHARS,
  correct,
  countOf,
  draftStore,
  linesOf,
  previewOf,
  previewedIn,
  rangeRead,
} from "../../addin/src/features/plan/adopt-state.ts";
import { type AdoptResult, adopt } from "../../shared/adopt/recognise.ts";
import { sequentialIds } from "./adopt-support.ts";

/**
 * The pane's adopt preview state (addin/src/features/plan/adopt-state.ts): the draft kept in the pane's
 * storage, the recognised items grouped as the preview's tree, and the source lines as the preview names them.
 */

const TEXT = `Plan: Riverside 2026-2028
Vision: A town to live in.
SWOT analysis
Strengths
- The river
Strategic priorities
Priority 1: Roads
Goal 1.1: Repair streets
Tasks:
Patch holes.
Resurface the main street.
Expected results: Smooth roads
Priority 2: Light
Goal 2.1: Lighting
• LED lamps
Risks
Internal risks
Risk: Budget cuts
Indicators
Indicator: Residents served, of which: - children, - pensioners
Indicator: Streets repaired`;

const read = () => adopt({ text: TEXT }, { id: sequentialIds(), year: 2026 });

/** A tree as [text, children] pairs: the shape the preview shows. */
type Shape = [string, Shape[]];
const shape = (nodes: readonly PreviewNode[]): Shape[] => nodes.map((n) => [n.item.text, shape(n.children)]);

describe("the adopt preview's tree", () => {
  it("groups the plan's lines, SWOT, priorities with their goals, tasks and results, risks, and indicators with their parts", () => {
    const preview = previewOf(read());
    expect(preview.plan.map((i) => [i.kind, i.text])).toEqual([
      ["title", "Riverside 2026-2028"],
      ["vision", "A town to live in."],
    ]);
    expect(preview.swot.map((i) => i.text)).toEqual(["The river"]);
    expect(shape(preview.priorities)).toEqual([
      ["Roads", [["Repair streets", [["Patch holes.", []], ["Resurface the main street.", []], ["Smooth roads", []]]]]],
      ["Light", [["Lighting", [["LED lamps", []]]]]],
    ]);
    expect(preview.risks.map((i) => i.text)).toEqual(["Budget cuts"]);
    expect(shape(preview.indicators)).toEqual([
      ["Residents served", [["of which: children", []], ["of which: pensioners", []]]],
      ["Streets repaired", []],
    ]);
    expect(preview.unplaced).toEqual([]);
  });

  it("sets apart an item the plan cannot hold where it is: under an item of the wrong kind, without its parent, or before it", () => {
    const result = read();
    const byText = (text: string) => result.items.find((i) => i.text === text)!;
    const strength = byText("The river");
    const items = result.items.map((i) => {
      if (i.text === "Patch holes.") return { ...i, parent: strength.key }; // a task under a SWOT item (placed above it)
      if (i.text === "Smooth roads") return { ...i, parent: undefined }; // results of no goal
      return i;
    });
    // «Lighting» listed before its priority: the preview places parents first, as the recogniser reads them.
    const lighting = items.findIndex((i) => i.text === "Lighting");
    const [moved] = items.splice(lighting, 1);
    items.splice(items.findIndex((i) => i.text === "Roads"), 0, moved!);
    const preview = previewOf({ ...result, items } satisfies AdoptResult);
    expect(preview.unplaced.map((i) => i.text)).toEqual(["Lighting", "Patch holes.", "Smooth roads", "LED lamps"]);
    expect(shape(preview.priorities)).toEqual([
      ["Roads", [["Repair streets", [["Resurface the main street.", []]]]]],
      ["Light", []],
    ]);
    expect(preview.risks.map((i) => i.text)).toEqual(["Budget cuts"]);
  });

  it("counts every item under a group, the group's own items included", () => {
    const preview = previewOf(read());
    expect(countOf(preview.priorities)).toBe(2 + 2 + 4);
    expect(countOf(preview.indicators)).toBe(4);
    expect(countOf([])).toBe(0);
  });
});

describe("the source lines as the preview names them", () => {
  const lines = (...numbers: number[]) => numbers.map((line) => ({ line, text: `line ${line}` }));

  it("names one line, a run, and lines apart, in order and each once", () => {
    expect(linesOf(lines(182))).toBe("182");
    expect(linesOf(lines(184, 182, 183))).toBe("182–184");
    expect(linesOf(lines(186, 183))).toBe("183, 186");
    expect(linesOf(lines(5, 1, 2, 5, 3, 9))).toBe("1–3, 5, 9");
  });

  it("names a range's rows by the sheet's own row numbers", () => {
    expect(linesOf(lines(1, 2, 4), 10)).toBe("11–12, 14");
  });

  it("names an item's lines as the recogniser kept them: an indicator's parts share its line", () => {
    const parts = previewOf(read()).indicators[0]!.children;
    expect(parts.map((p) => linesOf(p.item.source))).toEqual(["20", "20"]);
  });
});

describe("the draft kept in the pane's storage", () => {
  function memoryStorage() {
    const map = new Map<string, string>();
    return {
      map,
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
  }

  it("gives back what was put, in its partition only, and an empty text before anything was", () => {
    const storage = memoryStorage();
    const store = draftStore(storage, "book-1:");
    expect(store.get()).toEqual({ text: "", corrections: [] });
    const draft: AdoptDraft = { text: TEXT, html: "<p>Plan</p>" };
    store.put(draft);
    expect(store.get()).toEqual({ ...draft, corrections: [] });
    expect(draftStore(storage, "book-1:").get()).toEqual({ ...draft, corrections: [] });
    expect(draftStore(storage, "book-2:").get()).toEqual({ text: "", corrections: [] });
  });

  it("keeps one draft: the next replaces it", () => {
    const storage = memoryStorage();
    const store = draftStore(storage, "");
    store.put({ text: "first" });
    store.put({ text: "second" });
    expect(store.get()).toEqual({ text: "second", corrections: [] });
    expect([...storage.map.values()].filter((v) => v.includes("first"))).toEqual([]);
  });

  it("takes a kept value it cannot read (another pane version's, damaged) as no draft", () => {
    const storage = memoryStorage();
    const store = draftStore(storage, "");
    store.put({ text: "kept" });
    for (const [key] of storage.map) if (!key.endsWith(":index")) storage.map.set(key, '{"text": 42}');
    expect(store.get()).toEqual({ text: "", corrections: [] });
  });

  it("keeps the preview's read, its corrections and the header typed with the text", () => {
    const storage = memoryStorage();
    const draft = {
      text: TEXT,
      read: { from: "text" as const },
      corrections: [{ op: "demote" as const, at: 7 }],
      header: { name: "Riverside", title: "Riverside 2026-2028", firstYear: "2026", lastYear: "2028", language: "en" },
    };
    draftStore(storage, "").put(draft);
    expect(draftStore(storage, "").get()).toEqual(draft);
  });
});

describe("the preview brought back from the draft", () => {
  const at = (result: AdoptResult, text: string) => result.items.findIndex((i) => i.text === text);
  /** What the preview shows of a result, without the keys that are new at each read. */
  const seen = (result: AdoptResult) => ({ priorities: shape(previewOf(result).priorities), risks: previewOf(result).risks.map((i) => i.text), unrecognised: result.unrecognised });

  it("is read again and corrected again in turn: the same preview as corrected on screen, though every key differs", () => {
    // On screen: priority «Light» demoted to a goal of «Roads», then the risk ignored.
    let live = read();
    const corrections: Correction[] = [];
    for (const [op, text] of [["demote", "Light"], ["ignore", "Budget cuts"]] as const) {
      const c = { op, at: at(live, text) };
      corrections.push(c);
      live = correct(live, c);
    }
    expect(seen(live)).not.toEqual(seen(read()));
    const again = previewedIn({ text: TEXT, read: { from: "text" }, corrections }, { id: () => crypto.randomUUID(), year: 2026 })!;
    expect(seen(again)).toEqual(seen(live));
    expect(again.items.map((i) => i.key)).not.toContain(live.items[0]!.key);
    // Demoted alone, as a paragraph in Word's outline: its goal goes to the priority above it with it.
    expect(shape(previewOf(again).priorities)).toEqual([["Roads", [["Repair streets", expect.any(Array)], ["Light", []], ["Lighting", [["LED lamps", []]]]]]]);
  });

  it("is none without a read, or with a text read of an empty text; a correction past the last item changes nothing", () => {
    const options = { id: sequentialIds(), year: 2026 };
    expect(previewedIn({ text: TEXT, corrections: [] }, options)).toBeUndefined();
    expect(previewedIn({ text: " ", read: { from: "text" }, corrections: [] }, options)).toBeUndefined();
    const result = read();
    expect(correct(result, { op: "ignore", at: result.items.length })).toBe(result);
  });

  it("from a range: its values are kept with the draft while small, and read again without the sheet", () => {
    const values = [
      ["Indicator", "Unit", "Baseline 2025", "Target 2028"],
      ["Streets lit", "%", 40, 90],
    ];
    const kept = rangeRead("Data!B3:E4", 3, values)!;
    expect(kept).toEqual({ from: "range", address: "Data!B3:E4", firstRow: 3, values });
    const again = previewedIn({ text: "", read: kept, corrections: [] }, { id: sequentialIds(), year: 2026 })!;
    expect(again.doc.indicators.map((i) => [i.name, i.unit, i.baselineValue, i.targetValue])).toEqual([["Streets lit", "%", 40, 90]]);
    // A range too large to keep beside the text in the pane's storage is not kept: its preview lasts while the panel is open.
    expect(rangeRead("Data!A1:A2", 1, [["x".repeat(RANGE_KEPT_CHARS)], ["y"]])).toBeUndefined();
  });
});
