import { parser } from '@lezer/python'
import type { Feedback } from '../grading/verdict.js'

type Node = ReturnType<typeof parser.parse>['topNode']

export type HealthRouteFailure = 'syntax-error' | 'no-route' | 'wrong-method' | 'wrong-body'

export type HealthRouteResult =
  | { ok: true; line: number }
  | { ok: false; reason: HealthRouteFailure; message: string; feedback: Feedback; line?: number }

export interface HealthRouteOptions {
  path: string
  body: Record<string, unknown>
  fileName?: string
}

interface Route { methods: string[]; path: string; line: number; decorated: Node }

const ROUTE_DECORATORS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace', 'api_route', 'route', 'websocket'])
const UNKNOWN = Symbol('unknown')
type Value = unknown

/** Finds the GET route for options.path in a FastAPI source and checks the dict it returns. */
export function findHealthRoute(source: string, options: HealthRouteOptions): HealthRouteResult {
  const file = options.fileName ?? 'app.py'
  const src = new Source(source)
  const tree = parser.parse(source)
  const syntax = findSyntaxError(src, tree.topNode)
  if (syntax) {
    const seen = syntax.line > 1 && /^\s*$/.test(src.lineText(syntax.line).slice(0, syntax.col))
      ? `${src.quote(syntax.line - 1)}\n${src.quote(syntax.line)}` : src.quote(syntax.line)
    return fail('syntax-error', `${file} has a syntax error at line ${syntax.line} (${syntax.what}): Python cannot import it, so uvicorn cannot start the app`, {
      expected: `${file} is valid Python`,
      seen,
      fix: `${syntax.hint} Run \`python -m py_compile ${file}\` to see Python's own error message.`,
    }, syntax.line)
  }

  const routes = collectRoutes(src, tree.topNode)
  const expectedDecorator = `@app.get("${options.path}")`
  const atPath = routes.filter((r) => r.path === options.path)
  if (atPath.length === 0) {
    const found = routes.map((r) => `${r.methods.join('/')} ${r.path} (line ${r.line})`)
    return fail('no-route', found.length
      ? `${file} declares no route for ${options.path}; routes found: ${found.join(', ')}`
      : `${file} declares no route: no decorator like ${expectedDecorator} was found`, {
      expected: `a function decorated with ${expectedDecorator}`,
      seen: found.length ? `routes found: ${found.join(', ')}` : 'no @app.get(...) / @app.post(...) decorator at all',
      fix: `Declare the route with exactly this path (it is case-sensitive, no trailing slash): ${expectedDecorator} on the line above \`def health():\`.`,
    }, routes[0]?.line)
  }
  const route = atPath.find((r) => r.methods.includes('GET'))
  if (!route) {
    const r = atPath[0]!
    return fail('wrong-method', `${options.path} is declared for ${r.methods.join('/')} (line ${r.line}), but the check sends GET`, {
      expected: `GET ${options.path}, declared with ${expectedDecorator}`,
      seen: src.quote(r.line),
      fix: `Use @app.get instead of @app.${r.methods[0]!.toLowerCase()}: a browser or curl sends GET, and FastAPI answers 405 Method Not Allowed to a GET on a ${r.methods.join('/')} route.`,
    }, r.line)
  }
  const fn = route.decorated.getChild('FunctionDefinition')
  const returns = fn ? returnsOf(fn) : []
  const expected = pyRepr(options.body)
  for (const ret of returns) if (deepEqual(valueOf(src, returnExpr(ret), fn!, ret.from), options.body)) return { ok: true, line: route.line }
  if (returns.length === 0) {
    return fail('wrong-body', `the function for GET ${options.path} (line ${route.line}) has no return statement, so FastAPI answers null`, {
      expected: `return ${expected}`,
      seen: src.quote(route.line),
      fix: `End the function with: return ${expected}`,
    }, route.line)
  }
  const ret = returns[0]!
  const line = src.lineOf(ret.from)
  const got = valueOf(src, returnExpr(ret), fn!, ret.from)
  return fail('wrong-body', `GET ${options.path} returns ${got === UNKNOWN ? src.text(ret).replace(/^return\s*/, '') : pyRepr(got)} (line ${line}) instead of ${expected}`, {
    expected: `return ${expected}`,
    seen: src.quote(line),
    fix: `${explainBody(got, options.body)} Write exactly: return ${expected}`,
  }, line)
}

function fail(reason: HealthRouteFailure, message: string, feedback: Feedback, line?: number): HealthRouteResult {
  return line === undefined ? { ok: false, reason, message, feedback } : { ok: false, reason, message, feedback, line }
}

class Source {
  private readonly starts: number[] = [0]
  constructor(readonly text_: string) {
    for (let i = 0; i < text_.length; i++) if (text_[i] === '\n') this.starts.push(i + 1)
  }
  text(n: Node): string { return this.text_.slice(n.from, n.to) }
  lineOf(pos: number): number {
    let lo = 0, hi = this.starts.length - 1
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.starts[mid]! <= pos) lo = mid; else hi = mid - 1 }
    return lo + 1
  }
  lineStart(line: number): number { return this.starts[line - 1] ?? this.text_.length }
  lineText(line: number): string { return this.text_.slice(this.lineStart(line)).split(/\r?\n/, 1)[0] ?? '' }
  quote(line: number): string { return `line ${line}: ${this.lineText(line).trimEnd()}` }
}

interface SyntaxProblem { line: number; col: number; what: string; hint: string }

function findSyntaxError(src: Source, top: Node): SyntaxProblem | undefined {
  let generic: SyntaxProblem | undefined
  let specific: SyntaxProblem | undefined
  const note = (p: SyntaxProblem, isSpecific: boolean) => {
    if (isSpecific) specific ??= p
    else generic ??= p
  }
  top.cursor().iterate((ref) => {
    const n = ref.node
    if (n.type.isError) {
      const line = src.lineOf(n.from)
      note({ line, col: n.from - src.lineStart(line), what: 'invalid syntax', hint: `Check line ${line} and the end of the line before it: a missing ':' after def/if/for, or an unclosed (, [, { or quote.` }, false)
    } else if (n.name === 'String' && !isClosedString(src.text(n))) {
      const line = src.lineOf(n.from)
      note({ line, col: n.from - src.lineStart(line), what: 'unterminated string', hint: `Close the string on line ${line} with the same quote it starts with.` }, true)
    } else if (n.name === 'Script' || n.name === 'Body') {
      const problem = checkBlockIndent(src, n)
      if (problem) note(problem, true)
    }
  })
  if (specific && (!generic || specific.line <= generic.line + 1)) return specific
  return generic ?? specific
}

function isClosedString(raw: string): boolean {
  const body = raw.replace(/^[rRbBuU]*/, '')
  const q = body.startsWith('"""') || body.startsWith("'''") ? body.slice(0, 3) : body.slice(0, 1)
  if (body.length < q.length * 2 || !body.endsWith(q)) return false
  const inner = body.slice(q.length, body.length - q.length)
  return /^[rR]/.test(raw) || (inner.match(/\\*$/)?.[0].length ?? 0) % 2 === 0
}

// Python compares indentation with tabs as 8 columns and as 1; differing verdicts are a TabError.
const widths = (indent: string): [number, number] => [[...indent].reduce((w, c) => (c === '\t' ? w - (w % 8) + 8 : w + 1), 0), indent.length]

function checkBlockIndent(src: Source, block: Node): SyntaxProblem | undefined {
  const parentIndent = block.name === 'Body' && block.parent ? indentAt(src, block.parent.from) : ''
  let first: string | undefined
  for (let c = block.firstChild; c; c = c.nextSibling) {
    if (c.type.isError || c.name === 'Comment' || c.name === ':') continue
    const indent = indentAt(src, c.from)
    if (indent === undefined) continue
    const line = src.lineOf(c.from)
    const [w8, w1] = widths(indent)
    const tabError = { line, col: 0, what: 'TabError: inconsistent use of tabs and spaces in indentation', hint: `Line ${line} mixes tabs and spaces differently from the lines around it; indent every line of the block the same way (4 spaces per level is the Python convention).` }
    if (block.name === 'Script') {
      if (indent === '') continue
      const above = previousCodeIndent(src, line)
      return above !== undefined && widths(above)[0] > w8
        ? { line, col: 0, what: 'IndentationError: unindent does not match any outer indentation level', hint: `Line ${line} is indented less than the line above it but not as much as any enclosing block; align it with the block it belongs to.` }
        : { line, col: 0, what: 'IndentationError: unexpected indent', hint: `Line ${line} is indented but is not inside a def, if, for or class: remove the spaces/tabs at its start.` }
    }
    const [p8, p1] = widths(parentIndent ?? '')
    if (w8 <= p8 && w1 <= p1) return { line, col: 0, what: 'IndentationError: expected an indented block', hint: `Indent line ${line} one level deeper than the line that ends with ':'.` }
    if (w8 <= p8 || w1 <= p1) return tabError
    if (first === undefined) { first = indent; continue }
    const [f8, f1] = widths(first)
    if (f8 === w8 && f1 === w1) continue
    if ((f8 < w8) !== (f1 < w1) || f8 === w8 || f1 === w1) return tabError
    return f8 < w8
      ? { line, col: 0, what: 'IndentationError: unexpected indent', hint: `Line ${line} is indented more than the line above it in the same block; align it with that line.` }
      : { line, col: 0, what: 'IndentationError: unindent does not match any outer indentation level', hint: `Line ${line} is indented less than the lines above it in the same block; align it with them.` }
  }
  return undefined
}

function previousCodeIndent(src: Source, line: number): string | undefined {
  for (let l = line - 1; l >= 1; l--) {
    const m = /^([ \t\f]*)([^#\s])?/.exec(src.lineText(l))
    if (m?.[2]) return m[1]
  }
  return undefined
}

function indentAt(src: Source, pos: number): string | undefined {
  const start = src.lineStart(src.lineOf(pos))
  const prefix = src.text_.slice(start, pos)
  return /^[ \t\f]*$/.test(prefix) ? prefix : undefined
}

function collectRoutes(src: Source, top: Node): Route[] {
  const routes: Route[] = []
  top.cursor().iterate((ref) => {
    if (ref.name !== 'DecoratedStatement') return
    for (const dec of ref.node.getChildren('Decorator')) {
      const names = dec.getChildren('VariableName')
      const attr = names.length >= 2 ? src.text(names[names.length - 1]!) : ''
      const args = dec.getChild('ArgList')
      if (!ROUTE_DECORATORS.has(attr) || !args) continue
      const kw = keywordArgs(src, args)
      const pathNode = kw.get('path') ?? positionalArgs(args)[0]
      const path = pathNode ? literal(src, pathNode) : UNKNOWN
      if (typeof path !== 'string') continue
      const methodsNode = kw.get('methods')
      const listed = methodsNode ? literal(src, methodsNode) : ['GET']
      const methods = attr === 'api_route' || attr === 'route'
        ? (Array.isArray(listed) ? listed.map((m) => String(m).toUpperCase()) : ['?'])
        : [attr.toUpperCase()]
      routes.push({ methods, path, line: src.lineOf(dec.from), decorated: ref.node })
    }
  })
  return routes
}

function argNodes(args: Node): Node[] {
  const out: Node[] = []
  for (let c = args.firstChild; c; c = c.nextSibling) if (!['(', ')', ','].includes(c.name)) out.push(c)
  return out
}

function keywordArgs(src: Source, args: Node): Map<string, Node> {
  const kw = new Map<string, Node>()
  const nodes = argNodes(args)
  nodes.forEach((n, i) => { if (n.name === 'AssignOp' && i > 0 && nodes[i + 1]) kw.set(src.text(nodes[i - 1]!), nodes[i + 1]!) })
  return kw
}

function positionalArgs(args: Node): Node[] {
  const nodes = argNodes(args)
  return nodes.filter((n, i) => n.name !== 'AssignOp' && nodes[i + 1]?.name !== 'AssignOp' && nodes[i - 1]?.name !== 'AssignOp')
}

function returnsOf(fn: Node): Node[] {
  const out: Node[] = []
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'ReturnStatement') out.push(c)
      else if (!['FunctionDefinition', 'ClassDefinition', 'LambdaExpression'].includes(c.name)) walk(c)
    }
  }
  const body = fn.getChild('Body')
  if (body) walk(body)
  return out
}

const returnExpr = (ret: Node): Node | null => ret.firstChild?.nextSibling ?? null

function valueOf(src: Source, n: Node | null, fn: Node, before: number): Value {
  if (!n) return null
  if (n.name === 'VariableName') {
    const assigns = fn.getChild('Body')?.getChildren('AssignStatement').filter((a) => a.to <= before && a.firstChild && src.text(a.firstChild) === src.text(n)) ?? []
    const last = assigns[assigns.length - 1]
    return last?.lastChild ? valueOf(src, last.lastChild, fn, last.from) : UNKNOWN
  }
  return literal(src, n)
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
      const items = argNodes(n).filter((c) => !['[', ']'].includes(c.name)).map((c) => literal(src, c))
      return items.includes(UNKNOWN) ? UNKNOWN : items
    }
    case 'DictionaryExpression': {
      const parts = argNodes(n).filter((c) => !['{', '}'].includes(c.name))
      const obj: Record<string, Value> = {}
      for (let i = 0; i < parts.length; i += 3) {
        const key = literal(src, parts[i]!), value = parts[i + 2] ? literal(src, parts[i + 2]!) : UNKNOWN
        if (typeof key !== 'string' || parts[i + 1]?.name !== ':' || value === UNKNOWN) return UNKNOWN
        obj[key] = value
      }
      return obj
    }
    case 'CallExpression': {
      const callee = n.firstChild ? src.text(n.firstChild) : ''
      const args = n.getChild('ArgList')
      if (!args) return UNKNOWN
      const kw = keywordArgs(src, args)
      if (callee === 'JSONResponse') { const c = kw.get('content') ?? positionalArgs(args)[0]; return c ? literal(src, c) : UNKNOWN }
      if (callee !== 'dict' || positionalArgs(args).length) return UNKNOWN
      const obj: Record<string, Value> = {}
      for (const [k, v] of kw) { const value = literal(src, v); if (value === UNKNOWN) return UNKNOWN; obj[k] = value }
      return obj
    }
    default: return UNKNOWN
  }
}

function unquote(raw: string): string {
  const raw_ = /^[^"']*[rR]/.test(raw)
  const body = raw.replace(/^[rRuU]*/, '')
  const q = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1
  const inner = body.slice(q, body.length - q)
  if (raw_) return inner
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': '' }
  return inner.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[\s\S])/g, (m, e: string) =>
    e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : simple[e] ?? m)
}

function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a), kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => k in b && deepEqual((a as Record<string, Value>)[k], (b as Record<string, Value>)[k]))
  }
  return false
}

function pyRepr(v: Value): string {
  if (v === null || v === undefined) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (typeof v === 'string' || typeof v === 'number') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`
  return `{${Object.entries(v as Record<string, Value>).map(([k, x]) => `${JSON.stringify(k)}: ${pyRepr(x)}`).join(', ')}}`
}

function explainBody(got: Value, want: Record<string, unknown>): string {
  if (got === UNKNOWN) return 'The grader can only read a dict written literally in the return statement.'
  if (got === null) return 'A bare `return` (or `return None`) makes FastAPI answer null.'
  if (typeof got !== 'object' || Array.isArray(got)) return `FastAPI turns ${pyRepr(got)} into the JSON ${JSON.stringify(got)}, not a JSON object.`
  const obj = got as Record<string, Value>
  const notes: string[] = []
  for (const [k, v] of Object.entries(want)) {
    if (!(k in obj)) notes.push(`key ${JSON.stringify(k)} is missing`)
    else if (!deepEqual(obj[k], v)) {
      const sameButCase = typeof obj[k] === 'string' && typeof v === 'string' && obj[k].toLowerCase() === v.toLowerCase()
      notes.push(`${JSON.stringify(k)} is ${pyRepr(obj[k])} instead of ${pyRepr(v)}${sameButCase ? ' (upper/lower case matters)' : ''}`)
    }
  }
  for (const k of Object.keys(obj)) if (!(k in want)) notes.push(`key ${JSON.stringify(k)} is not expected`)
  return notes.length ? `In the returned dict, ${notes.join('; ')}.` : ''
}
