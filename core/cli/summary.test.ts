import { describe, expect, it } from 'vitest'
import { formatDuration, renderStart, renderSummary } from './summary.js'

describe('batch summary', () => {
  it('counts what ran, was skipped or merged, and lists the ungraded apart with their reason', () => {
    const text = renderSummary([
      { student: 'alice', status: 'graded', action: 'ran', line: '' },
      { student: 'bob', status: 'graded', action: 'skipped', line: '' },
      { student: 'carol', status: 'graded', action: 'reviewed', line: '' },
      { student: 'dora', status: 'ungraded', action: 'ran', line: '', reason: 'time limit' },
    ], '/out', 75_000)
    expect(text).toContain('Done in 1 min 15 s: graded 1 · skipped 1 · manual points merged 1 · ungraded 1')
    expect(text).toMatch(/--only-ungraded:\n  dora: time limit\n/)
    expect(text).toContain('Gradebook: /out/gradebook.csv')
  })

  it('names the missed deadlines apart, and who is not in each LMS file and why: never silently dropped', () => {
    const text = renderSummary([
      { student: 'bob', status: 'missed-deadline', action: 'missed', line: '', missed: { student: 'bob', deadline: '2026-12-10T23:59+01:00', latestCommitDate: '2026-12-11T08:00:00+01:00' } },
      { student: 'fay', status: 'missed-deadline', action: 'missed', line: '', missed: { student: 'fay', deadline: '2026-12-10T23:59+01:00', latestCommitDate: '2026-12-20T08:00:00+01:00', cutoff: '2026-12-17T23:59+01:00' } },
    ], '/out', 1000, [{
      format: 'moodle', file: 'moodle-grades.csv', csv: '', rows: 2, leftOut: [{ student: 'dave', why: 'no email in the roster' }],
      neutralized: [{ student: 'eve', column: 'email' }], missedGrade: ['bob', 'fay'], reviewPending: ['alice'],
    }])
    expect(text).toContain(' · ungraded 0 · missed the deadline 2\n')
    expect(text).toMatch(/Nothing at or before the deadline — not zeros, not ungraded .*:\n  bob: latest commit 2026-12-11T08:00:00\+01:00 \(deadline 2026-12-10T23:59\+01:00\)\n  fay: latest commit 2026-12-20T08:00:00\+01:00 \(deadline 2026-12-10T23:59\+01:00, cut-off 2026-12-17T23:59\+01:00\)\n/)
    expect(text).toContain('Moodle import: /out/moodle-grades.csv (2 students)\n  not in it (1):\n    dave: no email in the roster\n  the grade chosen for no hand-in (--missed-grade): bob, fay\n')
    expect(text).toContain('Left out of the LMS files, and why: /out/lms-left-out.csv\n')
    expect(text).toContain('Report review pending — the LMS files count the automatic report points until you review them: alice\n')
    expect(text).toContain("eve: the email starts like a spreadsheet formula and is written with a leading ' — Moodle will not match it as it is")
  })

  it('opens with what is graded, how many at once, and the time limit', () => {
    const text = renderStart({ count: 1, shard: { index: 2, count: 3 }, onlyUngraded: true, outDir: '/out', concurrency: 1, machine: 'default here: 1', timeoutSeconds: 60 })
    expect(text).toBe('Grading 1 submission (shard 2/3) (only the ungraded) into /out\nConcurrency 1 (default here: 1), time limit 60 s per submission\n')
  })

  it('opens with the deadline rule and the students graded again alone', () => {
    const text = renderStart({ count: 2, only: ['alice', 'bob'], onlyUngraded: false, deadline: '2026-12-10T23:59+01:00', outDir: '/out', concurrency: 1, machine: 'm', timeoutSeconds: 60 })
    expect(text).toMatch(/^Grading 2 submissions \(only alice, bob\) into \/out\n.*\nDeadline 2026-12-10T23:59\+01:00: each git repository at its last commit at or before it, by committer date \(a roster ref wins\)\n$/)
  })

  it('opens with the late policy and the hand-in tag', () => {
    const text = renderStart({ count: 1, onlyUngraded: false, deadline: '2026-12-10T23:59+01:00', latePolicy: 'grace 15 min; no penalty; nothing accepted after the grace', handInTag: 'tp1', outDir: '/out', concurrency: 1, machine: 'm', timeoutSeconds: 60 })
    expect(text).toContain('\nLate work: grace 15 min; no penalty; nothing accepted after the grace; nothing on time: the last commit before the cut-off, penalised\nHand-in tag tp1 (any case): a matching tag before the cut-off is graded, else the deadline rule\n')
  })

  it('formats durations for people', () => {
    expect([formatDuration(400), formatDuration(59_600), formatDuration(61_000)]).toEqual(['0 s', '1 min 0 s', '1 min 1 s'])
  })
})
