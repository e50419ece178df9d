/**
 * Just enough XML for custom XML parts: Excel refuses a part that is not well-formed XML 1.0 (at
 * sync), finds parts by their root element's namespace, and may hand a part back reformatted.
 */

// XML 1.0's Char production: tab, LF, CR, and U+0020 upwards but surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = /^[A-Za-z_:\u00C0-\uFFFD][\w.\-:\u00B7\u00C0-\uFFFD]*$/u;
const ENTITY = /^&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

interface Element {
  name: string;
  attributes: [string, string][];
  children: (Element | string)[];
}

export interface ParsedXml {
  declaration?: string;
  root: Element;
}

/** Why `xml` is not well-formed, or undefined when it is. */
export function xmlProblem(xml: string): string | undefined {
  try {
    parseXml(xml);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Parses well-formed XML (no DTD); throws with the reason otherwise. */
export function parseXml(xml: string): ParsedXml {
  const bad = NOT_XML_CHAR.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`);
  let i = 0;
  let declaration: string | undefined;
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end < 0) throw new Error("unterminated XML declaration");
    declaration = xml.slice(0, end + 2);
    i = end + 2;
  }
  let root: Element | undefined;
  const stack: Element[] = [];
  const text = (s: string) => {
    if (s.includes("]]>")) throw new Error("]]> in text");
    const parts: string[] = [];
    let from = 0;
    for (let amp = s.indexOf("&"); amp >= 0; amp = s.indexOf("&", from)) {
      const m = ENTITY.exec(s.slice(amp, amp + 12));
      if (!m) throw new Error(`bad entity reference at ${s.slice(amp, amp + 10)}`);
      parts.push(s.slice(from, amp), decodeEntity(m[1]!));
      from = amp + m[0].length;
    }
    parts.push(s.slice(from));
    return parts.join("");
  };
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const chunk = xml.slice(i, lt < 0 ? xml.length : lt);
    if (chunk) {
      const decoded = text(chunk);
      if (stack.length) stack[stack.length - 1]!.children.push(decoded);
      else if (decoded.trim()) throw new Error("text outside the root element");
    }
    if (lt < 0) break;
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0 || xml.slice(lt + 4, end).includes("--")) throw new Error("bad comment");
      i = end + 3;
    } else if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt);
      if (end < 0 || !stack.length) throw new Error("bad CDATA section");
      stack[stack.length - 1]!.children.push(xml.slice(lt + 9, end));
      i = end + 3;
    } else if (xml.startsWith("<?", lt)) {
      const end = xml.indexOf("?>", lt);
      if (end < 0 || /^<\?xml\b/i.test(xml.slice(lt))) throw new Error("bad processing instruction");
      i = end + 2;
    } else if (xml.startsWith("<!", lt)) {
      throw new Error("a document type declaration is not allowed in a custom XML part");
    } else if (xml.startsWith("</", lt)) {
      const end = xml.indexOf(">", lt);
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (end < 0 || !open || open.name !== name) throw new Error(`unbalanced tag </${name}>`);
      i = end + 1;
    } else {
      const end = tagEnd(xml, lt);
      const selfClosing = xml[end - 1] === "/";
      const inner = xml.slice(lt + 1, selfClosing ? end - 1 : end);
      const element = parseTag(inner);
      if (stack.length) stack[stack.length - 1]!.children.push(element);
      else if (root) throw new Error("more than one root element");
      else root = element;
      if (!selfClosing) stack.push(element);
      i = end + 1;
    }
  }
  if (stack.length) throw new Error(`unclosed tag <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error("no root element");
  return { declaration, root };

  function parseTag(inner: string): Element {
    const m = /^([^\s/>]+)([\s\S]*)$/.exec(inner);
    if (!m || !NAME.test(m[1]!)) throw new Error(`bad element name in <${inner.slice(0, 20)}`);
    const attributes: [string, string][] = [];
    let rest = m[2]!;
    while (rest.trim()) {
      const a = /^\s+([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
      if (!a || !NAME.test(a[1]!)) throw new Error(`bad attribute in <${m[1]}`);
      const value = a[3] ?? a[4]!;
      if (value.includes("<")) throw new Error(`< in an attribute of <${m[1]}`);
      if (attributes.some(([n]) => n === a[1])) throw new Error(`duplicate attribute ${a[1]} in <${m[1]}`);
      attributes.push([a[1]!, text(value)]);
      rest = rest.slice(a[0].length);
    }
    return { name: m[1]!, attributes, children: [] };
  }
}

/** The index of the `>` that ends the tag starting at `lt` (quoted attribute values may hold `>`). */
function tagEnd(xml: string, lt: number): number {
  let quote: string | undefined;
  for (let j = lt + 1; j < xml.length; j++) {
    const c = xml[j]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return j;
    else if (c === "<") break;
  }
  throw new Error("unterminated tag");
}

function decodeEntity(e: string): string {
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
  if (named[e]) return named[e]!;
  const code = e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
  const c = String.fromCodePoint(code);
  if (NOT_XML_CHAR.test(c)) throw new Error(`character reference &${e}; is not an XML character`);
  return c;
}

/** The namespace URI of the root element (its prefix's or the default one). */
export function rootNamespace(xml: string): string {
  const { root } = parseXml(xml);
  const prefix = root.name.includes(":") ? root.name.slice(0, root.name.indexOf(":")) : undefined;
  const attr = prefix ? `xmlns:${prefix}` : "xmlns";
  return root.attributes.find(([n]) => n === attr)?.[1] ?? "";
}

/**
 * The same document as another writer would give it back: declaration rewritten, attributes in
 * reverse order and single-quoted, line ends normalised, text re-escaped, a line break after the
 * declaration. Its infoset is the one added.
 */
export function reformatXml(xml: string): string {
  const { root } = parseXml(xml.replace(/\r\n?/g, "\n"));
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const write = (e: Element): string => {
    const attrs = [...e.attributes].reverse().map(([n, v]) => ` ${n}='${escape(v).replace(/'/g, "&apos;")}'`);
    if (!e.children.length) return `<${e.name}${attrs.join("")} />`;
    return `<${e.name}${attrs.join("")}>${e.children.map((c) => (typeof c === "string" ? escape(c) : write(c))).join("")}</${e.name}>`;
  };
  return `<?xml version="1.0" encoding="utf-8" standalone="no"?>\n${write(root)}`;
}
