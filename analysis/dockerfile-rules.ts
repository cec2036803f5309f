import { DockerfileParser } from 'dockerfile-ast'
import type { Instruction } from 'dockerfile-ast'
import type { Feedback } from '../grading/verdict.js'
import { currentRun } from '../rubric/index.js'

const { messages } = currentRun()

export type DockerfileItemId = 'from' | 'workdir' | 'copy' | 'pip' | 'cmd'
export interface DockerfileItem { id: DockerfileItemId; passed: boolean; feedback?: Feedback; line?: number }
export interface DockerfileExpectations {
  /** Any official image of this repository whose Python has this major version; `example` is what a fix suggests. */
  baseImage: { repository: string; pythonMajor: number; example: string }
  /** The working directory when the lab pins one; absent, any WORKDIR the CMD runs in. */
  workdir?: string
  appFile: string
  pipPackages: string[]
  appModule: string
  host: string
  port: number
}

interface Step { ins: Instruction; keyword: string; line: number; workdir: string }
/** `wd` is the working directory the container runs in: that of the CMD (or the last instruction). */
interface Ctx { steps: Step[]; want: DockerfileExpectations; files: Record<string, string>; args: Map<string, string>; wd: string; quote: (s: Step) => string }

const t = messages.dockerfile
const DOCKER_HUB = /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//
// Extras that pull another expected package in as a dependency (fastapi[standard] requires uvicorn[standard]).
const IMPLIED: Record<string, string[]> = { 'fastapi[standard]': ['uvicorn'], 'fastapi[all]': ['uvicorn'] }
const UVICORN_FLAGS = new Set(['--reload', '--factory', '--proxy-headers', '--no-proxy-headers', '--access-log', '--no-access-log',
  '--use-colors', '--no-use-colors', '--server-header', '--no-server-header', '--date-header', '--no-date-header'])
const PIP_VALUE_OPTIONS = new Set(['-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-t', '--target', '-f', '--find-links',
  '--prefix', '--root', '--trusted-host', '-e', '--editable', '--cache-dir', '--timeout', '--retries', '--proxy', '--platform', '--python-version'])

/** Checks the five instructions the lab asks for; `files` holds build-context files (e.g. requirements.txt) by path. */
export function checkDockerfile(text: string, expected: DockerfileExpectations, files: Record<string, string> = {}): DockerfileItem[] {
  const doc = DockerfileParser.parse(text)
  const lines = text.split(/\r?\n/)
  const args = new Map(doc.getInitialARGs().map((a) => [a.getProperty()?.getName() ?? '', a.getProperty()?.getValue() ?? '']))
  const steps = finalStageSteps(doc.getInstructions(), args)
  const ctx: Ctx = {
    steps, want: expected, files, args, wd: (startingStep(steps) ?? last(steps))?.workdir ?? '/',
    quote: (s) => t.quote(s.line, lines.slice(s.line - 1, s.ins.getRange().end.line + 1).join('\n').trim()),
  }
  return [fromItem(ctx), workdirItem(ctx), copyItem(ctx), pipItem(ctx), cmdItem(ctx)]
}

/** The 1-based line of the last instruction with this keyword, for annotations. */
export function findInstructionLine(text: string, keyword: string): number | undefined {
  const found = DockerfileParser.parse(text).getInstructions().filter((i) => i.getKeyword() === keyword.toUpperCase()).pop()
  return found ? found.getRange().start.line + 1 : undefined
}

/** The instruction that starts the container's process: the last CMD, else the last ENTRYPOINT. */
const startingStep = (steps: Step[]) => last(steps.filter((s) => s.keyword === 'CMD')) ?? last(steps.filter((s) => s.keyword === 'ENTRYPOINT'))
const item = (id: DockerfileItemId, step: Step | undefined, feedback?: Feedback, passed = !feedback): DockerfileItem =>
  ({ id, passed, ...(feedback ? { feedback } : {}), ...(step ? { line: step.line } : {}) })
const of = (ctx: Ctx, ...keywords: string[]) => ctx.steps.filter((s) => keywords.includes(s.keyword))
const last = <T>(xs: T[]): T | undefined => xs[xs.length - 1]

function fromItem({ steps, want: { baseImage }, args, quote }: Ctx): DockerfileItem {
  const step = steps.find((s) => s.keyword === 'FROM')
  const example = `FROM ${baseImage.example}`
  if (!step) return item('from', undefined, { expected: example, seen: t.from.none, fix: t.from.startWith(baseImage.example) })
  const reference = step.ins.getArguments().map((a) => a.getValue()).find((a) => !a.startsWith('--')) ?? ''
  const got = parseImage(expandArgs(reference, args))
  const expected = t.from.expected(baseImage.repository, baseImage.pythonMajor)
  if (got.name !== baseImage.repository) return item('from', step, { expected, seen: quote(step), fix: t.from.otherImage(baseImage.example) })
  // A tag names a Python version ("3.11-slim", "3.9") or only a variant ("slim", "alpine", "latest"): the newest Python.
  const major = /^(\d+)(?:\.\d+)*(?:-|$)/.exec(got.tag ?? '')?.[1]
  if (major !== undefined && Number(major) !== baseImage.pythonMajor)
    return item('from', step, { expected, seen: quote(step), fix: t.from.otherMajor(got.tag!, baseImage.pythonMajor, baseImage.example) })
  return major === undefined ? item('from', step, { fix: t.from.pinVersion(got.tag ? `${got.name}:${got.tag}` : got.name, baseImage.example) }, true) : item('from', step)
}

function workdirItem(ctx: Ctx): DockerfileItem {
  const start = startingStep(ctx.steps)
  const before = last(of(ctx, 'WORKDIR').filter((s) => !start || s.line < start.line))
  const pinned = ctx.want.workdir === undefined ? undefined : resolvePath('/', ctx.want.workdir)
  if (pinned === undefined ? before !== undefined : ctx.wd === pinned) return item('workdir', before)
  return item('workdir', before, {
    expected: pinned === undefined ? t.workdir.expectedAny : t.workdir.expected(pinned),
    seen: before ? t.workdir.seen(ctx.quote(before), ctx.wd) : t.workdir.none,
    fix: pinned === undefined ? t.workdir.fixAny : t.workdir.fix(pinned),
  })
}

function copyItem(ctx: Ctx): DockerfileItem {
  const { appFile, appModule } = ctx.want
  const workdir = ctx.wd
  const copies = of(ctx, 'COPY', 'ADD').filter((s) => !/\s--from=/.test(s.ins.getTextContent()))
  const target = resolvePath(ctx.wd, appFile)
  const landings = copies.flatMap((s) => { const at = landing(s, appFile, ctx.wd); return at ? [{ s, at }] : [] })
  const good = landings.find((c) => c.at === target)
  if (good) return item('copy', good.s, good.s.keyword === 'ADD' ? { fix: t.copy.preferCopy(appFile) } : undefined, true)
  const bad = landings[0], tooEarly = bad?.s.workdir === '/' && workdir !== '/'
  return item('copy', bad?.s ?? copies[0], {
    expected: t.copy.expected(appFile, workdir, target),
    seen: bad ? t.copy.putsAt(ctx.quote(bad.s), appFile, bad.at, bad.s.workdir === '/')
      : copies.length ? t.copy.noneCopies(copies.map(ctx.quote).join('\n'), appFile) : t.copy.none,
    fix: tooEarly ? t.copy.fixTooEarly(workdir, appFile, ctx.wd)
      : workdir === '/' ? t.copy.fixNoWorkdir(appFile, appModule.split(':')[0]!)
        : t.copy.fix(appFile, workdir, appModule.split(':')[0]!),
  })
}

function pipItem(ctx: Ctx): DockerfileItem {
  const installed = new Set<string>(), unread: string[] = []
  const add = (args: string[]) => requirementsOf(args).packages.forEach((p) => installed.add(p))
  const pipSteps = of(ctx, 'RUN').filter((s) => {
    const pips = runCommands(s.ins).map(pipArgs).filter((a) => a !== undefined)
    add(pips.flat())
    for (const f of requirementsOf(pips.flat()).reqFiles) {
      const content = lookup(ctx.files, f, ctx.wd)
      if (content === undefined) unread.push(t.pip.unread(f))
      else content.split(/\r?\n/).map((l) => l.replace(/(^|\s)#.*$/, '').trim()).filter((l) => l && !l.startsWith('-')).forEach((l) => add([l]))
    }
    return pips.length > 0
  })
  for (const p of [...installed]) IMPLIED[p]?.forEach((q) => installed.add(q))
  const missing = ctx.want.pipPackages.filter((p) => !installed.has(normalizePackage(p)))
  if (missing.length === 0) return item('pip', pipSteps[0])
  const line = `RUN pip install ${ctx.want.pipPackages.join(' ')}`
  return item('pip', pipSteps[0], {
    expected: line,
    seen: pipSteps.length ? pipSteps.map(ctx.quote).join('\n') : t.pip.none,
    fix: pipSteps.length ? t.pip.missing(missing, unread, line) : t.pip.absent(ctx.want.pipPackages, line),
  })
}

function cmdItem({ steps, want, quote }: Ctx): DockerfileItem {
  const cmd = last(steps.filter((s) => s.keyword === 'CMD')), entry = last(steps.filter((s) => s.keyword === 'ENTRYPOINT'))
  const shown = cmd ?? entry
  const execLine = `CMD [${['uvicorn', want.appModule, '--host', want.host, '--port', String(want.port)].map((a) => JSON.stringify(a)).join(', ')}]`
  const fail = (fix: string) => item('cmd', shown, { expected: execLine, seen: [entry, cmd].flatMap((s) => (s ? [quote(s)] : [])).join('\n') || t.cmd.none, fix })
  if (!shown) return fail(t.cmd.withoutCmd(execLine))
  const problems: string[] = entry ? [t.cmd.entrypoint(entry.line)] : [], argv: string[] = []
  for (const s of [entry, cmd]) {
    const raw = s?.ins.getArgumentsContent()?.trim() ?? ''
    const exec = s ? execForm(raw) : []
    if (exec) argv.push(...exec)
    else if (raw.startsWith('[') && raw.includes("'")) problems.push(t.cmd.singleQuotes(s!.line, raw))
    else if (raw.startsWith('[')) problems.push(t.cmd.invalidJson(s!.line))
    else problems.push(t.cmd.shellForm(s!.line, raw))
  }
  if (problems.length > (entry ? 1 : 0)) return fail(t.cmd.useExec(problems, execLine))
  const prog = argv[0]?.split('/').pop() ?? ''
  const rest = prog === 'uvicorn' ? argv.slice(1) : /^python[\d.]*$/.test(prog) && argv[1] === '-m' && argv[2] === 'uvicorn' ? argv.slice(3) : undefined
  if (!rest) return fail(t.cmd.notUvicorn(argv, execLine))
  const opts = new Map<string, string>(), positional: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!, eq = a.indexOf('=')
    if (!a.startsWith('-')) positional.push(a)
    else if (eq > 0) opts.set(a.slice(0, eq), a.slice(eq + 1))
    else if (!a.startsWith('--')) problems.push(t.cmd.shortOption(a))
    else opts.set(a, UVICORN_FLAGS.has(a) ? '' : rest[++i] ?? '')
  }
  const [module, ...extra] = positional
  const [file, attr] = want.appModule.split(':'), asked = module?.split(':')[0]
  if (module !== want.appModule) {
    problems.push(!module ? t.cmd.noApp(want.appModule, file, attr)
      : asked !== file ? t.cmd.wrongModule(module, asked, file, want.appModule)
        : t.cmd.wrongAttr(module, file, attr, want.appModule))
  }
  if (extra.length) problems.push(t.cmd.extraArgs(extra))
  const host = opts.get('--host'), port = opts.get('--port') ?? '8000'
  if (host === undefined) problems.push(t.cmd.noHost(want.host))
  else if (host !== want.host) problems.push(t.cmd.wrongHost(host, want.host, ['127.0.0.1', 'localhost'].includes(host)))
  if (port !== String(want.port)) problems.push(t.cmd.wrongPort(port, want.port))
  return problems.length ? fail(t.cmd.write(problems, execLine)) : item('cmd', shown)
}

function finalStageSteps(all: Instruction[], args: Map<string, string>): Step[] {
  const stages: Instruction[][] = []
  for (const ins of all) {
    if (ins.getKeyword() === 'FROM') stages.push([ins])
    else stages[stages.length - 1]?.push(ins)
  }
  const alias = (st: Instruction[]) => /\s+as\s+(\S+)\s*$/i.exec(st[0]!.getArgumentsContent() ?? '')?.[1]?.toLowerCase()
  // A stage built FROM an earlier stage inherits its instructions, so walk back through the aliases.
  const chain: Instruction[][] = []
  for (let i = stages.length - 1; i >= 0;) {
    const base = expandArgs(stages[i]![0]!.getArguments()[0]?.getValue() ?? '', args).toLowerCase()
    let parent = -1
    for (let j = 0; j < i; j++) if (alias(stages[j]!) === base) parent = j
    chain.unshift(parent < 0 ? stages[i]! : stages[i]!.slice(1))
    i = parent
  }
  let workdir = '/'
  return chain.flat().map((ins) => {
    const keyword = ins.getKeyword()
    if (keyword === 'WORKDIR') workdir = resolvePath(workdir, ins.getArguments().map((a) => a.getValue()).join(' '))
    return { ins, keyword, line: ins.getRange().start.line + 1, workdir }
  })
}

function landing(s: Step, appFile: string, workdir: string): string | undefined {
  const parts = execForm(s.ins.getArgumentsContent()?.trim() ?? '') ?? s.ins.getArguments().map((a) => a.getValue())
  if (parts.length < 2) return undefined
  const dest = parts[parts.length - 1]!, sources = parts.slice(0, -1).map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''))
  const dir = resolvePath(s.workdir, dest)
  if (sources.some((p) => p === '' || p === '.')) return resolvePath(dir, appFile)
  if (!sources.some((p) => new RegExp(`^${p.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : esc(c))).join('')}$`).test(appFile))) return undefined
  const isDir = /\/$|^\.$/.test(dest) || sources.length > 1 || dir === s.workdir || dir === workdir
  return isDir ? resolvePath(dir, appFile) : dir
}

function runCommands(ins: Instruction): string[][] {
  const raw = (ins.getArgumentsContent() ?? '').trim()
  const exec = execForm(raw)
  if (exec) return [exec]
  const heredoc = /^<<-?["']?(\w+)["']?[^\n]*\n([\s\S]*?)\n\s*\1\s*$/.exec(raw)
  const script = (heredoc ? heredoc[2]! : raw).split('\n').filter((l) => !/^\s*#/.test(l)).join('\n')
  const commands: string[][] = [[]]
  let token: string | undefined, q: string | undefined
  const flush = () => { if (token !== undefined) commands[commands.length - 1]!.push(token); token = undefined }
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!
    if (q) { if (c === q) q = undefined; else token = (token ?? '') + (c === '\\' && q === '"' ? script[++i] ?? '' : c) }
    else if (c === '"' || c === "'") { q = c; token ??= '' }
    else if (c === '\\') token = (token ?? '') + (script[++i] ?? '')
    else if (/[;&|\n()]/.test(c)) { flush(); commands.push([]) }
    else if (/\s/.test(c)) flush()
    else token = (token ?? '') + c
  }
  flush()
  return commands.filter((c) => c.length)
}

function pipArgs(cmd: string[]): string[] | undefined {
  const words = cmd.slice(Math.max(0, cmd.findIndex((w) => !/^\w+=/.test(w))))
  const prog = words[0]?.split('/').pop() ?? ''
  let i = /^pip[\d.]*$/.test(prog) ? 1 : /^python[\d.]*$/.test(prog) && words[1] === '-m' && /^pip\d?$/.test(words[2] ?? '') ? 3 : prog === 'uv' && words[1] === 'pip' ? 2 : -1
  if (i < 0) return undefined
  while (words[i]?.startsWith('-')) i++
  return words[i] === 'install' ? words.slice(i + 1) : undefined
}

function requirementsOf(args: string[]): { packages: string[]; reqFiles: string[] } {
  const packages: string[] = [], reqFiles: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!, req = /^(?:-r|--requirement)=?(.+)$/.exec(a)
    if (req) reqFiles.push(req[1]!)
    else if (a === '-r' || a === '--requirement') reqFiles.push(args[++i] ?? '')
    else if (PIP_VALUE_OPTIONS.has(a)) i++
    else if (!a.startsWith('-') && !/[/\\]|\.whl$/.test(a)) {
      const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?/.exec(a)
      const name = m ? normalizePackage(m[1]!) : undefined
      if (name) packages.push(name, ...(m?.[2] ?? '').split(',').filter((e) => e.trim()).map((e) => `${name}[${e.trim().toLowerCase()}]`))
    }
  }
  return { packages, reqFiles }
}

const normalizePackage = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-')
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function lookup(files: Record<string, string>, path: string, workdir: string): string | undefined {
  const rel = path.replace(new RegExp(`^${esc(workdir)}/`), '').replace(/^\.\//, '')
  return files[path] ?? files[rel] ?? files[`./${rel}`]
}

// Docker reads exec form as JSON and silently falls back to shell form when the JSON is invalid.
function execForm(raw: string): string[] | undefined {
  try {
    const v: unknown = raw.startsWith('[') ? JSON.parse(raw) : undefined
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined
  } catch { return undefined }
}

function resolvePath(cwd: string, p: string): string {
  const out: string[] = []
  for (const seg of (p.startsWith('/') ? p : `${cwd}/${p}`).split('/')) {
    if (seg === '..') out.pop()
    else if (seg && seg !== '.') out.push(seg)
  }
  return `/${out.join('/')}`
}

const expandArgs = (value: string, args: Map<string, string>): string =>
  value.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (m, a?: string, def?: string, b?: string) => args.get((a ?? b)!) || def || m)

function parseImage(ref: string): { name: string; tag?: string } {
  const image = ref.split('@')[0]!.replace(DOCKER_HUB, '')
  const slash = image.lastIndexOf('/'), colon = image.lastIndexOf(':')
  const name = (colon > slash ? image.slice(0, colon) : image).replace(/^library\//, '').toLowerCase()
  return colon > slash ? { name, tag: image.slice(colon + 1) } : { name }
}
