import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { TestRepo } from '../../test/support/git-repo.js'
import { parseDeadline } from './deadline.js'
import { parseRoster } from './roster.js'
import { collectClass, prepareSubmission } from './submissions.js'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'

const { environment } = loadRun(labs).settings

const run = promisify(execFile)
const deadline = parseDeadline('2026-12-10T23:59+01:00')
const app = (text: string) => (dir: string) => writeFileSync(path.join(dir, 'app.py'), text)

describe('preparing a git submission under a deadline (no grading)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-prepare-'))
  const clones = path.join(root, 'clones')
  const commits: Record<string, string> = {}
  let repo: TestRepo

  beforeAll(async () => {
    repo = await TestRepo.init(path.join(root, 'alice'))
    commits.before = await repo.commit('TP1', '2026-12-09T18:00:00+01:00', app('TP1'))
    commits.after = await repo.commit('TP3', '2026-12-15T09:00:00+01:00', app('TP3'))
    await run('git', ['-C', repo.dir, 'checkout', '--quiet', '-b', 'rendu', commits.before])
    commits.branch = await repo.commit('TP1 on the rendu branch', '2026-12-10T20:00:00+01:00', app('rendu'))
    await run('git', ['-C', repo.dir, 'checkout', '--quiet', 'main'])
  })

  const roster = (rows: string, defaultRef?: string) => parseRoster(`student,source,ref,path\n${rows}\n`, path.join(root, 'roster.csv'), defaultRef ? { defaultRef } : {}).submissions[0]!

  it('checks out the last commit at or before the deadline and records it, its date and the deadline', async () => {
    const prepared = await prepareSubmission(roster(`alice,${repo.url},`), clones, 60_000, { environment, deadline })
    expect(prepared).toMatchObject({ kind: 'ready', commit: commits.before, commitDate: '2026-12-09T18:00:00+01:00', deadline: deadline.text, revision: commits.before })
    expect(readFileSync(path.join(clones, 'alice', 'app.py'), 'utf8')).toBe('TP1')
  })

  it('applies the deadline to the history of --ref, which is not a pin', async () => {
    expect(await prepareSubmission(roster(`alice,${repo.url},`, 'rendu'), clones, 60_000, { environment, deadline })).toMatchObject({ kind: 'ready', commit: commits.branch, deadline: deadline.text })
  })

  it("lets the roster's own ref win over the deadline", async () => {
    const prepared = await prepareSubmission(roster(`alice,${repo.url},main`), clones, 60_000, { environment, deadline })
    expect(prepared).toMatchObject({ kind: 'ready', commit: commits.after })
    expect(prepared).not.toHaveProperty('deadline')
  })

  it('grades HEAD without a deadline', async () => {
    expect(await prepareSubmission(roster(`alice,${repo.url},`), clones, 60_000, { environment })).toMatchObject({ kind: 'ready', commit: commits.after, commitDate: '2026-12-15T09:00:00+01:00' })
  })

  it('says when nothing was committed at or before the deadline, naming the newest commit', async () => {
    const late = await TestRepo.init(path.join(root, 'bob'))
    const latest = await late.commit('all of it, too late', '2026-12-11T02:00:00+01:00', app('late'))
    expect(await prepareSubmission(roster(`bob,${late.url},`), clones, 60_000, { environment, deadline })).toEqual({
      kind: 'missed-deadline', student: 'bob', deadline: deadline.text, latest: { commit: latest, date: '2026-12-11T02:00:00+01:00' },
    })
  })

  it("grades the roster's path inside the repository, and the path is part of what resuming compares", async () => {
    const layout = await TestRepo.init(path.join(root, 'carol'))
    const commit = await layout.commit('TP1 in its folder', '2026-12-10T12:00:00+01:00', (dir) => {
      mkdirSync(path.join(dir, 'TP1'))
      writeFileSync(path.join(dir, 'TP1', 'app.py'), 'TP1')
    })
    expect(await prepareSubmission(roster(`carol,${layout.url},,TP1/`), clones, 60_000, { environment, deadline })).toMatchObject({ dir: path.join(clones, 'carol', 'TP1'), revision: `${commit}:TP1` })
    await expect(prepareSubmission(roster(`carol,${layout.url},,TP2`), clones, 60_000, { environment, deadline })).rejects.toThrow(/the roster path "TP2" is not a folder/)
  })

  it('grades the newest hand-in tag without a deadline, else the head; a roster ref wins over the tag', async () => {
    const tagged = await TestRepo.init(path.join(root, 'dan'))
    const first = await tagged.commit('TP1', '2026-12-09T10:00:00+01:00', app('v1'))
    await tagged.tag('tp1-draft')
    const second = await tagged.commit('TP1 final', '2026-12-10T10:00:00+01:00', app('v2'))
    await tagged.tag('TP1-final')
    const head = await tagged.commit('TP2', '2026-12-14T10:00:00+01:00', app('TP2'))
    expect(await prepareSubmission(roster(`dan,${tagged.url},`), clones, 60_000, { environment, tagPattern: 'tp1-*' })).toMatchObject({ commit: second, handIn: { rule: 'tag', tag: 'TP1-final' } })
    expect(await prepareSubmission(roster(`dan,${tagged.url},`), clones, 60_000, { environment, tagPattern: 'tp2' })).toMatchObject({ commit: head })
    expect(await prepareSubmission(roster(`dan,${tagged.url},`), clones, 60_000, { environment, tagPattern: 'tp2' })).not.toHaveProperty('handIn')
    expect(await prepareSubmission(roster(`dan,${tagged.url},${first}`), clones, 60_000, { environment, deadline, tagPattern: 'tp1-*' })).toMatchObject({ commit: first, handIn: { rule: 'roster-ref' } })
  })

  it("judges a student's commits against the roster's deadline (an extension), and says the missed cut-off", async () => {
    const extended = parseRoster(`student,source,deadline\nerin,${repo.url},2026-12-15T12:00+01:00\n`, path.join(root, 'roster.csv')).submissions[0]!
    expect(await prepareSubmission(extended, clones, 60_000, { environment, deadline })).toMatchObject({ commit: commits.after, deadline: '2026-12-15T12:00+01:00', handIn: { rule: 'deadline', extension: true } })
    const late = await TestRepo.init(path.join(root, 'fay'))
    await late.commit('too late', '2026-12-20T10:00:00+01:00', app('late'))
    const policy = { deadline, late: { graceSeconds: 0, cutoff: { kind: 'after' as const, text: '2d', seconds: 2 * 86_400 } } }
    expect(await prepareSubmission(roster(`fay,${late.url},`), clones, 60_000, { ...policy, environment })).toMatchObject({ kind: 'missed-deadline', cutoff: '2026-12-12T22:59Z' })
  })

  it('refuses a roster deadline without its offset, or for a folder', () => {
    expect(() => collectClass({ rosterFile: writeRoster('2026-12-15T12:00') })).toThrow(/The roster's deadline of erin, "2026-12-15T12:00", is not a date and time with its UTC offset: write e\.g\. 2026-12-12T23:59\+01:00\./)
    expect(() => collectClass({ rosterFile: writeRoster('2026-12-15T12:00+01:00', '.') })).toThrow(/is for a folder, which is graded as it is/)
  })

  /** A roster file with one row, erin's: what collectClass reads. */
  function writeRoster(deadlineCell: string, source = repo.url): string {
    const file = path.join(root, `roster-${source === repo.url ? 'git' : 'folder'}-${deadlineCell.length}.csv`)
    writeFileSync(file, `student,source,deadline\nerin,${source},${deadlineCell}\n`)
    return file
  }
})
