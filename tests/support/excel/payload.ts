/**
 * Sizes of what Office.js sends and receives: the JSON of the value (numbers as JSON numbers), in
 * UTF-8 bytes, as it travels to Excel on the web. Excel refuses a request or response over 5 MB.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value ?? null);
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < json.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
