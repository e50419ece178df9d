import { describe, expect, it } from "vitest";
import { adopt, type AdoptSource } from "../../shared/adopt/recognise.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import type { Frequency, PlanDocument, Quadrant } from "../../shared/model/plan.ts";
import { sequentialIds } from "./adopt-support.ts";

/**
 * The hand-built AMU plan written out the ways plans are typed in Ukraine, in English-language projects and
 * in Lithuania — a numbered outline and a two-column table (as a range and as Word's clipboard HTML) —
 * and read back: the same plan, ids aside.
 */

interface Words {
  title: string;
  period: string;
  vision: string;
  mission: string;
  swot: string;
  quadrants: Record<Quadrant, string>;
  priorities: string;
  priority: (n: number) => string;
  outlinePriority: (n: number, title: string) => string;
  goal: (p: number, g: number) => string;
  outlineGoal: (p: number, g: number, title: string) => string;
  outlineTask: (p: number, g: number, t: number, title: string) => string;
  tasks: string;
  results: string;
  risks: string;
  riskKinds: Record<"internal" | "external", string>;
  risk: string;
  mitigation: string;
  /** The outline writes mitigation on one line ("- a, - b") rather than as a list. */
  mitigationInline: boolean;
  indicators: string;
  indicator: string;
  unit: string;
  baselineYear: string;
  frequency: string;
  frequencies: Partial<Record<Frequency, string>>;
  responsible: string;
  direction: string;
  increase: string;
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

const WORDS: Record<"uk" | "en" | "lt", Words> = {
  uk: {
    title: "Назва плану", period: "Період", vision: "Бачення", mission: "Місія", swot: "SWOT-аналіз",
    quadrants: { strength: "Сильні сторони", weakness: "Слабкі сторони", opportunity: "Можливості", threat: "Загрози" },
    priorities: "Стратегічні пріоритети",
    priority: (n) => `Стратегічний пріоритет ${n}`,
    outlinePriority: (n, t) => `${ROMAN[n - 1]}. ${t}`,
    goal: (p, g) => `Стратегічна ціль ${p}.${g}`,
    outlineGoal: (p, g, t) => `Стратегічна ціль ${p}.${g}. ${t}`,
    outlineTask: (_p, _g, _t, title) => `– ${title}`,
    tasks: "Програмні завдання", results: "Очікувані результати",
    risks: "Ризики", riskKinds: { internal: "Потенційні внутрішні ризики", external: "Потенційні зовнішні ризики" },
    risk: "Ризик", mitigation: "Заходи з мінімізації ризиків", mitigationInline: false,
    indicators: "Показники", indicator: "Показник", unit: "Одиниця виміру", baselineYear: "Базовий рік",
    frequency: "Періодичність", frequencies: { annually: "щорічно", annual_monthly_average: "щорічно (середньомісячний показник)" },
    responsible: "Відповідальні", direction: "Напрям", increase: "зростання",
  },
  en: {
    title: "Plan", period: "Period", vision: "Vision", mission: "Mission", swot: "SWOT analysis",
    quadrants: { strength: "Strengths", weakness: "Weaknesses", opportunity: "Opportunities", threat: "Threats" },
    priorities: "Strategic priorities",
    priority: (n) => `Priority ${n}`,
    outlinePriority: (n, t) => `Priority ${n}. ${t}`,
    goal: (p, g) => `Goal ${p}.${g}`,
    outlineGoal: (p, g, t) => `Goal ${p}.${g}: ${t}`,
    outlineTask: (p, g, t, title) => `${p}.${g}.${t}. ${title}`,
    tasks: "Tasks", results: "Expected results",
    risks: "Risks", riskKinds: { internal: "Internal risks", external: "External risks" },
    risk: "Risk", mitigation: "Mitigation", mitigationInline: true,
    indicators: "Indicators", indicator: "Indicator", unit: "Unit", baselineYear: "Baseline year",
    frequency: "Frequency", frequencies: { annually: "annually", annual_monthly_average: "annually (monthly average)" },
    responsible: "Responsible unit", direction: "Direction", increase: "increase",
  },
  lt: {
    title: "Plano pavadinimas", period: "Laikotarpis", vision: "Vizija", mission: "Misija", swot: "SWOT analizė",
    quadrants: { strength: "Stiprybės", weakness: "Silpnybės", opportunity: "Galimybės", threat: "Grėsmės" },
    priorities: "Strateginiai prioritetai",
    priority: (n) => `Prioritetas ${n}`,
    outlinePriority: (n, t) => `${n}. ${t}`,
    goal: (p, g) => `Tikslas ${p}.${g}`,
    outlineGoal: (p, g, t) => `${p}.${g}. ${t}`,
    outlineTask: (p, g, t, title) => `${p}.${g}.${t}. ${title}`,
    tasks: "Uždaviniai", results: "Laukiami rezultatai",
    risks: "Rizikos", riskKinds: { internal: "Vidinės rizikos", external: "Išorinės rizikos" },
    risk: "Rizika", mitigation: "Rizikos valdymo priemonės", mitigationInline: false,
    indicators: "Rodikliai", indicator: "Rodiklis", unit: "Matavimo vienetas", baselineYear: "Baziniai metai",
    frequency: "Periodiškumas", frequencies: { annually: "kasmet", annual_monthly_average: "kasmet (mėnesio vidurkis)" },
    responsible: "Atsakingas padalinys", direction: "Kryptis", increase: "didėjimas",
  },
};

/** A quadrant's lines: a group as "name:", its items bulleted, an item without a group after groups as plain text. */
function swotLines(doc: PlanDocument, quadrant: Quadrant): string[] {
  const out: string[] = [];
  let group: string | undefined;
  let grouped = false;
  for (const s of doc.swot.filter((i) => i.quadrant === quadrant)) {
    if (s.group && s.group !== group) out.push(`${s.group}:`);
    grouped ||= s.group !== undefined;
    group = s.group;
    out.push(s.group || !grouped ? `- ${s.text}` : s.text);
  }
  return out;
}

/** The plan as rows of [label, value]: a two-column table, or an outline when each row is one line. */
function planRows(doc: PlanDocument, w: Words, layout: "outline" | "table"): string[][] {
  const rows: string[][] = [];
  const labelled = (label: string, value: string) => rows.push(layout === "table" ? [label, value] : [`${label}: ${value}`]);
  labelled(w.title, doc.plan.title);
  labelled(w.period, `${doc.plan.firstYear}–${doc.plan.lastYear}`);
  if (layout === "table") {
    rows.push([w.vision, doc.plan.vision!], [w.mission, doc.plan.mission!]);
  } else {
    rows.push([w.vision], [doc.plan.vision!], [], [w.mission]);
    for (const p of doc.plan.mission!.split("\n\n")) rows.push([p], []);
  }
  rows.push([w.swot]);
  for (const q of ["strength", "weakness", "threat", "opportunity"] as const) {
    if (layout === "table") rows.push(...swotLines(doc, q).map((l) => [w.quadrants[q], l]));
    else rows.push([w.quadrants[q]], ...swotLines(doc, q).map((l) => [l]));
  }
  if (layout === "outline") rows.push([w.priorities]);
  doc.priorities.forEach((p, pi) => {
    if (layout === "table") rows.push([w.priority(pi + 1), p.title]);
    else rows.push([w.outlinePriority(pi + 1, p.title)]);
    doc.goals.filter((g) => g.priorityId === p.id).forEach((g, gi) => {
      if (layout === "table") rows.push([w.goal(pi + 1, gi + 1), g.title]);
      else rows.push([w.outlineGoal(pi + 1, gi + 1, g.title)]);
      doc.tasks.filter((t) => t.goalId === g.id).forEach((t, ti) => {
        if (layout === "table") rows.push([w.tasks, t.title]);
        else rows.push([w.outlineTask(pi + 1, gi + 1, ti + 1, t.title)]);
      });
      if (g.expectedResults) labelled(w.results, g.expectedResults);
    });
  });
  rows.push([w.risks]);
  for (const kind of ["internal", "external"] as const) {
    rows.push(layout === "table" ? [w.riskKinds[kind], w.mitigation] : [w.riskKinds[kind]]);
    for (const r of doc.risks.filter((x) => x.kind === kind)) {
      if (layout === "table") rows.push([r.risk, r.mitigation ?? ""]);
      else {
        labelled(w.risk, r.risk);
        if (w.mitigationInline) labelled(w.mitigation, r.mitigation!.replace(/\n/g, " "));
        else rows.push([`${w.mitigation}:`], ...r.mitigation!.split("\n").map((l) => [l]));
      }
    }
  }
  rows.push([w.indicators]);
  doc.priorities.forEach((p, pi) => {
    const measuring = doc.indicators.filter((i) => i.measures?.id === p.id);
    if (measuring.length === 0) return;
    // Ukrainian tables repeat the priority's title; the others give its number only.
    if (w === WORDS.uk) labelled(w.priority(pi + 1), p.title);
    else rows.push([w.priority(pi + 1)]);
    for (const i of measuring) {
      labelled(w.indicator, i.name);
      if (i.unit) labelled(w.unit, i.unit);
      if (i.baselineYear) labelled(w.baselineYear, String(i.baselineYear));
      labelled(w.frequency, w.frequencies[i.frequency]!);
      if (i.responsibleUnit) labelled(w.responsible, i.responsibleUnit);
      labelled(w.direction, w.increase);
    }
  });
  return rows;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Word's clipboard: a head with styles, fragment comments, list paragraphs with their numbers in conditional blocks. */
function wordHtml(body: string): string {
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=UK><!--StartFragment-->${body}<!--EndFragment--></body></html>`;
}

function outlineHtml(rows: string[][]): string {
  return wordHtml(
    rows
      .map(([line]) => {
        if (line === undefined) return "<p class=MsoNormal><o:p>&nbsp;</o:p></p>";
        const bullet = /^([-–]|\d+(?:\.\d+)*\.|[IVX]+\.)\s+([\s\S]*)$/.exec(line);
        if (!bullet) return `<p class=MsoNormal>${escape(line)}</p>`;
        return `<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span>${bullet[1]}<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>${escape(bullet[2]!)}</p>`;
      })
      .join("\n"),
  );
}

function tableHtml(rows: string[][]): string {
  const cell = (text: string) =>
    `<td width=300 valign=top style='border:solid windowtext 1.0pt'>${text
      .split("\n")
      .map((p) => `<p class=MsoNormal>${p ? escape(p) : "<o:p>&nbsp;</o:p>"}</p>`)
      .join("")}</td>`;
  return wordHtml(
    `<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>\n${rows
      .map((r) => `<tr>${[r[0] ?? "", r[1] ?? ""].map(cell).join("")}</tr>`)
      .join("\n")}\n</table>`,
  );
}

/** A plan with its ids replaced by their kind and position, so two plans compare by content and shape. */
function withoutIds(doc: PlanDocument): unknown {
  const names = new Map<string, string>([[doc.community.id, "community"], [doc.plan.id, "plan"]]);
  for (const kind of ["swot", "priorities", "goals", "tasks", "risks", "indicators"] as const) {
    doc[kind].forEach((e, i) => names.set(e.id, `${kind}#${i}`));
  }
  return JSON.parse(JSON.stringify(doc), (_k, v: unknown) => (typeof v === "string" && names.has(v) ? names.get(v) : v));
}

const { id: _id, ...community } = amuPlan.community;
const read = (source: AdoptSource) => adopt(source, { id: sequentialIds(), year: 2000, community });

describe("the AMU plan written out and read back", () => {
  for (const lang of ["uk", "en", "lt"] as const) {
    const w = WORDS[lang];
    it(`as a numbered outline with ${lang} headings`, () => {
      const text = planRows(amuPlan, w, "outline").map((r) => r[0] ?? "").join("\n");
      const result = read({ text });
      expect(result.unrecognised).toEqual([]);
      expect(withoutIds(result.doc)).toEqual(withoutIds(amuPlan));
    });
    it(`as a two-column table with ${lang} labels, selected as a range`, () => {
      const result = read({ range: planRows(amuPlan, w, "table") });
      expect(result.unrecognised).toEqual([]);
      expect(withoutIds(result.doc)).toEqual(withoutIds(amuPlan));
    });
  }

  it("as the HTML Word puts on the clipboard: the Ukrainian table, the English outline", () => {
    for (const html of [tableHtml(planRows(amuPlan, WORDS.uk, "table")), outlineHtml(planRows(amuPlan, WORDS.en, "outline"))]) {
      const result = read({ html });
      expect(result.unrecognised).toEqual([]);
      expect(withoutIds(result.doc)).toEqual(withoutIds(amuPlan));
    }
  });

  it("tells a changed plan from the fixture (the comparison can fail)", () => {
    const text = planRows(amuPlan, WORDS.en, "outline")
      .map((r) => r[0] ?? "")
      .join("\n")
      .replace("Goal 1.2: ", "1.1.9. ");
    expect(withoutIds(read({ text }).doc)).not.toEqual(withoutIds(amuPlan));
  });
});
