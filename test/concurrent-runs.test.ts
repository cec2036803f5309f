import { describe, expect, it } from 'vitest'
import { assembleFixture, listFixtures, lostChecks, referenceSubmission } from './support/fixtures.js'
import { leftovers, runGrader } from './support/run-grader.js'

describe('two grading runs on the same machine at once', () => {
  it('do not collide: no shared names, no fixed ports, each its own verdicts', async () => {
    const fixture = listFixtures().find((f) => f.name === 'wrong-database-name')!
    // As the batch tool runs them side by side: each starts its stack from its worker (GRADER_EARLY_STACK=0), the path
    // every other end-to-end test, graded alone, does not take.
    const env = { GRADER_EARLY_STACK: '0' }
    const [reference, faulty] = await Promise.all([runGrader(referenceSubmission, env), runGrader(assembleFixture(fixture), env)])
    expect(lostChecks(reference.grade), reference.sheet).toEqual({})
    expect(lostChecks(faulty.grade), faulty.sheet).toEqual(fixture.lose)
    expect([...(await leftovers(reference.runId)), ...(await leftovers(faulty.runId))]).toEqual([])
  })
})
