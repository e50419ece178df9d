import type { HistoryEntry } from "../../../../shared/api/history.ts";
import type { Round } from "../../../../shared/api/rounds.ts";
import type { Language, PlanDocument } from "../../../../shared/model/plan.ts";
import { fieldLabel } from "../../errors.ts";
import type { Strings } from "../../strings.ts";
import type { HistoryTarget } from "./target.ts";

/** What the pane shows of one row's or value's story: the pages read so far, the year's round, when they were read. */
export interface Story {
  target: Extract<HistoryTarget, { found: true }>;
  entries: HistoryEntry[];
  /** The `before` of the next older page; null when the oldest entry is shown. */
  next: number | null;
  round?: Round;
  /** When the store answered (ISO). */
  savedAt: string;
}

/** One field a write changed, labelled as the pane labels its input. */
export interface FieldChange {
  label: string;
  before: string;
  after: string;
}

/** What a reference to another row (an indicator's, a goal's…) is shown as: its name in the plan, not its id. */
export type Names = ReadonlyMap<string, string>;

export function namesOf(doc: PlanDocument): Names {
  return new Map([
    ...doc.priorities.map((p) => [p.id, p.title] as const),
    ...doc.goals.map((g) => [g.id, g.title] as const),
    ...doc.tasks.map((t) => [t.id, t.title] as const),
    ...doc.indicators.map((i) => [i.id, i.name] as const),
  ]);
}

const shown = (v: unknown, language: Language, names: Names): string => {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string" && names.has(v)) return names.get(v)!;
  if (typeof v === "number") return v.toLocaleString(language);
  if (typeof v === "object" && "year" in v) return String((v as { year: number }).year);
  return typeof v === "string" ? v : JSON.stringify(v);
};

/** The fields a person fills that the write changed (ids, order and versions are left out: no label). */
export function changesOf(entry: HistoryEntry, t: Strings, language: Language, names: Names): FieldChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((key) => {
    const label = fieldLabel(key, t);
    if (!label || JSON.stringify(before[key]) === JSON.stringify(after[key])) return [];
    return [{ label, before: shown(before[key], language, names), after: shown(after[key], language, names) }];
  });
}

/** Where a write came from: this workbook, another one (its id's tail), or the server itself. */
export function clientOf(entry: HistoryEntry, ownClientId: string | undefined, t: Strings): string {
  if (!entry.clientId) return t.history.noClient;
  return entry.clientId === ownClientId ? t.history.thisWorkbook : t.history.otherClient(entry.clientId.slice(-6));
}

/** A moment in the user's locale, with the year in full (a short style gives "01.12.26" in Ukrainian). */
export const when = (iso: string, language: Language): string =>
  new Date(iso).toLocaleString(language, { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** The story as plain text in the pane's language, for the clipboard: one line per change, newest first. */
export function storyText(story: Story, heading: string, context: { ownClientId?: string; names: Names }, t: Strings, language: Language): string {
  const h = t.history;
  const lines = [heading];
  for (const e of story.entries) {
    const what =
      e.op === "delete" ? h.deleted : changesOf(e, t, language, context.names).map((c) => `${c.label}: ${c.before} → ${c.after}`).join("; ") || (e.op === "create" ? h.created : "");
    lines.push(`${when(e.at, language)} — ${e.actor.name} (${clientOf(e, context.ownClientId, t)}): ${what}`);
  }
  if (story.round) {
    lines.push("", h.round(story.round.year));
    for (const r of [...story.round.events].reverse())
      lines.push(`${when(r.at, language)} — ${r.by.name}: ${t.monitoring.steps[r.action]}${r.comment ? ` — ${r.comment}` : ""}`);
  }
  return lines.join("\n");
}
