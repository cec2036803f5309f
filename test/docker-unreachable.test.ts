import { describe, expect, it } from 'vitest'
import { loadRun } from '../core/run/index.js'
import { labs } from '../labs/index.js'
import { referenceSubmission } from './support/fixtures.js'
import { runGrader } from './support/run-grader.js'

describe('when Docker is not reachable', () => {
  it('the run is ungraded, never zeros, and the static checks are still graded', async () => {
    const { rubric } = loadRun(labs)
    const { grade, exitCode } = await runGrader(referenceSubmission, { DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    expect(grade.status).toBe('ungraded')
    expect(exitCode).toBe(3)
    const byId = Object.fromEntries(grade.checks.map((c) => [c.id, c]))
    expect(byId['ex1.engine']?.status).toBe('ungraded')
    expect(byId['ex1.engine']?.message).toMatch(/Docker is not reachable/)
    // What needs no Docker is still graded: the files of the 'files' phase and the report. The Compose file is the
    // exception: Docker's own CLI reads it (`docker compose config`), so exercise 5's file checks wait for Docker too.
    const readsCompose = (c: { exercise: number, review?: boolean }) => c.exercise === 5 && !c.review
    const needsNoDocker = new Set(rubric.checks.filter((c) => c.phase === 'files' && !readsCompose(c)).map((c) => c.id))
    expect(needsNoDocker.size).toBeGreaterThan(5)
    for (const check of grade.checks) {
      expect([check.id, check.status]).toEqual([check.id, needsNoDocker.has(check.id) ? 'passed' : 'ungraded'])
    }
  })
})
