import { DockerfileParser } from 'dockerfile-ast'
import type { Instruction } from 'dockerfile-ast'
import type { Feedback } from '../../../core/grading/verdict.js'
import type { dockerfile as dockerfileWords } from '../i18n/en/dockerfile.js'
import {
  addImpliedPackages, normalizePackage, pipInstallArgs, requirementLines, requirementsOf, shellCommands,
} from './pip-install.js'


/** The sentences of these rules, in the student's language (the catalogue's dockerfile section). */
export type DockerfileWords = typeof dockerfileWords

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
  /** How long `docker stop` waits before it kills the container: what a shell-form CMD costs. */
  stopGraceSeconds: number
}

/** One instruction of the final stage, with the working directory it runs in. */
interface Step { instruction: Instruction; keyword: string; line: number; workdir: string }

/** The Dockerfile as the rules read it. */
interface Dockerfile {
  /** The final stage's instructions, those of the stages it is built FROM included. */
  steps: Step[]
  /** The global ARGs' default values, by name. */
  args: Map<string, string>
  /** Build-context files an instruction may read (requirements.txt), by path. */
  files: Record<string, string>
  /** The directory the container runs in: that of the instruction that starts it (or of the last instruction). */
  runsIn: string
  /** The instruction as the student wrote it, for the feedback. */
  quote: (step: Step) => string
  t: DockerfileWords
}

const DOCKER_HUB = /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//
const UVICORN_FLAGS = new Set([
  '--reload', '--factory', '--proxy-headers', '--no-proxy-headers', '--access-log', '--no-access-log',
  '--use-colors', '--no-use-colors', '--server-header', '--no-server-header', '--date-header', '--no-date-header',
])
const ARG_REFERENCE = /\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g
// uvicorn's own default port (a CMD without --port), whatever port the lab publishes.
const UVICORN_DEFAULT_PORT = '8000'
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost']

/** Checks the five instructions the lab asks for; `files` holds build-context files (e.g. requirements.txt) by path. */
export function checkDockerfile(
  text: string, expected: DockerfileExpectations, words: DockerfileWords, files: Record<string, string> = {},
): DockerfileItem[] {
  const dockerfile = readDockerfile(text, files, words)
  return [
    checkFrom(dockerfile, expected),
    checkWorkdir(dockerfile, expected),
    checkCopy(dockerfile, expected),
    checkPip(dockerfile, expected),
    checkCmd(dockerfile, expected),
  ]
}

/**
 * The 1-based lines of the CMD instructions of the Dockerfile's last stage (a build stage's CMD is not the image's):
 * more than one, and Docker runs only the last (ex3.cmd-once).
 */
export function finalStageCmdLines(text: string): number[] {
  const instructions = DockerfileParser.parse(text).getInstructions()
  const finalStage = instructions.slice(instructions.map((i) => i.getKeyword()).lastIndexOf('FROM') + 1)
  return finalStage.filter((i) => i.getKeyword() === 'CMD').map((i) => i.getRange().start.line + 1)
}

/** The 1-based line of the last instruction with this keyword, for annotations. */
export function findInstructionLine(text: string, keyword: string): number | undefined {
  const instructions = DockerfileParser.parse(text).getInstructions()
  const found = last(instructions.filter((i) => i.getKeyword() === keyword.toUpperCase()))
  return found ? found.getRange().start.line + 1 : undefined
}

function readDockerfile(text: string, files: Record<string, string>, t: DockerfileWords): Dockerfile {
  const parsed = DockerfileParser.parse(text)
  const lines = text.split(/\r?\n/)
  const args = new Map(parsed.getInitialARGs().map((arg) => {
    const property = arg.getProperty()
    return [property?.getName() ?? '', property?.getValue() ?? '']
  }))
  const steps = finalStageSteps(parsed.getInstructions(), args)
  const lastLine = (step: Step) => step.instruction.getRange().end.line + 1
  const writtenAs = (step: Step) => lines.slice(step.line - 1, lastLine(step)).join('\n').trim()
  return {
    steps,
    args,
    files,
    runsIn: (startingStep(steps) ?? last(steps))?.workdir ?? '/',
    quote: (step) => t.quote(step.line, writtenAs(step)),
    t,
  }
}

/** An item of ex3.dockerfile, on the line of `step`; with feedback, it fails unless told it passes (a tip). */
function item(id: DockerfileItemId, step?: Step, feedback?: Feedback, passed = !feedback): DockerfileItem {
  return { id, passed, ...(feedback ? { feedback } : {}), ...(step ? { line: step.line } : {}) }
}

function checkFrom({ steps, args, quote, t }: Dockerfile, { baseImage }: DockerfileExpectations): DockerfileItem {
  const step = steps.find((s) => s.keyword === 'FROM')
  if (!step) return item('from', undefined, t.from.missing(baseImage))
  const reference = argumentValues(step.instruction).find((a) => !a.startsWith('--')) ?? ''
  const image = parseImage(expandArgs(reference, args))
  if (image.name !== baseImage.repository) return item('from', step, t.from.otherImage(quote(step), baseImage))
  // A tag names a Python version ("3.11-slim", "3.9") or only a variant ("slim", "latest"): the newest Python.
  const major = /^(\d+)(?:\.\d+)*(?:-|$)/.exec(image.tag ?? '')?.[1]
  if (major === undefined) {
    const named = image.tag ? `${image.name}:${image.tag}` : image.name
    return item('from', step, t.from.unpinned(named, baseImage.example), true)
  }
  if (Number(major) === baseImage.pythonMajor) return item('from', step)
  return item('from', step, t.from.otherMajor(quote(step), image.tag!, baseImage))
}

function checkWorkdir({ steps, runsIn, quote, t }: Dockerfile, expected: DockerfileExpectations): DockerfileItem {
  const start = startingStep(steps)
  const before = last(stepsOf(steps, 'WORKDIR').filter((s) => !start || s.line < start.line))
  const pinned = expected.workdir === undefined ? undefined : resolvePath('/', expected.workdir)
  if (before && argumentValues(before.instruction).every(isStatementBlank)) return item('workdir', before, t.workdir.blank(quote(before), pinned))
  if (pinned === undefined) return item('workdir', before, before ? undefined : t.workdir.missing(undefined))
  if (runsIn === pinned) return item('workdir', before)
  if (!before) return item('workdir', undefined, t.workdir.missing(pinned))
  return item('workdir', before, t.workdir.elsewhere(quote(before), runsIn, pinned))
}

function checkCopy({ steps, runsIn, quote, t }: Dockerfile, expected: DockerfileExpectations): DockerfileItem {
  const { appFile, appModule } = expected
  const copies = stepsOf(steps, 'COPY', 'ADD').filter((s) => !/\s--from=/.test(s.instruction.getTextContent()))
  const target = resolvePath(runsIn, appFile)
  const landings = copies.flatMap((step) => {
    const at = landing(step, appFile, runsIn)
    return at ? [{ step, at }] : []
  })
  const good = landings.find((l) => l.at === target)
  if (good) return item('copy', good.step, good.step.keyword === 'ADD' ? t.copy.preferCopy(appFile) : undefined, true)
  const app = { file: appFile, module: appModule.split(':')[0]!, workdir: runsIn, target }
  const [elsewhere] = landings
  if (elsewhere) {
    const { step, at } = elsewhere
    return item('copy', step, t.copy.elsewhere(quote(step), at, step.workdir === '/', app))
  }
  return item('copy', copies[0], copies.length ? t.copy.notCopied(copies.map(quote), app) : t.copy.missing(app))
}

function checkPip(dockerfile: Dockerfile, { pipPackages }: DockerfileExpectations): DockerfileItem {
  const { t } = dockerfile
  const pipSteps = stepsOf(dockerfile.steps, 'RUN').filter((step) => pipInstalls(step).length > 0)
  const { installed, unread } = packagesInstalled(pipSteps, dockerfile)
  const missing = pipPackages.filter((p) => !installed.has(normalizePackage(p)))
  if (missing.length === 0) return item('pip', pipSteps[0])
  const pipLine = `RUN pip install ${pipPackages.join(' ')}`
  if (pipSteps.length === 0) return item('pip', undefined, t.pip.missing(pipPackages, pipLine))
  return item('pip', pipSteps[0], t.pip.incomplete(pipSteps.map(dockerfile.quote), missing, unread, pipLine))
}

interface Installed { installed: Set<string>; unread: string[] }

/** What these RUN steps' pip installs install, requirement files included, and the requirement files not found. */
function packagesInstalled(pipSteps: Step[], { files, runsIn }: Dockerfile): Installed {
  const installed = new Set<string>()
  const unread: string[] = []
  const install = (args: string[]) => requirementsOf(args).packages.forEach((p) => installed.add(p))
  for (const step of pipSteps) {
    const args = pipInstalls(step).flat()
    install(args)
    for (const file of requirementsOf(args).files) {
      const content = buildContextFile(files, file, runsIn)
      if (content === undefined) unread.push(file)
      else requirementLines(content).forEach((line) => install([line]))
    }
  }
  addImpliedPackages(installed)
  return { installed, unread }
}

/** The arguments of each pip install a RUN step runs. */
const pipInstalls = (step: Step) => runCommands(step).map(pipInstallArgs).filter((args) => args !== undefined)

function checkCmd({ steps, quote, t }: Dockerfile, expected: DockerfileExpectations): DockerfileItem {
  const cmd = last(stepsOf(steps, 'CMD'))
  const entrypoint = last(stepsOf(steps, 'ENTRYPOINT'))
  const shown = cmd ?? entrypoint
  const { appModule, host, port } = expected
  const execLine = execFormLine(['uvicorn', appModule, '--host', host, '--port', String(port)])
  if (!shown) return item('cmd', undefined, t.cmd.missing(execLine))
  const written = [entrypoint, cmd].filter((s) => s !== undefined)
  const quoted = written.map(quote)
  const entrypointProblems = entrypoint ? [t.cmd.entrypoint(entrypoint.line)] : []
  const formProblems = written.flatMap((step) => notExecForm(step, expected.stopGraceSeconds, t) ?? [])
  if (formProblems.length) {
    return item('cmd', shown, t.cmd.notExecForm(quoted, [...entrypointProblems, ...formProblems], execLine))
  }
  const argv = written.flatMap((step) => execForm(argumentsContent(step)) ?? [])
  const uvicornArgs = uvicornArguments(argv)
  if (!uvicornArgs) return item('cmd', shown, t.cmd.notUvicorn(quoted, argv, execLine))
  const { options, positional, shortOptions } = parseUvicornArguments(uvicornArgs)
  const problems = [
    ...entrypointProblems,
    ...shortOptions.map((option) => t.cmd.shortOption(option)),
    ...appProblems(positional, expected.appModule, t),
    ...listenProblems(options, expected, t),
  ]
  return problems.length ? item('cmd', shown, t.cmd.wrongArguments(quoted, problems, execLine)) : item('cmd', shown)
}

/** A CMD in exec form, as the statement writes it: CMD ["a", "b"]. */
function execFormLine(argv: string[]): string {
  return `CMD [${argv.map((arg) => JSON.stringify(arg)).join(', ')}]`
}

/** Why Docker does not run this CMD or ENTRYPOINT in exec form; undefined when it does. */
function notExecForm(step: Step, stopGraceSeconds: number, t: DockerfileWords): string | undefined {
  const raw = argumentsContent(step)
  if (execForm(raw)) return undefined
  if (raw.startsWith('[') && raw.includes("'")) return t.cmd.singleQuotes(step.line, raw)
  if (raw.startsWith('[')) return t.cmd.invalidJson(step.line)
  return t.cmd.shellForm(step.line, raw, stopGraceSeconds)
}

/** uvicorn's arguments when the command starts uvicorn (`uvicorn …` or `python -m uvicorn …`), else undefined. */
function uvicornArguments(argv: string[]): string[] | undefined {
  const program = argv[0]?.split('/').pop() ?? ''
  if (program === 'uvicorn') return argv.slice(1)
  if (/^python[\d.]*$/.test(program) && argv[1] === '-m' && argv[2] === 'uvicorn') return argv.slice(3)
  return undefined
}

interface UvicornArguments {
  /** By name; a flag's value is ''. */
  options: Map<string, string>
  positional: string[]
  /** Options such as -p: uvicorn has none. */
  shortOptions: string[]
}

function parseUvicornArguments(args: string[]): UvicornArguments {
  const options = new Map<string, string>()
  const positional: string[] = []
  const shortOptions: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const equals = arg.indexOf('=')
    if (!arg.startsWith('-')) positional.push(arg)
    else if (equals > 0) options.set(arg.slice(0, equals), arg.slice(equals + 1))
    else if (!arg.startsWith('--')) shortOptions.push(arg)
    else options.set(arg, UVICORN_FLAGS.has(arg) ? '' : args[++i] ?? '')
  }
  return { options, positional, shortOptions }
}

/** What is wrong with the application uvicorn is given (`app:app`), and with any extra positional argument. */
function appProblems(positional: string[], appModule: string, t: DockerfileWords): string[] {
  const [given, ...extra] = positional
  const [file, attr] = appModule.split(':')
  const asked = given?.split(':')[0]
  const problems: string[] = []
  if (!given) problems.push(t.cmd.noApp(appModule, file, attr))
  else if (asked !== file) problems.push(t.cmd.wrongModule(given, asked, file, appModule))
  else if (given !== appModule) problems.push(t.cmd.wrongAttr(given, file, attr, appModule))
  if (extra.length) problems.push(t.cmd.extraArgs(extra))
  return problems
}

/** What is wrong with the address uvicorn listens on. */
function listenProblems(options: Map<string, string>, { host, port }: DockerfileExpectations, t: DockerfileWords): string[] {
  const problems: string[] = []
  const givenHost = options.get('--host')
  const givenPort = options.get('--port') ?? UVICORN_DEFAULT_PORT
  if (givenHost === undefined) problems.push(t.cmd.noHost(host))
  else if (givenHost !== host) problems.push(t.cmd.wrongHost(givenHost, host, LOOPBACK_HOSTS.includes(givenHost)))
  if (givenPort !== String(port)) problems.push(t.cmd.wrongPort(givenPort, port))
  return problems
}

/** The instruction that starts the container's process: the last CMD, else the last ENTRYPOINT. */
function startingStep(steps: Step[]): Step | undefined {
  return last(stepsOf(steps, 'CMD')) ?? last(stepsOf(steps, 'ENTRYPOINT'))
}

const stepsOf = (steps: Step[], ...keywords: string[]) => steps.filter((s) => keywords.includes(s.keyword))
const last = <T>(items: T[]): T | undefined => items[items.length - 1]
/** The statement's blank to fill in (`WORKDIR ____`): a valid path to Docker, but no answer. */
const isStatementBlank = (value: string) => /^_{3,}$/.test(value)

const argumentValues = (instruction: Instruction) => instruction.getArguments().map((a) => a.getValue())
const argumentsContent = (step: Step) => step.instruction.getArgumentsContent()?.trim() ?? ''

function finalStageSteps(instructions: Instruction[], args: Map<string, string>): Step[] {
  const stages: Instruction[][] = []
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') stages.push([instruction])
    else stages[stages.length - 1]?.push(instruction)
  }
  // A stage built FROM an earlier stage inherits its instructions, so walk back through the aliases.
  const chain: Instruction[][] = []
  for (let i = stages.length - 1; i >= 0;) {
    const base = expandArgs(stages[i]![0]!.getArguments()[0]?.getValue() ?? '', args).toLowerCase()
    let parent = -1
    for (let j = 0; j < i; j++) if (stageName(stages[j]!) === base) parent = j
    chain.unshift(parent < 0 ? stages[i]! : stages[i]!.slice(1))
    i = parent
  }
  let workdir = '/'
  return chain.flat().map((instruction) => {
    const keyword = instruction.getKeyword()
    if (keyword === 'WORKDIR') workdir = resolvePath(workdir, argumentValues(instruction).join(' '))
    return { instruction, keyword, line: instruction.getRange().start.line + 1, workdir }
  })
}

/** A stage's name (`FROM python:3.11-slim AS base`), in lower case. */
function stageName(stage: Instruction[]): string | undefined {
  const from = stage[0]!.getArgumentsContent() ?? ''
  return /\s+as\s+(\S+)\s*$/i.exec(from)?.[1]?.toLowerCase()
}

/** Where a COPY or ADD puts `appFile`, or undefined when it does not copy it; `runsIn`: the container's directory. */
function landing(step: Step, appFile: string, runsIn: string): string | undefined {
  const parts = execForm(argumentsContent(step)) ?? argumentValues(step.instruction)
  if (parts.length < 2) return undefined
  const destination = parts[parts.length - 1]!
  const sources = parts.slice(0, -1).map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''))
  const directory = resolvePath(step.workdir, destination)
  if (sources.some((p) => p === '' || p === '.')) return resolvePath(directory, appFile)
  if (!sources.some((source) => globPattern(source).test(appFile))) return undefined
  const intoDirectory = /\/$|^\.$/.test(destination) || sources.length > 1
    || directory === step.workdir || directory === runsIn
  return intoDirectory ? resolvePath(directory, appFile) : directory
}

/** A COPY source's wildcards (`*`, `?`) as a regular expression matching one file name. */
function globPattern(source: string): RegExp {
  const pattern = source.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : escapeRegExp(c))).join('')
  return new RegExp(`^${pattern}$`)
}

/** The commands a RUN instruction runs, each as its words. */
function runCommands(step: Step): string[][] {
  const raw = argumentsContent(step)
  const exec = execForm(raw)
  return exec ? [exec] : shellCommands(raw)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A build-context file named in the image (absolute in `workdir`, or relative), by its path in the context. */
function buildContextFile(files: Record<string, string>, path: string, workdir: string): string | undefined {
  const relative = path.replace(new RegExp(`^${escapeRegExp(workdir)}/`), '').replace(/^\.\//, '')
  return files[path] ?? files[relative] ?? files[`./${relative}`]
}

// Docker reads exec form as JSON and silently falls back to shell form when the JSON is invalid.
function execForm(raw: string): string[] | undefined {
  try {
    const value: unknown = raw.startsWith('[') ? JSON.parse(raw) : undefined
    return Array.isArray(value) && value.every((x) => typeof x === 'string') ? (value as string[]) : undefined
  } catch {
    return undefined
  }
}

function resolvePath(cwd: string, path: string): string {
  const segments: string[] = []
  for (const segment of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (segment === '..') segments.pop()
    else if (segment && segment !== '.') segments.push(segment)
  }
  return `/${segments.join('/')}`
}

/** `$NAME` and `${NAME}` (`${NAME:-default}`) replaced by the global ARGs' values. */
function expandArgs(value: string, args: Map<string, string>): string {
  return value.replace(ARG_REFERENCE, (match, braced?: string, fallback?: string, bare?: string) =>
    args.get((braced ?? bare)!) || fallback || match)
}

function parseImage(reference: string): { name: string; tag?: string } {
  const image = reference.split('@')[0]!.replace(DOCKER_HUB, '')
  const slash = image.lastIndexOf('/')
  const colon = image.lastIndexOf(':')
  const name = (colon > slash ? image.slice(0, colon) : image).replace(/^library\//, '').toLowerCase()
  return colon > slash ? { name, tag: image.slice(colon + 1) } : { name }
}
