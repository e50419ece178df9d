import { describe, expect, it } from "vitest";
import { rowsFromHtml } from "../../shared/adopt/html.ts";
import { adopt } from "../../shared/adopt/recognise.ts";
import { sequentialIds } from "./adopt-support.ts";

/**
 * A plan's title as Word writes it (Title style, or a paragraph set in bold, rather than an h1), and the
 * plan's years read from the title when no line names the period (issue 16).
 */

const read = (source: { html: string } | { text: string }) => adopt(source, { id: sequentialIds(), year: 2031 });
const planOf = (source: { html: string } | { text: string }) => {
  const { plan } = read(source).doc;
  return [plan.title, plan.firstYear, plan.lastYear];
};

const VISION = "<p class=MsoNormal>Бачення</p><p class=MsoNormal>Громада, де хочеться жити.</p>";

describe("a title line in Word's clipboard HTML", () => {
  it("reads a Title-style paragraph, a bold one and a strong one as a heading, as an h1 is", () => {
    const rows = rowsFromHtml(
      [
        "<h1>Заголовок</h1>",
        "<p class=MsoTitle>Стиль «Назва»</p>",
        '<p class="MsoTitle" align=center><span lang=UK>Стиль у лапках</span></p>',
        "<p class=MsoNormal><b><span lang=UK>Жирний абзац</span></b></p>",
        "<p><strong>Абзац strong</strong></p>",
        // Word marks bold text whose right-to-left script alone is normal: still bold.
        "<p class=MsoNormal><b style='mso-bidi-font-weight:normal'>Жирний для Word</b><b>, і далі</b></p>",
      ].join("\n"),
    );
    expect(rows.map((r) => [r.cells[0], r.heading])).toEqual([
      ["Заголовок", true],
      ["Стиль «Назва»", true],
      ["Стиль у лапках", true],
      ["Жирний абзац", true],
      ["Абзац strong", true],
      ["Жирний для Word, і далі", true],
    ]);
  });

  it("reads a paragraph only partly bold, or inside Google Docs' not-bold <b>, as an ordinary line", () => {
    const rows = rowsFromHtml(
      [
        "<p class=MsoNormal><b>Стратегічна ціль 1.1.</b> Розвиток доріг</p>",
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span>Звичайний рядок</span></p>',
        '<p dir="ltr"><span style="font-weight:700">Текст</span></p></b>',
        "<p class=MsoSubtitle>на 2026–2028 роки</p>",
        "<table><tr><td><p><b>Клітинка</b></p></td></tr></table>",
      ].join("\n"),
    );
    expect(rows.map((r) => [r.cells[0], r.heading])).toEqual([
      ["Стратегічна ціль 1.1. Розвиток доріг", false],
      ["Звичайний рядок", false],
      ["Текст", false],
      ["на 2026–2028 роки", false],
      ["Клітинка", false],
    ]);
  });

  it("gives the plan its title from a Title-style or bold first paragraph instead of listing it as unrecognised", () => {
    for (const title of ["<p class=MsoTitle>Стратегія розвитку громади</p>", "<p class=MsoNormal><b>Стратегія розвитку громади</b></p>"]) {
      const result = read({ html: title + VISION });
      expect(result.unrecognised).toEqual([]);
      expect(result.items.map((i) => [i.kind, i.text])).toEqual([
        ["title", "Стратегія розвитку громади"],
        ["vision", "Громада, де хочеться жити."],
      ]);
    }
    // Without the style or the bold, the same line is not taken for a title.
    expect(read({ html: `<p class=MsoNormal>Стратегія розвитку громади</p>${VISION}` }).unrecognised).toEqual([{ line: 1, text: "Стратегія розвитку громади" }]);
  });
});

describe("the plan's years", () => {
  it("come from the range of years a title names when no line names the period, in each language", () => {
    expect(planOf({ html: `<p class=MsoTitle>Стратегія розвитку громади на 2026–2028 роки</p>${VISION}` })).toEqual([
      "Стратегія розвитку громади на 2026–2028 роки",
      2026,
      2028,
    ]);
    expect(planOf({ text: "# Strategy 2026-2028\nVision\nA town to live in." })).toEqual(["Strategy 2026-2028", 2026, 2028]);
    expect(planOf({ text: "**2026–2028 m. strateginis planas**\nVizija\nMiestas, kuriame gera gyventi." })).toEqual(["2026–2028 m. strateginis planas", 2026, 2028]);
    expect(planOf({ text: "Plan: Strategy 2026-2028\nVision: A town to live in." })).toEqual(["Strategy 2026-2028", 2026, 2028]);
  });

  it("come from the period where a line names it, not from the title", () => {
    expect(planOf({ text: "# Strategy 2026-2028\nPeriod: 2027–2030\nVision: A town to live in." })).toEqual(["Strategy 2026-2028", 2027, 2030]);
  });

  it("come from a bold line right under the title that names them", () => {
    const result = read({ html: `<p class=MsoTitle>Стратегія розвитку громади</p><p class=MsoNormal><b>на 2026–2028 роки</b></p>${VISION}` });
    expect(result.unrecognised).toEqual([]);
    expect(result.items.map((i) => [i.kind, i.text]).slice(0, 2)).toEqual([
      ["title", "Стратегія розвитку громади"],
      ["period", "2026–2028"],
    ]);
    expect([result.doc.plan.firstYear, result.doc.plan.lastYear]).toEqual([2026, 2028]);
  });

  it("are the caller's year when neither the title nor any line names a range (a single year is a horizon, not a period)", () => {
    expect(planOf({ text: "# Strategy 2030\nVision: A town to live in." })).toEqual(["Strategy 2030", 2031, 2031]);
  });
});
