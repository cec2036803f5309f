import { describe } from 'vitest'
import { check } from './lab.js'
import { fail } from '../../../core/grading/finding.js'
import { exitMeaning } from '../../../core/lab/exit-codes.js'
import { tail } from '../../../core/lab/docker-logs.js'
import { imageProbes, type ImageProbe } from '../image-probes.js'

/** The probe's command line, its program first. */
const argvOf = (probe: ImageProbe) => [...(probe.entrypoint ?? []), ...probe.command]

describe('exercise 2: containers', () => {
  check('ex2.one-shot', async (_c, { lab, run: { rubric, messages } }) => {
    const t = messages.ex2
    const wanted = rubric.expected.oneShotOutput
    const probe = imageProbes(rubric.expected).oneShot
    const argv = argvOf(probe)
    const result = await lab.runInImage(probe)
    if (result.startError !== undefined) throw fail(t.notStarted(argv, result.startError))
    if (result.exitCode !== 0 || !result.output.includes(wanted)) {
      const exit = messages.lab.exitCode(exitMeaning(result.exitCode))
      const finding = t.wrongOutput(argv, wanted, exit, tail(result.output, 3), rubric.expected.baseImage.example)
      throw fail(finding, { log: tail(result.output) })
    }
  })

  check('ex2.shared-kernel', async (c, { lab, run: { rubric, messages } }) => {
    const t = messages.ex2
    const probe = imageProbes(rubric.expected).kernel
    const result = await lab.runInImage(probe)
    if (result.startError !== undefined) throw fail(t.notStarted(argvOf(probe), result.startError))
    const { kernel } = await (await lab.engine()).facts()
    const printed = result.output.trim()
    c.fact('kernel', printed)
    if (printed !== kernel) throw fail(t.sharedKernel(kernel, printed, result.exitCode))
  })
})
