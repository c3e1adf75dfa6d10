// The layering check: given source texts (paths relative to src/) and the rules table (rules.ts),
// returns every violation. Parses with the TypeScript compiler (syntax only: fast, and it works on
// a virtual tree, which is how the test proves each kind of violation is caught). It sees every
// way a module is pulled in (static, `export … from`, bare side-effect imports, `import()`,
// `require()` and `createRequire(…)(…)`) and every reference to an ambient global that is not a
// local of the file (a parameter named `clock` is fine; `globalThis.console` is not).

import ts from "typescript";

export type Ambient =
  | "clock"
  | "environment"
  | "process"
  | "randomness"
  | "console"
  | "timers"
  | "global"
  | "network"
  | "eval";

export interface LayerRule {
  /** What the layer is, for the failure message. */
  why: string;
  /** Layers it may import from, besides itself; `*` for any. */
  imports: readonly string[];
  /** Packages it may import: names as in package.json, `node:x` builtins, `node:*` or `*`. */
  packages: readonly string[];
  /** Ambient globals it may not touch. */
  forbid: readonly Ambient[];
  /** Exact accesses (`process.cwd`) allowed despite `forbid`, each with its reason. */
  allow?: Readonly<Record<string, string>>;
}

export type LayerRules = Readonly<Record<string, LayerRule>>;

export interface SourceText {
  /** Relative to src/, with `/` separators: `plan/decide.ts`. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  line: number;
  kind: "layer" | "import" | "package" | Ambient;
  detail: string;
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} ${v.kind}: ${v.detail}`;
}

/** The layer a path belongs to: the longest key of `rules` that is a directory prefix of it. */
function layerOf(path: string, rules: LayerRules): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(rules)) {
    if ((path === key || path.startsWith(`${key}/`)) && (best === undefined || key.length > best.length))
      best = key;
  }
  return best;
}

export function checkLayers(files: readonly SourceText[], rules: LayerRules): Violation[] {
  return files.flatMap((file) => {
    // a file's violations depend on its own path and text only: checked once per (file, rules)
    const known = checked.get(file);
    if (known?.rules === rules) return known.violations;
    const violations: Violation[] = [];
    const layer = layerOf(file.path, rules);
    if (layer === undefined)
      violations.push({
        file: file.path,
        line: 1,
        kind: "layer",
        detail: "no row of the rules table covers this file",
      });
    else checkFile(file, layer, rules, violations);
    checked.set(file, { rules, violations });
    return violations;
  });
}

const checked = new WeakMap<SourceText, { rules: LayerRules; violations: Violation[] }>();

// ---- one file ----------------------------------------------------------------------------------

interface Context {
  file: SourceText;
  source: ts.SourceFile;
  layer: string;
  rule: LayerRule;
  rules: LayerRules;
  locals: ReadonlySet<string>;
  out: Violation[];
}

function checkFile(file: SourceText, layer: string, rules: LayerRules, out: Violation[]): void {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ctx: Context = { file, source, layer, rule: rules[layer]!, rules, locals: localNames(source), out };
  const visit = (node: ts.Node): void => {
    checkModuleReference(node, ctx);
    if (ts.isIdentifier(node)) checkAmbient(node, ctx);
    ts.forEachChild(node, visit);
  };
  visit(source);
}

function report(ctx: Context, node: ts.Node, kind: Violation["kind"], detail: string): void {
  const line = ctx.source.getLineAndCharacterOfPosition(node.getStart(ctx.source)).line + 1;
  ctx.out.push({ file: ctx.file.path, line, kind, detail });
}

// ---- imports -----------------------------------------------------------------------------------

/** The module a node pulls in, if it is an import of any form. */
function moduleReference(node: ts.Node): { spec: ts.Expression; typeOnly: boolean } | undefined {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    const typeOnly =
      clause !== undefined &&
      (clause.isTypeOnly ||
        (clause.name === undefined &&
          clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly)));
    return { spec: node.moduleSpecifier, typeOnly };
  }
  if (ts.isExportDeclaration(node) && node.moduleSpecifier)
    return { spec: node.moduleSpecifier, typeOnly: node.isTypeOnly };
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
    return { spec: node.moduleReference.expression, typeOnly: node.isTypeOnly };
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
    const isRequire = ts.isIdentifier(callee) && callee.text === "require";
    // createRequire(import.meta.url)("yaml")
    const isCreatedRequire =
      ts.isCallExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === "createRequire";
    if ((isImport || isRequire || isCreatedRequire) && node.arguments[0])
      return { spec: node.arguments[0], typeOnly: false };
  }
  if (
    ts.isImportTypeNode(node) &&
    ts.isLiteralTypeNode(node.argument) &&
    ts.isStringLiteral(node.argument.literal)
  )
    return { spec: node.argument.literal, typeOnly: true };
  return undefined;
}

function checkModuleReference(node: ts.Node, ctx: Context): void {
  const ref = moduleReference(node);
  if (!ref) return;
  if (!ts.isStringLiteralLike(ref.spec)) {
    if (!ctx.rule.imports.includes("*"))
      report(
        ctx,
        node,
        "import",
        "a module named by a computed expression cannot be checked: name it literally",
      );
    return;
  }
  const spec = ref.spec.text;
  if (spec.startsWith(".")) checkRelative(node, spec, ctx);
  else checkPackage(node, spec, ctx);
}

function checkRelative(node: ts.Node, spec: string, ctx: Context): void {
  const target = resolveRelative(ctx.file.path, spec);
  if (target === undefined) {
    report(ctx, node, "import", `${spec} points outside src/`);
    return;
  }
  const targetLayer = layerOf(target, ctx.rules);
  if (targetLayer === undefined || targetLayer === ctx.layer) return;
  const allowed = ctx.rule.imports;
  if (!allowed.includes("*") && !allowed.includes(targetLayer))
    report(
      ctx,
      node,
      "layer",
      `${ctx.layer}/ may not import ${targetLayer}/ (${spec}); ${ctx.layer}/: ${ctx.rule.why}`,
    );
}

function resolveRelative(fromFile: string, spec: string): string | undefined {
  const parts = fromFile.split("/").slice(0, -1);
  for (const segment of spec.split("/")) {
    if (segment === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (segment !== ".") parts.push(segment);
  }
  return parts.join("/");
}

/** `ajv/dist/2020.js` -> `ajv`; `@scope/name/x` -> `@scope/name`; `fs` and `node:fs` -> `node:fs`. */
function packageOf(spec: string): string {
  if (spec.startsWith("node:")) return spec;
  const parts = spec.split("/");
  const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  return BUILTINS.has(name) ? `node:${spec}` : name;
}

const BUILTINS = new Set(
  ["assert", "buffer", "child_process", "crypto", "dns", "events", "fs", "http", "http2", "https", "module"]
    .concat(["net", "os", "path", "perf_hooks", "process", "readline", "stream", "timers", "tls", "url"])
    .concat(["util", "v8", "vm", "worker_threads", "zlib"]),
);

function checkPackage(node: ts.Node, spec: string, ctx: Context): void {
  const name = packageOf(spec);
  const allowed = ctx.rule.packages;
  const ok =
    allowed.includes("*") ||
    allowed.includes(name) ||
    (name.startsWith("node:") && allowed.includes("node:*"));
  if (!ok) {
    const bare =
      ts.isImportDeclaration(node) && node.importClause === undefined
        ? "a bare (side-effect) import of "
        : "";
    const dynamic = ts.isCallExpression(node) ? "a dynamic import of " : "";
    report(
      ctx,
      node,
      "package",
      `${ctx.layer}/ may not import ${bare}${dynamic}${name}; ${ctx.layer}/: ${ctx.rule.why}`,
    );
    return;
  }
  if (name === "node:crypto" && ctx.rule.forbid.includes("randomness")) checkCryptoNames(node, ctx);
}

/** From node:crypto a layer without randomness imports hashes by name, nothing random. */
function checkCryptoNames(node: ts.Node, ctx: Context): void {
  const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
  const named = clause?.namedBindings;
  if (!clause || clause.name || !named || !ts.isNamedImports(named)) {
    report(
      ctx,
      node,
      "randomness",
      "import what you need from node:crypto by name (it also holds randomBytes)",
    );
    return;
  }
  for (const e of named.elements) {
    const imported = (e.propertyName ?? e.name).text;
    if (/^random|getRandomValues|webcrypto|generateKey/i.test(imported))
      report(ctx, e, "randomness", `${imported} from node:crypto`);
  }
}

// ---- ambient globals ---------------------------------------------------------------------------

/** Global objects, by what touching them means; `members` limits a global to some of its members. */
const GLOBALS: Record<string, { kind: Ambient; members?: ReadonlySet<string>; newWithoutArgs?: boolean }> = {
  Date: { kind: "clock", members: new Set(["now"]), newWithoutArgs: true },
  performance: { kind: "clock" },
  Math: { kind: "randomness", members: new Set(["random"]) },
  crypto: { kind: "randomness" },
  process: { kind: "process" },
  console: { kind: "console" },
  setTimeout: { kind: "timers" },
  setInterval: { kind: "timers" },
  setImmediate: { kind: "timers" },
  clearTimeout: { kind: "timers" },
  clearInterval: { kind: "timers" },
  clearImmediate: { kind: "timers" },
  queueMicrotask: { kind: "timers" },
  AbortSignal: { kind: "timers", members: new Set(["timeout"]) },
  globalThis: { kind: "global" },
  global: { kind: "global" },
  window: { kind: "global" },
  self: { kind: "global" },
  fetch: { kind: "network" },
  WebSocket: { kind: "network" },
  XMLHttpRequest: { kind: "network" },
  eval: { kind: "eval" },
  Function: { kind: "eval" },
};

function checkAmbient(id: ts.Identifier, ctx: Context): void {
  const global = GLOBALS[id.text];
  if (!global || ctx.locals.has(id.text) || !isValueReference(id)) return;
  const parent = id.parent;
  const member =
    ts.isPropertyAccessExpression(parent) && parent.expression === id
      ? parent.name.text
      : ts.isElementAccessExpression(parent) &&
          parent.expression === id &&
          ts.isStringLiteralLike(parent.argumentExpression)
        ? parent.argumentExpression.text
        : undefined;
  const access = member === undefined ? id.text : `${id.text}.${member}`;
  // `x instanceof Date` names a class, it reads nothing
  if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword &&
    parent.right === id
  )
    return;
  if (global.members) {
    const isNew = ts.isNewExpression(parent) && parent.expression === id;
    const touches =
      member !== undefined
        ? global.members.has(member)
        : isNew
          ? Boolean(global.newWithoutArgs) && (parent.arguments?.length ?? 0) === 0
          : // the object itself handed on (`const m = Math`, `Date()`, `Math[k]`): treat as touching it
            !(ts.isNewExpression(parent) && parent.expression === id);
    if (!touches) return;
  }
  const kind: Ambient =
    id.text !== "process"
      ? global.kind
      : member === "env"
        ? "environment"
        : member === "stdout" || member === "stderr"
          ? "console"
          : "process";
  if (!ctx.rule.forbid.includes(kind)) return;
  if (ctx.rule.allow?.[access] !== undefined) return;
  const shown = ts.isNewExpression(parent) && parent.expression === id ? `new ${id.text}()` : access;
  report(ctx, id, kind, `${shown} in ${ctx.layer}/: ${ctx.rule.why}`);
}

/** Whether an identifier is a read of a value (not a property name, a declaration, a label, a type). */
function isValueReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p)) return false;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p) ||
      ts.isGetAccessorDeclaration(p) ||
      ts.isSetAccessorDeclaration(p) ||
      ts.isEnumMember(p) ||
      ts.isVariableDeclaration(p) ||
      ts.isParameter(p) ||
      ts.isFunctionDeclaration(p) ||
      ts.isFunctionExpression(p) ||
      ts.isClassDeclaration(p) ||
      ts.isClassExpression(p) ||
      ts.isInterfaceDeclaration(p) ||
      ts.isTypeAliasDeclaration(p) ||
      ts.isEnumDeclaration(p) ||
      ts.isModuleDeclaration(p) ||
      ts.isBindingElement(p) ||
      ts.isTypeParameterDeclaration(p)) &&
    p.name === id
  )
    return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p))
    return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  for (let n: ts.Node = p; !ts.isSourceFile(n); n = n.parent) {
    // `extends Base<T>` of a class names a value; every other type position does not
    if (ts.isExpressionWithTypeArguments(n))
      return (
        ts.isHeritageClause(n.parent) &&
        n.parent.token === ts.SyntaxKind.ExtendsKeyword &&
        ts.isClassLike(n.parent.parent)
      );
    if (ts.isTypeNode(n)) return false;
  }
  return true;
}

/** Every name the file declares (imports, variables, parameters, functions, classes…), at any depth. */
function localNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) addBinding(e.name);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) addBinding(n.name);
    else if (
      (ts.isFunctionDeclaration(n) ||
        ts.isClassDeclaration(n) ||
        ts.isEnumDeclaration(n) ||
        ts.isFunctionExpression(n) ||
        ts.isClassExpression(n)) &&
      n.name
    )
      names.add(n.name.text);
    else if (ts.isImportClause(n) && n.name) names.add(n.name.text);
    else if (ts.isNamespaceImport(n) || ts.isImportSpecifier(n) || ts.isImportEqualsDeclaration(n))
      names.add(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return names;
}
