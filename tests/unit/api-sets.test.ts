import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/*
 * Every Office.js member the add-in uses, with the requirement set @types/office-js documents for it
 * (`[Api set: ExcelApi 1.10]`, or for Office's common API `**Requirement set**: SharedRuntime 1.1`),
 * checked against the minimums manifest.xml declares. A host below a member's set lacks the member,
 * so a use above the declared minimum must be guarded.
 *
 * A use: a property access or call in addin/**\/*.ts(x) whose symbol (for a call, the overload the
 * compiler picked) is declared in @types/office-js, and each property named in a string passed to an
 * Office.js `load(...)` (`load("items/name")`). Not followed: `set({...})` and `load({...})` objects.
 * Where a tag names several versions ("ExcelApi 1.1 for get, 1.8 for set") the highest counts; where
 * the docs list several sets, any one of them will do. Sets of other applications (`Mailbox 1.3` on
 * `Event.completed`) say nothing about Excel and are shown but not checked. A set the manifest does not
 * declare has no minimum: every use of it needs a guard.
 *
 * The guard rule. G is an expression that is true only where the host supports the member's set:
 *   - a call of a function or method NAMED `isSetSupported` whose first two arguments name the set and
 *     a version at or above the member's, as string literals or names of literal type
 *     (`host.isSetSupported("ExcelApi", "1.10")`, `Office.context.requirements.isSetSupported(…)`);
 *   - `G && x`, `G ?? false`, or the literal `false` (the branch never runs);
 *   - a `const` initialised with G, or a call of an add-in function whose body only returns G
 *     (a wrapper such as `supportsExcelApi(host, "1.10")`, its parameters bound to the arguments);
 *   - a parameter, or a property of an options parameter (`options.outline`), that every call of its
 *     function in the add-in passes as G (or leaves out of the object literal).
 * A use is guarded when it lies
 *   - in the branch of an `if` or `?:` taken when G is true, in the other branch of a test of `!G`,
 *     or right of `G && …`;
 *   - after `if (!G) return;` (or `throw`; the condition may be `… || !G || …`) in the same block;
 *   - in a function whose JSDoc says `@requiresApiSet ExcelApi 1.10`: each call of that function is
 *     then itself a use of "ExcelApi 1.10", which must be guarded where it is called.
 * A guard reaches into callbacks written inline as call arguments (`runs.forEach((r) => …)`), not into
 * other functions. Values computed from G (`const runs = G ? list : []`) are not followed.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const OFFICE_TYPES = "/node_modules/@types/office-js/";
const REQUIRES_TAG = "requiresApiSet";
/** Sets of other Office applications (see above). */
const OTHER_APPLICATION_SET = /^(Mailbox|Outlook|Word|PowerPoint|OneNote|Visio|Project)/;

type Version = readonly number[];
interface Need {
  set: string;
  version: Version;
}
interface Requirement {
  /** Any one of these will do; none: the docs name only other applications' sets. */
  options: readonly Need[];
  /** As documented, e.g. "ExcelApi 1.1 for get, 1.8 for set". */
  text: string;
}
interface Use {
  member: string;
  requirement: Requirement | undefined;
  file: string;
  line: number;
  /** The guard's source text, if the use is guarded. */
  guard: string | undefined;
}

const parseVersion = (v: string): Version => v.split(".").map(Number);
function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
const showNeed = (n: Need) => `${n.set} ${n.version.join(".")}`;

function requirement(needs: Need[], text: string): Requirement {
  return { options: needs.filter((n) => !OTHER_APPLICATION_SET.test(n.set)), text: text.trim() };
}

/** `ExcelApi 1.1 for get, 1.8 for set` → ExcelApi 1.8. */
function parseApiSetTag(tag: string): Requirement | undefined {
  const set = /^\s*([A-Za-z]+)\s+\d/.exec(tag)?.[1];
  if (!set) return undefined;
  const versions = [...tag.matchAll(/\b(\d+\.\d+)\b/g)].map((m) => parseVersion(m[1]!));
  const version = versions.reduce((max, v) => (compareVersions(v, max) > 0 ? v : max));
  return requirement([{ set, version }], tag);
}

/** The requirement in a declaration's doc comment, in either of the two forms @types/office-js uses. */
function requirementOf(declaration: ts.Declaration): Requirement | undefined {
  const doc = declaration.getFullText().slice(0, declaration.getLeadingTriviaWidth());
  const apiSet = /\[Api set:([^\]]*)\]/.exec(doc)?.[1];
  if (apiSet !== undefined) return parseApiSetTag(apiSet);
  // `**Requirement set**: {@link … | SharedRuntime 1.1}`, or `**Requirement sets**:` and a list of such links.
  const section = /\*\*Requirement sets?\*\*:([\s\S]*?)(?:\*\*|@(?!link)\w|\*\/)/.exec(doc)?.[1];
  if (!section) return undefined;
  const needs = [...section.matchAll(/\|\s*([A-Za-z]+)(?:\s+(\d+\.\d+))?\s*\}/g)].map((m) => ({ set: m[1]!, version: parseVersion(m[2] ?? "1.1") }));
  return needs.length ? requirement(needs, needs.map(showNeed).join(" or ")) : undefined;
}

const isFunctionLike = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node);

/** The `@requiresApiSet ExcelApi 1.10` on a function (or on the const it is assigned to). */
function declaredRequirement(fn: ts.Node): Requirement | undefined {
  const documented = (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) ? fn.parent : fn;
  const tag = ts.getJSDocTags(documented).find((t) => t.tagName.text === REQUIRES_TAG);
  const text = tag ? ts.getTextOfJSDocComment(tag.comment) : undefined;
  return text ? parseApiSetTag(text) : undefined;
}

class Scanner {
  readonly checker: ts.TypeChecker;
  private readonly guards: Guards;
  constructor(
    readonly program: ts.Program,
    files: readonly ts.SourceFile[],
  ) {
    this.checker = program.getTypeChecker();
    this.guards = new Guards(this.checker, files);
  }

  scan(file: ts.SourceFile): Use[] {
    const uses: Use[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) this.recordAccess(node, file, uses);
      else if (ts.isCallExpression(node)) {
        this.recordLoad(node, file, uses);
        this.recordAnnotatedCall(node, file, uses);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    return uses;
  }

  private add(uses: Use[], file: ts.SourceFile, at: ts.Node, member: string, requirement: Requirement | undefined): void {
    const line = file.getLineAndCharacterOfPosition(at.getStart(file)).line + 1;
    const guard = requirement?.options.length ? (this.annotationCovering(at, requirement) ?? this.guards.guardOf(at, requirement)) : undefined;
    uses.push({ member, requirement, file: file.fileName.slice(root.length), line, guard });
  }

  private recordAccess(node: ts.PropertyAccessExpression, file: ts.SourceFile, uses: Use[]): void {
    const symbol = this.checker.getSymbolAtLocation(node.name);
    const declarations = symbol?.declarations?.filter((d) => d.getSourceFile().fileName.includes(OFFICE_TYPES));
    if (!symbol || !declarations?.length) return;
    // A call uses the overload the compiler picked; overloads can need different sets.
    const call = ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : undefined;
    const picked = call ? this.checker.getResolvedSignature(call)?.declaration : undefined;
    const declaration = picked && !ts.isJSDocSignature(picked) && declarations.includes(picked) ? picked : declarations[0]!;
    this.add(uses, file, node.name, memberName(symbol, declaration), requirementOf(declaration));
  }

  /** `obj.load("a,b/c")` on an Office.js object: each named property is a use too. */
  private recordLoad(call: ts.CallExpression, file: ts.SourceFile, uses: Use[]): void {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "load") return;
    const loadDeclaration = this.checker.getSymbolAtLocation(callee.name)?.declarations?.[0];
    const arg = call.arguments[0];
    if (!loadDeclaration?.getSourceFile().fileName.includes(OFFICE_TYPES) || !arg || !ts.isStringLiteralLike(arg)) return;
    for (const path of arg.text.split(",")) {
      let type: ts.Type | undefined = this.checker.getTypeAtLocation(callee.expression);
      for (const name of path.trim().split("/")) {
        const property = type?.getProperty(name);
        const declaration = property?.declarations?.[0];
        if (!property || !declaration) break;
        this.add(uses, file, arg, memberName(property, declaration), requirementOf(declaration));
        type = this.checker.getTypeOfSymbolAtLocation(property, arg);
        // `items/name`: step from the collection's array to its element.
        if (type && this.checker.isArrayType(type)) type = this.checker.getTypeArguments(type as ts.TypeReference)[0];
      }
    }
  }

  /** A call of an add-in function marked `@requiresApiSet` is a use of that set. */
  private recordAnnotatedCall(call: ts.CallExpression, file: ts.SourceFile, uses: Use[]): void {
    const fn = this.guards.functionOf(call.expression);
    const required = fn ? declaredRequirement(fn) : undefined;
    if (required) this.add(uses, file, call, `${call.expression.getText(file)}()`, required);
  }

  /** The `@requiresApiSet` of an enclosing function that covers `need`, as guard text. */
  private annotationCovering(node: ts.Node, need: Requirement): string | undefined {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      const declared = isFunctionLike(n) ? declaredRequirement(n)?.options[0] : undefined;
      if (declared && covers(declared, need)) return `@${REQUIRES_TAG} ${showNeed(declared)}`;
    }
    return undefined;
  }
}

/** `Range.values`, `Excel.run`, `onReady.callback.info.host`: the declarations' names, less the namespaces before a type. */
function memberName(symbol: ts.Symbol, declaration: ts.Declaration): string {
  const chain: { name: string; namespace: boolean }[] = [];
  for (let n: ts.Node = declaration.parent; !ts.isSourceFile(n); n = n.parent) {
    const name = (n as ts.NamedDeclaration).name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) chain.unshift({ name: name.text, namespace: ts.isModuleDeclaration(n) });
  }
  while (chain.length > 1 && chain[0]!.namespace) chain.shift();
  return [...chain.map((c) => c.name), symbol.getName()].join(".");
}

/** Support for `have` (a checked or declared set) implies support for `need`. */
const covers = (have: Need, need: Requirement) => need.options.some((o) => o.set === have.set && compareVersions(have.version, o.version) >= 0);

const unparen = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? unparen(e.expression) : e);

/** What a parameter of a followed wrapper stands for: the caller's argument. */
type Bindings = ReadonlyMap<ts.Symbol, ts.Expression>;

/** Decides whether a use is guarded (the rule in the comment at the top). */
class Guards {
  /** Every call in the add-in, by the declaration of the function it calls. */
  private readonly calls = new Map<ts.Node, ts.CallExpression[]>();
  /** Functions also named other than as a callee (passed or stored as a value): their calls are not all seen. */
  private readonly escaped = new Set<ts.Node>();
  /** Flows being decided, so that a recursive function does not loop. */
  private readonly deciding = new Set<string>();

  constructor(
    private readonly checker: ts.TypeChecker,
    files: readonly ts.SourceFile[],
  ) {
    const index = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const fn = this.functionOf(node.expression);
        if (fn) this.calls.set(fn, [...(this.calls.get(fn) ?? []), node]);
      } else if (ts.isIdentifier(node) && !isCallee(node) && !isDeclarationName(node)) {
        const fn = this.functionOf(node);
        if (fn) this.escaped.add(fn);
      }
      ts.forEachChild(node, index);
    };
    files.forEach(index);
  }

  /** The guard covering `node` for `need`, as its source text. */
  guardOf(node: ts.Node, need: Requirement): string | undefined {
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      let guard: string | undefined;
      if (ts.isIfStatement(parent) || ts.isConditionalExpression(parent)) {
        const test = ts.isIfStatement(parent) ? parent.expression : parent.condition;
        const taken = ts.isIfStatement(parent) ? parent.thenStatement : parent.whenTrue;
        const other = ts.isIfStatement(parent) ? parent.elseStatement : parent.whenFalse;
        if (child === taken) guard = this.ensures(test, need);
        else if (child === other) guard = this.denies(test, need);
      } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === parent.right) {
        guard = this.ensures(parent.left, need);
      } else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
        const before = parent.statements.slice(0, parent.statements.indexOf(child as ts.Statement));
        for (const s of before) if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement)) guard ??= this.denies(s.expression, need);
      }
      if (guard) return guard;
      // A guard outside a function says nothing about its other callers; an inline callback runs where it is written.
      if (isFunctionLike(parent) && !(ts.isCallExpression(parent.parent) && parent.parent.arguments.includes(parent as ts.Expression))) return undefined;
    }
    return undefined;
  }

  /** `expr` is true only where the host supports `need` (G in the rule); returns G's text. */
  ensures(expr: ts.Expression, need: Requirement, bindings: Bindings = new Map()): string | undefined {
    const e = unparen(expr);
    if (e.kind === ts.SyntaxKind.FalseKeyword) return "false";
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return this.ensures(e.left, need, bindings) ?? this.ensures(e.right, need, bindings);
      // `G ?? false`: an optional isSetSupported that is missing counts as "no".
      if (op === ts.SyntaxKind.QuestionQuestionToken && e.right.kind === ts.SyntaxKind.FalseKeyword) return this.ensures(e.left, need, bindings);
      return undefined;
    }
    if (ts.isIdentifier(e)) return this.ensuresValueOf(this.checker.getSymbolAtLocation(e), e, need, bindings);
    // `options.outline`, where `options` is a parameter.
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
      const parameter = this.checker.getSymbolAtLocation(e.expression)?.valueDeclaration;
      return parameter && ts.isParameter(parameter) ? this.ensuresParameter(parameter, e.name.text, need) : undefined;
    }
    if (!ts.isCallExpression(e)) return undefined;
    const callee = unparen(e.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name === "isSetSupported") {
      const [set, version] = e.arguments.map((a) => this.stringValue(a, bindings));
      return set && version && covers({ set, version: parseVersion(version) }, need) ? e.getText() : undefined;
    }
    // A wrapper of the add-in whose body returns a guard: followed with its parameters bound to the arguments.
    const fn = this.functionOf(callee);
    const body = fn?.body && (ts.isBlock(fn.body) ? returnedExpression(fn.body) : fn.body);
    if (!fn || !body) return undefined;
    const bound = new Map(fn.parameters.flatMap((p, i) => (e.arguments[i] ? [[this.checker.getSymbolAtLocation(p.name)!, e.arguments[i]!] as const] : [])));
    return this.ensures(body, need, bound) ? e.getText() : undefined;
  }

  /** `expr` is false only where the host supports `need`: `!G`, or `… || !G || …`. */
  private denies(expr: ts.Expression, need: Requirement): string | undefined {
    const e = unparen(expr);
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return this.ensures(e.operand, need);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) return this.denies(e.left, need) ?? this.denies(e.right, need);
    return undefined;
  }

  /** A bound wrapper parameter, a `const` initialised with G, or a parameter every caller passes G. */
  private ensuresValueOf(symbol: ts.Symbol | undefined, at: ts.Node, need: Requirement, bindings: Bindings): string | undefined {
    if (!symbol) return undefined;
    const bound = bindings.get(symbol);
    if (bound) return this.ensures(bound, need);
    const declaration = symbol.valueDeclaration;
    if (declaration && ts.isParameter(declaration)) return this.ensuresParameter(declaration, undefined, need);
    const isConst = declaration && ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
    return isConst && declaration.initializer && this.ensures(declaration.initializer, need) ? at.getText() : undefined;
  }

  /**
   * A parameter (or its property `property`, for an options object) is G when every call of its
   * function in the add-in passes G there: an expression that ensures the set, or `false`, or an
   * object literal that leaves the property out.
   */
  private ensuresParameter(parameter: ts.ParameterDeclaration, property: string | undefined, need: Requirement): string | undefined {
    const fn = parameter.parent;
    const calls = isFunctionLike(fn) && !this.escaped.has(fn) ? this.calls.get(fn) : undefined;
    const index = fn.parameters.indexOf(parameter);
    const key = `${parameter.pos}:${parameter.getSourceFile().fileName}:${property}`;
    if (!calls?.length || this.deciding.has(key)) return undefined;
    this.deciding.add(key);
    try {
      const passed = calls.map((call) => {
        const arg = call.arguments[index];
        if (!arg) return undefined;
        if (property === undefined) return this.ensures(arg, need);
        if (!ts.isObjectLiteralExpression(arg)) return undefined;
        if (arg.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
        const given = arg.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === property);
        if (!given) return "left out";
        if (ts.isShorthandPropertyAssignment(given)) return this.ensuresValueOf(this.checker.getShorthandAssignmentValueSymbol(given), given.name, need, new Map());
        return ts.isPropertyAssignment(given) ? this.ensures(given.initializer, need) : undefined;
      });
      if (passed.some((p) => p === undefined)) return undefined;
      const name = property ? `${parameter.name.getText()}.${property}` : parameter.name.getText();
      return `${name} ← every caller: ${[...new Set(passed)].join("; ")}`;
    } finally {
      this.deciding.delete(key);
    }
  }

  /** A string literal, a name of literal type (`const OUTLINE_API = "1.10"`), or a bound parameter. */
  private stringValue(arg: ts.Expression, bindings: Bindings): string | undefined {
    if (ts.isIdentifier(arg)) {
      const bound = bindings.get(this.checker.getSymbolAtLocation(arg)!);
      if (bound) return this.stringValue(bound, new Map());
    }
    const type = this.checker.getTypeAtLocation(arg);
    return type.isStringLiteral() ? type.value : undefined;
  }

  /** The add-in function a callee names (through imports), if it is one. */
  functionOf(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    let symbol = this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || declaration.getSourceFile().fileName.includes("/node_modules/")) return undefined;
    const fn = ts.isVariableDeclaration(declaration) ? declaration.initializer : declaration;
    return fn && isFunctionLike(fn) ? fn : undefined;
  }
}

/** `f` in `f(…)` or `o.f(…)`. */
function isCallee(name: ts.Identifier): boolean {
  const callee = ts.isPropertyAccessExpression(name.parent) && name.parent.name === name ? name.parent : name;
  return ts.isCallExpression(callee.parent) && callee.parent.expression === callee;
}

/** A name that declares, imports or exports rather than uses. */
const isDeclarationName = (name: ts.Identifier): boolean =>
  ((ts.isFunctionDeclaration(name.parent) ||
    ts.isVariableDeclaration(name.parent) ||
    ts.isParameter(name.parent) ||
    ts.isMethodDeclaration(name.parent) ||
    ts.isPropertyAssignment(name.parent) ||
    ts.isBindingElement(name.parent)) &&
    name.parent.name === name) ||
  ts.isImportSpecifier(name.parent) ||
  ts.isImportClause(name.parent) ||
  ts.isExportSpecifier(name.parent);

/** The expression a block returns when it is a single `return …;`. */
function returnedExpression(block: ts.Block): ts.Expression | undefined {
  const [only] = block.statements;
  return block.statements.length === 1 && only && ts.isReturnStatement(only) ? only.expression : undefined;
}

/** A statement after which control never continues to the next one. */
function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : undefined;
  return last !== undefined && exits(last);
}

/** A Program with the project's compiler options over `files` (plus in-memory `extra` sources). */
function createProgram(files: readonly string[], extra: Record<string, string> = {}): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error("tsconfig.json could not be read");
  const host = ts.createCompilerHost(config.options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name in extra ? ts.createSourceFile(name, extra[name]!, language, true) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name in extra || fileExists.call(host, name);
  host.readFile = (name) => extra[name] ?? readFile.call(host, name);
  // No type-check here: `npm test` runs tsc first, and the scan's own assertions catch a scan that
  // resolves nothing.
  return ts.createProgram({ rootNames: [...files, ...Object.keys(extra)], options: config.options, host });
}

function addinFiles(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  return (config?.fileNames ?? []).filter((f) => isAddin(f) && /\.tsx?$/.test(f));
}

/** The minimum version per requirement set in manifest.xml's top-level <Requirements>. */
function manifestMinimums(): Map<string, Version> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true, isArray: (name) => name === "Set" });
  const sets = parser.parse(readFileSync(`${root}manifest.xml`, "utf8")).OfficeApp.Requirements.Sets;
  const fallback: string = sets["@DefaultMinVersion"] ?? "1.1";
  return new Map((sets.Set as { "@Name": string; "@MinVersion"?: string }[]).map((s) => [s["@Name"], parseVersion(s["@MinVersion"] ?? fallback)]));
}

/** Needs a guard: no documented option is within the declared minimums (a set not declared has none). */
const unguarded = (uses: readonly Use[], minimums: Map<string, Version>) =>
  uses.filter(
    (u) =>
      !u.guard &&
      u.requirement?.options.length &&
      !u.requirement.options.some((o) => {
        const minimum = minimums.get(o.set);
        return minimum !== undefined && compareVersions(o.version, minimum) <= 0;
      }),
  );

function showRequirement(r: Requirement | undefined): string {
  if (!r) return "—";
  return r.options.length ? r.options.map(showNeed).join(" or ") : `${r.text} (not Excel)`;
}
/** One line per member and guard, the highest sets first, with every file:line that uses it. */
function table(uses: readonly Use[]): string {
  const first = (u: Use): Need | undefined => u.requirement?.options[0];
  const sorted = [...uses].sort((a, b) => {
    const [x, y] = [first(a), first(b)];
    if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1) || a.member.localeCompare(b.member);
    return x.set.localeCompare(y.set) || compareVersions(y.version, x.version) || a.member.localeCompare(b.member);
  });
  const lines = new Map<string, { head: string; guard: string; at: string[] }>();
  for (const u of sorted) {
    const head = `${u.member.padEnd(44)} ${showRequirement(u.requirement).padEnd(24)}`;
    const line = lines.get(head + u.guard) ?? { head, guard: u.guard ? ` guard: ${u.guard}` : "", at: [] };
    line.at.push(`${u.file}:${u.line}`);
    lines.set(head + u.guard, line);
  }
  return [...lines.values()].map((l) => `${l.head} ${l.at.join(" ")}${l.guard}`).join("\n");
}

const row = (u: Use) => `${u.member.padEnd(44)} ${showRequirement(u.requirement).padEnd(24)} ${`${u.file}:${u.line}`.padEnd(36)} ${u.guard ?? ""}`;

// The add-in and the rule's own examples share one Program: Office.js's types are checked once.
const EXAMPLES = `${root}tests/unit/__api-sets-examples__.ts`;
const EXAMPLE_SOURCE = `
declare const host: { isSetSupported(set: string, version: string): boolean };
export function unguarded(range: Excel.Range): void {
  range.group("ByRows");
}
export function guardedByIf(range: Excel.Range): void {
  if (host.isSetSupported("ExcelApi", "1.10")) range.group("ByRows");
}
export function guardedTooLow(range: Excel.Range): void {
  if (host.isSetSupported("ExcelApi", "1.9")) range.group("ByRows");
}
export function guardedOtherSet(range: Excel.Range): void {
  if (host.isSetSupported("WordApi", "1.10")) range.group("ByRows");
}
export function guardedByEarlyReturn(range: Excel.Range): void {
  if (!range || !Office.context.requirements.isSetSupported("ExcelApi", "1.12")) return;
  range.ungroup("ByRows");
}
export function guardedByConst(range: Excel.Range): void {
  const outline = host.isSetSupported("ExcelApi", "1.10");
  if (!outline) {
    range.format.rowHeight = 15;
  } else range.group("ByRows");
}
export function wrongBranch(range: Excel.Range): void {
  if (host.isSetSupported("ExcelApi", "1.10")) return;
  range.group("ByRows");
}
/** @${REQUIRES_TAG} ExcelApi 1.10 */
function outline(range: Excel.Range): void {
  range.group("ByRows");
}
export function callsAnnotated(range: Excel.Range): void {
  outline(range);
  if (host.isSetSupported("ExcelApi", "1.10")) outline(range);
}
export function guardedCallback(sheet: Excel.Worksheet, runs: string[]): void {
  if (host.isSetSupported("ExcelApi", "1.10")) runs.forEach((r) => sheet.getRange(r).group("ByRows"));
}
export function notACallback(range: Excel.Range): () => void {
  if (host.isSetSupported("ExcelApi", "1.10")) {
    const later = () => range.group("ByRows");
    return later;
  }
  return () => {};
}
export async function commonApi(event: Office.AddinCommands.Event): Promise<void> {
  if (Office.context.requirements.isSetSupported("SharedRuntime", "1.1")) await Office.addin.showAsTaskpane();
  await Office.addin.hide();
  event.completed();
}
const OUTLINE = "1.10";
const supports = (h: typeof host | undefined, version: string): boolean => h?.isSetSupported?.("ExcelApi", version) ?? false;
export function guardedByWrapper(range: Excel.Range): void {
  if (supports(host, OUTLINE)) range.group("ByRows");
}
function groupIf(range: Excel.Range, options: { outline?: boolean }): void {
  if (options.outline) range.group("ByRows");
}
function ungroupIf(range: Excel.Range, outlined: boolean): void {
  if (outlined) range.ungroup("ByRows");
}
export function passesFlags(range: Excel.Range): void {
  const outline = supports(host, OUTLINE);
  groupIf(range, { outline });
  groupIf(range, { outline: false });
  groupIf(range, {});
  ungroupIf(range, outline && range.rowCount > 1);
}
function groupIfLeaky(range: Excel.Range, outline: boolean): void {
  if (outline) range.group("ByRows");
}
export function passesAnUncheckedFlag(range: Excel.Range): void {
  groupIfLeaky(range, supports(host, OUTLINE));
  groupIfLeaky(range, true);
}
function groupIfPassedOn(range: Excel.Range, outline: boolean): void {
  if (outline) range.group("ByRows");
}
export function passesTheFunctionOn(ranges: Excel.Range[]): void {
  groupIfPassedOn(ranges[0]!, supports(host, OUTLINE));
  ranges.forEach((r) => [r].forEach(() => groupIfPassedOn(r, false)));
  return void [true].forEach(groupIfPassedOn.bind(null, ranges[0]!));
}
export function loads(sheet: Excel.Worksheet): void {
  sheet.load("name,tabColor");
}
`;

const isAddin = (fileName: string) => fileName.startsWith(`${root}addin/`);

let scanned: { files: ts.SourceFile[]; scanner: Scanner } | undefined;
/** The add-in's files and the examples', and a scanner whose guards know every call made in them. */
function scanner(): NonNullable<typeof scanned> {
  scanned ??= (() => {
    const program = createProgram(addinFiles(), { [EXAMPLES]: EXAMPLE_SOURCE });
    const files = program.getSourceFiles().filter((f) => isAddin(f.fileName) || f.fileName === EXAMPLES);
    return { files, scanner: new Scanner(program, files) };
  })();
  return scanned;
}

function scanFiles(predicate: (fileName: string) => boolean): Use[] {
  const { files, scanner: s } = scanner();
  return files.filter((f) => predicate(f.fileName)).flatMap((f) => s.scan(f));
}

describe("Office.js requirement sets", { timeout: 120_000 }, () => {
  it("the guard rule: a use above the minimum is unguarded unless a sufficient isSetSupported check covers it", () => {
    const all = scanFiles((f) => f === EXAMPLES);
    const lines = EXAMPLE_SOURCE.split("\n");
    /** The uses in the example function `name`, as "member guarded|unguarded". */
    const inFunction = (name: string, member: RegExp) => {
      const start = lines.findIndex((l) => l.includes(`function ${name}(`)) + 1;
      const end = lines.findIndex((l, i) => i >= start && l.startsWith("}")) + 1;
      return all.filter((u) => u.line > start && u.line <= end && member.test(u.member));
    };
    const grouping = /\.(group|ungroup)$|\(\)$/;
    const flags = (name: string) => inFunction(name, grouping).map((u) => (u.guard ? "guarded" : "unguarded"));

    expect(flags("unguarded")).toEqual(["unguarded"]);
    expect(flags("guardedByIf")).toEqual(["guarded"]);
    expect(flags("guardedTooLow")).toEqual(["unguarded"]);
    expect(flags("guardedOtherSet")).toEqual(["unguarded"]);
    expect(flags("guardedByEarlyReturn")).toEqual(["guarded"]);
    expect(flags("guardedByConst")).toEqual(["guarded"]);
    expect(flags("wrongBranch")).toEqual(["unguarded"]);
    expect(flags("guardedCallback")).toEqual(["guarded"]);
    expect(flags("notACallback")).toEqual(["unguarded"]);
    expect(flags("outline")).toEqual(["guarded"]); // covered by its annotation…
    expect(flags("callsAnnotated")).toEqual(["unguarded", "guarded"]); // …which moves the check to its callers
    expect(flags("guardedByWrapper")).toEqual(["guarded"]);
    expect(flags("groupIf")).toEqual(["guarded"]); // every caller passes G, false, or nothing
    expect(flags("ungroupIf")).toEqual(["guarded"]);
    expect(flags("groupIfLeaky")).toEqual(["unguarded"]); // one caller passes `true`
    expect(flags("groupIfPassedOn")).toEqual(["unguarded"]); // passed on as a value: its callers are not all seen

    const excel19 = new Map([["ExcelApi", parseVersion("1.9")]]);
    /** The example functions holding a use that needs a guard, with the member. */
    const problems = (minimums: Map<string, Version>) =>
      unguarded(all, minimums).map((u) => `${[...lines.slice(0, u.line).join("\n").matchAll(/function (\w+)\(/g)].pop()![1]}: ${u.member}`);
    expect(problems(excel19)).toEqual([
      "unguarded: Range.group",
      "guardedTooLow: Range.group",
      "guardedOtherSet: Range.group",
      "wrongBranch: Range.group",
      "callsAnnotated: outline()",
      "notACallback: Range.group",
      "commonApi: Addin.hide",
      "groupIfLeaky: Range.group",
      "groupIfPassedOn: Range.group",
    ]);
    // Declaring the sets in the manifest makes every one of them acceptable.
    expect(problems(new Map([["ExcelApi", parseVersion("1.10")], ["SharedRuntime", parseVersion("1.1")]]))).toEqual([]);
  });

  it("reads requirement sets from @types/office-js: both doc forms, overloads, properties named in load()", () => {
    const uses = scanFiles((f) => f === EXAMPLES);
    const required = (member: string) => showRequirement(uses.find((u) => u.member === member)?.requirement);
    expect(required("Range.group")).toBe("ExcelApi 1.10");
    expect(required("Worksheet.tabColor")).toBe("ExcelApi 1.7"); // from load("name,tabColor")
    expect(required("Worksheet.name")).toBe("ExcelApi 1.1");
    expect(required("Addin.showAsTaskpane")).toBe("SharedRuntime 1.1");
    expect(required("Event.completed")).toBe("Mailbox 1.3 (not Excel)");
    expect(showRequirement(parseApiSetTag(" ExcelApi 1.1 for get, 1.8 for set"))).toBe("ExcelApi 1.8");
  });

  it("the add-in uses no member above manifest.xml's minimum without an isSetSupported guard", () => {
    const minimums = manifestMinimums();
    expect(minimums.get("ExcelApi")).toBeDefined();
    const uses = scanFiles(isAddin);
    const declared = [...minimums].map(([set, version]) => showNeed({ set, version })).join(", ");
    console.log(`Office.js members used by the add-in (manifest.xml declares ${declared}):\n${table(uses)}`);

    // The scan cannot pass by finding nothing: the adapter's core members are among the uses.
    const members = new Set(uses.map((u) => u.member));
    for (const m of ["ClientRequestContext.sync", "Range.values", "WorksheetCollection.getItemOrNullObject", "Worksheet.getRange"]) expect(members, m).toContain(m);
    expect(members.size).toBeGreaterThan(40);
    expect(uses.filter((u) => u.requirement?.options.some((o) => o.set === "ExcelApi")).length).toBeGreaterThan(100);

    expect(unguarded(uses, minimums).map(row), `used above ${declared} without an isSetSupported guard`).toEqual([]);
  });
});
