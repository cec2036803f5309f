import { describe } from 'vitest'
import { check, labTest } from './lab.js'

describe('exercise 1: the engine', () => {
  // The slow Docker work (image build, compose up) starts now and runs while the static checks do.
  labTest.beforeAll(({ lab }) => lab.warmUp())

  check('ex1.engine', async (c, { lab }) => {
    const facts = await (await lab.engine()).facts()
    for (const [name, value] of Object.entries(facts)) c.fact(name, value)
  })
})
