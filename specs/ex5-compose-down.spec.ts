import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { fail } from '../grading/finding.js'
import { externalNetworks } from '../lab/compose-config.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const t = messages.ex5.down

// Runs last (see vitest.config.ts): every other Compose check needs the stack up.
describe(t.suite, () => {
  check('ex5.down', async () => {
    const stack = await session().requireStack()
    const left = await stack.down(rubric.timeouts.quickStopSeconds, rubric.timeouts.composeDownSeconds * 1000)
    // The grader never joins an external network (it runs a network of its own in its place): down would leave it.
    const networks = [...new Set([...left.networks, ...externalNetworks(await session().requireComposeConfig())])]
    if (left.containers.length || networks.length) throw fail(t.leftBehind(left.containers, networks))
  })
})
