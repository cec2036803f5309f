import { parser } from '@lezer/python'
import { pythonSyntaxError } from './python-syntax.js'
import type { Finding } from '../../../core/grading/finding.js'
import type { healthRoute } from '../i18n/en/health-route.js'

/** The sentences of this analysis, in the student's language (the catalogue's healthRoute section). */
export type HealthRouteWords = typeof healthRoute

type Node = ReturnType<typeof parser.parse>['topNode']

export type HealthRouteFailure = 'syntax-error' | 'no-route' | 'wrong-method' | 'undefined-app' | 'app-not-loadable' | 'wrong-body'
export type HealthRouteResult =
  | { ok: true; line: number }
  | { ok: false; reason: HealthRouteFailure; finding: Finding; line?: number }
export interface HealthRouteOptions {
  path: string
  body: Record<string, unknown>
  fileName?: string
  /** What uvicorn loads (`app:app`, the module and its variable): given, the file must define that variable. */
  appModule?: string
  /** CPython compiled the file, so the fast parser's syntax errors are its own (see checkHealthRoute). */
  pythonAccepts?: boolean
  words: HealthRouteWords
}

/** `object`: the name the route is declared on (`app` in `@app.get`). */
interface Route { methods: string[]; path: string; line: number; decorated: Node; object: string }
// `what` is Python's own name for the error, shown as is; `hint` is for the student.
interface Problem { line: number; col: number; what: string; hint: string }
type Value = unknown
const UNKNOWN = Symbol('unknown')
const ROUTE_DECORATORS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace', 'api_route', 'route', 'websocket'])
// The app's name in FastAPI's documentation and the statement, for the texts when uvicorn's is not given.
const CONVENTIONAL_APP = 'app'

/**
 * As findHealthRoute, with Python itself as the judge of syntax: a syntax error the fast parser reports is kept only
 * when CPython also refuses the file, and then with CPython's own line and words.
 */
export async function checkHealthRoute(source: string, options: HealthRouteOptions): Promise<HealthRouteResult> {
  const found = findHealthRoute(source, options)
  if (found.ok || found.reason !== 'syntax-error') return found
  const file = options.fileName ?? 'app.py'
  const real = await pythonSyntaxError(source, file)
  if (!real) return findHealthRoute(source, { ...options, pythonAccepts: true })
  const problem = { line: real.line, col: Math.max(0, real.column - 1), what: real.what, hint: hintFor(real.what, real.line, options.words) }
  return syntaxFailure(new Source(source, options.words), file, problem)
}

/** The student's hint for an error Python names. */
function hintFor(what: string, line: number, t: HealthRouteWords): string {
  if (/TabError/.test(what)) return t.syntax.tabError(line)
  if (/unexpected indent/.test(what)) return t.syntax.unexpectedIndent(line)
  if (/unindent does not match/.test(what)) return t.syntax.unindent(line)
  if (/expected an indented block/.test(what)) return t.syntax.expectedIndent(line)
  if (/unterminated (triple-quoted )?string/.test(what)) return t.syntax.unterminatedString(line)
  return t.syntax.invalidSyntax(line)
}

function syntaxFailure(src: Source, file: string, syntax: Problem): HealthRouteResult {
  // An error at the start of a line is often the end of the line before it.
  const atLineStart = syntax.line > 1 && /^\s*$/.test(src.lineText(syntax.line).slice(0, syntax.col))
  const shown = atLineStart ? [src.quote(syntax.line - 1), src.quote(syntax.line)] : [src.quote(syntax.line)]
  return fail('syntax-error', src.t.syntax.error(file, syntax, shown), syntax.line)
}

/** Finds the GET route for options.path in a FastAPI source and checks the dict it returns (syntax by the fast parser). */
export function findHealthRoute(source: string, options: HealthRouteOptions): HealthRouteResult {
  const file = options.fileName ?? 'app.py'
  const t = options.words
  const src = new Source(source, t)
  const tree = parser.parse(source)
  const syntax = options.pythonAccepts ? undefined : findSyntaxError(src, tree.topNode)
  if (syntax) return syntaxFailure(src, file, syntax)

  const routes = collectRoutes(src, tree.topNode)
  const wanted = { path: options.path, app: options.appModule?.split(':')[1] ?? CONVENTIONAL_APP }
  const atPath = routes.filter((r) => r.path === options.path)
  if (atPath.length === 0) return fail('no-route', t.noRoute(file, wanted, routes), routes[0]?.line)
  const route = atPath.find((r) => r.methods.includes('GET'))
  if (!route) {
    const declared = atPath[0]!
    return fail('wrong-method', t.wrongMethod(wanted, declared, src.quote(declared.line)), declared.line)
  }
  // `appi = FastAPI()` under an unchanged `@app.get` (exercise 7's breakage, left in): Python stops with a NameError.
  const bound = boundNames(src, tree.topNode)
  const isBound = (name: string) => bound === 'all' || bound.has(name) || PYTHON_BUILTINS.has(name)
  const created = appCreation(src, tree.topNode)
  if (!isBound(route.object)) {
    const shown = created ? [src.quote(created.line), src.quote(route.line)] : [src.quote(route.line)]
    return fail('undefined-app', t.undefinedApp(file, route, created?.name, shown), route.line)
  }
  // `appi = FastAPI()` with `@appi.get`: Python imports it, but uvicorn app:app finds no `app` in it.
  if (options.appModule && !isBound(wanted.app)) {
    const line = created?.line ?? route.line
    return fail('app-not-loadable', t.appNotLoadable(file, options.appModule, route.object, src.quote(line)), line)
  }
  // `app = FastAPII()`: a misspelled class is a NameError when Python imports the file.
  if (created && !isBound(created.callee)) {
    return fail('undefined-app', t.undefinedCallee(file, created, wanted.app, src.quote(created.line)), created.line)
  }
  const fn = route.decorated.getChild('FunctionDefinition')!
  const returns = returnsOf(fn.getChild('Body'))
  const body = pyRepr(options.body)
  const returned = (ret: Node) => valueOf(src, returnExpr(ret), fn, ret.from)
  if (returns.some((ret) => deepEqual(returned(ret), options.body))) return { ok: true, line: route.line }
  const ret = returns[0]
  if (!ret) return fail('wrong-body', t.wrongBody.noReturn(wanted, route.line, body, src.quote(route.line)), route.line)
  const line = src.lineOf(ret.from)
  const got = returned(ret)
  const shown = got === UNKNOWN ? src.text(ret).replace(/^return\s*/, '') : pyRepr(got)
  const explanation = explainBody(got, options.body, t)
  return fail('wrong-body', t.wrongBody.returns(wanted, shown, line, body, explanation, src.quote(line)), line)
}

const fail = (reason: HealthRouteFailure, finding: Finding, line?: number): HealthRouteResult =>
  ({ ok: false, reason, finding, ...(line === undefined ? {} : { line }) })

class Source {
  private readonly starts: number[] = [0]
  constructor(readonly all: string, readonly t: HealthRouteWords) { for (let i = 0; i < all.length; i++) if (all[i] === '\n') this.starts.push(i + 1) }
  text(n: Node): string { return this.all.slice(n.from, n.to) }
  lineOf(pos: number): number {
    let lo = 0, hi = this.starts.length - 1
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.starts[mid]! <= pos) lo = mid; else hi = mid - 1 }
    return lo + 1
  }
  lineStart(line: number): number { return this.starts[line - 1] ?? this.all.length }
  lineText(line: number): string { return this.all.slice(this.lineStart(line)).split(/\r?\n/, 1)[0] ?? '' }
  quote(line: number): string { return this.t.quote(line, this.lineText(line).trimEnd()) }
}

function findSyntaxError(src: Source, top: Node): Problem | undefined {
  // lezer recovers silently from indentation and string errors, which Python reports first and more precisely
  let generic: Problem | undefined, specific: Problem | undefined
  top.cursor().iterate(({ node: n }) => {
    const line = src.lineOf(n.from), col = n.from - src.lineStart(line)
    if (n.type.isError) generic ??= { line, col, what: 'invalid syntax', hint: src.t.syntax.invalidSyntax(line) }
    else if (n.name === 'String' && !isClosedString(src.text(n))) specific ??= { line, col, what: 'unterminated string', hint: src.t.syntax.unterminatedString(line) }
    else if (n.name === 'Script' || n.name === 'Body') specific ??= checkBlockIndent(src, n)
  })
  return specific && (!generic || specific.line <= generic.line + 1) ? specific : generic
}

function isClosedString(raw: string): boolean {
  const body = raw.replace(/^[rRbBuU]*/, '')
  const q = /^("""|''')/.test(body) ? body.slice(0, 3) : body.slice(0, 1)
  if (body.length < q.length * 2 || !body.endsWith(q)) return false
  return /^[rR]/.test(raw) || (body.slice(q.length, -q.length).match(/\\*$/)?.[0].length ?? 0) % 2 === 0
}

// Python compares indentation with tabs as 8 columns and as 1; differing verdicts are a TabError.
const widths = (indent: string): [number, number] => [[...indent].reduce((w, c) => (c === '\t' ? w - (w % 8) + 8 : w + 1), 0), indent.length]

function checkBlockIndent(src: Source, block: Node): Problem | undefined {
  const [p8, p1] = widths((block.name === 'Body' && block.parent ? indentAt(src, block.parent.from) : '') ?? '')
  let first: [number, number] | undefined
  for (let c = block.firstChild; c; c = c.nextSibling) {
    const indent = c.type.isError || c.name === 'Comment' || c.name === ':' ? undefined : indentAt(src, c.from)
    if (indent === undefined) continue
    const line = src.lineOf(c.from), [w8, w1] = widths(indent)
    const err = (what: string, hint: (line: number) => string): Problem => ({ line, col: 0, what, hint: hint(line) })
    const tabError = err('TabError: inconsistent use of tabs and spaces in indentation', src.t.syntax.tabError)
    const unexpected = err('IndentationError: unexpected indent', src.t.syntax.unexpectedIndent)
    const unindent = err('IndentationError: unindent does not match any outer indentation level', src.t.syntax.unindent)
    if (block.name === 'Script') {
      if (indent === '') continue
      const above = previousCodeIndent(src, line)
      return above !== undefined && widths(above)[0] > w8 ? unindent : unexpected
    }
    if (w8 <= p8 && w1 <= p1) return err('IndentationError: expected an indented block', src.t.syntax.expectedIndent)
    if (w8 <= p8 || w1 <= p1) return tabError
    if (!first) { first = [w8, w1]; continue }
    const [f8, f1] = first
    if (f8 === w8 && f1 === w1) continue
    if ((f8 < w8) !== (f1 < w1) || f8 === w8 || f1 === w1) return tabError
    return f8 < w8 ? unexpected : unindent
  }
  return undefined
}

function previousCodeIndent(src: Source, line: number): string | undefined {
  for (let l = line - 1; l >= 1; l--) { const m = /^([ \t\f]*)[^#\s]/.exec(src.lineText(l)); if (m) return m[1] }
  return undefined
}

function indentAt(src: Source, pos: number): string | undefined {
  const prefix = src.all.slice(src.lineStart(src.lineOf(pos)), pos)
  return /^[ \t\f]*$/.test(prefix) ? prefix : undefined
}

function collectRoutes(src: Source, top: Node): Route[] {
  const routes: Route[] = []
  top.cursor().iterate((ref) => {
    if (ref.name !== 'DecoratedStatement') return
    for (const dec of ref.node.getChildren('Decorator')) {
      const names = dec.getChildren('VariableName'), args = dec.getChild('ArgList')
      const attr = names.length >= 2 ? src.text(names[names.length - 1]!) : ''
      if (!ROUTE_DECORATORS.has(attr) || !args) continue
      const kw = keywordArgs(src, args)
      const pathNode = kw.get('path') ?? positionalArgs(args)[0]
      const path = pathNode ? literal(src, pathNode) : UNKNOWN
      if (typeof path !== 'string') continue
      const listed = kw.has('methods') ? literal(src, kw.get('methods')!) : ['GET']
      const methods = attr !== 'api_route' && attr !== 'route' ? [attr.toUpperCase()]
        : Array.isArray(listed) ? listed.map((m) => String(m).toUpperCase()) : ['?']
      routes.push({ methods, path, line: src.lineOf(dec.from), decorated: ref.node, object: src.text(names[0]!) })
    }
  })
  return routes
}

/**
 * The names the module binds at its top level (assignments, imports, def, class, for, with … as), nested blocks such
 * as `if` included, function and class bodies excluded. Generous on purpose: a name it misses would be a false failure.
 */
function boundNames(src: Source, top: Node): Set<string> | 'all' {
  const names = new Set<string>()
  let star = false
  const add = (n: Node | null | undefined) => { if (n?.name === 'VariableName') names.add(src.text(n)) }
  const targets = (n: Node) => { if (n.name === 'VariableName') add(n); else for (let c = n.firstChild; c; c = c.nextSibling) targets(c) }
  const visit = (n: Node) => {
    const children: Node[] = []
    for (let c = n.firstChild; c; c = c.nextSibling) children.push(c)
    switch (n.name) {
      case 'AssignStatement': {
        const lastOp = children.map((c) => c.name).lastIndexOf('AssignOp')
        children.slice(0, lastOp).filter((c) => c.name !== 'TypeDef').forEach(targets)
        break
      }
      case 'ImportStatement': children.forEach(add); star ||= children.some((c) => c.name === '*'); break
      case 'FunctionDefinition': case 'ClassDefinition': add(n.getChild('VariableName')); return
      case 'ForStatement': children.slice(0, children.findIndex((c) => c.name === 'in')).forEach(targets); break
      case 'WithStatement': children.forEach((c, i) => { if (children[i - 1]?.name === 'as') targets(c) }); break
    }
    children.forEach(visit)
  }
  visit(top)
  return star ? 'all' : names
}

/**
 * The first `name = FastAPI(...)` of the module (or a lookalike: `FastAPII()`), to show the student which name their
 * app really has; `callee` is the called name's first part (`FastAPI`, or `fastapi` in `fastapi.FastAPI()`).
 */
function appCreation(src: Source, top: Node): { name: string; line: number; callee: string } | undefined {
  for (let c = top.firstChild; c; c = c.nextSibling) {
    const target = c.name === 'AssignStatement' ? c.firstChild : null
    const call = c.getChild('CallExpression')
    const callee = call?.firstChild ? src.text(call.firstChild) : ''
    if (target?.name === 'VariableName' && /(^|\.)fast_?api/i.test(callee)) return { name: src.text(target), line: src.lineOf(c.from), callee: callee.split('.')[0]! }
  }
  return undefined
}

const PYTHON_BUILTINS = new Set(['print', 'len', 'dict', 'list', 'str', 'int', 'object', 'type', 'super', 'range', 'open', 'property', 'staticmethod', 'classmethod', '__name__'])

function argNodes(args: Node): Node[] {
  const out: Node[] = []
  for (let c = args.firstChild; c; c = c.nextSibling) if (!'()[]{},'.includes(c.name)) out.push(c)
  return out
}

function keywordArgs(src: Source, args: Node): Map<string, Node> {
  const nodes = argNodes(args), kw = new Map<string, Node>()
  nodes.forEach((n, i) => { if (n.name === 'AssignOp' && nodes[i - 1] && nodes[i + 1]) kw.set(src.text(nodes[i - 1]!), nodes[i + 1]!) })
  return kw
}

const positionalArgs = (args: Node): Node[] =>
  argNodes(args).filter((n, i, all) => n.name !== 'AssignOp' && all[i + 1]?.name !== 'AssignOp' && all[i - 1]?.name !== 'AssignOp')

function returnsOf(n: Node | null, out: Node[] = []): Node[] {
  for (let c = n?.firstChild; c; c = c.nextSibling) {
    if (c.name === 'ReturnStatement') out.push(c)
    else if (!['FunctionDefinition', 'ClassDefinition', 'LambdaExpression'].includes(c.name)) returnsOf(c, out)
  }
  return out
}

const returnExpr = (ret: Node): Node | null => ret.firstChild?.nextSibling ?? null

// `result = {...}; return result` is common, so follow one local assignment made before the return.
function valueOf(src: Source, n: Node | null, fn: Node, before: number): Value {
  if (!n) return null
  if (n.name !== 'VariableName') return literal(src, n)
  const assigns = fn.getChild('Body')?.getChildren('AssignStatement').filter((a) => a.to <= before && a.firstChild && src.text(a.firstChild) === src.text(n)) ?? []
  const last = assigns[assigns.length - 1]
  return last?.lastChild ? valueOf(src, last.lastChild, fn, last.from) : UNKNOWN
}

function literal(src: Source, n: Node): Value {
  const t = src.text(n)
  switch (n.name) {
    case 'String': return /^[rRuU]*["']/.test(t) ? unquote(t) : UNKNOWN
    case 'Number': { const v = Number(t.replace(/_/g, '')); return Number.isNaN(v) ? UNKNOWN : v }
    case 'Boolean': return t === 'True'
    case 'None': return null
    case 'ParenthesizedExpression': return n.firstChild?.nextSibling ? literal(src, n.firstChild.nextSibling) : UNKNOWN
    case 'UnaryExpression': {
      const v = n.lastChild ? literal(src, n.lastChild) : UNKNOWN
      return typeof v === 'number' && n.firstChild ? (src.text(n.firstChild) === '-' ? -v : v) : UNKNOWN
    }
    case 'ArrayExpression': case 'TupleExpression': {
      const items = argNodes(n).map((c) => literal(src, c))
      return items.includes(UNKNOWN) ? UNKNOWN : items
    }
    case 'DictionaryExpression': {
      const parts = argNodes(n), obj: Record<string, Value> = {}
      for (let i = 0; i < parts.length; i += 3) {
        const key = literal(src, parts[i]!), value = parts[i + 2] ? literal(src, parts[i + 2]!) : UNKNOWN
        if (typeof key !== 'string' || parts[i + 1]?.name !== ':' || value === UNKNOWN) return UNKNOWN
        obj[key] = value
      }
      return obj
    }
    default: return UNKNOWN
  }
}

function unquote(raw: string): string {
  const body = raw.replace(/^[rRuU]*/, '')
  const q = /^("""|''')/.test(body) ? 3 : 1
  const inner = body.slice(q, body.length - q)
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\n': '' }
  return /^[^"']*[rR]/.test(raw) ? inner : inner.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[\s\S])/g,
    (_m, e: string) => (e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : escapes[e] ?? e))
}

// Sorted keys make the comparison order-insensitive, like Python's dict equality.
const canonical = (v: Value) => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x))
const deepEqual = (a: Value, b: Value) => a !== UNKNOWN && b !== UNKNOWN && canonical(a) === canonical(b)

function pyRepr(v: Value): string {
  if (v === null || v === undefined) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (typeof v === 'string' || typeof v === 'number') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`
  return `{${Object.entries(v as Record<string, Value>).map(([k, x]) => `${JSON.stringify(k)}: ${pyRepr(x)}`).join(', ')}}`
}

function explainBody(got: Value, want: Record<string, unknown>, t: HealthRouteWords): string {
  if (got === UNKNOWN) return t.wrongBody.unknown
  if (got === null) return t.wrongBody.none
  if (typeof got !== 'object' || Array.isArray(got)) return t.wrongBody.notObject(pyRepr(got), JSON.stringify(got))
  const obj = got as Record<string, Value>, notes: string[] = []
  for (const [k, v] of Object.entries(want)) {
    const mine = obj[k]
    if (!(k in obj)) notes.push(t.wrongBody.missingKey(JSON.stringify(k)))
    else if (!deepEqual(mine, v)) {
      const caseOnly = typeof mine === 'string' && typeof v === 'string' && mine.toLowerCase() === v.toLowerCase()
      notes.push(t.wrongBody.wrongValue(JSON.stringify(k), pyRepr(mine), pyRepr(v), caseOnly))
    }
  }
  for (const k of Object.keys(obj)) if (!(k in want)) notes.push(t.wrongBody.unexpectedKey(JSON.stringify(k)))
  return notes.length ? t.wrongBody.inDict(notes) : ''
}
