import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'csv-parse/sync'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assembleFixture, listFixtures, referenceSubmission } from './support/fixtures.js'
import { TestRepo } from './support/git-repo.js'
import { fullScore, gradeClassCli, lostPoints, readGradebook, readManifest } from './support/grade-class-cli.js'

/** Debian's chromium package, which .ci/run installs: a missing browser fails the test, it is never skipped. */
const CHROMIUM = '/usr/bin/chromium'
const DEADLINE = '2026-12-10T23:59+01:00'
const LATE_POLICY = ['--grace', '15min', '--late-penalty', '10%/day', '--cutoff', '36h']

/** Replaces everything but .git in a repository's folder with the files of `from` (in `into`, a subfolder, if given). */
function replaceFiles(repo: string, from: string, into = ''): void {
  for (const name of readdirSync(repo)) if (name !== '.git') rmSync(path.join(repo, name), { recursive: true, force: true })
  cpSync(from, path.join(repo, into), { recursive: true })
}

/** Reads an LMS file as the platforms do: UTF-8 with its byte-order mark dropped, RFC 4180 quoting. */
function readLmsFile(file: string): string[][] {
  const text = readFileSync(file, 'utf8')
  expect(text.startsWith('\uFEFF'), `${file} starts with UTF-8's byte-order mark`).toBe(true)
  return parse(text, { bom: true })
}

/**
 * The instructor's week on a class of git repositories made here: alice fixed her work after the deadline, bob
 * committed everything after the late cut-off, carol keeps the lab in TP1/ and handed it in 10 hours late. Three
 * grading runs in all: alice and carol (late, penalised), then alice again with --only.
 */
describe('tp1-grade-class from a roster to the LMS: a deadline, late work, Moodle and Canvas files, who failed what, --only', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-week-'))
  const out = path.join(root, 'out')
  const rosterFile = path.join(root, 'roster.csv')
  const wrongBody = listFixtures().find((f) => f.name === 'wrong-health-body')!
  const commits: Record<string, string> = {}
  let aliceRepo: TestRepo
  let first = { code: -1, output: '' }
  const roster = (aliceRef = '') =>
    'student,source,ref,path,name,email,sis_id,sis_login_id,canvas_id,section\n' +
    `alice,${aliceRepo.url},${aliceRef},,"Martin, Alice",alice@univ.example,21001,amartin,,G1\n` +
    `bob,${path.join(root, 'bob')}.git,,,"Durand, Bob",bob@univ.example,21002,,,G1\n` +
    `carol,${path.join(root, 'carol')}.git,,TP1/,"Petit, Carol",,=21003,,,G2\n`

  beforeAll(async () => {
    aliceRepo = await TestRepo.init(path.join(root, 'alice'))
    const assembled = assembleFixture(wrongBody)
    commits.aliceDue = await aliceRepo.commit('TP1', '2026-12-10T21:30:00+01:00', (dir) => replaceFiles(dir, assembled))
    rmSync(path.dirname(assembled), { recursive: true, force: true })
    commits.aliceLate = await aliceRepo.commit('fix /health, after the deadline', '2026-12-11T09:15:00+01:00', (dir) => replaceFiles(dir, referenceSubmission))
    const bob = await TestRepo.init(path.join(root, 'bob.git'))
    commits.bobLatest = await bob.commit('TP1, late', '2026-12-12T18:00:00+01:00', (dir) => replaceFiles(dir, referenceSubmission))
    const carol = await TestRepo.init(path.join(root, 'carol.git'))
    commits.carol = await carol.commit('TP1 in its folder, 10 hours late', '2026-12-11T09:59:00+01:00', (dir) => replaceFiles(dir, referenceSubmission, 'TP1'))
    writeFileSync(rosterFile, roster())
    first = await gradeClassCli('grade', '--roster', rosterFile, '--deadline', DEADLINE, ...LATE_POLICY, '--lms', 'moodle,canvas', '--scale', '20', '--assignment', 'TP1 Docker', '--concurrency', '1', '--out', out)
  })

  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('grades each repository at its last commit at or before the deadline; nothing before the cut-off is its own status', () => {
    expect(first.code, first.output).toBe(0)
    expect(first.output).toContain(`Deadline ${DEADLINE}: each git repository at its last commit at or before it, by committer date (a roster ref wins)`)
    expect(first.output).toContain('graded 2 · skipped 0 · manual points merged 0 · ungraded 0 · missed the deadline 1')
    const gradebook = readGradebook(out)
    expect(gradebook.alice).toMatchObject({ commit: commits.aliceDue, commit_date: '2026-12-10T21:30:00+01:00', deadline: DEADLINE, status: 'graded', score: String(fullScore - lostPoints(wrongBody)), 'ex4.health': '0' })
    expect(gradebook.bob).toMatchObject({ commit: '', deadline: DEADLINE, status: 'missed-deadline', score: '', grade_20: '', 'ex4.health': '' })
    expect(existsSync(path.join(out, 'students', 'bob'))).toBe(false)
    expect(first.output).toMatch(/Nothing at or before the deadline — not zeros, not ungraded.*\n {2}bob: latest commit 2026-12-12T18:00:00\+01:00 \(deadline 2026-12-10T23:59\+01:00, cut-off 2026-12-12T10:59Z\)\n/)
    const report = readFileSync(path.join(out, 'class-report.md'), 'utf8')
    expect(report).toContain('3 students · 2 graded · 1 late · 0 ungraded · 1 missed the deadline')
    expect(report).toMatch(/## Nothing before the deadline — not zeros, not ungraded[\s\S]*- \*\*bob\*\* — latest commit 2026-12-12T18:00:00\+01:00/)
  })

  it('grades a late hand-in, in a real run, at its commit, with the penalty in the gradebook, the sheet and the LMS grade', () => {
    expect(readGradebook(out).carol).toMatchObject({ commit: commits.carol, deadline: DEADLINE, chosen_by: 'cut-off', late_minutes: '600', penalty_percent: '10', status: 'graded', score: String(fullScore), final_score: String(fullScore * 0.9), grade_20: '18' })
    expect(first.output).toMatch(/carol: graded \d+\/\d+ in \d+ s \(not graded yet\), late 10 h, −10 % of the maximum score/)
    expect(readFileSync(path.join(out, 'students', 'carol', 'grade-sheet.md'), 'utf8')).toContain(`> **Hand-in.** Handed in 10 h after the deadline (${DEADLINE}): late penalty −10 % of the maximum score, 100 / 100 becomes 90 / 100.`)
  })

  it("grades the roster's path inside the repository: carol's lab in TP1/", () => {
    expect(readManifest(out).students.carol).toMatchObject({ path: 'TP1', revision: `${commits.carol}:TP1` })
    const grade = JSON.parse(readFileSync(path.join(out, 'students', 'carol', 'grade.json'), 'utf8')) as { submission: { path: string } }
    expect(grade.submission.path).toBe(path.join(out, 'clones', 'carol', 'TP1'))
  })

  it("writes Moodle's grade import: keyed by email, the grade on 20 (less a late penalty) and its feedback; who is left out is named, never blank", () => {
    const gradebook = readGradebook(out)
    const [header, ...rows] = readLmsFile(path.join(out, 'moodle-grades.csv'))
    expect(header).toEqual(['Email address', 'TP1 Docker', 'Feedback: TP1 Docker'])
    expect(rows.map((r) => r.slice(0, 2))).toEqual([['alice@univ.example', gradebook.alice!.grade_20!]])
    expect(rows[0]![2]).toMatch(/^TP1 — Docker: images, containers, Compose: \d+ \/ 100, that is [\d.]+ \/ 20\. Points not earned: .*\(ex4\.health\) −8/)
    expect(first.output).toContain(
      `Moodle import: ${path.join(out, 'moodle-grades.csv')} (1 student)\n  not in it (2):\n` +
        `    bob: nothing at or before the deadline ${DEADLINE} nor the cut-off 2026-12-12T10:59Z: no grade to import (a blank would erase the one in the LMS); --missed-grade 0 writes one\n` +
        "    carol: no email in the roster (Moodle's Email address)\n",
    )
    expect(first.output).toContain(`Left out of the LMS files, and why: ${path.join(out, 'lms-left-out.csv')}\n`)
  })

  it("writes Canvas's gradebook import: its export's columns, the Points Possible row, one row per student it can match", () => {
    const gradebook = readGradebook(out)
    expect(readLmsFile(path.join(out, 'canvas-grades.csv'))).toEqual([
      ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'TP1 Docker'],
      ['    Points Possible', '', '', '', '', '20'],
      ['Martin, Alice', '', '21001', 'amartin', 'G1', gradebook.alice!.grade_20!],
      ['Petit, Carol', '', "'=21003", '', 'G2', '18'],
    ])
    expect(first.output).toContain("carol: the sis_id starts like a spreadsheet formula and is written with a leading ' — Canvas will not match it as it is")
  })

  it('the HTML report opens offline in Chromium, from a copy of the folder, and its links lead to the grade sheets', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true)
    // What a colleague unzips elsewhere: the report and the students' folders, without the clones.
    const shared = path.join(root, 'shared copy')
    cpSync(out, shared, { recursive: true, filter: (src) => !src.startsWith(path.join(out, 'clones')) })
    const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'tp1-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    const requested: string[] = []
    context.on('request', (request) => requested.push(request.url()))
    try {
      const page = await context.newPage()
      const report = pathToFileURL(path.join(shared, 'class-report.html')).href
      await page.goto(report)
      expect(await page.locator('table.students tbody tr').allTextContents()).toEqual([
        expect.stringMatching(/^alicegraded \(review pending\)\d+ \/ 100/),
        expect.stringMatching(/^bobmissed the deadline—.*latest commit 2026-12-12T18:00:00\+01:00, after the deadline$/),
        expect.stringMatching(/^carolgraded, late 10 h, −10 % \(review pending\)90 \/ 100 \(100 before the late penalty\)/),
      ])
      const sheets = await page.locator('table.students a').evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href))
      expect(sheets).toEqual(['alice', 'carol'].map((s) => pathToFileURL(path.join(shared, 'students', s, 'grade-sheet.html')).href))
      const gradebook = readGradebook(out)
      for (const student of ['alice', 'carol']) {
        await page.goto(report)
        await page.locator('table.students tr', { hasText: student }).getByRole('link', { name: 'grade sheet' }).click()
        await page.waitForURL(`**/students/${student}/grade-sheet.html`)
        expect(await page.locator('body').textContent()).toContain(`Score: ${gradebook[student]!.score} / 100`)
        await page.getByRole('link', { name: '← Class report' }).click()
        await page.waitForURL(report)
      }
      const loser = page.locator('ul.losers li', { hasText: 'ex4.health' })
      expect(await loser.textContent()).toMatch(/1 student: alice 0\/8 failed$/)
      await loser.getByRole('link', { name: 'alice' }).click()
      await page.waitForURL('**/students/alice/grade-sheet.html')
      expect(await page.locator('h1').textContent()).toBe('TP1 — Docker: images, containers, Compose')
    } finally {
      await context.close()
    }
    expect(requested.filter((url) => !url.startsWith('file://'))).toEqual([])
  })

  it("--only alice, with a roster ref (an extension until her late fix), regrades her alone: the others' grades stay", async () => {
    const before = { manifest: readManifest(out), gradebook: readGradebook(out), carolGrade: readFileSync(path.join(out, 'students', 'carol', 'grade.json'), 'utf8') }
    writeFileSync(rosterFile, roster(commits.aliceLate!))
    const result = await gradeClassCli('grade', '--roster', rosterFile, '--deadline', DEADLINE, ...LATE_POLICY, '--only', 'alice', '--out', out)
    expect(result.code, result.output).toBe(0)
    expect(result.output).toMatch(/^Grading 1 submission \(only alice\) into /m)
    expect(result.output).toContain('graded 1 · skipped 0')
    const gradebook = readGradebook(out)
    expect(gradebook.alice).toMatchObject({ commit: commits.aliceLate, deadline: '', status: 'graded', score: String(fullScore), grade_20: '20' })
    expect([gradebook.bob, gradebook.carol]).toEqual([before.gradebook.bob, before.gradebook.carol])
    const manifest = readManifest(out)
    expect([manifest.students.bob, manifest.students.carol]).toEqual([before.manifest.students.bob, before.manifest.students.carol])
    expect(readFileSync(path.join(out, 'students', 'carol', 'grade.json'), 'utf8')).toBe(before.carolGrade)
    // The LMS files this folder was asked for are written again, without --lms.
    expect(readLmsFile(path.join(out, 'moodle-grades.csv'))[1]!.slice(0, 2)).toEqual(['alice@univ.example', '20'])
    expect(await gradeClassCli('grade', '--roster', rosterFile, '--only', 'zed', '--out', out)).toMatchObject({ code: 2, output: expect.stringContaining('--only zed: no such student in the class') })
  })
})
