import { beforeAll, describe } from 'vitest'
import { check } from '../grading/check.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { messages } = currentRun()

describe(messages.engine.suite, () => {
  // The slow Docker work (image build, compose up) starts now and runs while the static checks do.
  beforeAll(() => session().warmUp())

  check('ex1.engine', async (c) => {
    const facts = await (await session().engine()).facts()
    for (const [name, value] of Object.entries(facts)) c.fact(name, value)
  })
})
