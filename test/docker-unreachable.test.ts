import { describe, expect, it } from 'vitest'
import { referenceSubmission } from './support/fixtures.js'
import { runGrader } from './support/run-grader.js'

describe('when Docker is not reachable', () => {
  it('the run is ungraded, never zeros, and the static checks are still graded', async () => {
    const { grade, exitCode } = await runGrader(referenceSubmission, { DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    expect(grade.status).toBe('ungraded')
    expect(exitCode).toBe(3)
    const byId = Object.fromEntries(grade.checks.map((c) => [c.id, c]))
    expect(byId['ex1.engine']?.status).toBe('ungraded')
    expect(byId['ex1.engine']?.message).toMatch(/Docker is not reachable/)
    // What needs no Docker is still graded: the files and the report.
    const staticCheck = (id: string) => ['ex3.health-route', 'ex3.dockerfile', 'ex3.report-files'].includes(id) || id.endsWith('.report')
    for (const check of grade.checks.filter((c) => staticCheck(c.id))) expect([check.id, check.status]).toEqual([check.id, 'passed'])
    const dockerChecks = grade.checks.filter((c) => !staticCheck(c.id))
    for (const check of dockerChecks) expect([check.id, check.status]).toEqual([check.id, 'ungraded'])
  })
})
