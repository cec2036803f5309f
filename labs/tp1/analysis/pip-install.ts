// Extras that pull another expected package in as a dependency (fastapi[standard] requires uvicorn[standard]).
const PACKAGES_IMPLIED_BY: Record<string, string[]> = { 'fastapi[standard]': ['uvicorn'], 'fastapi[all]': ['uvicorn'] }
const PIP_OPTIONS_WITH_VALUE = new Set([
  '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-t', '--target', '-f', '--find-links', '--prefix',
  '--root', '--trusted-host', '-e', '--editable', '--cache-dir', '--timeout', '--retries', '--proxy', '--platform',
  '--python-version',
])

/** The commands a shell-form RUN runs, each as its words, as /bin/sh splits them (a heredoc's script included). */
export function shellCommands(raw: string): string[][] {
  const heredoc = /^<<-?["']?(\w+)["']?[^\n]*\n([\s\S]*?)\n\s*\1\s*$/.exec(raw)
  const script = (heredoc ? heredoc[2]! : raw).split('\n').filter((line) => !/^\s*#/.test(line)).join('\n')
  const commands: string[][] = [[]]
  let word: string | undefined
  let openQuote: string | undefined
  const endWord = () => {
    if (word !== undefined) commands[commands.length - 1]!.push(word)
    word = undefined
  }
  for (let i = 0; i < script.length; i++) {
    const char = script[i]!
    if (openQuote) {
      if (char === openQuote) openQuote = undefined
      else word = (word ?? '') + (char === '\\' && openQuote === '"' ? script[++i] ?? '' : char)
    } else if (char === '"' || char === "'") {
      openQuote = char
      word ??= ''
    } else if (char === '\\') word = (word ?? '') + (script[++i] ?? '')
    else if (/[;&|\n()]/.test(char)) {
      endWord()
      commands.push([])
    } else if (/\s/.test(char)) endWord()
    else word = (word ?? '') + char
  }
  endWord()
  return commands.filter((command) => command.length)
}

/** The arguments after `install` when the command is pip install (pip, python -m pip, uv pip), else undefined. */
export function pipInstallArgs(command: string[]): string[] | undefined {
  const words = command.slice(Math.max(0, command.findIndex((w) => !/^\w+=/.test(w)))) // after VAR=value prefixes
  const program = words[0]?.split('/').pop() ?? ''
  let i = /^pip[\d.]*$/.test(program) ? 1
    : /^python[\d.]*$/.test(program) && words[1] === '-m' && /^pip\d?$/.test(words[2] ?? '') ? 3
      : program === 'uv' && words[1] === 'pip' ? 2
        : -1
  if (i < 0) return undefined
  while (words[i]?.startsWith('-')) i++
  return words[i] === 'install' ? words.slice(i + 1) : undefined
}

/** The packages pip install's arguments name (extras as `name[extra]`), and the requirement files (-r) it reads. */
export function requirementsOf(args: string[]): { packages: string[]; files: string[] } {
  const packages: string[] = []
  const files: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const requirement = /^(?:-r|--requirement)=?(.+)$/.exec(arg)
    if (requirement) files.push(requirement[1]!)
    else if (arg === '-r' || arg === '--requirement') files.push(args[++i] ?? '')
    else if (PIP_OPTIONS_WITH_VALUE.has(arg)) i++
    else if (!arg.startsWith('-') && !/[/\\]|\.whl$/.test(arg)) packages.push(...packageOf(arg))
  }
  return { packages, files }
}

/** A requirements file's requirement lines, without comments and options. */
export function requirementLines(content: string): string[] {
  return content.split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line && !line.startsWith('-'))
}

/** Adds to `installed` the packages its extras install as dependencies. */
export function addImpliedPackages(installed: Set<string>): void {
  for (const name of [...installed]) PACKAGES_IMPLIED_BY[name]?.forEach((implied) => installed.add(implied))
}

/** A package name as pip compares them: lower case, runs of - _ . as one -. */
export const normalizePackage = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-')

/** The package a requirement names (`fastapi==0.115`), then each of its extras (`uvicorn[standard]`). */
function packageOf(requirement: string): string[] {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?/.exec(requirement)
  if (!match) return []
  const name = normalizePackage(match[1]!)
  const extras = (match[2] ?? '').split(',').filter((e) => e.trim()).map((e) => `${name}[${e.trim().toLowerCase()}]`)
  return [name, ...extras]
}
