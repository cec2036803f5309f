import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

// The layers of .dependency-cruiser.cjs, and the rule that every setting is read in one place (core/rubric/settings.ts):
// both shown to hold on the tree, and the layer rules shown to fail on an import that breaks them.
const root = path.resolve(import.meta.dirname, '..')
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise')

/** depcruise on these files with the project's rules: its exit code and what it printed. */
function cruise(...files: string[]): { code: number; output: string } {
  try {
    const output = execFileSync(depcruise, ['--config', '.dependency-cruiser.cjs', ...files], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    return { code: 0, output }
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string }
    return { code: e.status, output: `${e.stdout}${e.stderr}` }
  }
}

/** The grader's own source files: its tests, fixtures and benchmark (tools around it) left out. */
function sourceFiles(dir = root, relative = ''): string[] {
  return readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(relative, entry.name)
    if (entry.isDirectory()) return ['node_modules', 'test', 'bench', '.git', 'grades', 'student-submission', 'docs'].includes(file) ? [] : sourceFiles(dir, file)
    return /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [file] : []
  })
}

describe('the layers (npm run lint:deps)', () => {
  const made: string[] = []
  /** A file written into the tree for one test, removed after it. */
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
    made.push(file)
    return file
  }
  afterEach(() => {
    for (const file of made.splice(0)) rmSync(path.join(root, file), { force: true })
    rmSync(path.join(root, 'labs', 'zz-probe'), { recursive: true, force: true })
  })

  it('hold on the tree as it is', () => {
    const { code, output } = cruise('core', 'labs', 'reporters', 'starter', 'student', 'bench', 'test', 'vitest.config.ts')
    expect(output).toContain('no dependency violations found')
    expect(code).toBe(0)
  })

  it('refuse an analysis that reaches up to the session, and a lab object that loads the run', () => {
    const analysis = write('core/analysis/zz-layer-probe.ts', "import type { Provided } from '../checks/check.js'\nexport type Probe = Provided\n")
    const lab = write('core/lab/zz-layer-probe.ts', "import { loadRun } from '../run/index.js'\nexport const probe = loadRun\n")
    const { code, output } = cruise(analysis, lab)
    expect(code).not.toBe(0)
    expect(output).toContain('analysis-is-pure')
    expect(output).toContain('lab-objects-below-the-catalogue')
  })

  it('refuse an analysis that loads a catalogue, but not one that names the type of its words', () => {
    const loads = write('core/analysis/zz-layer-probe.ts', "import { catalogue } from '../i18n/index.js'\nexport const probe = catalogue\n")
    expect(cruise(loads).output).toContain('analysis-takes-its-words')
    const names = write('core/analysis/zz-layer-probe-type.ts', "import type { Catalogue } from '../i18n/index.js'\nexport type Probe = Catalogue\n")
    expect(cruise(names).output).not.toContain('analysis-takes-its-words')
  })

  it('refuse a core module or a reporter that names a lab, even the lab list', () => {
    const reporter = write('reporters/zz-layer-probe.ts', "import type { Tp1Rubric } from '../labs/tp1/expected.js'\nexport type Probe = Tp1Rubric\n")
    const lab = write('core/lab/zz-layer-probe.ts', "import { lab } from '../../labs/tp1/lab.js'\nexport const probe = lab\n")
    const { code, output } = cruise(reporter, lab)
    expect(code).not.toBe(0)
    expect(output.match(/the-core-knows-no-lab/g)).toHaveLength(2)
    const list = write('core/run/zz-layer-probe.ts', "export const probe = async () => (await import('../../labs/index.js')).labs\n")
    expect(cruise(list).output).toContain('the-core-knows-no-lab')
  })

  it('refuse a lab that reaches another lab, the reporters or a tool, and a lab analysis that starts a container', () => {
    const other = write('labs/zz-probe/lab.ts', "import { lab } from '../tp1/lab.js'\nexport const probe = lab\n")
    const reporter = write('labs/zz-probe/words.ts', "import { UNGRADED_EXIT_CODE } from '../../reporters/grade-reporter.js'\nexport const probe = UNGRADED_EXIT_CODE\n")
    const analysis = write('labs/zz-probe/analysis/probe.ts', "import { DockerEngine } from '../../../core/lab/docker-engine.js'\nexport const probe = DockerEngine\n")
    const { code, output } = cruise(other, reporter, analysis)
    expect(code).not.toBe(0)
    expect(output).toContain('a-lab-knows-no-other-lab')
    expect(output).toContain('a-lab-is-graded-by-the-core')
    expect(output).toContain('a-lab-analysis-is-pure')
  })

  it('refuse an import cycle, even of types only', () => {
    const a = write('core/grading/zz-cycle-a.ts', "import type { B } from './zz-cycle-b.js'\nexport type A = { b?: B }\n")
    const b = write('core/grading/zz-cycle-b.ts', "import type { A } from './zz-cycle-a.js'\nexport type B = { a?: A }\n")
    const { code, output } = cruise(a, b)
    expect(code).not.toBe(0)
    expect(output).toContain('no-circular')
  })
})

describe('the settings', () => {
  it('are read from the environment in core/rubric/settings.ts alone: elsewhere, the environment is only written (the students\' launcher sets the run it starts)', () => {
    const readers = sourceFiles().filter((file) => file !== 'core/rubric/settings.ts').flatMap((file) =>
      readFileSync(path.join(root, file), 'utf8').split('\n').flatMap((line, index) =>
        /process\.env\b/.test(line) && !/process\.env\.[A-Z_]+ = /.test(line) && !/^\s*(\/\/|\*)/.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []))
    expect(readers).toEqual([])
  })

  it('are loaded by no module as it is imported: no module-level loadRun() outside the entry points', () => {
    const entryPoints = new Set(['vitest.config.ts', 'instructor/tp1-grade-class.mjs'])
    const atModuleLevel = sourceFiles().filter((file) => !entryPoints.has(file)).flatMap((file) =>
      readFileSync(path.join(root, file), 'utf8').split('\n').flatMap((line, index) =>
        /^(const|let|var|export const)\b.*\b(loadRun|labRun|currentRun|readSettings)\(/.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []))
    expect(atModuleLevel).toEqual([])
    expect(sourceFiles().filter((file) => /\bcurrentRun\b/.test(readFileSync(path.join(root, file), 'utf8')))).toEqual([])
  })
})

// A shallow clone has no history to read (its first commit holds the whole tree): the check needs the grader's history.
const shallow = execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: root, encoding: 'utf8' }).trim() === 'true'

describe('a second lab', () => {
  it.skipIf(shallow)('was added without changing a line of the core: the commit that brought labs/example/ touches only it and the lab list', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
    // The grader's own history (CI grades a full clone); the first commit that added the example's lab definition.
    const added = git('log', '--diff-filter=A', '--format=%H', '--', 'labs/example/lab.ts').split('\n').filter(Boolean).at(-1)
    expect(added, 'the commit that added labs/example/lab.ts').toMatch(/^[0-9a-f]{40}$/)
    const touched = git('show', '--name-only', '--format=', added!).split('\n').filter(Boolean)
    expect(touched).toContain('labs/example/lab.ts')
    expect(touched.filter((file) => !file.startsWith('labs/example/') && file !== 'labs/index.ts')).toEqual([])
  })
})
