/**
 * What the recogniser reads: rows of cells, one per source line (pasted text, a selected range or the HTML
 * Word puts on the clipboard), each remembering the line it came from so the preview can show it.
 */

export interface SourceLine {
  /** 1-based: the line of the pasted text, the row of the range, the paragraph or table row of the HTML. */
  line: number;
  text: string;
}

export interface Row extends SourceLine {
  /** Cell texts without markup; leading empty cells are kept (a tab-indented line continues the one above). */
  cells: string[];
  /** A blank line came before this one: a word or sentence may continue across it (PDF and Word exports). */
  blankBefore: boolean;
  /** Written as a heading (Markdown #, or the whole line bold): an unknown heading ends the current section. */
  heading: boolean;
}

const MARKUP = /<\/?(?:b|strong|i|em|u|span)\b[^>]*>|\*\*|__/gi;

/** A cell's text without the emphasis markup document converters leave behind. */
export function cleanCell(cell: string): string {
  return cell
    .replace(MARKUP, "")
    .replace(/^\*(.+)\*$/, "$1")
    .replace(/\*([^*]+)\*/g, "$1")
    .replace(/\\([_*#\\-])/g, "$1")
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
}

const wholeBold = (s: string) => /^\s*(?:\*\*[^*]+\*\*|<b>.*<\/b>)\s*$/i.test(s);

/** Rows of cells, dropping blank lines but marking the row after them. */
export function rowsFromCells(lines: readonly { line: number; cells: readonly string[]; text: string; heading?: boolean }[]): Row[] {
  const rows: Row[] = [];
  let blankBefore = false;
  for (const l of lines) {
    const cells = l.cells.map(cleanCell);
    if (cells.every((c) => c === "")) {
      blankBefore = true;
      continue;
    }
    rows.push({ line: l.line, text: l.text, cells, blankBefore, heading: l.heading ?? false });
    blankBefore = false;
  }
  return rows;
}

/** Plain text: a tab separates cells (Word and Excel both copy table cells so). */
export function rowsFromText(text: string): Row[] {
  return rowsFromCells(
    text.split(/\r\n|\r|\n/).map((raw, i) => {
      const markdown = /^\s{0,3}#{1,6}\s+/.exec(raw);
      const body = markdown ? raw.slice(markdown[0].length) : raw;
      const cells = body.replace(/^ +(?=\S)/, "").split("\t");
      const filled = cells.filter((c) => c.trim() !== "");
      return { line: i + 1, text: raw, cells, heading: markdown !== null || (filled.length === 1 && wholeBold(filled[0]!)) };
    }),
  );
}

/** A selected range: Excel gives numbers, booleans and strings; empty cells are "". */
export function rowsFromRange(values: readonly (readonly unknown[])[]): Row[] {
  return rowsFromCells(
    values.map((row, i) => {
      const cells = row.map((v) => (v === null || v === undefined ? "" : String(v)));
      return { line: i + 1, text: cells.join("\t").trimEnd(), cells };
    }),
  );
}
