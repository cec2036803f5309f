import { DockerfileParser } from 'dockerfile-ast'
import type { Instruction } from 'dockerfile-ast'
import type { Feedback } from '../grading/verdict.js'

export type DockerfileItemId = 'from' | 'workdir' | 'copy' | 'pip' | 'cmd'
export interface DockerfileItem { id: DockerfileItemId; passed: boolean; feedback?: Feedback; line?: number }
export interface DockerfileExpectations {
  baseImage: string
  workdir: string
  appFile: string
  pipPackages: string[]
  appModule: string
  host: string
  port: number
}

interface Step { ins: Instruction; keyword: string; line: number; workdir: string }
const DOCKER_HUB = /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//
// Extras that pull another expected package in as a dependency (fastapi[standard] requires uvicorn[standard]).
const IMPLIED: Record<string, string[]> = { 'fastapi[standard]': ['uvicorn'], 'fastapi[all]': ['uvicorn'] }
const UVICORN_FLAGS = new Set(['--reload', '--factory', '--proxy-headers', '--no-proxy-headers', '--access-log', '--no-access-log',
  '--use-colors', '--no-use-colors', '--server-header', '--no-server-header', '--date-header', '--no-date-header', '--version', '--help'])
const PIP_VALUE_OPTIONS = new Set(['-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-t', '--target', '-f', '--find-links',
  '--prefix', '--root', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '-e', '--editable', '--src',
  '--upgrade-strategy', '--cache-dir', '--log', '--timeout', '--retries', '--proxy', '--only-binary', '--no-binary', '--progress-bar'])

/** Checks the five instructions the lab asks for; `files` holds build-context files (e.g. requirements.txt) by path. */
export function checkDockerfile(text: string, expected: DockerfileExpectations, files: Record<string, string> = {}): DockerfileItem[] {
  const doc = DockerfileParser.parse(text)
  const lines = text.split(/\r?\n/)
  const quote = (s: Step) => `line ${s.line}: ${lines.slice(s.line - 1, s.ins.getRange().end.line + 1).join('\n').trim()}`
  const args = new Map(doc.getInitialARGs().map((a) => [a.getProperty()?.getName() ?? '', a.getProperty()?.getValue() ?? '']))
  const steps = finalStageSteps(doc.getInstructions(), args)
  const of = (...kw: string[]) => steps.filter((s) => kw.includes(s.keyword))
  const last = <T>(xs: T[]): T | undefined => xs[xs.length - 1]
  const wd = stripSlash(expected.workdir)
  const cmdStep = last(of('CMD')) ?? last(of('ENTRYPOINT'))
  const execLine = `CMD [${['uvicorn', expected.appModule, '--host', expected.host, '--port', String(expected.port)].map((a) => JSON.stringify(a)).join(', ')}]`
  const item = (id: DockerfileItemId, passed: boolean, step: Step | undefined, feedback?: Feedback): DockerfileItem =>
    ({ id, passed, ...(feedback ? { feedback } : {}), ...(step ? { line: step.line } : {}) })

  // from
  const fromStep = steps.find((s) => s.keyword === 'FROM')
  const fromItem = ((): DockerfileItem => {
    if (!fromStep) return item('from', false, undefined, { expected: `FROM ${expected.baseImage}`, seen: 'no FROM instruction', fix: `Start the Dockerfile with: FROM ${expected.baseImage}` })
    const seen = expandArgs(fromStep.ins.getArguments()[0]?.getValue() ?? '', args)
    const want = parseImage(expected.baseImage), got = parseImage(seen)
    const m = /^(\d+\.\d+)(-.*)?$/.exec(want.tag ?? '')
    const tagOk = m ? new RegExp(`^${esc(m[1]!)}(\\.\\d+)?${esc(m[2] ?? '')}$`).test(got.tag ?? '') : got.tag === want.tag
    if (got.name === want.name && tagOk) return item('from', true, fromStep)
    const fix = got.name !== want.name
      ? `Start from the official Python image: FROM ${expected.baseImage}`
      : !got.tag
        ? `Without a tag Docker uses ${got.name}:latest (the newest Python, in the large full image), not ${want.tag}. Write: FROM ${expected.baseImage}`
        : `The tag ${got.tag} is not ${want.tag} (Python version and slim variant both matter). Write: FROM ${expected.baseImage}`
    return item('from', false, fromStep, { expected: `FROM ${expected.baseImage}`, seen: quote(fromStep), fix })
  })()

  // workdir
  const wdSteps = of('WORKDIR').filter((s) => !cmdStep || s.line < cmdStep.line)
  const wdFinal = cmdStep ? cmdStep.workdir : (last(steps)?.workdir ?? '/')
  const workdirItem = wdFinal === wd
    ? item('workdir', true, last(wdSteps))
    : item('workdir', false, last(wdSteps), {
      expected: `WORKDIR ${expected.workdir} (before CMD)`,
      seen: wdSteps.length ? `${quote(last(wdSteps)!)} (so the container runs in ${wdFinal})` : 'no WORKDIR instruction (the container runs in /)',
      fix: `Add \`WORKDIR ${expected.workdir}\` right after FROM: it creates the folder and makes it the current directory for COPY, RUN and CMD.`,
    })

  // copy
  const copies = of('COPY', 'ADD').filter((s) => !/\s--from=/.test(s.ins.getTextContent()))
  const target = resolvePath(wd, expected.appFile)
  const landings = copies.map((s) => ({ s, at: landing(s, expected.appFile, wd) })).filter((c) => c.at !== undefined)
  const good = landings.find((c) => c.at === target)
  const copyItem = good
    ? item('copy', true, good.s, good.s.keyword === 'ADD' ? { fix: `ADD works here, but COPY is preferred for local files: ADD also downloads URLs and unpacks archives. Write: COPY ${expected.appFile} .` } : undefined)
    : item('copy', false, landings[0]?.s ?? copies[0], {
      expected: `COPY ${expected.appFile} . (after WORKDIR ${expected.workdir}), so the file is at ${target}`,
      seen: landings[0] ? `${quote(landings[0].s)} puts ${expected.appFile} at ${landings[0].at}` + (landings[0].s.workdir === '/' ? ' (the working directory is still / at that line)' : '')
        : copies.length ? copies.map(quote).join('\n') + ` (none of these copies ${expected.appFile})` : 'no COPY instruction: the image does not contain your code',
      fix: landings[0]?.s.workdir === '/' && of('WORKDIR').length
        ? `Move WORKDIR ${expected.workdir} above the COPY line, or write COPY ${expected.appFile} ${wd}/`
        : `Add \`COPY ${expected.appFile} .\` after WORKDIR ${expected.workdir}; uvicorn looks for ${expected.appModule.split(':')[0]}.py in the working directory.`,
    })

  // pip
  const installed = new Set<string>(), reqProblems: string[] = []
  const pipSteps = of('RUN').filter((s) => {
    let found = false
    for (const cmd of runCommands(s.ins)) {
      const pip = pipArgs(cmd)
      if (!pip) continue
      found = true
      const { packages, reqFiles } = requirementsOf(pip)
      packages.forEach((p) => installed.add(p))
      for (const f of reqFiles) {
        const content = lookup(files, f, wd)
        if (content === undefined) reqProblems.push(`it installs from ${f}, which is not in your submission`)
        else content.split(/\r?\n/).map((l) => l.replace(/(^|\s)#.*$/, '').trim()).filter((l) => l && !l.startsWith('-')).forEach((l) => requirementsOf([l]).packages.forEach((p) => installed.add(p)))
      }
    }
    return found
  })
  for (const p of [...installed]) IMPLIED[p]?.forEach((q) => installed.add(q))
  const missing = expected.pipPackages.filter((p) => !installed.has(normalizePackage(p)))
  const pipFix = `Install both in one instruction: RUN pip install ${expected.pipPackages.join(' ')}`
  const pipItem = missing.length === 0
    ? item('pip', true, pipSteps[0])
    : item('pip', false, pipSteps[0], {
      expected: `RUN pip install ${expected.pipPackages.join(' ')}`,
      seen: pipSteps.length ? pipSteps.map(quote).join('\n') : 'no RUN pip install instruction',
      fix: pipSteps.length
        ? `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed${reqProblems.length ? ` (${reqProblems.join('; ')})` : ''}. ${pipFix}`
        : `Without it the image has neither FastAPI nor uvicorn, and the container fails with: exec: "uvicorn": executable file not found in $PATH. ${pipFix}`,
    })

  return [fromItem, workdirItem, copyItem, pipItem, cmdItem(steps, expected, execLine, quote)]
}

function cmdItem(steps: Step[], expected: DockerfileExpectations, execLine: string, quote: (s: Step) => string): DockerfileItem {
  const cmd = steps.filter((s) => s.keyword === 'CMD').pop(), entry = steps.filter((s) => s.keyword === 'ENTRYPOINT').pop()
  const shown = cmd ?? entry
  const fail = (fix: string): DockerfileItem => ({ id: 'cmd', passed: false, ...(shown ? { line: shown.line } : {}), feedback: { expected: execLine, seen: shown ? [entry, cmd].filter((s): s is Step => !!s).map(quote).join('\n') : 'no CMD instruction', fix } })
  if (!shown) return fail(`Without CMD the python image starts a Python prompt, which exits at once. Add: ${execLine}`)
  const problems: string[] = []
  const argv: string[] = []
  for (const s of [entry, cmd]) {
    if (!s) continue
    const raw = s.ins.getArgumentsContent()?.trim() ?? ''
    const exec = execForm(raw)
    if (exec) { argv.push(...exec); continue }
    if (raw.startsWith('[') && raw.includes("'")) problems.push(`Line ${s.line} looks like exec form but uses single quotes: exec form is JSON, which only allows double quotes, so Docker falls back to shell form and runs /bin/sh -c "${raw}", which fails.`)
    else if (raw.startsWith('[')) problems.push(`Line ${s.line} starts with [ but is not valid JSON (check the commas, the closing ] and that nothing follows it), so Docker runs it in shell form.`)
    else problems.push(`Line ${s.line} is in shell form: Docker runs it as /bin/sh -c "${raw}", so /bin/sh is PID 1 and uvicorn its child. /bin/sh does not forward SIGTERM, so \`docker stop\` waits 10 s and then kills the container (exit code 137).`)
  }
  if (problems.length) return fail(`${problems.join(' ')} Use exec form (a JSON array, double quotes): ${execLine}`)
  const prog = argv[0]?.split('/').pop() ?? ''
  const rest = prog === 'uvicorn' ? argv.slice(1)
    : /^python(\d(\.\d+)?)?$/.test(prog) && argv[1] === '-m' && argv[2] === 'uvicorn' ? argv.slice(3) : undefined
  if (!rest) return fail(`The container runs \`${argv.join(' ') || '(nothing)'}\`; the lab asks to start the server with uvicorn directly: ${execLine}`)
  const opts = new Map<string, string>(), positional: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!
    if (!a.startsWith('-')) { positional.push(a); continue }
    const eq = a.indexOf('=')
    if (eq > 0) opts.set(a.slice(0, eq), a.slice(eq + 1))
    else if (!a.startsWith('--')) problems.push(`uvicorn has no option ${a} (its options are long, like --port).`)
    else if (UVICORN_FLAGS.has(a)) opts.set(a, '')
    else opts.set(a, rest[++i] ?? '')
  }
  const [module, ...extra] = positional
  const [file, attr] = expected.appModule.split(':')
  if (module !== expected.appModule) {
    problems.push(!module ? `uvicorn gets no application: give it ${expected.appModule} (module ${file}, i.e. ${file}.py, and the variable ${attr} in it).`
      : module.split(':')[0] !== file ? `uvicorn is told to load ${module}, so it looks for ${module.split(':')[0]}.py and fails with: Could not import module "${module.split(':')[0]}". Your file is ${file}.py, so write ${expected.appModule}.`
        : `uvicorn is told to load ${module}, but the FastAPI object in ${file}.py is called ${attr}: write ${expected.appModule}.`)
  }
  if (extra.length) problems.push(`uvicorn gets unexpected extra arguments: ${extra.join(' ')}.`)
  const host = opts.get('--host')
  if (host === undefined) problems.push(`There is no --host, so uvicorn listens on its default 127.0.0.1: inside a container that only accepts connections from the container itself, never through the published port. Add "--host", "${expected.host}".`)
  else if (host !== expected.host) problems.push(`--host is ${host}, so uvicorn ${host === '127.0.0.1' || host === 'localhost' ? 'only accepts connections from inside the container, never through the published port' : `listens on ${host} only`}. Use "--host", "${expected.host}".`)
  const port = opts.get('--port')
  if ((port ?? '8000') !== String(expected.port)) problems.push(`uvicorn listens on port ${port ?? '8000 (its default)'} inside the container, but the lab publishes port ${expected.port}: requests reach nothing. Use "--port", "${expected.port}".`)
  return problems.length ? fail(`${problems.join(' ')} Write: ${execLine}`) : { id: 'cmd', passed: true, line: shown.line }
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
  if (!sources.some((p) => globToRegExp(p).test(appFile))) return undefined
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
    if (q) { if (c === q) q = undefined; else token = (token ?? '') + (c === '\\' && q === '"' ? script[++i] ?? '' : c); continue }
    if (c === '"' || c === "'") { q = c; token ??= ''; continue }
    if (c === '\\') { token = (token ?? '') + (script[++i] ?? ''); continue }
    if (/[;&|\n()]/.test(c)) { flush(); commands.push([]); continue }
    if (/\s/.test(c)) { flush(); continue }
    token = (token ?? '') + c
  }
  flush()
  return commands.filter((c) => c.length)
}

function pipArgs(cmd: string[]): string[] | undefined {
  const words = cmd.slice(cmd.findIndex((w) => !/^\w+=/.test(w)))
  const prog = words[0]?.split('/').pop() ?? ''
  let i = /^pip(\d(\.\d+)?)?$/.test(prog) ? 1
    : /^python(\d(\.\d+)?)?$/.test(prog) && words[1] === '-m' && /^pip\d?$/.test(words[2] ?? '') ? 3
      : prog === 'uv' && words[1] === 'pip' ? 2 : -1
  if (i < 0) return undefined
  while (words[i]?.startsWith('-')) i++
  return words[i] === 'install' ? words.slice(i + 1) : undefined
}

function requirementsOf(args: string[]): { packages: string[]; reqFiles: string[] } {
  const packages: string[] = [], reqFiles: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    const req = /^(?:-r|--requirement)(?:=|(?=.))(.+)$/.exec(a)
    if (req) reqFiles.push(req[1]!)
    else if (a === '-r' || a === '--requirement') reqFiles.push(args[++i] ?? '')
    else if (PIP_VALUE_OPTIONS.has(a)) i++
    else if (!a.startsWith('-') && !/[/\\]|\.whl$/.test(a)) {
      const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?/.exec(a)
      const name = m ? normalizePackage(m[1]!) : undefined
      if (name) packages.push(name, ...(m?.[2] ?? '').slice(1, -1).split(',').filter((e) => e.trim()).map((e) => `${name}[${e.trim().toLowerCase()}]`))
    }
  }
  return { packages, reqFiles }
}

const normalizePackage = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-')
const stripSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p)
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function lookup(files: Record<string, string>, path: string, workdir: string): string | undefined {
  const rel = path.replace(new RegExp(`^${esc(workdir)}/`), '').replace(/^\.\//, '')
  return files[path] ?? files[rel] ?? files[`./${rel}`]
}

function execForm(raw: string): string[] | undefined {
  if (!raw.startsWith('[')) return undefined
  try {
    const v: unknown = JSON.parse(raw)
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

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : esc(c))).join('')}$`)
}

function expandArgs(value: string, args: Map<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (m, a?: string, def?: string, b?: string) => args.get((a ?? b)!) || def || m)
}

function parseImage(ref: string): { name: string; tag?: string } {
  const noDigest = ref.split('@')[0]!.replace(DOCKER_HUB, '')
  const slash = noDigest.lastIndexOf('/'), colon = noDigest.lastIndexOf(':')
  const name = (colon > slash ? noDigest.slice(0, colon) : noDigest).replace(/^library\//, '').toLowerCase()
  return colon > slash ? { name, tag: noDigest.slice(colon + 1) } : { name }
}

/** The 1-based line of the last instruction with this keyword, for annotations. */
export function findInstructionLine(text: string, keyword: string): number | undefined {
  const found = DockerfileParser.parse(text).getInstructions().filter((i) => i.getKeyword() === keyword.toUpperCase()).pop()
  return found ? found.getRange().start.line + 1 : undefined
}
