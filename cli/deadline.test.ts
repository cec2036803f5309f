import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TestRepo } from '../test/support/git-repo.js'
import { commitAtDeadline, parseDeadline } from './deadline.js'

const deadline = parseDeadline('2026-12-10T23:59+01:00')

describe('--deadline', () => {
  it('is a date and time with its UTC offset', () => {
    expect(deadline).toEqual({ text: '2026-12-10T23:59+01:00', epochSeconds: Date.UTC(2026, 11, 10, 22, 59) / 1000 })
    expect(parseDeadline('2026-12-10T22:59:30Z').epochSeconds).toBe(Date.UTC(2026, 11, 10, 22, 59, 30) / 1000)
  })

  it('refuses a time without its offset (it would be the grading machine’s) and dates Date.parse would move', () => {
    for (const bad of ['2026-12-10T23:59', '2026-12-10', '10/12/2026 23:59', '2026-02-30T12:00+01:00', '2026-12-10T24:00Z', 'tomorrow'])
      expect(() => parseDeadline(bad), bad).toThrow(/is not a date and time with its UTC offset/)
  })
})

describe('the commit graded under a deadline', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-deadline-'))
  const file = (name: string, text: string) => (dir: string) => writeFileSync(path.join(dir, name), text)

  it('is the last commit at or before the deadline by committer date, whatever came after', async () => {
    const repo = await TestRepo.init(path.join(root, 'alice'))
    await repo.commit('TP1 start', '2026-12-01T10:00:00+01:00', file('app.py', 'v1'))
    const due = await repo.commit('TP1 done', '2026-12-10T23:59:00+01:00', file('app.py', 'v2'))
    await repo.commit('TP2', '2026-12-11T00:00:00+01:00', file('app.py', 'TP2'))
    expect(await commitAtDeadline(repo.dir, deadline)).toEqual({ kind: 'found', commit: due, date: '2026-12-10T23:59:00+01:00' })
  })

  it('compares instants, not the offsets the commits were written in', async () => {
    const repo = await TestRepo.init(path.join(root, 'bob'))
    const inTime = await repo.commit('from New York', '2026-12-10T17:30:00-05:00', file('a', '1'))
    await repo.commit('from Paris, 23:59:01', '2026-12-10T23:59:01+01:00', file('a', '2'))
    expect(await commitAtDeadline(repo.dir, deadline)).toMatchObject({ kind: 'found', commit: inTime })
  })

  it('is none when everything came after, with the newest commit to show how late; none at all in an empty repository', async () => {
    const repo = await TestRepo.init(path.join(root, 'carol'))
    await repo.commit('late', '2026-12-11T08:00:00+01:00', file('a', '1'))
    const latest = await repo.commit('later', '2026-12-12T08:00:00+01:00', file('a', '2'))
    expect(await commitAtDeadline(repo.dir, deadline)).toEqual({ kind: 'none', latest: { commit: latest, date: '2026-12-12T08:00:00+01:00' } })
    const empty = await TestRepo.init(path.join(root, 'dave'))
    expect(await commitAtDeadline(empty.dir, deadline)).toEqual({ kind: 'none' })
  })
})
