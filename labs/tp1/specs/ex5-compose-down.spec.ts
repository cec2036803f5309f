import { describe } from 'vitest'
import { check } from './lab.js'
import { fail } from '../../../core/grading/finding.js'
import { externalNetworks } from '../../../core/lab/compose-config.js'

// Runs last (see vitest.config.ts): every other Compose check needs the stack up.
describe('exercise 5: compose down', () => {
  check('ex5.down', async (_c, { lab, run: { rubric, messages } }) => {
    const stack = await lab.requireStack()
    const left = await stack.down(rubric.timeouts.quickStopSeconds, rubric.timeouts.composeDownSeconds * 1000)
    // The grader never joins an external network (it runs a network of its own in its place): down would leave it.
    const networks = [...new Set([...left.networks, ...externalNetworks(await lab.requireComposeConfig())])]
    if (left.containers.length || networks.length) throw fail(messages.ex5.down.leftBehind(left.containers, networks))
  })
})
