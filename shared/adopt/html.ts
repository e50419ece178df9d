import { rowsFromCells, type Row } from "./rows.ts";

/**
 * The HTML Word (and browsers) put on the clipboard, read as rows: a paragraph, heading or list item is a
 * row of one cell, a table row is a row of its cells (a cell's paragraphs joined by line breaks). A heading
 * is an h1–h6, a paragraph in Word's Title style, or a paragraph bold throughout, as a whole-bold line of
 * plain text is (rows.ts). A few
 * dozen lines instead of an npm parser: the pane must stay small and work without a DOM (shared/ is pure),
 * and clipboard HTML needs no more than tags, entities and Word's list markers.
 */

const ENTITIES: Record<string, string> = {
  nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", laquo: "«", raquo: "»", ndash: "–", mdash: "—",
  lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", bdquo: "„", hellip: "…", bull: "•", middot: "·",
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCK = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "title"]);

/** Word's Title style (<p class=MsoTitle>), whatever the language of Word's menus. */
const TITLE_STYLE = /\sclass\s*=\s*["']?MsoTitle\b/i;
/**
 * A b or strong that is not bold: Google Docs wraps a whole copy in <b style="font-weight:normal">. Word's
 * own <b style='mso-bidi-font-weight:normal'> is bold (only its right-to-left text is not).
 */
const NOT_BOLD = /(?<![\w-])font-weight\s*:\s*(?:normal|[1-5]00)\b/i;

/** A cell's paragraphs, an empty one kept as a blank line between others (a mission's paragraphs). */
const cellText = (paragraphs: string[]) => paragraphs.join("\n").trim();

export function rowsFromHtml(html: string): Row[] {
  const source = html
    // Word's fragment markers, comments and conditional blocks for old browsers; list numbers Word writes
    // as <![if !supportLists]>1.<![endif]> are kept, they are the outline's numbering.
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!\[(?:if[^\]]*|endif)\]>/gi, "")
    .replace(/<(head|style|script|xml)\b[\s\S]*?<\/\1\s*>/gi, "");

  const lines: { line: number; cells: string[]; text: string; heading: boolean }[] = [];
  let text = "";
  let heading = false;
  // Whether each open b or strong is bold, and whether the paragraph has text in bold and text that is not.
  const bold: boolean[] = [];
  let boldText = false;
  let plainText = false;
  let cells: string[] | null = null; // inside a table row
  let cell: string[] | null = null; // inside a cell: its paragraphs
  let tableDepth = 0;

  const flushText = () => {
    const t = decodeEntities(text).replace(/\s+/g, " ").trim();
    text = "";
    return t;
  };
  /** Ends the text run; an empty one counts only as a closed paragraph (Word's <p>&nbsp;</p>: a blank line). */
  const endParagraph = (closed = false) => {
    const t = flushText();
    const wholeBold = boldText && !plainText;
    boldText = plainText = false;
    if (!t && !closed) {
      heading = false;
      return;
    }
    if (cell) {
      cell.push(t);
    } else if (tableDepth === 0) {
      lines.push({ line: lines.length + 1, cells: [t], text: t, heading: heading || wholeBold });
    }
    heading = false;
  };

  for (const token of source.split(/(<[^>]*>)/)) {
    if (!token.startsWith("<")) {
      text += token;
      if (decodeEntities(token).trim()) {
        if (bold.includes(true)) boldText = true;
        else plainText = true;
      }
      continue;
    }
    const m = /^<(\/?)([a-z0-9:]+)/i.exec(token);
    if (!m) continue;
    const closing = m[1] === "/";
    const tag = m[2]!.toLowerCase();
    if (tag === "br") {
      if (cell) endParagraph();
      else text += " ";
    } else if (tag === "b" || tag === "strong") {
      if (closing) bold.pop();
      else bold.push(!NOT_BOLD.test(token));
    } else if (BLOCK.has(tag)) {
      endParagraph(closing);
      if (!closing && (/^h[1-6]$/.test(tag) || TITLE_STYLE.test(token))) heading = true;
    } else if (tag === "table") {
      endParagraph();
      tableDepth += closing ? -1 : 1;
    } else if (tag === "tr" && tableDepth === 1) {
      if (cell) {
        endParagraph();
        cells?.push(cellText(cell));
        cell = null;
      }
      if (cells) lines.push({ line: lines.length + 1, cells, text: cells.join("\t"), heading: false });
      cells = closing ? null : [];
    } else if ((tag === "td" || tag === "th") && tableDepth === 1) {
      endParagraph();
      if (cell && cells) cells.push(cellText(cell));
      cell = closing ? null : [];
      if (!closing && !cells) cells = [];
    } else if (tag === "td" || tag === "th") {
      text += " ";
    }
  }
  endParagraph();
  return rowsFromCells(lines);
}
