import {
  closeSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Grade, SubmissionLayout } from '../../core/grading/grade.js'

export const projectRoot = path.resolve(new URL('../..', import.meta.url).pathname)
/**
 * Where a lab's references and fixtures are: TP1's, the default lab's, in test/ (its golden files name
 * test/references/seed); every other lab's in its own folder, labs/<name>/test/, beside the lab they grade.
 */
function testDir(lab: string, kind: 'fixtures' | 'references'): string {
  return lab === 'tp1' ? path.join(projectRoot, 'test', kind) : path.join(projectRoot, 'labs', lab, 'test', kind)
}
/** The labs whose references and fixtures the grader's own tests grade: TP1, and every lab with a test/ folder. */
export function testedLabs(): string[] {
  const labsDir = path.join(projectRoot, 'labs')
  const others = readdirSync(labsDir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'tp1' && existsSync(path.join(labsDir, d.name, 'test', 'references'))).map((d) => d.name)
  return ['tp1', ...others.sort()]
}
/** What the students start from (`npm run starter`), which `npm test` grades: it loses points, and gives nothing away. */
export const starterSubmission = path.join(projectRoot, 'student-submission')

/**
 * The reference submissions under test/references/, each a hand-in that must lose no point: the seed's complete
 * hand-in (`seed`, the default) and the others (e.g. the course's own layout).
 */
export function referenceDir(name = 'seed', lab = 'tp1'): string {
  const dir = path.join(testDir(lab, 'references'), name)
  if (!existsSync(dir)) throw new Error(`no reference submission "${name}" (${path.relative(projectRoot, dir)} does not exist)`)
  return dir
}

/** The seed's complete hand-in: the reference most tests grade. */
export const referenceSubmission = referenceDir('seed')

/** Every reference, the seed first. */
export function listReferences(lab = 'tp1'): string[] {
  const names = readdirSync(testDir(lab, 'references'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
  return lab === 'tp1' ? ['seed', ...names.filter((n) => n !== 'seed').sort()] : names.sort()
}

/**
 * A fixture is a reference submission with a small known fault: the files in its folder replace or add to
 * the reference's, `remove` deletes some, `lose` lists exactly the checks it must lose, with their status
 * ("failed", "blocked", or "failed 4/5" for partial credit), and `exitCode` is what `npm test` must exit with.
 */
export interface Fixture {
  name: string
  /** The lab it is a hand-in of (GRADER_LAB), from the folder it is in. */
  lab: string
  /** Its folder. */
  dir: string
  description: string
  /** The reference it is a diff of: a folder of its lab's references ("seed", TP1's default, or e.g. "course-layout"; another lab's first by default). */
  base?: string
  remove?: string[]
  /** Files of the reference given another name (old → new), after `remove`: a name git would not hold well (control characters). */
  rename?: Record<string, string>
  /** Small files written in the fixture.json itself (path → content), so that a one-line fault is one file. */
  files?: Record<string, string>
  /**
   * Files made when the fixture is assembled, too large or too many to keep in the repository (path → how), after
   * `files`. `text`: the file is what `from` (a file of the assembled submission) holds, if given, then `text` again
   * and again, `count` times or until it reaches `megabytes`; `{n}` in `text` counts 1, 2, …. `copyOf`: `count` copies
   * of a file of the assembled submission, at the path with `{n}` numbered 1, 2, …. `link`: a symbolic link to this
   * target, as written (a loop such as ".." is made here rather than kept in the repository, where tools would walk it).
   */
  generate?: Record<string, GeneratedText | GeneratedCopies | GeneratedLink>
  /** Moves the whole reference one folder down (e.g. "TP1": a repository that holds every TP) before `remove` and the files. */
  moveInto?: string
  /** Containers of the student's own with these names, running before the run (created by the test): still there after it. */
  existingContainers?: string[]
  /** Docker networks that must exist before the run (created by the test, removed after). */
  externalNetworks?: string[]
  /** Images the fixture needs beyond the lab's, and the folder of a Dockerfile that builds each offline. */
  requiredImages?: Record<string, string>
  lose: Record<string, string>
  /** 0: no point lost; 1: points lost; 3: ungraded (see the README's exit codes). */
  exitCode: 0 | 1 | 3
  /** Environment of the grading run (e.g. shorter timeouts or smaller limits for hostile fixtures). */
  env?: Record<string, string>
  /** Host paths the submission tries to create: they must never appear. */
  hostMarkers?: string[]
  /** What the grader must say it graded (grade.json's submission.layout): the lab's folder, Dockerfile, Compose file, report. */
  layout?: Partial<SubmissionLayout>
  /**
   * Files of the machine, outside the submission, that the submission tries to read or write: the test creates each
   * (and its folder) before the run with a random secret where the content says {secret}. Each must be left as it
   * was, and the secret must appear in no output: grade.json, the grade sheet, the terminal.
   */
  canaries?: Record<string, string>
  /** Variables of the grader's own environment, set to the random secret for the run: it must appear in no output. */
  canaryEnv?: string[]
  /** Containers that are not the submission's, started before the run, each holding the secret in the file given. */
  canaryContainers?: Record<string, string>
  /** Images of the machine that the submission tries to replace: each must be the same image after the run. */
  keepImages?: string[]
  /**
   * Graded as on GitHub Actions (a job summary, annotations): the terminal output, the sheet, the job summary, the
   * annotations and the sheet's HTML must hold nothing a terminal, GitHub or a browser would act on (test/support/inert-output.ts).
   */
  githubActions?: boolean
  /** Substrings that the message, the seen or an item's seen of a check must contain. */
  expectMessages?: Record<string, string>
  /** The grading run must end within this many seconds (a hand-in built to slow the grader down). */
  maxSeconds?: number
}

export interface GeneratedText { from?: string; text: string; count?: number; megabytes?: number }
export interface GeneratedCopies { copyOf: string; count: number }
export interface GeneratedLink { link: string }

/** A lab's fixtures (TP1's by default), by name. */
export function listFixtures(lab = 'tp1'): Fixture[] {
  const fixturesDir = testDir(lab, 'fixtures')
  if (!existsSync(fixturesDir)) return []
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, lab, dir: path.join(fixturesDir, d.name), ...JSON.parse(readFileSync(path.join(fixturesDir, d.name, 'fixture.json'), 'utf8')) }) as Fixture)
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Builds the fixture's submission in a temporary folder: its reference, minus `remove`, plus the fixture's files. */
export function assembleFixture(fixture: Fixture): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), `tp1-fixture-${fixture.name}-`)), 'submission')
  cpSync(referenceDir(fixture.base ?? listReferences(fixture.lab)[0], fixture.lab), fixture.moveInto ? path.join(dir, fixture.moveInto) : dir, { recursive: true, verbatimSymlinks: true })
  for (const file of fixture.remove ?? []) {
    if (!existsSync(path.join(dir, file))) throw new Error(`fixture ${fixture.name} removes ${file}, which the reference does not have`)
    rmSync(path.join(dir, file), { recursive: true })
  }
  for (const [from, to] of Object.entries(fixture.rename ?? {})) renameSync(path.join(dir, from), path.join(dir, to))
  const own = fixture.dir
  // A fixture's link replaces the reference's file of that name (copying a link over a file fails).
  cpSync(own, dir, {
    recursive: true, verbatimSymlinks: true,
    filter: (src) => {
      if (lstatSync(src).isSymbolicLink()) rmSync(path.join(dir, path.relative(own, src)), { force: true, recursive: true })
      return path.basename(src) !== 'fixture.json'
    },
  })
  for (const [file, content] of Object.entries(fixture.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  for (const [file, how] of Object.entries(fixture.generate ?? {})) generate(dir, file, how)
  return dir
}

const MEGABYTE = 1024 * 1024

function generate(dir: string, file: string, how: GeneratedText | GeneratedCopies | GeneratedLink): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  if ('link' in how) return symlinkSync(how.link, path.join(dir, file))
  if ('copyOf' in how) {
    if (!file.includes('{n}')) throw new Error(`generate: ${file} copies ${how.copyOf} ${how.count} times, so its path needs {n}`)
    for (let n = 1; n <= how.count; n++) copyFileSync(path.join(dir, how.copyOf), path.join(dir, file.replaceAll('{n}', String(n))))
    return
  }
  if (how.count === undefined && how.megabytes === undefined) throw new Error(`generate: ${file} needs a count or a size in megabytes`)
  // Read before the file is opened: `from` may be the file itself.
  const start = how.from === undefined ? Buffer.alloc(0) : readFileSync(path.join(dir, how.from))
  const fd = openSync(path.join(dir, file), 'w')
  try {
    let size = writeSync(fd, start)
    const limit = (how.megabytes ?? Number.POSITIVE_INFINITY) * MEGABYTE
    // A text repeated up to a size is written a megabyte at a time: 60 MB in 60 writes.
    const times = how.count === undefined && !how.text.includes('{n}') ? Math.max(1, Math.floor(MEGABYTE / Math.max(1, Buffer.byteLength(how.text)))) : 1
    for (let n = 1; n <= (how.count ?? Number.POSITIVE_INFINITY) && size < limit; n += times) {
      size += writeSync(fd, times > 1 ? how.text.repeat(times) : how.text.replaceAll('{n}', String(n)))
    }
  } finally {
    closeSync(fd)
  }
}

/** The checks a grade lost, in the fixtures' notation. */
export function lostChecks(grade: Grade): Record<string, string> {
  const lost: Record<string, string> = {}
  for (const c of grade.checks) {
    // An advisory check (no points) blocked or with a note loses nothing: a fixture states only what it is about.
    if ((c.status === 'passed' && c.points === c.maxPoints) || (c.maxPoints === 0 && c.status !== 'ungraded')) continue
    lost[c.id] = c.points > 0 ? `${c.status} ${c.points}/${c.maxPoints}` : c.status
  }
  return lost
}
