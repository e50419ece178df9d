/**
 * The tests' one reader of the CSV the exports write (shared/export/csv.ts), written from RFC 4180 rather
 * than from the writer, and strict: records end in CRLF, a quoted field may hold anything with `""` for a
 * quote, and anything else (a bare quote, CR or LF outside quotes, a last record without CRLF) throws.
 */
export function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  while (i < csv.length) {
    if (csv[i] === '"' && field === "") {
      const end = closingQuote(csv, i + 1);
      field = csv.slice(i + 1, end).replace(/""/g, '"');
      i = end + 1;
    } else if (csv[i] === ",") {
      record.push(field);
      field = "";
      i += 1;
    } else if (csv.startsWith("\r\n", i)) {
      records.push([...record, field]);
      record = [];
      field = "";
      i += 2;
    } else {
      if (/["\r\n]/.test(csv[i]!)) throw new Error(`unquoted ${JSON.stringify(csv[i])} at ${i}`);
      field += csv[i];
      i += 1;
    }
  }
  if (record.length > 0 || field !== "") throw new Error("the last record does not end in CRLF");
  return records;
}

function closingQuote(csv: string, from: number): number {
  for (let i = from; i < csv.length; i++) {
    if (csv[i] !== '"') continue;
    if (csv[i + 1] !== '"') return i;
    i += 1;
  }
  throw new Error("unterminated quoted field");
}

/** An export's CSV as a file holds it: the UTF-8 BOM Excel needs (a decoder that keeps it), then the records. */
export function readCsv(csv: string): string[][] {
  if (!csv.startsWith("\uFEFF")) throw new Error("no UTF-8 BOM at the start: Excel would misread the text");
  return parseCsv(csv.slice(1));
}
