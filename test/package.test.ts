import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { writeStarter } from '../starter/write-starter.js'
import { lostChecks, projectRoot, referenceDir } from './support/fixtures.js'
import { compareGolden, normalizeGrade, normalizeTerminal, renderings, runnerChatter } from './support/golden.js'
import { referenceFiles, referenceSentences, sentencesIn } from './support/reference-sentences.js'
import { leftovers, newRunId, runGrader } from './support/run-grader.js'

const run = promisify(execFile)
// Kept between runs of the suite: the grader's dependencies come from the registry once, then from here.
const npmEnv = { ...process.env, npm_config_cache: path.join(tmpdir(), 'tp1-grader-npm-cache'), npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' }

interface PackedFile { path: string }

describe('the packed grader holds no answer', () => {
  it('lists no file of test/, bench/, a reference or fixture hand-in, the starter or the class tool, and no sentence of a reference report', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: projectRoot, env: npmEnv, maxBuffer: 16 * 1024 * 1024 })
    const packed = ((JSON.parse(stdout) as Array<{ files: PackedFile[] }>)[0]!.files).map((f) => f.path)
    expect(packed).toContain('student/tp1-docker-grader.mjs')
    expect(packed).toContain('vitest.config.ts')
    const forbidden = /^(test|bench|student-submission|starter|docs|\.ci|\.github|classroom50)\/|^labs\/[^/]+\/test\/|\.test\.ts$|fixture|^core\/cli\//
    expect(packed.filter((file) => forbidden.test(file))).toEqual([])
    const digest = (file: string) => createHash('sha256').update(readFileSync(path.join(projectRoot, file))).digest('hex')
    const handIns = new Set(referenceFiles().map(digest))
    expect(packed.filter((file) => handIns.has(digest(file)))).toEqual([])
    const sentences = referenceSentences()
    for (const file of packed) expect(sentencesIn(readFileSync(path.join(projectRoot, file), 'utf8'), sentences), file).toEqual([])
  })
})

/** The installed package's command, run as a student does: no variable of the grader's, from a folder of theirs. */
async function gradeWithPackage(command: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ exitCode: number; output: string; runId: string }> {
  const runId = newRunId()
  const { SUBMISSION_DIR: _s, GRADE_DIR: _g, GRADER_LANG: _l, ...clean } = process.env
  try {
    const { stdout, stderr } = await run(command[0]!, command.slice(1), {
      cwd, maxBuffer: 64 * 1024 * 1024,
      env: { ...clean, TESTCONTAINERS_RYUK_DISABLED: 'true', NO_COLOR: '1', GRADER_RUN_ID: runId, ...env },
    })
    return { exitCode: 0, output: stdout + stderr, runId }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { exitCode: typeof e.code === 'number' ? e.code : -1, output: (e.stdout ?? '') + (e.stderr ?? ''), runId }
  }
}

function readGrade(dir: string, output: string): Grade {
  const file = path.join(dir, 'grade.json')
  if (!existsSync(file)) throw new Error(`The installed command wrote no grade.json. Its output:\n${output.slice(-5000)}`)
  return JSON.parse(readFileSync(file, 'utf8')) as Grade
}
const verdicts = (grade: Grade) => grade.checks.map((c) => ({ id: c.id, points: c.points, status: c.status }))

// One package, packed and installed once, for every run of this file (an install takes minutes).
describe('the packed grader, installed in an empty folder', () => {
  let work: string
  let bin: string
  beforeAll(async () => {
    // The package is installed under a path with spaces, accents and non-Latin letters: the labs it holds live there.
    work = mkdtempSync(path.join(tmpdir(), 'tp1 package Élodie 文档 '))
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: projectRoot, env: npmEnv })
    const tarball = path.join(work, (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename)
    const installed = path.join(work, 'installed')
    mkdirSync(installed)
    writeFileSync(path.join(installed, 'package.json'), '{ "private": true }\n')
    await run('npm', ['install', '--no-package-lock', tarball], { cwd: installed, env: npmEnv, maxBuffer: 16 * 1024 * 1024 })
    bin = path.join(installed, 'node_modules', '.bin', 'tp1-docker-grader')
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it("grades a copy of the course-layout reference, given as an argument, in a folder named like a Windows user's documents: 100/100, exit 0, the checks of npm test", async () => {
    // Spaces, accents, an apostrophe, brackets and non-Latin letters, in the student's folder and in the hand-in's.
    const student = path.join(work, 'Users', 'Élodie Dupont-Nguyễn', 'OneDrive - Université d’Évry', 'Documents')
    const handIn = path.join(student, 'TP1 Docker (copie) — 文档 Ωμέγα')
    cpSync(referenceDir('course-layout'), handIn, { recursive: true })
    const graded = await gradeWithPackage([bin, 'TP1 Docker (copie) — 文档 Ωμέγα', '--out', 'mes notes'], student)
    const grade = readGrade(path.join(student, 'mes notes'), graded.output)
    expect(lostChecks(grade), graded.output).toEqual({})
    expect(grade.score).toBe(100)
    expect(graded.exitCode, graded.output).toBe(0)
    expect(runnerChatter(graded.output, path.dirname(bin))).toEqual([])
    expect(await leftovers(graded.runId)).toEqual([])
    const reference = await runGrader(referenceDir('course-layout'))
    expect(verdicts(grade)).toEqual(verdicts(reference.grade))
  })

  it('grades another lab of the package with --lab: the example reference, 100/100, titled by its own rubric', async () => {
    const student = path.join(work, 'example hand-in')
    cpSync(referenceDir('reference', 'example'), student, { recursive: true })
    const graded = await gradeWithPackage([bin, '--lab', 'example'], student)
    const grade = readGrade(path.join(student, 'grades'), graded.output)
    expect(lostChecks(grade), graded.output).toEqual({})
    expect(grade.lab).toBe('example')
    expect(graded.exitCode, graded.output).toBe(0)
    expect(await leftovers(graded.runId)).toEqual([])
    const unknown = await gradeWithPackage([bin, '--lab', 'tp9'], student)
    expect(unknown.exitCode).toBe(2)
    expect(unknown.output).toContain('--lab tp9: unknown lab (known: example, tp1)')
  })

  it("grades the starter with its own npm test: exit 1, every blank named in the sheet, nothing given away", async () => {
    const starter = path.join(work, 'tp1 starter')
    writeStarter(starter)
    // What `npm install` gives the student: the pinned grader in node_modules (here the packed one).
    symlinkSync(path.join(work, 'installed', 'node_modules'), path.join(starter, 'node_modules'))
    const graded = await gradeWithPackage(['npm', 'test', '--silent'], starter)
    const grade = readGrade(path.join(starter, 'grades'), graded.output)
    const sheet = readFileSync(path.join(starter, 'grades', 'grade-sheet.md'), 'utf8')
    expect(graded.exitCode, graded.output).toBe(1)
    expect(grade.status).toBe('graded')
    expect(runnerChatter(graded.output, path.dirname(bin))).toEqual([])
    for (const blank of ['FROM ____', 'WORKDIR ____', 'COPY ____ ____']) expect(sheet).toContain(blank)
    expect(sentencesIn(sheet)).toEqual([])
    const golden = compareGolden('starter', {
      'grade-sheet.md': renderings(normalizeGrade(grade))['grade-sheet.md']!,
      'terminal.txt': normalizeTerminal(graded.output, { '<starter>': starter }),
    })
    for (const difference of golden) expect(difference.actual, difference.file).toBe(difference.expected)
  })
})
