import { z } from "zod";

/**
 * The association's read-only OData v4 feed (worker/src/routes/odata.ts), for Excel's and Power BI's
 * Get Data → From OData Feed. The entity sets below are the one description of the feed: `$metadata`
 * is written from them, and `$select` and `$filter` are checked against them. The query options are
 * deliberately few and strict (what Power Query folds a filter on code, year and member into); anything
 * else is refused naming the option, never ignored, so a client never takes a wider answer for its filter.
 */

/** Rows per page at most: a larger answer ends with `@odata.nextLink` (server-driven paging). */
export const ODATA_PAGE_SIZE = 1000;

export const ODATA_NAMESPACE = "MuniPlan";

type EdmType = "Edm.String" | "Edm.Int32" | "Edm.Int64" | "Edm.Double" | "Edm.DateTimeOffset";

/** The comparison operators a property may be filtered with, and the literal it takes. */
interface Filterable {
  ops: readonly FilterOp[];
  literal: "string" | "integer";
}

interface Property {
  type: EdmType;
  nullable: boolean;
  filter?: Filterable;
}

export interface EntitySet {
  /** The entity type's name in `$metadata`. */
  type: string;
  key: string;
  properties: Record<string, Property>;
}

const text = (nullable = false): Property => ({ type: "Edm.String", nullable });
const byEquality: Filterable = { ops: ["eq"], literal: "string" };

export const ENTITY_SETS = {
  Members: {
    type: "Member",
    key: "communityId",
    properties: {
      communityId: { ...text(), filter: byEquality },
      name: text(),
      region: text(true),
      kind: text(true),
      population: { type: "Edm.Int64", nullable: true },
      /** The official code (KATOTTH, ISO 3166-2:LT) national statistics key the member by; null until set. */
      territoryCode: { ...text(true), filter: byEquality },
    },
  },
  Catalogue: {
    type: "CatalogueEntry",
    key: "code",
    properties: {
      code: { ...text(), filter: byEquality },
      nameUk: text(),
      nameEn: text(),
      nameLt: text(),
      unit: text(),
      direction: text(),
      frequency: text(),
      /** The indicator's code in an outside scheme (ISO 37120, a statistics office); "" where none. */
      externalCode: text(),
    },
  },
  Observations: {
    type: "Observation",
    key: "id",
    properties: {
      id: text(),
      communityId: { ...text(), filter: byEquality },
      code: { ...text(), filter: byEquality },
      year: { type: "Edm.Int32", nullable: false, filter: { ops: ["eq", "ge", "le"], literal: "integer" } },
      value: { type: "Edm.Double", nullable: true },
      /** The member's reason for having no value (shared/model/plan.ts MissingReason). */
      missing: text(true),
      /** Only where the caller may read the member's notes; null otherwise. */
      note: text(true),
      updatedAt: { type: "Edm.DateTimeOffset", nullable: false },
    },
  },
} as const satisfies Record<string, EntitySet>;
export type EntitySetName = keyof typeof ENTITY_SETS;
export const isEntitySet = (name: string): name is EntitySetName => Object.hasOwn(ENTITY_SETS, name);

export type FilterOp = "eq" | "ge" | "le";
/** One comparison of a `$filter`; a filter is their conjunction (`and` is the only connective). */
export interface Condition {
  property: string;
  op: FilterOp;
  value: string | number;
}

/** A refused query option, named as OData clients name it (`$filter`, `$top`). */
export class ODataQueryError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
  }
}

const wholeNumber = z
  .string()
  .regex(/^\d{1,9}$/, { message: "must be a whole number, 0 or more" })
  .transform(Number);

/** The system query options the feed answers; every other `$` option is refused. */
export const ODataOptions = z
  .object({
    $filter: z.string().optional(),
    $select: z.string().optional(),
    $top: wholeNumber.optional(),
    $skip: wholeNumber.optional(),
    $count: z.enum(["true", "false"], { message: "must be true or false" }).transform((v) => v === "true").optional(),
    $format: z.literal("json", { message: "only json is served" }).optional(),
    /** Where a page starts, as the feed's own `@odata.nextLink` says it: opaque to clients. */
    $skiptoken: z.string().optional(),
  })
  .strict();
export type ODataOptions = z.infer<typeof ODataOptions>;

export interface ODataQuery {
  filter: Condition[];
  /** The properties to answer with, in the entity type's order; all of them without `$select`. */
  select: string[];
  top: number | null;
  skip: number;
  count: boolean;
  /** The sort key of the row the page starts after (from `$skiptoken`), or null. */
  after: (string | number)[] | null;
}

/**
 * Reads the query string's system options for `set`. Options without a `$` are custom options and,
 * as OData says, left to the service: none is used, so they are ignored.
 */
export function parseODataQuery(set: EntitySet, params: URLSearchParams, keyLength: number): ODataQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!key.startsWith("$")) continue;
    if (key in raw) throw new ODataQueryError(key, "given more than once");
    raw[key] = value;
  }
  const parsed = ODataOptions.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === "unrecognized_keys") throw new ODataQueryError(issue.keys[0]!, "is not supported by this feed (supported: $filter, $select, $top, $skip, $count)");
    throw new ODataQueryError(String(issue.path[0]), issue.message);
  }
  const o = parsed.data;
  return {
    filter: o.$filter === undefined ? [] : parseFilter(set, o.$filter),
    select: o.$select === undefined ? Object.keys(set.properties) : parseSelect(set, o.$select),
    top: o.$top ?? null,
    skip: o.$skip ?? 0,
    count: o.$count ?? false,
    after: o.$skiptoken === undefined ? null : decodeSkipToken(o.$skiptoken, keyLength),
  };
}

const SkipToken = z.array(z.union([z.string(), z.number().int()]));

/** A page's start as `$skiptoken`: the previous page's last sort key, JSON in URL-safe base64. */
export function encodeSkipToken(key: readonly (string | number)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decodeSkipToken(token: string, length: number): (string | number)[] {
  try {
    const binary = atob(token.replaceAll("-", "+").replaceAll("_", "/"));
    const key = SkipToken.parse(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))));
    if (key.length === length) return key;
  } catch {
    // Every way a token can be damaged gets the one answer below.
  }
  throw new ODataQueryError("$skiptoken", "is not one this feed wrote: follow @odata.nextLink as given");
}

function parseSelect(set: EntitySet, select: string): string[] {
  const names = select.split(",").map((s) => s.trim());
  for (const name of names) {
    if (name === "*") return Object.keys(set.properties);
    if (!Object.hasOwn(set.properties, name))
      throw new ODataQueryError("$select", `${name ? `'${name}'` : "an empty name"} is not a property of ${set.type} (${Object.keys(set.properties).join(", ")})`);
  }
  return Object.keys(set.properties).filter((p) => names.includes(p));
}

type Token = { kind: "name"; text: string } | { kind: "string"; text: string } | { kind: "integer"; value: number } | { kind: "(" | ")" };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|(\()|(\))|'((?:[^']|'')*)'|(-?\d+)(?![\w.])|([A-Za-z_][A-Za-z0-9_]*)/y;
  while (re.lastIndex < filter.length) {
    const at = re.lastIndex;
    const m = re.exec(filter);
    if (!m) throw new ODataQueryError("$filter", `cannot read '${filter.slice(at, at + 20)}' (at character ${at + 1})`);
    if (m[1]) tokens.push({ kind: "(" });
    else if (m[2]) tokens.push({ kind: ")" });
    else if (m[3] !== undefined) tokens.push({ kind: "string", text: m[3].replaceAll("''", "'") });
    else if (m[4]) tokens.push({ kind: "integer", value: Number(m[4]) });
    else if (m[5]) tokens.push({ kind: "name", text: m[5] });
  }
  return tokens;
}

const ONLY_AND = "only 'and' joins comparisons (no 'or', 'not' or functions)";

/**
 * `prop op literal` comparisons joined by `and`, optionally in parentheses: the filters Power Query
 * folds a filter on code, member and years into. `or`, `not`, functions and other operators are refused.
 */
export function parseFilter(set: EntitySet, filter: string): Condition[] {
  const tokens = tokenize(filter);
  let i = 0;
  const fail = (what: string): never => {
    throw new ODataQueryError("$filter", what);
  };
  const conjunction = (): Condition[] => {
    const out = comparison();
    while (tokens[i]?.kind === "name" && (tokens[i] as { text: string }).text === "and") {
      i++;
      out.push(...comparison());
    }
    return out;
  };
  const comparison = (): Condition[] => {
    const t = tokens[i++];
    if (t?.kind === "(") {
      const inner = conjunction();
      if (i === tokens.length) fail("a '(' is not closed");
      if (tokens[i++]!.kind !== ")") fail(ONLY_AND);
      return inner;
    }
    if (t?.kind !== "name") return fail("expected a property name");
    const property = set.properties[t.text as keyof typeof set.properties] as Property | undefined;
    const filterable = property?.filter;
    if (!filterable) {
      const allowed = Object.entries(set.properties).flatMap(([name, p]) => ((p as Property).filter ? [name] : []));
      return fail(`${set.type} can be filtered on ${allowed.join(", ")} only, not '${t.text}'`);
    }
    const op = tokens[i++];
    if (op?.kind !== "name" || !filterable.ops.includes(op.text as FilterOp))
      return fail(`${t.text} takes ${filterable.ops.join(", ")} only`);
    const literal = tokens[i++];
    if (filterable.literal === "string" && literal?.kind === "string") return [{ property: t.text, op: op.text as FilterOp, value: literal.text }];
    if (filterable.literal === "integer" && literal?.kind === "integer") return [{ property: t.text, op: op.text as FilterOp, value: literal.value }];
    return fail(`${t.text} is compared with ${filterable.literal === "string" ? "a quoted string such as 'POP'" : "a whole number such as 2015"}`);
  };
  if (tokens.length === 0) fail("is empty");
  const conditions = conjunction();
  if (i < tokens.length) fail(ONLY_AND);
  return conditions;
}

/** The CSDL document of the feed, written from ENTITY_SETS. */
export function metadataXml(): string {
  const types = Object.values(ENTITY_SETS as Record<string, EntitySet>).map(
    (set) =>
      `<EntityType Name="${set.type}"><Key><PropertyRef Name="${set.key}"/></Key>${Object.entries(set.properties)
        .map(([name, p]) => `<Property Name="${name}" Type="${p.type}" Nullable="${p.nullable}"/>`)
        .join("")}</EntityType>`,
  );
  const sets = Object.entries(ENTITY_SETS as Record<string, EntitySet>).map(
    ([name, set]) => `<EntitySet Name="${name}" EntityType="${ODATA_NAMESPACE}.${set.type}"/>`,
  );
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>` +
    `<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${ODATA_NAMESPACE}">${types.join("")}` +
    `<EntityContainer Name="Container">${sets.join("")}</EntityContainer></Schema>` +
    `</edmx:DataServices></edmx:Edmx>`
  );
}
