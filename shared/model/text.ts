import { z } from "zod";

/**
 * The one rule for text, in the store's contract and in the workbook alike: text may hold any valid
 * Unicode except what XML 1.0 cannot hold, since text ends up in a custom XML part, an .xlsx cell and the
 * add-in's sheets (which refuse to write a sheet holding it, so one user's note must never reach them).
 * Refused: C0 controls other than tab, LF and CR; the non-characters U+FFFE and U+FFFF; and a lone
 * surrogate (half of a UTF-16 pair without its other half), which is not a character at all — D1 stores
 * text as UTF-8, where it cannot be written. The store answers 400 naming the field; the add-in's sheet
 * rule (shared/layout/cells.ts) refuses the cell. Everything else is kept exactly as sent (tabs, line
 * breaks, edge spaces included).
 */

// With the u flag a surrogate class matches only an unpaired half: a pair is one code point.
export const UNSTORABLE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;

/** True when `s` holds nothing the rule refuses. */
export const isStorableText = (s: string) => !UNSTORABLE_TEXT.test(s);

const codePoint = (s: string) => `U+${s.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Text under the rule; the schemas of every text field start from it. */
export const UnicodeText = z.string().refine(isStorableText, {
  error: (issue) =>
    `holds ${codePoint(UNSTORABLE_TEXT.exec(issue.input as string)![0])}, which text may not hold ` +
    "(control characters other than tab, line feed and carriage return, U+FFFE, U+FFFF, lone surrogates)",
});

/** A name or label: under the rule, kept exactly (never trimmed), but not blank. */
export const NonBlankText = UnicodeText.refine((s) => s.trim().length > 0, { message: "must not be blank" });
