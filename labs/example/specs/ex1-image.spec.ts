import { describe } from 'vitest'
import { readSubmissionFile } from '../../../core/analysis/submission-files.js'
import { expectAccepted } from '../../../core/checks/expect.js'
import { fail } from '../../../core/grading/finding.js'
import { SubmissionError } from '../../../core/grading/errors.js'
import { exposedPorts } from '../analysis/exposed-ports.js'
import { check, labTest } from './lab.js'

describe('exercise 1: the site in an image', () => {
  // The image builds and the stack starts while the files are read.
  labTest.beforeAll(({ lab }) => lab.warmUp())

  check('ex1.expose', (_c, { lab, run: { rubric, messages } }) => {
    const t = messages.ex1
    const layout = lab.requireLab()
    const dockerfile = layout.image?.dockerfile
    if (!dockerfile) throw fail(t.noDockerfile(rubric.layout.imageFolders))
    const ports = exposedPorts(readSubmissionFile(lab.workDir(), dockerfile) ?? '')
    if (!ports.includes(rubric.expected.port)) throw fail(t.expose(rubric.expected.port, ports), { location: { file: dockerfile } })
  })

  check('ex1.build', async (c, { lab, run: { messages } }) => {
    // The engine's versions go to the grade's environment (grade.json, the sheet's footer).
    for (const [name, value] of Object.entries(await (await lab.engine()).facts())) c.fact(name, value)
    const build = await lab.image()
    c.fact('buildMs', build.durationMs)
    if (!build.ok) throw fail(messages.ex1.buildFailed(build.failingStep, build.error), { log: build.log })
  })

  check('ex1.serves', async (_c, { lab, run: { rubric: { expected, timeouts }, messages } }) => {
    const t = messages.ex1
    const site = await lab.site().catch((error: unknown) => {
      throw error instanceof SubmissionError ? fail(t.startFailed(error.message)) : error
    })
    const answer = await site.get('/', {
      accept: (a) => a.status === 200 && a.body.includes(expected.greeting),
      timeoutMs: timeouts.startSeconds * 1000,
      probeMs: timeouts.probeSeconds * 1000,
    })
    await expectAccepted(answer, expected.port, (got) => t.noAnswer(got, expected), () => site.logTail())
  })
})
