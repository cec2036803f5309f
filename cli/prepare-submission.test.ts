import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { TestRepo } from '../test/support/git-repo.js'
import { parseDeadline } from './deadline.js'
import { parseRoster } from './roster.js'
import { prepareSubmission } from './submissions.js'

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
    const prepared = await prepareSubmission(roster(`alice,${repo.url},`), clones, 60_000, deadline)
    expect(prepared).toMatchObject({ kind: 'ready', commit: commits.before, commitDate: '2026-12-09T18:00:00+01:00', deadline: deadline.text, revision: commits.before })
    expect(readFileSync(path.join(clones, 'alice', 'app.py'), 'utf8')).toBe('TP1')
  })

  it('applies the deadline to the history of --ref, which is not a pin', async () => {
    expect(await prepareSubmission(roster(`alice,${repo.url},`, 'rendu'), clones, 60_000, deadline)).toMatchObject({ kind: 'ready', commit: commits.branch, deadline: deadline.text })
  })

  it("lets the roster's own ref win over the deadline", async () => {
    const prepared = await prepareSubmission(roster(`alice,${repo.url},main`), clones, 60_000, deadline)
    expect(prepared).toMatchObject({ kind: 'ready', commit: commits.after })
    expect(prepared).not.toHaveProperty('deadline')
  })

  it('grades HEAD without a deadline', async () => {
    expect(await prepareSubmission(roster(`alice,${repo.url},`), clones, 60_000)).toMatchObject({ kind: 'ready', commit: commits.after, commitDate: '2026-12-15T09:00:00+01:00' })
  })

  it('says when nothing was committed at or before the deadline, naming the newest commit', async () => {
    const late = await TestRepo.init(path.join(root, 'bob'))
    const latest = await late.commit('all of it, too late', '2026-12-11T02:00:00+01:00', app('late'))
    expect(await prepareSubmission(roster(`bob,${late.url},`), clones, 60_000, deadline)).toEqual({
      kind: 'missed-deadline', student: 'bob', deadline: deadline.text, latest: { commit: latest, date: '2026-12-11T02:00:00+01:00' },
    })
  })

  it("grades the roster's path inside the repository, and the path is part of what resuming compares", async () => {
    const layout = await TestRepo.init(path.join(root, 'carol'))
    const commit = await layout.commit('TP1 in its folder', '2026-12-10T12:00:00+01:00', (dir) => {
      mkdirSync(path.join(dir, 'TP1'))
      writeFileSync(path.join(dir, 'TP1', 'app.py'), 'TP1')
    })
    expect(await prepareSubmission(roster(`carol,${layout.url},,TP1/`), clones, 60_000, deadline)).toMatchObject({ dir: path.join(clones, 'carol', 'TP1'), revision: `${commit}:TP1` })
    await expect(prepareSubmission(roster(`carol,${layout.url},,TP2`), clones, 60_000, deadline)).rejects.toThrow(/the roster path "TP2" is not a folder/)
  })
})
