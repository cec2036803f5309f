import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { session } from '../lab/session.js'
import { rubric } from '../rubric/index.js'

// Runs last (see vitest.config.ts): every other Compose check needs the stack up.
describe('Exercise 5 — docker compose down', () => {
  check('ex5.down', async () => {
    const stack = await session().requireStack()
    const left = await stack.down(rubric.timeouts.stopGraceSeconds, rubric.timeouts.composeDownSeconds * 1000)
    if (left.containers.length || left.networks.length)
      throw new SubmissionError('docker compose down left parts of the project behind.', {
        expected: 'no container and no network of the project',
        seen: [...left.containers.map((c) => `container ${c}`), ...left.networks.map((n) => `network ${n}`)].join(', '),
        fix: 'docker compose down removes what Compose created, not external networks or containers started by hand: let Compose create the project network (no external: true).',
      })
  })
})
