import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { projectRoot, referenceDir } from './support/fixtures.js'

const autograder = path.join(projectRoot, 'classroom50', 'autograder.py')
const schema = JSON.parse(readFileSync(path.join(projectRoot, 'test', 'classroom50', 'result-v1.schema.json'), 'utf8')) as object
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema)
const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string; bin?: Record<string, string> }

/** What Classroom 50's runner gives the autograder in the environment. */
const classroomEnv = {
  CLASSROOM: 'docker-2026', ASSIGNMENT: 'tp1', ASSIGNMENT_TYPE: 'individual', OWNER: 'alice', USERNAME: 'alice',
  SUBMISSION_TAG: 'submit/2026-12-10T22-00-00Z-1c21130', COMMIT_URL: 'https://github.com/docker-2026/docker-2026-tp1-alice/commit/1c21130',
  RELEASE_URL: 'https://github.com/docker-2026/docker-2026-tp1-alice/releases/tag/submit%2F2026-12-10T22-00-00Z-1c21130',
}

const work = mkdtempSync(path.join(tmpdir(), 'tp1-classroom50-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A known grade: the golden run of shell-form-cmd, with a report question's third of a point to scale. */
function knownGrade(): Grade {
  const grade = JSON.parse(readFileSync(path.join(projectRoot, 'test', 'golden', 'shell-form-cmd.fr', 'grade.json'), 'utf8')) as Grade
  const report = grade.checks.find((c) => c.id === 'ex2.report')!
  report.points = 1.33
  report.status = 'failed'
  grade.score = Math.round(grade.checks.reduce((sum, c) => sum + c.points, 0) * 100) / 100
  return grade
}

/**
 * A stand-in for the grader's command: records how it was called, writes the given grade.json and sheet into
 * `--out`, and exits with the given code, as `tp1-docker-grader` does.
 */
function fakeGrader(name: string, outcome: { exitCode: number; grade?: Grade; sheet?: string }): string {
  const script = path.join(work, `${name}.mjs`)
  writeFileSync(script, `import { mkdirSync, writeFileSync } from 'node:fs'
const args = process.argv.slice(2)
const out = args[args.indexOf('--out') + 1]
mkdirSync(out, { recursive: true })
writeFileSync(${JSON.stringify(path.join(work, `${name}.call.json`))}, JSON.stringify({ args, cwd: process.cwd() }))
${outcome.grade ? `writeFileSync(out + '/grade.json', ${JSON.stringify(JSON.stringify(outcome.grade))})` : ''}
${outcome.sheet ? `writeFileSync(out + '/grade-sheet.md', ${JSON.stringify(outcome.sheet)})` : ''}
process.exit(${outcome.exitCode})
`)
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`
}

/** Runs autograder.py as Classroom 50's runner does: in a copy of the student's checkout, with its environment. */
function runAutograder(name: string, command: string, env: Record<string, string> = {}) {
  const checkout = path.join(work, name)
  cpSync(referenceDir('course-layout'), checkout, { recursive: true, verbatimSymlinks: true })
  // The grader's tests run with GRADER_LANG=en: the autograder's own default, French, is asked for here.
  const run = spawnSync('python3', [autograder], {
    cwd: checkout, encoding: 'utf8',
    env: { ...process.env, GRADER_LANG: '', ...classroomEnv, TP1_GRADER_COMMAND: command, ...env }, timeout: 20 * 60_000,
  })
  const read = (file: string) => (existsSync(path.join(checkout, file)) ? readFileSync(path.join(checkout, file), 'utf8') : undefined)
  const result = read('result.json')
  return { checkout, exitCode: run.status, output: `${run.stdout}${run.stderr}`, result: result === undefined ? undefined : JSON.parse(result) as Record<string, unknown>, releaseBody: read('release-body.md') }
}

describe('classroom50/autograder.py', () => {
  it("pins the grader package at this grader's version", () => {
    expect(readFileSync(autograder, 'utf8')).toMatch(new RegExp(`^GRADER_VERSION = "${packageJson.version.replace(/\./g, '\\.')}"$`, 'm'))
  })

  it('runs the grader in the checkout and writes a result.json that Classroom 50\'s schema accepts, points in hundredths', () => {
    const grade = knownGrade()
    const sheet = '#### TP1 — Docker : images, conteneurs, Compose\n\n**Note : 93.33 / 100**\n'
    const run = runAutograder('graded', fakeGrader('graded', { exitCode: 1, grade, sheet }))
    expect(run.exitCode, run.output).toBe(0)
    expect(validate(run.result), JSON.stringify(validate.errors)).toBe(true)
    const call = JSON.parse(readFileSync(path.join(work, 'graded.call.json'), 'utf8')) as { args: string[]; cwd: string }
    expect(call.cwd).toBe(run.checkout)
    expect(call.args.slice(0, 3)).toEqual(['.', '--lang', 'fr'])
    expect(call.args[3]).toBe('--out')
    // The grader writes outside the student's checkout: nothing but result.json and release-body.md is added to it.
    expect(path.relative(run.checkout, call.args[4]!).startsWith('..')).toBe(true)

    const result = run.result as { score: number; 'max-score': number; tests: { 'test-name': string; passed: boolean; score: number; 'max-score': number }[] }
    expect(result).toMatchObject({ schema: 'classroom50/result/v1', ...{ classroom: 'docker-2026', assignment: 'tp1', owner: 'alice', submission: classroomEnv.SUBMISSION_TAG, commit: classroomEnv.COMMIT_URL, release: classroomEnv.RELEASE_URL, review: classroomEnv.COMMIT_URL } })
    expect(result.tests.map((t) => t['test-name'])).toEqual(grade.checks.map((c) => `${c.id}: ${c.title}`))
    expect(result.tests.map((t) => [t.score, t['max-score']])).toEqual(grade.checks.map((c) => [Math.round(c.points * 100), Math.round(c.maxPoints * 100)]))
    expect(result.tests.find((t) => t['test-name'].startsWith('ex2.report:'))).toMatchObject({ score: 133, passed: false })
    expect(result.tests.find((t) => t['test-name'].startsWith('ex4.graceful-stop:'))).toMatchObject({ score: 0, 'max-score': 400, passed: false })
    expect(result.tests.find((t) => t['test-name'].startsWith('ex4.health:'))).toMatchObject({ score: 800, 'max-score': 800, passed: true })
    expect([result.score, result['max-score']]).toEqual([Math.round(grade.score * 100), Math.round(grade.maxScore * 100)])
    expect(run.releaseBody).toBe(sheet)
  })

  it('in English when GRADER_LANG says so', () => {
    const run = runAutograder('english', fakeGrader('english', { exitCode: 0, grade: { ...knownGrade(), language: 'en' }, sheet: 'sheet' }), { GRADER_LANG: 'en' })
    expect(run.exitCode, run.output).toBe(0)
    expect((JSON.parse(readFileSync(path.join(work, 'english.call.json'), 'utf8')) as { args: string[] }).args.slice(0, 3)).toEqual(['.', '--lang', 'en'])
  })

  const ungradedGrade: Grade = { ...knownGrade(), status: 'ungraded' }
  it.each<[string, { exitCode: number; grade?: Grade; sheet?: string }]>([
    ['the grader says ungraded (exit 3)', { exitCode: 3, grade: ungradedGrade, sheet: 'sheet' }],
    ['a wrong setting (exit 2, no grade.json)', { exitCode: 2 }],
    ['no grade.json although the grader exited 1', { exitCode: 1 }],
    ['a grade.json whose status is ungraded', { exitCode: 1, grade: ungradedGrade, sheet: 'sheet' }],
  ])('exits non-zero and writes no result.json when the run is not graded: %s', (_, outcome) => {
    const name = `ungraded-${outcome.exitCode}-${outcome.grade ? 'grade' : 'none'}`
    const run = runAutograder(name, fakeGrader(name, outcome))
    expect(run.exitCode).not.toBe(0)
    expect(run.result).toBeUndefined()
    expect(run.output).toContain('not graded')
  })

  const studentsCommand = packageJson.bin?.['tp1-docker-grader']
  it.skipIf(!studentsCommand)('grades the course-layout reference for real with the students\' command: 100 / 100 as 10000 / 10000 (skipped until package.json has the bin tp1-docker-grader)', () => {
    const run = runAutograder('real', `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(projectRoot, studentsCommand!))}`, { GRADER_LANG: 'en', TESTCONTAINERS_RYUK_DISABLED: 'true' })
    expect(run.exitCode, run.output).toBe(0)
    expect(validate(run.result), JSON.stringify(validate.errors)).toBe(true)
    expect(run.result).toMatchObject({ score: 10000, 'max-score': 10000 })
    expect(run.releaseBody).toContain('100 / 100')
  })
})

// Python's own parser on the file: a syntax error would otherwise only show in a classroom.
it('autograder.py compiles with the machine\'s Python 3', () => {
  // compile() writes no __pycache__ into the repository, as py_compile would.
  expect(() => execFileSync('python3', ['-c', 'import sys; compile(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1], "exec")', autograder], { stdio: 'pipe' })).not.toThrow()
})
