import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../../shared/api/history.ts";
import { KEPT_STORIES, storyCache } from "../../addin/src/features/history/cache.ts";
import { type Story, changesOf, namesOf, storyText } from "../../addin/src/features/history/story.ts";
import { strings } from "../../addin/src/strings.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";

const indicator = amuPlan.indicators[0]!;
const entry = (seq: number, before: Record<string, unknown> | null, after: Record<string, unknown> | null, clientId: string | null): HistoryEntry => ({
  seq,
  kind: "observations",
  entityId: "00000000-0000-4000-8000-00000000a001",
  version: seq,
  op: before ? "update" : "create",
  actor: { id: `u${seq}`, name: seq === 2 ? "Марко Моніторинг" : "Олена Коваль" },
  clientId,
  before,
  after,
  at: "2026-11-12T12:03:00.000Z",
});
const created = { id: "00000000-0000-4000-8000-00000000a001", indicatorId: indicator.id, period: { year: 2014 }, value: 10 };
const story: Story = {
  target: { found: true, entityId: created.id, kind: "indicators", address: "Показники!O2", year: 2014 },
  entries: [entry(2, created, { ...created, value: 12.5, note: "Уточнено" }, "workbook-b"), entry(1, null, created, "workbook-a")],
  next: null,
  savedAt: "2026-11-12T12:03:00.000Z",
};

describe("a value's story as the pane words it", () => {
  it("lists only the fields a person fills, labelled in the pane's language, references by name", () => {
    const names = namesOf(amuPlan);
    expect(changesOf(story.entries[0]!, strings("uk"), "uk", names)).toEqual([
      { label: "Значення", before: "10", after: "12,5" },
      { label: "Примітка", before: "—", after: "Уточнено" },
    ]);
    expect(changesOf(story.entries[1]!, strings("en"), "en", names).map((c) => `${c.label}: ${c.after}`)).toEqual([
      `Indicator: ${indicator.name}`,
      "Year or period: 2014",
      "Value: 10",
    ]);
  });

  it("copies as plain text in the pane's language, newest first, naming this workbook and others", () => {
    const text = storyText(story, "Історія Показники!O2", { ownClientId: "workbook-a", names: namesOf(amuPlan) }, strings("uk"), "uk");
    const lines = text.split("\n");
    expect(lines[0]).toBe("Історія Показники!O2");
    expect(lines[1]).toMatch(/ — Марко Моніторинг \(інша книга \(book-b\)\): Значення: 10 → 12,5; Примітка: — → Уточнено$/);
    expect(lines[2]).toMatch(/ — Олена Коваль \(ця книга\): /);
  });
});

describe("the stories kept for offline", () => {
  it("keeps the latest stories under the pane's partition, the oldest read going first", () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
    const cache = storyCache(storage, "part:");
    const of = (n: number): Story => ({ ...story, target: { ...story.target, entityId: `e${n}` } });
    for (let n = 0; n <= KEPT_STORIES; n++) cache.put("http://s", "p", of(n));
    expect(cache.get("http://s", "p", "e0")).toBeUndefined();
    expect(cache.get("http://s", "p", "e1")?.entries).toEqual(story.entries);
    expect(cache.get("http://s", "p", `e${KEPT_STORIES}`)?.entries).toEqual(story.entries);
    // What cannot be read back (another version's shape, a broken write) is no story.
    map.set("part:muniplan:history:http://s:p:broken", JSON.stringify({ entries: [{ seq: "x" }] }));
    expect(cache.get("http://s", "p", "broken")).toBeUndefined();
    map.set("part:muniplan:history:http://s:p:broken", "{");
    expect(cache.get("http://s", "p", "broken")).toBeUndefined();
    map.delete("part:muniplan:history:http://s:p:broken");
    expect([...map.keys()].every((k) => k.startsWith("part:muniplan:history:"))).toBe(true);
    expect(map.size).toBe(KEPT_STORIES + 1); // the stories and their index
    // Storing one again makes it the newest: the next put evicts e2, not e1.
    cache.put("http://s", "p", of(1));
    cache.put("http://s", "p", of(KEPT_STORIES + 1));
    expect(cache.get("http://s", "p", "e1")).toBeDefined();
    expect(cache.get("http://s", "p", "e2")).toBeUndefined();
  });
});
