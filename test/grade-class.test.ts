import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assembleFixture, listFixtures, referenceSubmission } from './support/fixtures.js'
import { fullScore, gradeClassCli, lostPoints, readGradebook, readManifest } from './support/grade-class-cli.js'

const run = promisify(execFile)

describe('tp1-grade-class grades a class of four', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-class-'))
  const classDir = path.join(root, 'class')
  const roster = path.join(root, 'roster.csv')
  const out = path.join(root, 'out')
  const fixtures = Object.fromEntries(listFixtures().map((f) => [f.name, f]))
  const expected: Record<string, number> = {}
  let daveCommit = ''
  const selection = () => ['--submissions', classDir, '--roster', roster, '--concurrency', '1']

  beforeAll(async () => {
    mkdirSync(classDir)
    cpSync(referenceSubmission, path.join(classDir, 'alice'), { recursive: true })
    for (const [student, name] of [['bob', 'wrong-health-body'], ['carol', 'missing-depends-on']] as const) {
      const fixture = fixtures[name]!
      const assembled = assembleFixture(fixture)
      cpSync(assembled, path.join(classDir, student), { recursive: true })
      rmSync(path.dirname(assembled), { recursive: true, force: true })
      expected[student] = fullScore - lostPoints(fixture)
    }
    const repo = path.join(root, 'dave-repo')
    cpSync(referenceSubmission, repo, { recursive: true })
    const git = (...args: string[]) => run('git', ['-C', repo, '-c', 'user.name=Dave', '-c', 'user.email=dave@example.org', ...args])
    await git('init', '--quiet')
    await git('add', '.')
    await git('commit', '--quiet', '-m', 'TP1')
    daveCommit = (await git('rev-parse', 'HEAD')).stdout.trim()
    writeFileSync(roster, `student,source,ref\ndave,file://${repo},\n`)
    Object.assign(expected, { alice: fullScore, dave: fullScore })
  })

  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('grades every student in a run of their own: one gradebook row each, the right scores, the git commit recorded', async () => {
    const result = await gradeClassCli('grade', ...selection(), '--out', out)
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('graded 4 · skipped 0')
    const gradebook = readGradebook(out)
    expect(Object.keys(gradebook)).toEqual(['alice', 'bob', 'carol', 'dave'])
    for (const [student, score] of Object.entries(expected)) expect([student, gradebook[student]!.status, Number(gradebook[student]!.score)]).toEqual([student, 'graded', score])
    expect(gradebook.bob!['ex4.health']).toBe('0')
    expect(gradebook.carol!['ex5.services']).toBe('2')
    expect(gradebook.dave!.commit).toBe(daveCommit)
    expect(Number(gradebook.alice!.grade_20)).toBe(20)
    for (const student of Object.keys(expected)) {
      expect(existsSync(path.join(out, 'students', student, 'grade-sheet.md'))).toBe(true)
      expect(JSON.parse(readFileSync(path.join(out, 'students', student, 'grade.json'), 'utf8')).score).toBe(expected[student])
    }
    expect(readFileSync(path.join(out, 'class-report.md'), 'utf8')).toContain('![Score distribution](score-distribution.svg)')
    expect(readFileSync(path.join(out, 'score-distribution.svg'), 'utf8')).toContain('<svg')
    expect(readFileSync(path.join(out, 'class-report.html'), 'utf8')).toContain('<svg')
  })

  it('a second run resumes: every submission skipped, no grader run', async () => {
    const before = readManifest(out)
    const result = await gradeClassCli('grade', ...selection(), '--out', out)
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('graded 0 · skipped 4')
    expect(result.ms).toBeLessThan(20_000)
    expect(readManifest(out)).toEqual(before)
  })

  it('--shard 1/2 and 2/2 grade disjoint slices covering the class, and merge reproduces the gradebook', async () => {
    const shards = [path.join(root, 'shard-1'), path.join(root, 'shard-2')]
    for (const [i, shardOut] of shards.entries()) {
      const result = await gradeClassCli('grade', ...selection(), '--shard', `${i + 1}/2`, '--out', shardOut)
      expect(result.code, result.output).toBe(0)
    }
    const slices = shards.map((s) => Object.keys(readManifest(s).students))
    expect(slices).toEqual([['alice', 'carol'], ['bob', 'dave']])
    const merged = path.join(root, 'merged')
    const result = await gradeClassCli('merge', '--out', merged, ...shards)
    expect(result.code, result.output).toBe(0)
    expect(readFileSync(path.join(merged, 'gradebook.csv'), 'utf8')).toBe(readFileSync(path.join(out, 'gradebook.csv'), 'utf8'))
    expect(readFileSync(path.join(merged, 'class-report.html'), 'utf8')).toContain('<svg')
  })

  it('--force grades again what was already graded', async () => {
    const shardOut = path.join(root, 'shard-1')
    const before = readManifest(shardOut)
    const result = await gradeClassCli('grade', ...selection(), '--shard', '1/2', '--out', shardOut, '--force')
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('graded 2 · skipped 0')
    const after = readManifest(shardOut)
    for (const student of ['alice', 'carol']) expect(after.students[student]!.gradedAt).not.toBe(before.students[student]!.gradedAt)
  })

  it('a run killed by the time limit is ungraded, not 0, and --only-ungraded grades it alone', async () => {
    cpSync(referenceSubmission, path.join(classDir, 'dora'), { recursive: true })
    const killed = await gradeClassCli('grade', ...selection(), '--out', out, '--timeout', '1')
    expect(killed.code, killed.output).toBe(3)
    expect(killed.output).toContain('graded 0 · skipped 4 · manual points merged 0 · ungraded 1')
    const dora = readGradebook(out).dora!
    expect(dora).toMatchObject({ status: 'ungraded', score: '', grade_20: '' })
    expect(readFileSync(path.join(out, 'class-report.md'), 'utf8')).toMatch(/## Ungraded — not zeros[\s\S]*\*\*dora\*\*/)

    const rerun = await gradeClassCli('grade', ...selection(), '--out', out, '--only-ungraded')
    expect(rerun.code, rerun.output).toBe(0)
    expect(rerun.output).toMatch(/^Grading 1 submission \(only the ungraded\)/m)
    expect(rerun.output).toContain('graded 1 · skipped 0 · manual points merged 0 · ungraded 0')
    const gradebook = readGradebook(out)
    expect(gradebook.dora).toMatchObject({ status: 'graded', score: String(fullScore) })
    expect(Object.keys(gradebook)).toEqual(['alice', 'bob', 'carol', 'dave', 'dora'])
  })
})
