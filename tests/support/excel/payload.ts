/**
 * Sizes of what Office.js sends and receives: the JSON of the value (numbers as JSON numbers), in
 * UTF-8 bytes, as it travels to Excel on the web. Excel refuses a request or response over 5 MB.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

const utf8 = new TextEncoder();

export function jsonBytes(value: unknown): number {
  return utf8.encode(JSON.stringify(value ?? null)).byteLength;
}
