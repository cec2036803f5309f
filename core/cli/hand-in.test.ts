import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { TestRepo } from '../../test/support/git-repo.js'
import { parseDeadline, type DatedCommit } from './deadline.js'
import { chooseHandIn, handInCommit, tagMatcher, type HandInPolicy } from './hand-in.js'
import { parseLatePolicy } from './late-policy.js'

const run = promisify(execFile)
const deadline = parseDeadline('2026-12-10T23:59+01:00')
const MIN = 60
const HOUR = 3600
const DAY = 86_400
/** A commit `offset` seconds from the deadline. */
const at = (name: string, offset: number, tag?: string): DatedCommit => ({ commit: name, date: `D${offset >= 0 ? '+' : ''}${offset}s`, seconds: deadline.epochSeconds + offset, ...(tag ? { tag } : {}) })
const late = parseLatePolicy({ grace: '15min', latePenalty: '10%/day', latePenaltyCap: '30%', cutoff: '7d' }, true)!
const policy: HandInPolicy = { deadline, late }
const chosen = (branch: DatedCommit[], tags: DatedCommit[] = [], p: HandInPolicy = policy) => {
  const h = chooseHandIn(branch, tags, p)
  return h.kind === 'found' ? { rule: h.rule, commit: h.commit, penalty: h.lateness.penaltyPercent, withinGrace: h.lateness.withinGrace, ...(h.lateTag ? { lateTag: h.lateTag.tag } : {}) } : h
}

describe('the commit graded: the deadline rule', () => {
  it('is the last commit on time; a student who went on committing after it is still graded on time', () => {
    expect(chosen([at('first', -DAY), at('due', -HOUR), at('TP2', 2 * HOUR)])).toEqual({ rule: 'deadline', commit: 'due', penalty: 0, withinGrace: false })
  })

  it('counts the grace as on time: the last commit within it, with no penalty', () => {
    expect(chosen([at('due', -HOUR), at('typo fixed', 10 * MIN)])).toEqual({ rule: 'deadline', commit: 'typo fixed', penalty: 0, withinGrace: true })
  })

  it('with nothing on time, is the last commit before the cut-off, penalised per day started since the deadline, capped', () => {
    expect(chosen([at('late', 16 * MIN)])).toEqual({ rule: 'cutoff', commit: 'late', penalty: 10, withinGrace: false })
    expect(chosen([at('late', DAY + 2 * HOUR), at('later', DAY + 3 * HOUR)])).toEqual({ rule: 'cutoff', commit: 'later', penalty: 20, withinGrace: false })
    expect(chosen([at('very late', 5 * DAY)])).toMatchObject({ penalty: 30 })
  })

  it('accepts nothing after the cut-off: no hand-in, with the newest commit to say how late', () => {
    expect(chosen([at('too late', 7 * DAY + 1), at('TP2', 9 * DAY)])).toEqual({ kind: 'none', latest: { commit: 'TP2', date: `D+${9 * DAY}s` } })
    expect(chosen([])).toEqual({ kind: 'none' })
  })

  it('without a late policy, the deadline is the cut-off, as before', () => {
    expect(chosen([at('a minute late', MIN)], [], { deadline })).toMatchObject({ kind: 'none' })
    expect(chosen([at('at the deadline', 0)], [], { deadline })).toMatchObject({ rule: 'deadline', commit: 'at the deadline' })
  })
})

describe('the commit graded: the hand-in tag', () => {
  it('is the tagged commit, even when the branch went on', () => {
    expect(chosen([at('due', -2 * HOUR), at('TP2', HOUR)], [at('due', -2 * HOUR, 'tp1')])).toMatchObject({ rule: 'tag', commit: 'due', penalty: 0 })
  })

  it('is judged like any commit: a tag after the deadline is graded, late, with its penalty, over an on-time commit', () => {
    expect(chosen([at('draft', -HOUR), at('final', 20 * HOUR)], [at('final', 20 * HOUR, 'TP1')])).toEqual({ rule: 'tag', commit: 'final', penalty: 10, withinGrace: false })
  })

  it('after the cut-off is not graded: the deadline rule chooses, and says the tag came too late', () => {
    expect(chosen([at('due', -HOUR)], [at('tagged', 8 * DAY, 'tp1')])).toEqual({ rule: 'deadline', commit: 'due', penalty: 0, withinGrace: false, lateTag: 'tp1' })
  })

  it('of several (Classroom 50 submit/* tags), the last on time, else the last before the cut-off', () => {
    const tags = [at('s1', -3 * HOUR, 'submit/1'), at('s2', -HOUR, 'submit/2'), at('s3', HOUR, 'submit/3')]
    expect(chosen([], tags)).toMatchObject({ rule: 'tag', commit: 's2' })
    expect(chosen([], tags.slice(2))).toMatchObject({ rule: 'tag', commit: 's3', penalty: 10 })
  })

  it('matches the whole name, in any case; * is any run of characters but "/"', () => {
    const tp1 = tagMatcher('tp1')
    expect(['tp1', 'TP1', 'Tp1'].map(tp1)).toEqual([true, true, true])
    expect(['tp12', 'v-tp1', 'tag1'].map(tp1)).toEqual([false, false, false])
    const submit = tagMatcher('submit/*')
    expect(['submit/2026-12-10', 'SUBMIT/x', 'submit/a/b', 'submitted'].map(submit)).toEqual([true, true, false, false])
    expect(tagMatcher('tp1.v?')('tp1.v2')).toBe(true)
    expect(tagMatcher('tp1.v?')('tp1xv2')).toBe(false)
  })
})

describe('the commit graded, in a git repository', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-hand-in-'))
  const file = (name: string, text: string) => (dir: string) => writeFileSync(path.join(dir, name), text)

  it('is the last commit at or before the deadline by committer date, whatever came after', async () => {
    const repo = await TestRepo.init(path.join(root, 'alice'))
    await repo.commit('TP1 start', '2026-12-01T10:00:00+01:00', file('app.py', 'v1'))
    const due = await repo.commit('TP1 done', '2026-12-10T23:59:00+01:00', file('app.py', 'v2'))
    await repo.commit('TP2', '2026-12-11T00:00:00+01:00', file('app.py', 'TP2'))
    expect(await handInCommit(repo.dir, { deadline })).toMatchObject({ kind: 'found', rule: 'deadline', commit: due, date: '2026-12-10T23:59:00+01:00' })
  })

  it('compares instants, not the offsets the commits were written in', async () => {
    const repo = await TestRepo.init(path.join(root, 'bob'))
    const inTime = await repo.commit('from New York', '2026-12-10T17:30:00-05:00', file('a', '1'))
    await repo.commit('from Paris, 23:59:01', '2026-12-10T23:59:01+01:00', file('a', '2'))
    expect(await handInCommit(repo.dir, { deadline })).toMatchObject({ kind: 'found', commit: inTime })
  })

  it('is none when everything came after, with the newest commit to show how late; none at all in an empty repository', async () => {
    const repo = await TestRepo.init(path.join(root, 'carol'))
    await repo.commit('late', '2026-12-11T08:00:00+01:00', file('a', '1'))
    const latest = await repo.commit('later', '2026-12-12T08:00:00+01:00', file('a', '2'))
    expect(await handInCommit(repo.dir, { deadline })).toEqual({ kind: 'none', latest: { commit: latest, date: '2026-12-12T08:00:00+01:00' } })
    const empty = await TestRepo.init(path.join(root, 'dave'))
    expect(await handInCommit(empty.dir, { deadline })).toEqual({ kind: 'none' })
  })

  it('finds hand-in tags, lightweight or annotated, on any branch, and dates them by their commit', async () => {
    const repo = await TestRepo.init(path.join(root, 'erin'))
    const tagged = await repo.commit('TP1', '2026-12-10T20:00:00+01:00', file('a', '1'))
    await run('git', ['-C', repo.dir, '-c', 'user.name=E', '-c', 'user.email=e@example.org', 'tag', '-a', '-m', 'hand-in', 'TP1'])
    await repo.commit('TP1 fix', '2026-12-10T22:00:00+01:00', file('a', '2'))
    await run('git', ['-C', repo.dir, 'tag', 'unrelated'])
    expect(await handInCommit(repo.dir, { deadline, tagPattern: 'tp1' })).toMatchObject({ kind: 'found', rule: 'tag', tag: 'TP1', commit: tagged, date: '2026-12-10T20:00:00+01:00' })
    expect(await handInCommit(repo.dir, { deadline, tagPattern: 'tp2' })).toMatchObject({ kind: 'found', rule: 'deadline' })
  })
})
