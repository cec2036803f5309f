import { describe, expect, it } from 'vitest'
import { referenceSubmission } from './support/fixtures.js'
import { runGrader } from './support/run-grader.js'

describe('when Docker is not reachable', () => {
  it('the run is ungraded, never zeros, and the static checks are still graded', async () => {
    const { grade, exitCode } = await runGrader(referenceSubmission, { DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    expect(grade.status).toBe('ungraded')
    expect(exitCode).not.toBe(0)
    const byId = Object.fromEntries(grade.checks.map((c) => [c.id, c]))
    expect(byId['ex1.engine']?.status).toBe('ungraded')
    expect(byId['ex1.engine']?.message).toMatch(/Docker is not reachable/)
    expect(byId['ex3.health-route']?.status).toBe('passed')
    expect(byId['ex3.dockerfile']?.status).toBe('passed')
    const dockerChecks = grade.checks.filter((c) => c.status !== 'manual' && !['ex3.health-route', 'ex3.dockerfile'].includes(c.id))
    for (const check of dockerChecks) expect([check.id, check.status]).toEqual([check.id, 'ungraded'])
  })
})
