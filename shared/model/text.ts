import { z } from "zod";

/**
 * The one rule for text in the store's contract: every text field holds valid Unicode, and anything else
 * is refused with 400 naming the field. A lone surrogate (half of a UTF-16 pair without its other half)
 * is not a character: D1 stores text as UTF-8, where it cannot be written (it came back as U+FFFD in
 * some fields and exactly in others), and neither XML nor an .xlsx can hold it. Everything that is valid
 * Unicode is kept exactly as sent (tabs, line breaks, other controls included; the .xlsx writer escapes
 * what XML cannot hold, shared/export/xlsx.ts).
 */

// With the u flag a surrogate class matches only an unpaired half: a pair is one code point.
const LONE_SURROGATE = /\p{Cs}/u;

/** Text that is valid Unicode; the schemas of every text field start from it. */
export const UnicodeText = z.string().refine((s) => !LONE_SURROGATE.test(s), {
  message: "is not valid Unicode text (it holds a lone surrogate, half of a UTF-16 pair)",
});
