import {
  PlanDocument,
  type Community,
  type Direction,
  type Frequency,
  type Language,
  type Plan,
  type Quadrant,
  type YearTarget,
} from "../model/plan.ts";
import { rowsFromHtml } from "./html.ts";
import { rowsFromRange, rowsFromText, type Row, type SourceLine } from "./rows.ts";
import * as V from "./vocabulary.ts";

/**
 * Reads a plan a community already has (text from Word or a PDF, Word's clipboard HTML, or a range of cells)
 * into a MuniPlan plan. Every item keeps the source lines it came from, and every line that is neither an
 * item nor a heading or label is returned in `unrecognised`, so the preview can show that nothing was
 * dropped. The items are the result's source of truth: `doc` is built from them (buildDocument), and the
 * preview's corrections (operations.ts) change items and build again.
 */

export type AdoptKind =
  | "title"
  | "period"
  | "vision"
  | "mission"
  | "swot"
  | "priority"
  | "goal"
  | "task"
  | "expectedResults"
  | "risk"
  | "indicator";

export interface IndicatorDetail {
  unit?: string;
  /** The key of the priority or goal measured. */
  measures?: string;
  baselineYear?: number;
  baselineValue?: number;
  targetValue?: number;
  targetYear?: number;
  targets?: YearTarget[];
  direction?: Direction;
  frequency?: Frequency;
  responsibleUnit?: string;
}

export interface AdoptedItem {
  /** The entity's id in `doc` (for priorities, goals, tasks, SWOT items, risks and indicators). */
  key: string;
  kind: AdoptKind;
  /** Depth in the plan's tree: 1 priority, 2 goal, 3 task or expected results; 2 for an indicator's part. */
  level: number;
  /** The key of the item this one belongs to: a goal's priority, a task's goal, a part's indicator. */
  parent?: string;
  text: string;
  source: SourceLine[];
  quadrant?: Quadrant;
  group?: string;
  riskKind?: "internal" | "external";
  mitigation?: string;
  indicator?: IndicatorDetail;
}

export interface AdoptResult {
  doc: PlanDocument;
  items: AdoptedItem[];
  /** Lines read as neither an item nor a heading: shown in the preview, never dropped silently. */
  unrecognised: SourceLine[];
  /** Headings, labels and column titles: they place items but carry no content of their own. */
  headings: SourceLine[];
  /** What the plan is built on when items say nothing (title, years, community, language). */
  base: { community: Community; plan: Plan };
}

export interface AdoptOptions {
  /** A new entity id (a UUID) on each call. */
  id: () => string;
  /** The year to assume for the plan's period when the source names none (the pane passes this year). */
  year: number;
  language?: Language;
  community?: Omit<Community, "id">;
}

export type AdoptSource = { text: string } | { html: string } | { range: readonly (readonly unknown[])[] };

export function adopt(source: AdoptSource, options: AdoptOptions): AdoptResult {
  const rows = "text" in source ? rowsFromText(source.text) : "html" in source ? rowsFromHtml(source.html) : rowsFromRange(source.range);
  return recogniseRows(rows, options);
}

/** Normalised for comparing titles: case, spacing, quotes, leading numbering and trailing stops ignored. */
export function normaliseTitle(s: string): string {
  return V.labelOf(stripNumbering(s).text).replace(/[.,;:!]+$/, "");
}

interface Numbering {
  text: string;
  depth: number;
  numbers: number[];
  bullet: boolean;
  roman: boolean;
}

function stripNumbering(s: string): Numbering {
  let m = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S[\s\S]*)$/.exec(s) ?? /^(\d{1,2})[.)]\s+(\S[\s\S]*)$/.exec(s);
  if (m) {
    const numbers = m[1]!.split(".").map(Number);
    return { text: m[2]!, depth: numbers.length, numbers, bullet: false, roman: false };
  }
  m = /^([IVX]{1,5})[.)]\s+(\S[\s\S]*)$/.exec(s);
  if (m) return { text: m[2]!, depth: 1, numbers: [V.numberOf(m[1]!)], bullet: false, roman: true };
  m = /^[-–—•·▪◦○■*]\s+(\S[\s\S]*)$/.exec(s);
  if (m) return { text: m[1]!, depth: 0, numbers: [], bullet: true, roman: false };
  return { text: s, depth: 0, numbers: [], bullet: false, roman: false };
}

const LEVEL: Record<AdoptKind, number> = {
  title: 1, period: 1, vision: 1, mission: 1, swot: 1, priority: 1, goal: 2, task: 3, expectedResults: 3, risk: 1, indicator: 1,
};
export const levelOf = (kind: AdoptKind, parent?: AdoptedItem) => (kind === "indicator" && parent ? 2 : LEVEL[kind]);

/** A sentence may go on after a blank line (a page or cell break): no stop before, a small letter after. */
const continues = (before: string, after: string) => !/[.!?;]$/.test(before.trim()) && /^\p{Ll}/u.test(after.trim());

const withoutStop = (s: string) => s.trim().replace(/\.$/, "").trim();

/** A plan's period written as a range of years: «2026–2028», "2026-2028", «на 2026 — 2028 роки». */
const PERIOD_RANGE = /\b((?:19|20)\d\d)\s*[–—-]\s*((?:19|20)\d\d)\b/;

/** «СТРАТЕГІЯ РОЗВИТКУ АМУ» → «Стратегія розвитку АМУ»: short all-capital words are kept as abbreviations. */
function sentenceCase(s: string): string {
  if (s !== s.toUpperCase() || s === s.toLowerCase()) return s;
  return s
    .split(" ")
    .map((w, i) => (i > 0 && w.length <= 4 ? w : i === 0 ? w[0] + w.slice(1).toLowerCase() : w.toLowerCase()))
    .join(" ");
}

function parseNumber(v: string): number | undefined {
  const t = v.replace(/[\s\u00a0]/g, "").replace(/%$/, "").replace(",", ".");
  return /^-?\d+(?:\.\d+)?$/.test(t) ? Number(t) : undefined;
}

const frequencyOf = (s: string): Frequency | undefined => V.FREQUENCY_WORDS.find(([, re]) => re.test(s))?.[0];
const directionOf = (s: string): Direction | undefined => V.DIRECTION_WORDS.find(([, re]) => re.test(s))?.[0];

type Column =
  | { kind: "name" | "unit" | "frequency" | "responsible" | "direction" | "baselineValue" | "targetValue" | "baselineYear" | "targetYear" }
  | { kind: "baseline" | "target" | "year"; year: number };

function columnOf(header: string): Column | undefined {
  const lab = V.labelOf(header);
  let m = V.YEAR_COLUMN.baseline.exec(lab);
  if (m) return { kind: "baseline", year: Number(m[1]) };
  m = V.YEAR_COLUMN.target.exec(lab);
  if (m) return { kind: "target", year: Number(m[1]) };
  m = V.YEAR_COLUMN.year.exec(lab);
  if (m) return { kind: "year", year: Number(m[1]) };
  if (V.LABEL.indicator.test(lab)) return { kind: "name" };
  const fields = ["unit", "frequency", "responsible", "direction", "baselineValue", "targetValue", "baselineYear", "targetYear"] as const;
  const f = fields.find((k) => V.LABEL[k].test(lab));
  return f ? { kind: f } : undefined;
}

function isKeyword(cell: string): boolean {
  const lab = V.labelOf(cell);
  return (
    V.PRIORITY_N.test(cell) ||
    V.GOAL_N.test(cell) ||
    V.TASK_N.test(cell) ||
    Object.values(V.LABEL).some((re) => re.test(lab)) ||
    columnOf(cell) !== undefined ||
    V.SECTION.vision.test(lab) ||
    V.SECTION.mission.test(lab) ||
    V.QUADRANT_HEADINGS.some(([, re]) => re.test(lab))
  );
}

/** The language a text is written in, by its letters: Ukrainian, Lithuanian, else English. */
function languageOf(rows: readonly Row[]): Language {
  const text = rows.slice(0, 400).map((r) => r.cells.join(" ")).join(" ");
  const uk = (text.match(/[а-яіїєґ]/giu) ?? []).length;
  const lt = (text.match(/[ąčęėįšųūž]/giu) ?? []).length;
  const en = (text.match(/[a-z]/giu) ?? []).length;
  return uk >= en / 2 && uk > 0 ? "uk" : lt > 0 ? "lt" : "en";
}

const COUNTRY: Record<Language, string> = { uk: "UA", lt: "LT", en: "GB" };

export function recogniseRows(input: readonly Row[], options: AdoptOptions): AdoptResult {
  const rows = joinSplitLabels(input);
  const items: AdoptedItem[] = [];
  const byKey = new Map<string, AdoptedItem>();
  const unrecognised: SourceLine[] = [];
  const headings: SourceLine[] = [];
  const src = (r: Row): SourceLine => ({ line: r.line, text: r.text });

  type Section = "none" | "vision" | "mission" | "swot" | "plan" | "risks" | "indicators";
  let section: Section = "none";
  let quadrant: Quadrant | undefined;
  let group: string | undefined;
  let priority: AdoptedItem | undefined;
  let goal: AdoptedItem | undefined;
  let block: "tasks" | "results" | "mitigation" | undefined;
  let last: AdoptedItem | undefined;
  let pending: { kind: "title"; item: AdoptedItem; known: boolean } | { kind: "measures"; n: number } | undefined;
  let measures: string | undefined;
  let riskKind: "internal" | "external" = "internal";
  let columns: (Column | undefined)[] | undefined;
  /** Goals numbered 1.1, 1.2: a number of one level is then a priority, not a task. */
  let numberedGoals = false;
  let periodFound = false;
  let lastIndicator: AdoptedItem | undefined;
  let lastTopIndicator: AdoptedItem | undefined;
  const priorityByNumber = new Map<number, AdoptedItem>();
  const priorityByTitle = new Map<string, AdoptedItem>();
  const goalByNumber = new Map<string, AdoptedItem>();

  const add = (kind: AdoptKind, text: string, r: Row, extra: Partial<AdoptedItem> = {}): AdoptedItem => {
    const parent = extra.parent ? byKey.get(extra.parent) : undefined;
    const item: AdoptedItem = { key: options.id(), kind, level: levelOf(kind, parent), text: text.trim(), source: [src(r)], ...extra };
    items.push(item);
    byKey.set(item.key, item);
    last = item;
    return item;
  };
  const append = (item: AdoptedItem, text: string, r: Row, sep = " ") => {
    item.text = `${item.text}${sep}${text.trim()}`;
    if (!item.source.some((s) => s.line === r.line)) item.source.push(src(r));
  };
  const titlePriority = (item: AdoptedItem, title: string, r: Row, known: boolean) => {
    const t = withoutStop(title);
    if (!known) item.text = t;
    priorityByTitle.set(normaliseTitle(t), item);
    if (!item.source.some((s) => s.line === r.line)) item.source.push(src(r));
  };
  const newPriority = (n: number, title: string | undefined, r: Row) => {
    const existing = priorityByNumber.get(n);
    section = "plan";
    goal = undefined;
    block = undefined;
    if (existing) {
      priority = existing;
      existing.source.push(src(r));
      if (title) titlePriority(existing, title, r, true);
      else pending = { kind: "title", item: existing, known: true };
      return;
    }
    priority = add("priority", title ? withoutStop(title) : r.cells.join(" "), r);
    priorityByNumber.set(n, priority);
    if (title) priorityByTitle.set(normaliseTitle(title), priority);
    else pending = { kind: "title", item: priority, known: false };
  };
  const newGoal = (numbers: number[], title: string | undefined, r: Row) => {
    const p = numbers.length > 1 ? priorityByNumber.get(numbers[0]!) ?? priority : priority;
    if (!p) return false;
    section = "plan";
    priority = p;
    block = undefined;
    goal = add("goal", title ? withoutStop(title) : r.cells.join(" "), r, { parent: p.key });
    goalByNumber.set(`${p.key}/${numbers.at(-1)}`, goal);
    if (!title) pending = { kind: "title", item: goal, known: false };
    return true;
  };
  const newTask = (text: string, r: Row) => {
    if (!goal) return false;
    block = "tasks";
    add("task", text, r, { parent: goal.key });
    return true;
  };
  const newRisk = (text: string, mitigation: string | undefined, r: Row) => {
    section = "risks";
    const item = add("risk", withoutStop(text), r, { riskKind });
    if (mitigation) item.mitigation = mitigation;
    block = mitigation ? "mitigation" : undefined;
  };
  /** The parts of the last indicator row broken down («з них: …»), which share its columns. */
  let parts: AdoptedItem[] = [];
  const newIndicator = (name: string, detail: IndicatorDetail, r: Row) => {
    parts = [];
    const unit = detail.unit ?? V.COUNT_UNIT.find(([re]) => re.test(name))?.[1];
    const fields: IndicatorDetail = { ...detail, ...(unit ? { unit } : {}), ...(measures ? { measures } : {}) };
    const found = V.BREAKDOWN.exec(name);
    if (found && found[1] && !V.BREAKDOWN_START.test(name)) {
      const parent = add("indicator", withoutStop(found[1]), r, { indicator: fields });
      const pieces = found[3]!.split(/(?:^|[,;]\s*)-\s+/).map((p) => p.trim().replace(/[.,;]+$/, "")).filter(Boolean);
      for (const p of pieces.length ? pieces : [found[3]!]) {
        parts.push(add("indicator", `${found[2]}: ${p}`, r, { indicator: { ...fields }, parent: parent.key }));
      }
      lastTopIndicator = parent;
      lastIndicator = parent;
    } else if (V.BREAKDOWN_START.test(name) && lastTopIndicator) {
      lastIndicator = add("indicator", withoutStop(name), r, { indicator: fields, parent: lastTopIndicator.key });
    } else {
      lastTopIndicator = lastIndicator = add("indicator", withoutStop(name), r, { indicator: fields });
    }
    return lastIndicator;
  };
  const setField = (ind: AdoptedItem, kind: Column["kind"], value: string, year?: number) => {
    const d = (ind.indicator ??= {});
    const num = parseNumber(value);
    if (kind === "unit") d.unit = value;
    else if (kind === "frequency") d.frequency = frequencyOf(value) ?? d.frequency;
    else if (kind === "responsible") d.responsibleUnit = value;
    else if (kind === "direction") d.direction = directionOf(value) ?? d.direction;
    else if (kind === "baselineYear" && num !== undefined) d.baselineYear = num;
    else if (kind === "targetYear" && num !== undefined) d.targetYear = num;
    else if (kind === "baselineValue" && num !== undefined) d.baselineValue = num;
    else if (kind === "targetValue" && num !== undefined) d.targetValue = num;
    else if (kind === "baseline" && year) {
      d.baselineYear = year;
      if (num !== undefined) d.baselineValue = num;
    } else if (kind === "target" && year && num !== undefined) {
      d.targetYear = year;
      d.targetValue = num;
    } else if (kind === "year" && year && num !== undefined) {
      d.targets = [...(d.targets ?? []).filter((t) => t.year !== year), { year, value: num }].sort((a, b) => a.year - b.year);
    }
  };
  const resolveMeasures = (n: number, title?: string) => {
    const p = (title && priorityByTitle.get(normaliseTitle(title))) || priorityByNumber.get(n);
    measures = p?.key;
  };
  /** A line ending in a colon, or a plain line with a bulleted list under it, names a group. */
  const swotLine = (text: string, r: Row, next: Row | undefined) => {
    const n = stripNumbering(text);
    if (!quadrant) return false;
    const listFollows = !n.bullet && next !== undefined && stripNumbering(next.cells.find((c) => c !== "") ?? "").bullet;
    if (n.text.trim().endsWith(":") || listFollows) {
      group = n.text.trim().replace(/:$/, "").trim();
      headings.push(src(r));
    } else {
      if (!n.bullet && n.depth === 0) group = undefined;
      add("swot", n.text, r, { quadrant, ...(group ? { group } : {}) });
    }
    return true;
  };

  const step = (r: Row, next: Row | undefined): boolean => {
    const fi = r.cells.findIndex((c) => c !== "");
    let cells = r.cells.slice(fi);
    const filled = cells.filter((c) => c !== "");

    if (fi > 0) {
      // A tab-indented line goes on with the block above: another task, more results, more mitigation.
      const value = filled.join(" ");
      if (section === "indicators" && columns && lastIndicator && last?.source.at(-1)?.line === lastIndicator.source.at(-1)?.line) {
        r.cells.forEach((c, i) => {
          const col = columns![i];
          if (c && col?.kind === "responsible") lastIndicator!.indicator!.responsibleUnit = `${lastIndicator!.indicator!.responsibleUnit ?? ""} ${c}`.trim();
          else if (c && col?.kind === "name") lastIndicator!.text = `${lastIndicator!.text} ${c}`;
          else if (c && col) setField(lastIndicator!, col.kind, c, "year" in col ? col.year : undefined);
        });
        lastIndicator.source.push(src(r));
        return true;
      }
      if (block === "mitigation" && last?.kind === "risk") {
        last.mitigation = `${last.mitigation ?? ""}${value.startsWith("-") ? "\n" : " "}${value}`.trim();
        last.source.push(src(r));
        return true;
      }
      if (block === "tasks" && goal) {
        const n = stripNumbering(value).text;
        if (last?.kind === "task" && r.blankBefore && continues(last.text, n)) append(last, n, r);
        else newTask(n, r);
        return true;
      }
      if (block === "results" && last?.kind === "expectedResults") {
        append(last, value, r);
        return true;
      }
    }

    if (filled.length === 1) {
      const m = /^([^:]{1,60}):\s+(\S[\s\S]*)$/.exec(filled[0]!);
      if (m && isKeyword(m[1]!) && !V.PRIORITY_N.test(filled[0]!) && !V.GOAL_N.test(filled[0]!)) cells = [m[1]!, m[2]!];
      else cells = [filled[0]!];
    }
    const head = cells[0]!;
    const lab = V.labelOf(head);
    const values = cells.slice(1).filter((c) => c !== "");
    const value = values.join(" ");
    const plain = values.length === 0 && !isKeyword(head) && stripNumbering(head).depth === 0 && !stripNumbering(head).bullet;

    if (pending) {
      const p = pending;
      pending = undefined;
      if (plain) {
        if (p.kind === "measures") {
          resolveMeasures(p.n, head);
          headings.push(src(r));
        }
        else if (p.item.kind === "priority") titlePriority(p.item, head, r, p.known);
        else {
          p.item.text = withoutStop(head);
          p.item.source.push(src(r));
        }
        return true;
      }
      if (p.kind === "measures") resolveMeasures(p.n);
    }

    // Headings that open a section.
    if (values.length > 0 && V.LABEL.indicator.test(lab) && cells.slice(1).some((c) => columnOf(c))) {
      section = "indicators";
      columns = cells.map((c, i) => (i === 0 ? { kind: "name" as const } : columnOf(c)));
      columns = [...Array(fi).fill(undefined), ...columns];
      headings.push(src(r));
      return true;
    }
    if (V.SECTION.vision.test(lab) || V.SECTION.mission.test(lab)) {
      section = V.SECTION.vision.test(lab) ? "vision" : "mission";
      if (value) add(section, value, r);
      else {
        headings.push(src(r));
        last = undefined;
      }
      return true;
    }
    const q = V.QUADRANT_HEADINGS.find(([k, re]) => re.test(lab) && (section === "swot" || k === "strength" || k === "weakness"));
    if (q) {
      section = "swot";
      // A table repeats the quadrant on each of its rows: the group goes on until the quadrant changes.
      if (quadrant !== q[0]) group = undefined;
      quadrant = q[0];
      if (value) return swotLine(value, r, next);
      headings.push(src(r));
      return true;
    }
    if (values.length === 0 && V.SECTION.swot.test(lab) && (r.heading || lab.length <= 60)) {
      section = "swot";
      quadrant = undefined;
      headings.push(src(r));
      return true;
    }
    if (V.RISK_KIND.any.test(lab) && (V.RISK_KIND.internal.test(lab) || V.RISK_KIND.external.test(lab))) {
      section = "risks";
      riskKind = V.RISK_KIND.external.test(lab) ? "external" : "internal";
      block = undefined;
      headings.push(src(r));
      return true;
    }
    const isLabel = Object.values(V.LABEL).some((re) => re.test(lab));
    if (values.length === 0 && !isLabel && (V.SECTION.risks.test(lab) || V.SECTION.indicators.test(lab) || V.SECTION.priorities.test(lab))) {
      section = V.SECTION.risks.test(lab) ? "risks" : V.SECTION.indicators.test(lab) ? "indicators" : "plan";
      columns = undefined;
      measures = undefined;
      block = undefined;
      headings.push(src(r));
      return true;
    }

    // Numbered keywords: «Стратегічний пріоритет 2», «Стратегічна ціль 1.2», "Task 1.1.1".
    let m = V.PRIORITY_N.exec(head);
    if (m) {
      const n = V.numberOf(m[1]!);
      const title = m[2] || value || undefined;
      if (section === "indicators") {
        headings.push(src(r));
        if (title) resolveMeasures(n, title);
        else pending = { kind: "measures", n };
        return true;
      }
      newPriority(n, title, r);
      return true;
    }
    m = V.GOAL_N.exec(head);
    if (m) {
      const numbers = m[1]!.split(".").map(Number);
      if (section === "indicators") {
        // «Ціль 1.2» names its priority; «Ціль 2» is a goal of the priority the table is under.
        const measured = measures ? byKey.get(measures) : undefined;
        const p = numbers.length > 1 ? priorityByNumber.get(numbers[0]!) : measured?.kind === "goal" ? byKey.get(measured.parent!) : measured;
        const g = goalByNumber.get(`${p?.key}/${numbers.at(-1)}`);
        measures = g?.key ?? measures;
        headings.push(src(r));
        return true;
      }
      return newGoal(numbers, m[2] || value || undefined, r);
    }
    m = V.TASK_N.exec(head);
    if (m && (m[2] || value)) return newTask(m[2] || value, r);

    // Labels: a row's first cell names what the rest of it is.
    if (V.LABEL.title.test(lab) && value) return add("title", value, r), true;
    if (V.LABEL.period.test(lab) && value) return (periodFound = true), add("period", value, r), true;
    if (V.LABEL.tasks.test(lab) && goal) {
      block = "tasks";
      if (value) return newTask(stripNumbering(value).text, r);
      headings.push(src(r));
      return true;
    }
    if (V.LABEL.results.test(lab) && goal) {
      block = "results";
      if (value) add("expectedResults", value, r, { parent: goal.key });
      else headings.push(src(r));
      return true;
    }
    if (V.LABEL.risk.test(lab) && value) return newRisk(value, undefined, r), true;
    if (V.LABEL.mitigation.test(lab) && last?.kind === "risk") {
      block = "mitigation";
      if (value) last.mitigation = value;
      last.source.push(src(r));
      return true;
    }
    if (V.LABEL.indicator.test(lab) && value) {
      section = "indicators";
      columns = undefined;
      newIndicator(value, {}, r);
      return true;
    }
    const field = (["unit", "frequency", "responsible", "direction", "baselineValue", "targetValue", "baselineYear", "targetYear"] as const).find(
      (k) => V.LABEL[k].test(lab),
    );
    const yearField = columnOf(head);
    if ((field || (yearField && "year" in yearField)) && value && section === "indicators" && lastIndicator) {
      if (field) setField(lastIndicator, field, value);
      else setField(lastIndicator, yearField!.kind, value, "year" in yearField! ? yearField.year : undefined);
      lastIndicator.source.push(src(r));
      return true;
    }

    if (r.heading && plain) {
      if (section === "none" && items.length === 0) return add("title", sentenceCase(head), r), true;
      // A heading right under the title that names the years (a bold «на 2026–2028 роки») is the period.
      if (section === "none" && items.length === 1 && last?.kind === "title" && periodLine(r)) return true;
      section = "none";
      block = undefined;
      columns = undefined;
      return false;
    }

    // Lines read by the section they are in; after a blank line, only a sentence going on joins the line above.
    const n = stripNumbering(head);
    const joins = (item: { text: string }) => !r.blankBefore || continues(item.text, head);
    const text = values.length ? [n.text, ...values].join(" ") : n.text;
    switch (section) {
      case "vision":
      case "mission": {
        if (last?.kind === section && !r.blankBefore) append(last, head, r);
        else add(section, head, r);
        return true;
      }
      case "swot":
        return swotLine(head, r, next);
      case "plan": {
        if (n.roman || (n.depth === 1 && (!goal || numberedGoals))) {
          newPriority(n.numbers[0]!, n.text, r);
          return true;
        }
        if (n.depth === 2) return (numberedGoals = true), newGoal(n.numbers, n.text, r);
        if (n.depth >= 3 || n.bullet || (n.depth === 1 && goal)) {
          if (block === "results" && last?.kind === "expectedResults" && n.bullet) return append(last, head, r, "\n"), true;
          return newTask(n.text, r);
        }
        if (block === "tasks") {
          if (last?.kind === "task" && r.blankBefore && continues(last.text, head)) return append(last, head, r), true;
          // Under a tasks label each line is a task, until a blank line ends the list.
          if (!r.blankBefore || last?.kind !== "task") return newTask(head, r);
        }
        if (block === "results" && last?.kind === "expectedResults" && joins(last)) return append(last, head, r), true;
        break;
      }
      case "risks": {
        if (block === "mitigation" && last?.kind === "risk" && (n.bullet || (values.length === 0 && joins({ text: last.mitigation ?? "" })))) {
          last.mitigation = `${last.mitigation ?? ""}${n.bullet ? "\n" : " "}${n.bullet ? `- ${n.text}` : head}`.trim();
          last.source.push(src(r));
          return true;
        }
        if (values.length) return newRisk(head, value, r), true;
        break;
      }
      case "indicators": {
        if (columns && r.cells.length > 1) {
          const rest = r.cells.slice(fi + 1);
          if (r.blankBefore && lastIndicator && last === lastIndicator && rest.every((c) => c === "")) {
            append(lastIndicator, head, r);
            return true;
          }
          const ind = newIndicator(head, {}, r);
          const detail = ind.indicator!;
          r.cells.forEach((c, i) => {
            const col = columns![i];
            if (i > fi && c && col && col.kind !== "name") setField(ind, col.kind, c, "year" in col ? col.year : undefined);
            // A base-year column dates the baseline even where its value is not filled in yet.
            if (col?.kind === "baseline") detail.baselineYear = col.year;
          });
          // The parts of a broken-down indicator share its columns.
          for (const part of parts) part.indicator = { ...detail, ...part.indicator, ...detail };
          return true;
        }
        if (n.bullet || n.depth > 0) return newIndicator(text, {}, r), true;
        break;
      }
    }

    return periodLine(r);
  };
  /** The first line that names a range of years, where nothing above did, is the plan's period. */
  const periodLine = (r: Row): boolean => {
    const period = PERIOD_RANGE.exec(r.cells.join(" "));
    if (!period || periodFound) return false;
    periodFound = true;
    add("period", `${period[1]}–${period[2]}`, r);
    return true;
  };

  rows.forEach((r, i) => {
    if (!step(r, rows[i + 1])) unrecognised.push(src(r));
  });

  const language = options.language ?? languageOf(rows);
  const title = items.find((i) => i.kind === "title")?.text ?? options.community?.name ?? "—";
  const communityId = options.id();
  const community: Community = { id: communityId, ...(options.community ?? { name: title, kind: "city", country: COUNTRY[language] }) };
  const plan: Plan = { id: options.id(), communityId, title, firstYear: options.year, lastYear: options.year, language };
  const base = { community, plan };
  return { doc: buildDocument(base, items), items, unrecognised, headings, base };
}

/**
 * A label Word or a PDF split over two lines («Програмні» … «завдання»): joined back, and the second line
 * becomes an indented continuation of the first.
 */
function joinSplitLabels(rows: readonly Row[]): Row[] {
  const out = rows.map((r) => ({ ...r, cells: [...r.cells] }));
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i]!;
    const b = out[i + 1]!;
    const fa = a.cells.findIndex((c) => c !== "");
    const fb = b.cells.findIndex((c) => c !== "");
    if (fa !== 0 || fb !== 0 || isKeyword(a.cells[0]!)) continue;
    const joined = `${a.cells[0]} ${b.cells[0]}`;
    if (isKeyword(joined) && a.cells.length > 1 && b.cells.length > 1) {
      a.cells[0] = joined;
      b.cells[0] = "";
    }
  }
  return out;
}

const joinText = (parts: string[], sep: string) => (parts.length ? parts.join(sep) : undefined);

/** The plan the items describe. Items whose parent is gone are left out (operations.ts keeps none). */
export function buildDocument(base: { community: Community; plan: Plan }, items: readonly AdoptedItem[]): PlanDocument {
  const byKey = new Map(items.map((i) => [i.key, i]));
  const of = (kind: AdoptKind) => items.filter((i) => i.kind === kind);
  const childOf = (i: AdoptedItem, kind: AdoptKind) => i.parent !== undefined && byKey.get(i.parent)?.kind === kind;
  const orderWithin = (list: AdoptedItem[]) => {
    const counts = new Map<string, number>();
    return list.map((i) => {
      const k = i.parent ?? "";
      const n = counts.get(k) ?? 0;
      counts.set(k, n + 1);
      return n;
    });
  };
  const title = of("title")[0]?.text ?? base.plan.title;
  // The period's years; without a period, the range a title names («Стратегія … на 2026–2028 роки»).
  const period = of("period")[0]?.text.match(/(?:19|20)\d\d/g)?.map(Number) ?? PERIOD_RANGE.exec(title)?.slice(1).map(Number);
  const firstYear = period?.[0] ?? base.plan.firstYear;
  const lastYear = period?.[1] ?? period?.[0] ?? base.plan.lastYear;
  const vision = joinText(of("vision").map((i) => i.text), "\n\n");
  const mission = joinText(of("mission").map((i) => i.text), "\n\n");
  const plan: Plan = {
    ...base.plan,
    title,
    firstYear,
    lastYear: Math.max(firstYear, lastYear),
    ...(vision ? { vision } : {}),
    ...(mission ? { mission } : {}),
  };
  const quadrantOrder = new Map<string, number>();
  const swot = of("swot").map((i) => {
    const order = quadrantOrder.get(i.quadrant!) ?? 0;
    quadrantOrder.set(i.quadrant!, order + 1);
    return { id: i.key, quadrant: i.quadrant!, ...(i.group ? { group: i.group } : {}), text: i.text, order };
  });
  const goalItems = of("goal").filter((i) => childOf(i, "priority"));
  const goalOrder = orderWithin(goalItems);
  const goalKeys = new Set(goalItems.map((g) => g.key));
  const taskItems = of("task").filter((i) => goalKeys.has(i.parent!));
  const taskOrder = orderWithin(taskItems);
  const resultsOf = new Map<string, string[]>();
  for (const r of of("expectedResults")) resultsOf.set(r.parent ?? "", [...(resultsOf.get(r.parent ?? "") ?? []), r.text]);
  const results = (g: AdoptedItem) => joinText(resultsOf.get(g.key) ?? [], "\n");
  const indicatorItems = of("indicator").filter((i) => !i.parent || childOf(i, "indicator"));
  const measured = (key?: string) => {
    const m = key ? byKey.get(key) : undefined;
    if (m?.kind === "priority") return { measures: { kind: "priority" as const, id: m.key } };
    if (m?.kind === "goal" && goalKeys.has(m.key)) return { measures: { kind: "goal" as const, id: m.key } };
    return {};
  };
  return PlanDocument.parse({
    community: base.community,
    plan,
    swot,
    priorities: of("priority").map((i, order) => ({ id: i.key, title: i.text, order })),
    goals: goalItems.map((i, k) => {
      const expectedResults = results(i);
      return { id: i.key, priorityId: i.parent, title: i.text, ...(expectedResults ? { expectedResults } : {}), order: goalOrder[k] };
    }),
    tasks: taskItems.map((i, k) => ({ id: i.key, goalId: i.parent, title: i.text, status: "planned", order: taskOrder[k] })),
    risks: of("risk").map((i, order) => ({
      id: i.key,
      kind: i.riskKind ?? "internal",
      risk: i.text,
      ...(i.mitigation ? { mitigation: i.mitigation.replace(/([,;.])[ \t]+-[ \t]+/g, "$1\n- ") } : {}),
      order,
    })),
    indicators: indicatorItems.map((i, order) => {
      const { measures, direction, frequency, ...rest } = i.indicator ?? {};
      const inferred =
        rest.baselineValue !== undefined && rest.targetValue !== undefined && rest.targetValue < rest.baselineValue ? "decrease" : "increase";
      return {
        id: i.key,
        name: i.text,
        ...rest,
        ...measured(measures),
        direction: direction ?? inferred,
        frequency: frequency ?? "annually",
        ...(i.parent ? { parentId: i.parent } : {}),
        order,
      };
    }),
    observations: [],
  });
}
