import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { loadRun } from '../core/run/index.js'
import { labs } from '../labs/index.js'
import { parseDeadline } from '../core/cli/deadline.js'
import { gradeClass, type GradeOptions } from '../core/cli/grade-command.js'
import { parseLatePolicy } from '../core/cli/late-policy.js'
import { parseLmsOptions } from '../core/cli/lms-export.js'
import { TestRepo } from './support/git-repo.js'
import { readGradebook } from './support/grade-class-cli.js'

const { rubric, settings } = loadRun(labs)
const DEADLINE = '2026-12-10T23:59+01:00'
const max = rubric.totalPoints
const pointsOf = (id: string) => rubric.checks.find((c) => c.id === id)!.points

/** A grade.json as a grading run writes it: every check passed but those named, failed at 0. */
function gradeLosing(...lost: string[]): Grade {
  const checks = rubric.checks.map((c) => ({ id: c.id, exercise: c.exercise, title: c.title, points: lost.includes(c.id) ? 0 : c.points, maxPoints: c.points, status: lost.includes(c.id) ? ('failed' as const) : ('passed' as const), message: '' }))
  return { schemaVersion: 1, lab: 'tp1', language: 'en', submission: { path: '.' }, status: 'graded', score: checks.reduce((s, c) => s + c.points, 0), maxScore: max, startedAt: '2026-12-20T10:00:00Z', durationMs: 1, environment: { node: 'v20', grader: 'stub' }, checks }
}

/**
 * The grading run stands in for `npm test` as the batch starts it (node_modules/vitest/vitest.mjs in the grader's
 * folder, SUBMISSION_DIR and GRADE_DIR set): it writes the grade.json committed in the hand-in, or none (ungraded).
 * The commit chosen, the penalty and the LMS files are the batch's own work; one real Docker run of late work is in
 * instructor-week.test.ts.
 */
function stubGrader(root: string): string {
  const vitest = path.join(root, 'node_modules', 'vitest')
  mkdirSync(vitest, { recursive: true })
  writeFileSync(
    path.join(vitest, 'vitest.mjs'),
    `import { copyFileSync, existsSync } from 'node:fs'
import path from 'node:path'
const from = path.join(process.env.SUBMISSION_DIR, 'stub-grade.json')
if (!existsSync(from)) { console.error('stub grader: this hand-in has no grade'); process.exit(1) }
copyFileSync(from, path.join(process.env.GRADE_DIR, 'grade.json'))
`,
  )
  return root
}

const handIn = (grade: Grade | undefined) => (dir: string) => {
  rmSync(path.join(dir, 'stub-grade.json'), { force: true })
  if (grade) writeFileSync(path.join(dir, 'stub-grade.json'), JSON.stringify(grade))
}

/** Reads an LMS file as the platforms do: UTF-8 with its byte-order mark dropped, RFC 4180 quoting. */
const readCsv = (file: string): string[][] => parse(readFileSync(file, 'utf8'), { bom: true })

/**
 * A class under a late policy: on time (and committing after), late within the grace, late with a penalty, after the
 * cut-off, an extension, a hand-in tag on time and one after the deadline, an empty repository, an ungraded run.
 */
describe('tp1-grade-class under a late policy: the commit each student is graded at, the penalty, the LMS files', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-late-'))
  const out = path.join(root, 'out')
  const rosterFile = path.join(root, 'roster.csv')
  const commits: Record<string, string> = {}
  const scores = { anna: gradeLosing(), annaTp2: gradeLosing('ex4.health'), ben: gradeLosing('ex4.health'), chloe: gradeLosing(), david: gradeLosing(), emma: gradeLosing('ex5.services'), felix: gradeLosing('ex4.health', 'ex5.services'), felixAfter: gradeLosing(), ginaDraft: gradeLosing('ex4.health'), gina: gradeLosing() }
  let output = ''
  const options = (extra: Partial<GradeOptions> = {}): GradeOptions => ({
    rosterFile,
    outDir: out,
    concurrency: 2,
    timeoutSeconds: 60,
    force: false,
    onlyUngraded: false,
    deadline: parseDeadline(DEADLINE),
    late: parseLatePolicy({ grace: '15min', latePenalty: '10%/day', latePenaltyCap: '30%', cutoff: '7d' }, true)!,
    handInTag: 'tp1',
    lms: parseLmsOptions({ lms: 'moodle,canvas', scale: '20' }, max)!,
    ...extra,
  })
  const grader = { projectRoot: stubGrader(path.join(root, 'grader')), rubric, version: 'test', settings }

  /** One batch, its exit code and everything it printed. */
  async function grade(extra: Partial<GradeOptions> = {}): Promise<{ code: number; output: string }> {
    let printed = ''
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((printed += String(chunk)), true))
    try {
      const code = await gradeClass(options(extra), grader)
      return { code, output: printed }
    } finally {
      spy.mockRestore()
    }
  }

  beforeAll(async () => {
    vi.stubEnv('CI', 'true')
    const repo = (student: string) => TestRepo.init(path.join(root, `${student}.git`))
    const anna = await repo('anna')
    commits.anna = await anna.commit('TP1', '2026-12-10T21:59:00+01:00', handIn(scores.anna))
    await anna.commit('TP2 begins', '2026-12-11T23:59:00+01:00', handIn(scores.annaTp2))
    commits.ben = await (await repo('ben')).commit('TP1, just after', '2026-12-11T00:09:00+01:00', handIn(scores.ben))
    commits.chloe = await (await repo('chloe')).commit('TP1, a day late', '2026-12-12T01:59:00+01:00', handIn(scores.chloe))
    commits.david = await (await repo('david')).commit('TP1, after the cut-off', '2026-12-18T10:00:00+01:00', handIn(scores.david))
    commits.emma = await (await repo('emma')).commit('TP1, with an extension', '2026-12-12T23:00:00+01:00', handIn(scores.emma))
    const felix = await repo('felix')
    commits.felix = await felix.commit('TP1', '2026-12-10T22:59:00+01:00', handIn(scores.felix))
    await felix.tag('TP1')
    await felix.commit('after the hand-in', '2026-12-10T23:30:00+01:00', handIn(scores.felixAfter))
    const gina = await repo('gina')
    commits.ginaDraft = await gina.commit('draft', '2026-12-10T22:00:00+01:00', handIn(scores.ginaDraft))
    commits.gina = await gina.commit('TP1 done, late', '2026-12-11T01:59:00+01:00', handIn(scores.gina))
    await gina.tag('tp1')
    await repo('hugo')
    commits.ines = await (await repo('ines')).commit('TP1', '2026-12-10T20:00:00+01:00', handIn(undefined))
    const students = ['anna', 'ben', 'chloe', 'david', 'emma', 'felix', 'gina', 'hugo', 'ines']
    writeFileSync(
      rosterFile,
      'student,source,email,sis_id,deadline\n' +
        students.map((s, i) => `${s},${path.join(root, `${s}.git`)},${s}@univ.example,2100${i},${s === 'emma' ? '2026-12-13T23:59+01:00' : ''}`).join('\n') + '\n',
    )
    const first = await grade()
    expect(first.code, first.output).toBe(3)
    output = first.output
  })

  afterAll(() => {
    vi.unstubAllEnvs()
    rmSync(root, { recursive: true, force: true })
  })

  it('grades each at the commit the rule chooses, and records the rule, how late and the penalty', () => {
    const gradebook = readGradebook(out)
    const row = (student: string) => {
      const r = gradebook[student]!
      return [r.commit, r.chosen_by, r.deadline, r.late_minutes, r.penalty_percent, r.status, r.score, r.final_score, r.grade_20]
    }
    const full = String(max)
    const on20 = (points: number) => String(Math.round((points / max) * 2000) / 100)
    expect(row('anna')).toEqual([commits.anna, 'deadline', DEADLINE, '', '', 'graded', full, full, '20'])
    expect(row('ben')).toEqual([commits.ben, 'deadline', DEADLINE, '10', '0', 'graded', String(scores.ben.score), String(scores.ben.score), on20(scores.ben.score)])
    // 26 h after the deadline: two days started, −20 % of the maximum score.
    expect(row('chloe')).toEqual([commits.chloe, 'cut-off', DEADLINE, String(26 * 60), '20', 'graded', full, String(max * 0.8), '16'])
    expect(row('david')).toEqual(['', '', DEADLINE, '', '', 'missed-deadline', '', '', ''])
    expect(row('emma')).toEqual([commits.emma, 'deadline (extension)', '2026-12-13T23:59+01:00', '', '', 'graded', String(scores.emma.score), String(scores.emma.score), on20(scores.emma.score)])
    expect(row('felix')).toEqual([commits.felix, 'tag TP1', DEADLINE, '', '', 'graded', String(scores.felix.score), String(scores.felix.score), on20(scores.felix.score)])
    // The tag names a commit 2 h late, over the on-time draft: graded, one day started, −10 %.
    expect(row('gina')).toEqual([commits.gina, 'tag tp1', DEADLINE, '120', '10', 'graded', full, String(max * 0.9), '18'])
    expect(row('hugo')).toEqual(['', '', DEADLINE, '', '', 'missed-deadline', '', '', ''])
    expect(row('ines')).toEqual([commits.ines, 'deadline', DEADLINE, '', '', 'ungraded', '', '', ''])
  })

  it('never writes an empty grade into an LMS file: who has none is left out, and named beside the files', () => {
    const [moodleHeader, ...moodle] = readCsv(path.join(out, 'moodle-grades.csv'))
    expect(moodleHeader).toEqual(['Email address', 'TP1', 'Feedback: TP1'])
    expect(moodle.map((r) => r.slice(0, 2))).toEqual([
      ['anna@univ.example', '20'],
      ['ben@univ.example', String(Math.round((scores.ben.score / max) * 2000) / 100)],
      ['chloe@univ.example', '16'],
      ['emma@univ.example', String(Math.round((scores.emma.score / max) * 2000) / 100)],
      ['felix@univ.example', String(Math.round((scores.felix.score / max) * 2000) / 100)],
      ['gina@univ.example', '18'],
    ])
    const [, , ...canvas] = readCsv(path.join(out, 'canvas-grades.csv'))
    expect(canvas.map((r) => r.at(-1))).toEqual(moodle.map((r) => r[1]))
    for (const grade of [...moodle.map((r) => r[1]), ...canvas.map((r) => r.at(-1))]) expect(grade).toMatch(/^\d+(\.\d+)?$/)
    expect(readCsv(path.join(out, 'lms-left-out.csv'))).toEqual([
      ['student', 'file', 'why'],
      ...['david', 'hugo'].flatMap((s) => ['canvas-grades.csv', 'moodle-grades.csv'].map((file) => [s, file, `nothing at or before the deadline ${DEADLINE} nor the cut-off 2026-12-17T22:59Z: no grade to import (a blank would erase the one in the LMS); --missed-grade 0 writes one`])),
      ...['canvas-grades.csv', 'moodle-grades.csv'].map((file) => ['ines', file, 'ungraded: re-run it with --only-ungraded, then export again']),
    ])
  })

  it('tells each student in the LMS feedback and on the grade sheet how late the hand-in was and what it cost', () => {
    const feedback = Object.fromEntries(readCsv(path.join(out, 'moodle-grades.csv')).slice(1).map((r) => [r[0]!.split('@')[0]!, r[2]!]))
    expect(feedback.chloe).toBe(`Handed in 1 d 2 h after the deadline (${DEADLINE}): late penalty −20 % of the maximum score, ${max} / ${max} becomes ${max * 0.8} / ${max}. TP1 — Docker: images, containers, Compose: ${max * 0.8} / ${max}, that is 16 / 20. Every automatic point earned.`)
    expect(feedback.ben).toMatch(new RegExp(`^Handed in 10 min after the deadline \\(${DEADLINE.replace('+', '\\+')}\\), within the grace period: no penalty\\. TP1`))
    expect(feedback.gina).toMatch(/^Graded at your tag tp1 \(commit of 2026-12-11T01:59:00\+01:00\)\. Handed in 2 h after the deadline .*: late penalty −10 % of the maximum score/)
    expect(feedback.emma).toMatch(/^Your deadline: 2026-12-13T23:59\+01:00 \(an extension\)\. TP1/)
    expect(feedback.anna).toMatch(/^TP1 — Docker/)
    const sheet = readFileSync(path.join(out, 'students', 'chloe', 'grade-sheet.md'), 'utf8')
    expect(sheet.split('\n\n').slice(1, 3)).toEqual([`**Score: ${max} / ${max}** · Status: graded`, `> **Hand-in.** Handed in 1 d 2 h after the deadline (${DEADLINE}): late penalty −20 % of the maximum score, ${max} / ${max} becomes ${max * 0.8} / ${max}.`])
    expect(readFileSync(path.join(out, 'students', 'chloe', 'grade-sheet.html'), 'utf8')).toContain('late penalty −20 % of the maximum score')
    expect(readFileSync(path.join(out, 'students', 'anna', 'grade-sheet.md'), 'utf8')).not.toContain('Hand-in.')
    const report = readFileSync(path.join(out, 'class-report.md'), 'utf8')
    expect(report).toContain(`| chloe | graded, late 1 d 2 h, −20 % | ${max * 0.8} / ${max} (${max} before the late penalty) |`)
    expect(report).toContain('9 students · 6 graded · 3 late · 1 ungraded · 2 missed the deadline')
  })

  it('closes with the late policy it applied, the missed deadlines, and who is not in each LMS file and why', () => {
    expect(output).toContain('Late work: grace 15 min; −10 % of the maximum score per day started after the deadline, at most −30 %; nothing accepted 7d after the deadline; nothing on time: the last commit before the cut-off, penalised\n')
    expect(output).toContain('Hand-in tag tp1 (any case): a matching tag before the cut-off is graded, else the deadline rule\n')
    expect(output).toContain('graded 6 · skipped 0 · manual points merged 0 · ungraded 1 · missed the deadline 2\n')
    expect(output).toContain(
      'Nothing at or before the deadline — not zeros, not ungraded (no grade; a roster ref grades the commit it names):\n' +
        `  david: latest commit 2026-12-18T10:00:00+01:00 (deadline ${DEADLINE}, cut-off 2026-12-17T22:59Z)\n` +
        `  hugo: no commit at all (deadline ${DEADLINE}, cut-off 2026-12-17T22:59Z)\n`,
    )
    const notIn = (name: string) =>
      `${name} import: ${path.join(out, `${name.toLowerCase()}-grades.csv`)} (6 students)\n  not in it (3):\n` +
      `    david: nothing at or before the deadline ${DEADLINE} nor the cut-off 2026-12-17T22:59Z: no grade to import (a blank would erase the one in the LMS); --missed-grade 0 writes one\n` +
      `    hugo: nothing at or before the deadline ${DEADLINE} nor the cut-off 2026-12-17T22:59Z: no grade to import (a blank would erase the one in the LMS); --missed-grade 0 writes one\n` +
      '    ines: ungraded: re-run it with --only-ungraded, then export again\n'
    expect(output).toContain(notIn('Moodle') + notIn('Canvas') + `Left out of the LMS files, and why: ${path.join(out, 'lms-left-out.csv')}\n`)
  })

  it('writes the grade the instructor chose for no hand-in, on the next run, with nothing graded again', async () => {
    const again = await grade({ lms: parseLmsOptions({ lms: 'moodle,canvas', scale: '20', missedGrade: '0' }, max)! })
    expect(again.code, again.output).toBe(3)
    expect(again.output).toContain('graded 0 · skipped 6 · manual points merged 0 · ungraded 1 · missed the deadline 2\n')
    const moodle = readCsv(path.join(out, 'moodle-grades.csv'))
    expect(moodle.filter((r) => ['david@univ.example', 'hugo@univ.example'].includes(r[0]!)).map((r) => r.slice(0, 2))).toEqual([['david@univ.example', '0'], ['hugo@univ.example', '0']])
    expect(moodle.find((r) => r[0] === 'hugo@univ.example')![2]).toBe(`Nothing was committed at or before the deadline (${DEADLINE}) nor before the late cut-off (2026-12-17T22:59Z). Grade for no hand-in: 0 / 20.`)
    expect(again.output).toContain('  the grade chosen for no hand-in (--missed-grade): david, hugo\n')
    expect(readCsv(path.join(out, 'lms-left-out.csv')).map((r) => r[0])).toEqual(['student', 'ines', 'ines'])
    for (const grade of moodle.slice(1).map((r) => r[1])) expect(grade).toMatch(/^\d+(\.\d+)?$/)
  })

  it('judges the same commits again under a new policy without grading them again: the penalty follows', async () => {
    const stricter = await grade({ late: parseLatePolicy({ latePenalty: '5%/hour', cutoff: '7d' }, true)! })
    expect(stricter.output).toContain('graded 0 · skipped 6')
    const gradebook = readGradebook(out)
    // Ben's 10 minutes are no longer within a grace: one hour started, −5 %; Chloe's 26 hours cost the whole score.
    expect([gradebook.ben!.penalty_percent, gradebook.ben!.final_score]).toEqual(['5', String(scores.ben.score - max * 0.05)])
    expect([gradebook.chloe!.penalty_percent, gradebook.chloe!.final_score, gradebook.chloe!.grade_20]).toEqual(['100', '0', '0'])
    expect(readFileSync(path.join(out, 'students', 'chloe', 'grade-sheet.md'), 'utf8')).toContain('late penalty −100 % of the maximum score')
    expect(existsSync(path.join(out, 'students', 'david'))).toBe(false)
  })
})
