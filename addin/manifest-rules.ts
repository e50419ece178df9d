import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * Offline check of a task-pane add-in manifest (`npm run validate` asks Microsoft's service and needs
 * the internet). The rules are those of Microsoft's task-pane manifest schema, last published in
 * OfficeDev/office-js-docs-pr (docs/overview/schemas/taskpane: OfficeAppManifestV1_1.xsd,
 * TaskPaneAppVersionOverridesV1_0.xsd, OfficeAppBasicTypesV1_0.xsd; removed in Feb 2020), for the
 * parts of it MuniPlan uses, plus `<Runtimes>` (added to the schema after 2020; its place is in
 * Microsoft's "How to find the proper order of manifest elements"). Anything else is reported, so a
 * new element has to be added here, from the schema, before the manifest may use it.
 */

const NS: Record<string, string> = {
  "http://schemas.microsoft.com/office/appforoffice/1.1": "app",
  "http://schemas.microsoft.com/office/taskpaneappversionoverrides": "ov",
  "http://schemas.microsoft.com/office/officeappbasictypes/1.0": "bt",
  "http://www.w3.org/2001/XMLSchema-instance": "xsi",
};

// Simple types: each returns what is wrong with a value, or undefined.
type Simple = (value: string) => string | undefined;
/** XSD lengths count characters (code points), not UTF-16 units. */
const length =
  (min: number, max: number): Simple =>
  (v) => {
    const n = [...v].length;
    return n < min || n > max ? `has ${n} characters, not ${min}–${max}` : undefined;
  };
const pattern =
  (re: RegExp, what: string): Simple =>
  (v) =>
    re.test(v) ? undefined : `"${v}" is not ${what}`;
const oneOf =
  (...values: string[]): Simple =>
  (v) =>
    values.includes(v) ? undefined : `"${v}" is not one of ${values.join(", ")}`;

const ShortString = length(1, 125);
const LongString = length(1, 250);
const ReferenceId = length(1, 32);
const URL_: Simple = (v) => length(1, 2048)(v) ?? (URL.canParse(v) ? undefined : `"${v}" is not an absolute URL`);
const UUID = pattern(/^(?:(?:urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/, "a UUID");
const Version = pattern(/^[0-9]{1,5}(?:\.[0-9]{1,5}){0,3}$/, "a version (1 to 4 numbers of up to 5 digits)");
const ShortVersion = pattern(/^[0-9]{1,5}\.[0-9]{1,5}$/, "a short version (major.minor)");
const CultureName = pattern(/^(?:[a-zA-Z]{2,3}-[a-zA-Z0-9]{3,8}(?:-[a-zA-Z]{2,3})?|[a-zA-Z]{2,3}(?:-[a-zA-Z]{2,3}(?:_tradnl|\.pseudo|-[a-zA-Z]{4,8})?)?)$/, "a culture name");
const Integer = pattern(/^[+-]?[0-9]+$/, "an integer");

/** A complex type: attributes, then a sequence of child elements (by `prefix:name`), or text. */
interface Type {
  attrs?: Record<string, { type: Simple; required?: boolean; resource?: ResourceKind }>;
  seq?: [name: string, type: Type, min: number, max: number][];
  text?: Simple;
  /** Abstract elements: the type named by xsi:type. */
  xsi?: Record<string, Type>;
}
type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
const N = Infinity;
const extend = (base: Type, more: Type): Type => ({ attrs: { ...base.attrs, ...more.attrs }, seq: [...(base.seq ?? []), ...(more.seq ?? [])] });

// OfficeAppManifestV1_1.xsd
const appOverride = (value: Simple): Type => ({ attrs: { Locale: { type: CultureName, required: true }, Value: { type: value, required: true } } });
const appLocaleAware = (value: Simple): Type => ({ attrs: { DefaultValue: { type: value, required: true } }, seq: [["app:Override", appOverride(value), 0, N]] });
const versioned: Type = { attrs: { MinVersion: { type: ShortVersion }, Name: { type: ShortString, required: true } } };

// OfficeAppBasicTypesV1_0.xsd
const ref = (resource: ResourceKind): Type => ({ attrs: { resid: { type: ReferenceId, required: true, resource } } });
const ShortRef = ref("ShortStrings");
const LongRef = ref("LongStrings");
const UrlRef = ref("Urls");
const IconList: Type = { seq: [["bt:Image", { attrs: { ...ref("Images").attrs, size: { type: Integer, required: true } } }, 1, N]] };
const btOverride = (value: Simple): Type => ({ attrs: { Locale: { type: CultureName, required: true }, Value: { type: value, required: true } } });
const withId = (value: Simple): Type => ({
  attrs: { id: { type: ReferenceId, required: true }, DefaultValue: { type: value, required: true } },
  seq: [["bt:Override", btOverride(value), 0, N]],
});
const Resources: Type = {
  seq: [
    ["bt:Images", { seq: [["bt:Image", withId(URL_), 0, N]] }, 0, 1],
    ["bt:Urls", { seq: [["bt:Url", withId(URL_), 0, N]] }, 0, 1],
    ["bt:ShortStrings", { seq: [["bt:String", withId(ShortString), 0, N]] }, 0, 1],
    ["bt:LongStrings", { seq: [["bt:String", withId(LongString), 0, N]] }, 0, 1],
  ],
};

// TaskPaneAppVersionOverridesV1_0.xsd
const UIControl: Type = {
  attrs: { id: { type: ShortString, required: true } },
  seq: [
    ["ov:Label", ShortRef, 1, 1],
    ["ov:Supertip", { seq: [["ov:Title", ShortRef, 1, 1], ["ov:Description", LongRef, 1, 1]] }, 1, 1],
  ],
};
const Action: Type = {
  xsi: {
    ShowTaskpane: { seq: [["ov:TaskpaneId", { text: ShortString }, 0, 1], ["ov:SourceLocation", UrlRef, 1, 1], ["ov:Title", ShortRef, 0, 1]] },
    ExecuteFunction: { seq: [["ov:FunctionName", { text: LongString }, 1, 1]] },
  },
};
const Button = extend(UIControl, { seq: [["ov:Icon", IconList, 1, 1], ["ov:Action", Action, 1, 1]] });
const Group: Type = {
  attrs: { id: { type: ShortString, required: true } },
  seq: [["ov:Label", ShortRef, 1, 1], ["ov:Icon", IconList, 1, 1], ["ov:Control", { xsi: { Button } }, 1, N]],
};
const Tab: Type = { attrs: { id: { type: ShortString, required: true } }, seq: [["ov:Group", Group, 1, N]] };
const FormFactor: Type = {
  seq: [
    ["ov:GetStarted", { seq: [["ov:Title", ShortRef, 1, 1], ["ov:Description", LongRef, 1, 1], ["ov:LearnMoreUrl", UrlRef, 1, 1]] }, 0, 1],
    ["ov:FunctionFile", UrlRef, 0, 1],
    ["ov:ExtensionPoint", { xsi: { PrimaryCommandSurface: { seq: [["ov:OfficeTab", Tab, 0, N], ["ov:CustomTab", extend(Tab, { seq: [["ov:Label", ShortRef, 1, 1]] }), 0, N]] } } }, 1, N],
  ],
};
const Runtime: Type = { attrs: { ...UrlRef.attrs, lifetime: { type: oneOf("short", "long") } } };
const VersionOverrides: Type = {
  xsi: {
    VersionOverridesV1_0: {
      seq: [
        ["ov:Description", LongRef, 0, 1],
        ["ov:Requirements", { seq: [["bt:Sets", { attrs: { DefaultMinVersion: { type: ShortVersion } }, seq: [["bt:Set", versioned, 1, N]] }, 1, 1]] }, 0, 1],
        ["ov:Hosts", { seq: [["ov:Host", { xsi: { Workbook: { seq: [["ov:Runtimes", { seq: [["ov:Runtime", Runtime, 1, N]] }, 0, 1], ["ov:DesktopFormFactor", FormFactor, 0, 1]] } } }, 1, N]] }, 0, 1],
        ["ov:Resources", Resources, 0, 1],
      ],
    },
  },
};

const OfficeApp: Type = {
  xsi: {
    TaskPaneApp: {
      seq: [
        ["app:Id", { text: UUID }, 1, 1],
        ["app:AlternateId", { text: pattern(/^.{5,12}\\WA[0-9]{9}$/, "an AppSource id") }, 0, 1],
        ["app:Version", { text: Version }, 1, 1],
        ["app:ProviderName", { text: ShortString }, 1, 1],
        ["app:DefaultLocale", { text: CultureName }, 1, 1],
        ["app:DisplayName", appLocaleAware(ShortString), 1, 1],
        ["app:Description", appLocaleAware(LongString), 1, 1],
        ["app:IconUrl", appLocaleAware(URL_), 0, 1],
        ["app:HighResolutionIconUrl", appLocaleAware(URL_), 0, 1],
        ["app:SupportUrl", appLocaleAware(URL_), 0, 1],
        ["app:AppDomains", { seq: [["app:AppDomain", { text: LongString }, 1, N]] }, 0, 1],
        ["app:Hosts", { seq: [["app:Host", { attrs: { Name: { type: ShortString, required: true } } }, 1, N]] }, 0, 1],
        ["app:Requirements", { seq: [["app:Sets", { attrs: { DefaultMinVersion: { type: ShortVersion } }, seq: [["app:Set", versioned, 1, N]] }, 0, 1], ["app:Methods", { seq: [["app:Method", { attrs: { Name: { type: LongString, required: true } } }, 1, N]] }, 0, 1]] }, 0, 1],
        ["app:DefaultSettings", { seq: [["app:SourceLocation", appLocaleAware(URL_), 1, 1]] }, 1, 1],
        ["app:Permissions", { text: oneOf("Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument") }, 1, 1],
        ["ov:VersionOverrides", VersionOverrides, 0, 1],
      ],
    },
  },
};

/** An element as read: its namespace-qualified name (`prefix:local` by the table above), attributes, children, text. */
export interface Element {
  name: string;
  path: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false, parseAttributeValue: false, commentPropName: "#comment" });

function qualify(qname: string, scope: Record<string, string>, isAttribute = false): string {
  const [prefix, local] = qname.includes(":") ? qname.split(":", 2) : [undefined, qname];
  if (isAttribute && prefix === undefined) return local!; // unprefixed attributes have no namespace
  const uri = scope[prefix ?? ""];
  return `${(uri && NS[uri]) ?? `{${uri ?? prefix}}`}:${local}`;
}

function toElement(node: Node, outer: Record<string, string>, parentPath: string, index: number): Element | undefined {
  const tag = Object.keys(node).find((k) => k !== ":@");
  if (!tag || tag === "#text" || tag === "#comment" || tag.startsWith("?")) return undefined;
  const raw = node[":@"] ?? {};
  const scope = { ...outer };
  for (const [k, v] of Object.entries(raw)) if (k === "xmlns" || k.startsWith("xmlns:")) scope[k === "xmlns" ? "" : k.slice(6)] = v;
  const name = qualify(tag, scope);
  const path = `${parentPath}/${name.split(":")[1]}${index > 0 ? `[${index + 1}]` : ""}`;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (k !== "xmlns" && !k.startsWith("xmlns:")) attrs[qualify(k, scope, true)] = v;
  const kids = node[tag] as Node[];
  const children: Element[] = [];
  const seen = new Map<string, number>();
  for (const kid of kids) {
    const key = Object.keys(kid).find((k) => k !== ":@") ?? "";
    const i = seen.get(key) ?? 0;
    const el = toElement(kid, scope, path, i);
    if (el) {
      seen.set(key, i + 1);
      children.push(el);
    }
  }
  const text = kids.map((k) => (typeof k["#text"] === "string" || typeof k["#text"] === "number" ? String(k["#text"]) : "")).join("").trim();
  return { name, path, attrs, children, text };
}

/** Parses a manifest (throws if it is not well-formed XML) into elements with resolved namespaces. */
export function readManifest(xml: string): Element {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`manifest is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  // XML 1.0 forbids "--" inside a comment; fast-xml-parser does not check it, Office's parser does.
  const comment = [...xml.matchAll(/<!--([\s\S]*?)-->/g)].find((m) => m[1]!.includes("--") || m[1]!.endsWith("-"));
  if (comment) throw new Error(`manifest is not well-formed XML: "--" inside a comment: ${comment[0].slice(0, 60)}…`);
  const root = (parser.parse(xml) as Node[]).map((n) => toElement(n, {}, "", 0)).find((e) => e !== undefined);
  if (!root) throw new Error("manifest has no root element");
  return root;
}

/** Every element under `el` (itself included), depth first. */
export function* descendants(el: Element): Generator<Element> {
  yield el;
  for (const c of el.children) yield* descendants(c);
}

function checkType(el: Element, type: Type, problems: string[], refs: { el: Element; kind: ResourceKind; id: string }[]): void {
  const xsiType = el.attrs["xsi:type"]?.split(":").pop();
  if (type.xsi) {
    const derived = xsiType === undefined ? undefined : type.xsi[xsiType];
    if (!derived) {
      problems.push(`${el.path}: xsi:type "${xsiType ?? ""}" is not one of ${Object.keys(type.xsi).join(", ")}`);
      return;
    }
    type = derived;
  } else if (xsiType !== undefined) problems.push(`${el.path}: xsi:type is not allowed here`);

  for (const [name, value] of Object.entries(el.attrs)) {
    if (name === "xsi:type") continue;
    const rule = type.attrs?.[name];
    if (!rule) {
      problems.push(`${el.path}: attribute ${name} is not allowed`);
      continue;
    }
    const wrong = rule.type(value);
    if (wrong) problems.push(`${el.path}/@${name}: ${wrong}`);
    if (rule.resource) refs.push({ el, kind: rule.resource, id: value });
  }
  for (const [name, rule] of Object.entries(type.attrs ?? {})) if (rule.required && !(name in el.attrs)) problems.push(`${el.path}: attribute ${name} is required`);

  if (type.text) {
    const wrong = type.text(el.text);
    if (wrong) problems.push(`${el.path}: ${wrong}`);
  } else if (el.text) problems.push(`${el.path}: text is not allowed here`);

  // The sequence: children in the schema's order, each between its min and max count.
  const seq = type.seq ?? [];
  const counts = seq.map(() => 0);
  let at = 0;
  for (const c of el.children) {
    const i = seq.findIndex(([name]) => name === c.name);
    if (i < 0) problems.push(`${c.path}: ${c.name} is not allowed under ${el.name}`);
    else if (i < at) {
      problems.push(`${c.path}: ${c.name} is out of order: it must come before ${seq[at]![0]}`);
      counts[i]!++;
    } else {
      at = i;
      if (++counts[i]! > seq[i]![3]) problems.push(`${c.path}: at most ${seq[i]![3]} ${c.name}`);
      else checkType(c, seq[i]![1], problems, refs);
    }
  }
  seq.forEach(([name, , min], i) => {
    if (counts[i]! < min) problems.push(`${el.path}: ${name} is required`);
  });
}

/**
 * What is wrong with a manifest under the schema's rules, as "path: problem" lines (none when it is
 * valid): element order, required elements and attributes, value formats and lengths, and every
 * `resid` naming a resource of the right kind (a Label a short string, an Icon an image, ...).
 */
export function schemaProblems(xml: string): string[] {
  let root: Element;
  try {
    root = readManifest(xml);
  } catch (e) {
    return [(e as Error).message];
  }
  const problems: string[] = [];
  if (root.name !== "app:OfficeApp") return [`root element is ${root.name}, not OfficeApp in ${Object.keys(NS)[0]}`];
  const refs: { el: Element; kind: ResourceKind; id: string }[] = [];
  checkType(root, OfficeApp, problems, refs);

  const defined = new Map<string, ResourceKind>();
  const resources = root.children.find((c) => c.name === "ov:VersionOverrides")?.children.find((c) => c.name === "ov:Resources");
  for (const list of resources?.children ?? [])
    for (const r of list.children) {
      const id = r.attrs.id ?? "";
      if (defined.has(id)) problems.push(`${r.path}: resource id "${id}" is defined twice`);
      defined.set(id, list.name.split(":")[1] as ResourceKind);
    }
  for (const { el, kind, id } of refs)
    if (defined.get(id) !== kind) problems.push(`${el.path}: resid "${id}" is not ${kind === "Images" ? "an image" : kind === "Urls" ? "a URL" : kind === "ShortStrings" ? "a short string" : "a long string"} in Resources`);
  return problems;
}

const child = (el: Element | undefined, name: string): Element | undefined => el?.children.find((c) => c.name === name);
const values = (el: Element): string[] => [el.attrs.DefaultValue ?? "", ...el.children.map((o) => o.attrs.Value ?? "")];

/** Every URL the manifest names (defaults and locale overrides, AppDomains), in document order. */
export function manifestUrls(root: Element): string[] {
  const urls: string[] = [];
  for (const el of descendants(root)) {
    const local = el.name.split(":")[1];
    if (el.name === "app:AppDomain") urls.push(el.text);
    else if (["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"].includes(local!) && el.name.startsWith("app:")) urls.push(...values(el));
    else if (el.name === "bt:Image" && el.attrs.DefaultValue !== undefined) urls.push(...values(el));
    else if (el.name === "bt:Url") urls.push(...values(el));
  }
  return urls;
}

/**
 * Rules for the pane and its ribbon that the schema cannot state (Microsoft's docs, see each): one URL
 * behind each task-pane id; a shared runtime declared consistently; the ribbon's mandatory icon sizes.
 */
export function paneProblems(root: Element): string[] {
  const problems: string[] = [];
  const overrides = child(root, "ov:VersionOverrides");
  const urls = new Map<string, string[]>();
  for (const u of child(child(overrides, "ov:Resources"), "bt:Urls")?.children ?? []) urls.set(u.attrs.id ?? "", values(u));
  const all = [...descendants(root)];
  const actions = all.filter((el) => el.name === "ov:Action");

  // Office reuses an open pane by its TaskpaneId and does not reload it for another URL (office-js #175, #4737).
  const byPane = new Map<string, Set<string>>();
  for (const a of actions.filter((x) => x.attrs["xsi:type"] === "ShowTaskpane")) {
    const id = child(a, "ov:TaskpaneId")?.text ?? "(no TaskpaneId)";
    const set = byPane.get(id) ?? new Set<string>();
    for (const u of urls.get(child(a, "ov:SourceLocation")?.attrs.resid ?? "") ?? []) set.add(u);
    byPane.set(id, set);
  }
  for (const [id, set] of byPane) if (set.size > 1) problems.push(`task pane ${id} is opened on ${set.size} different URLs: ${[...set].join(", ")}`);

  // "Configure your Office Add-in to use a shared runtime": one resid for the runtime, the function file
  // and the pane; no TaskpaneId under a long-lived runtime; SharedRuntime 1.1 required where the runtime is
  // declared, and not in the base manifest, so the add-in still installs where it is missing.
  const long = all.filter((el) => el.name === "ov:Runtime" && el.attrs.lifetime === "long");
  if (long.length > 1) problems.push(`${long.length} long-lived runtimes; a host has at most one`);
  const runtime = long[0]?.attrs.resid;
  if (runtime !== undefined) {
    for (const el of all.filter((x) => x.name === "ov:FunctionFile")) if (el.attrs.resid !== runtime) problems.push(`${el.path}: the function file is not the shared runtime's page ${runtime}`);
    for (const a of actions) {
      if (child(a, "ov:TaskpaneId")) problems.push(`${a.path}: a TaskpaneId under a shared runtime opens a second pane`);
      const source = child(a, "ov:SourceLocation");
      if (source && source.attrs.resid !== runtime) problems.push(`${source.path}: the pane is not the shared runtime's page ${runtime}`);
    }
    const sets = (req: Element | undefined) => req?.children.flatMap((s) => s.children).map((s) => s.attrs) ?? [];
    if (!sets(child(overrides, "ov:Requirements")).some((s) => s.Name === "SharedRuntime" && (s.MinVersion ?? "1.1") === "1.1"))
      problems.push("a shared runtime without SharedRuntime 1.1 in VersionOverrides/Requirements");
    if (sets(child(root, "app:Requirements")).some((s) => s.Name === "SharedRuntime")) problems.push("SharedRuntime in the base Requirements: the add-in would not install where it is missing");
  }

  // The schema: "Mandatory values are 16, 32, and 80."
  for (const icon of all.filter((el) => el.name === "ov:Icon")) {
    const sizes = icon.children.map((i) => i.attrs.size);
    for (const size of ["16", "32", "80"]) if (!sizes.includes(size)) problems.push(`${icon.path}: no ${size}px image`);
  }
  return problems;
}

/** A manifest for users: every URL https on `origin`, nothing on this machine. */
export function releaseProblems(xml: string, origin: string): string[] {
  const problems: string[] = [];
  for (const u of manifestUrls(readManifest(xml)))
    if (!URL.canParse(u) || new URL(u).origin !== origin || !u.startsWith("https://")) problems.push(`${u} is not an https URL on ${origin}`);
  for (const local of ["localhost", "127.0.0.1", "[::1]"]) if (xml.includes(local)) problems.push(`the manifest names ${local}`);
  return problems;
}

/** The schema's rules and the pane's, for a manifest given as text: none when it may ship. */
export function manifestProblems(xml: string): string[] {
  const problems = schemaProblems(xml);
  return problems.length > 0 ? problems : paneProblems(readManifest(xml));
}
