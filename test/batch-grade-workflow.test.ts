import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { rubricDigest, type Manifest } from '../core/cli/manifest.js'
import { inShard } from '../core/cli/shard.js'
import { loadRun } from '../core/run/index.js'
import { labs } from '../labs/index.js'
import { projectRoot } from './support/fixtures.js'
import { readGoldenGrade } from './support/golden.js'
import { WorkflowJob } from './support/workflow-job.js'

const { rubric } = loadRun(labs)
const workflow = path.join(projectRoot, '.github', 'workflows', 'batch-grade.yml')
const STUDENTS = ['alice', 'bob', 'carol', 'dan']
const SHARDS = 2

/**
 * The merge job's workspace once its checkout, install and artifact download have run: this working tree (its
 * files linked), the roster, and class-grades/shard-<i>/ as each grading job uploaded it (grades made of golden ones).
 */
function mergeWorkspace() {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-batch-workflow-'))
  const workspace = path.join(root, 'work')
  mkdirSync(workspace)
  for (const name of readdirSync(projectRoot)) if (!['class-grades', '.git'].includes(name)) symlinkSync(path.join(projectRoot, name), path.join(workspace, name))
  writeFileSync(path.join(workspace, 'roster.csv'), `student,source,email\n${STUDENTS.map((s) => `${s},https://github.com/univ/tp1-${s}.git,${s}@univ.example`).join('\n')}\n`)
  const grade = readGoldenGrade('reference.fr')
  for (let index = 1; index <= SHARDS; index++) {
    const out = path.join(workspace, 'class-grades', `shard-${index}`)
    const manifest: Manifest = { schemaVersion: 1, shard: { index, count: SHARDS }, students: {} }
    for (const { student } of inShard(STUDENTS.map((student) => ({ student })), { index, count: SHARDS })) {
      mkdirSync(path.join(out, 'students', student), { recursive: true })
      writeFileSync(path.join(out, 'students', student, 'grade.json'), JSON.stringify(grade))
      manifest.students[student] = {
        student, source: { kind: 'git', url: `https://github.com/univ/tp1-${student}.git` }, identity: { email: `${student}@univ.example` }, commit: 'a'.repeat(40), revision: 'a'.repeat(40),
        rubricDigest: rubricDigest(rubric), status: 'graded', score: grade.score, gradedAt: '2026-12-11T08:00:00.000Z', durationMs: 1000,
      }
    }
    writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest))
  }
  return { root, workspace }
}

const contexts = { 'vars.GRADER_LANG': 'en', 'matrix.shard': '1', 'github.event.repository.visibility': 'private' }

describe('batch-grade.yml, its steps run as Actions runs them', () => {
  const roots: string[] = []
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })))

  it("the merge fails, naming them, when a shard's results are missing: its slice and its students", async () => {
    const { root, workspace } = mergeWorkspace()
    roots.push(root)
    rmSync(path.join(workspace, 'class-grades', 'shard-2'), { recursive: true })
    const job = new WorkflowJob(workflow, 'merge', workspace, { inputs: { lms: 'moodle' }, contexts })
    const merge = await job.run('merge')
    expect(merge.exitCode).not.toBe(0)
    const lost = inShard(STUDENTS.map((student) => ({ student })), { index: 2, count: SHARDS }).map((s) => s.student)
    expect(merge.output).toContain('MISSING: no results for shard 2/2')
    expect(merge.output).toContain(`MISSING: ${lost.length} roster students are in no shard, so not graded: ${lost.join(', ')}.`)
    // What the other shard graded is still there, and no file names the missing students with a blank grade.
    const moodle = readFileSync(path.join(workspace, 'class-grades', 'merged', 'moodle-grades.csv'), 'utf8')
    for (const student of STUDENTS) expect(moodle.includes(`${student}@univ.example`), student).toBe(!lost.includes(student))
    expect(job.summary()).toContain('**Missing:** the results of shard 2/2.')
  })

  it('the merge of every shard passes, and its job summary has no link (nor any name or score)', async () => {
    const { root, workspace } = mergeWorkspace()
    roots.push(root)
    const job = new WorkflowJob(workflow, 'merge', workspace, { inputs: { lms: 'moodle,canvas' }, contexts })
    const merge = await job.run('merge')
    expect(merge.exitCode, merge.output).toBe(0)
    const summary = job.summary()
    expect(summary).toContain(`${STUDENTS.length} students: ${STUDENTS.length} graded, 0 ungraded.`)
    expect(summary).not.toMatch(/\]\(|href=|src=|<img/)
    for (const student of STUDENTS) expect(summary).not.toContain(student)
  })

  it('the merge with no shard folder at all says every grading job failed', async () => {
    const { root, workspace } = mergeWorkspace()
    roots.push(root)
    rmSync(path.join(workspace, 'class-grades'), { recursive: true })
    const merge = await new WorkflowJob(workflow, 'merge', workspace, { contexts }).run('merge')
    expect(merge.exitCode).toBe(1)
    expect(merge.commands).toEqual(['::error title=No results::No shard uploaded its results: every grading job failed. Read their logs.'])
  })

  it('stops in a public repository unless allow-public-repository accepts it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tp1-batch-workflow-'))
    roots.push(root)
    const visibility = (repository: string, inputs: Record<string, string> = {}) =>
      new WorkflowJob(workflow, 'plan', root, { inputs, contexts: { 'github.event.repository.visibility': repository } }).run('visibility')
    const refused = await visibility('public')
    expect(refused.exitCode).toBe(1)
    expect(refused.commands).toEqual([expect.stringMatching(/^::error title=Public repository::This repository is public: its workflow artifacts .* can be read by anyone signed in to GitHub\./)])
    expect((await visibility('')).exitCode).toBe(1)
    const accepted = await visibility('public', { 'allow-public-repository': 'true' })
    expect(accepted.exitCode).toBe(0)
    expect(accepted.commands).toEqual([expect.stringMatching(/^::warning title=Public repository::/)])
    for (const kind of ['private', 'internal']) expect(await visibility(kind)).toMatchObject({ exitCode: 0, commands: [] })
  })

  it("grades each repository's default branch unless ref is given, and passes the late policy, the template and the review sheet on", async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tp1-batch-workflow-'))
    roots.push(root)
    // npx stands in for the grading: it records the options it was given.
    const bin = path.join(root, 'bin')
    mkdirSync(bin)
    writeFileSync(path.join(bin, 'npx'), '#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$ARGS_FILE"\n')
    chmodSync(path.join(bin, 'npx'), 0o755)
    const argsFile = path.join(root, 'args')
    const gradeArgs = async (inputs: Record<string, string>) => {
      const step = await new WorkflowJob(workflow, 'grade', root, { inputs, contexts, env: { PATH: `${bin}:${process.env.PATH}`, ARGS_FILE: argsFile } }).run('grade')
      expect(step.exitCode, step.output).toBe(0)
      return readFileSync(argsFile, 'utf8').trim().split('\n')
    }
    expect(await gradeArgs({})).toEqual(['tp1-grade-class', 'grade', '--roster', 'roster.csv', '--shard', '1/4', '--out', 'class-grades/shard-1'])
    expect(await gradeArgs({
      ref: 'master', deadline: '2026-12-10T23:59+01:00', 'hand-in-tag': 'tp1', grace: '15min', 'late-penalty': '10%/day', 'late-penalty-cap': '50%', cutoff: '7d',
      'repo-template': 'https://github.com/univ/tp1-{github}', 'review-sheet': 'reviews/review-sheet.csv',
    })).toEqual([
      'tp1-grade-class', 'grade', '--roster', 'roster.csv', '--shard', '1/4', '--out', 'class-grades/shard-1',
      '--repo-template', 'https://github.com/univ/tp1-{github}', '--ref', 'master', '--deadline', '2026-12-10T23:59+01:00', '--hand-in-tag', 'tp1',
      '--grace', '15min', '--late-penalty', '10%/day', '--late-penalty-cap', '50%', '--cutoff', '7d', '--review-sheet', 'reviews/review-sheet.csv',
    ])
  })
})
