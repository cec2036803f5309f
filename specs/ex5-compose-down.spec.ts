import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { session } from '../lab/session.js'
import { rubric } from '../rubric/index.js'

// Runs last (see vitest.config.ts): every other Compose check needs the stack up.
describe('Exercise 5 — docker compose down', () => {
  check('ex5.down', async () => {
    const stack = await session().requireStack()
    const left = await stack.down(rubric.timeouts.stopGraceSeconds)
    if (left.containers.length || left.networks.length)
      throw new SubmissionError('docker compose down left parts of the project behind.', {
        expected: 'no container and no network of the project',
        seen: [...left.containers.map((c) => `container ${c}`), ...left.networks.map((n) => `network ${n}`)].join(', '),
        fix: 'Containers started outside Compose, or attached to an external network, are not removed by down: let Compose manage them all.',
      })
  })
})
