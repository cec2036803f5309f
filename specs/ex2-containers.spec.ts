import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { fail } from '../grading/finding.js'
import { exitMeaning } from '../lab/exit-codes.js'
import { tail } from '../lab/docker-logs.js'
import { imageProbes, type ImageProbe } from '../lab/image-probes.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const t = messages.ex2

/** The probe's command line, its program first. */
const argvOf = (probe: ImageProbe) => [...(probe.entrypoint ?? []), ...probe.command]

describe(t.suite, () => {
  check('ex2.one-shot', async () => {
    const wanted = rubric.expected.oneShotOutput
    const argv = argvOf(imageProbes.oneShot)
    const result = await session().runInImage(imageProbes.oneShot)
    if (result.startError !== undefined) throw fail(t.notStarted(argv, result.startError))
    if (result.exitCode !== 0 || !result.output.includes(wanted)) {
      const exit = messages.lab.exitCode(exitMeaning(result.exitCode))
      const finding = t.wrongOutput(argv, wanted, exit, tail(result.output, 3), rubric.expected.baseImage.example)
      throw fail(finding, { log: tail(result.output) })
    }
  })

  check('ex2.shared-kernel', async (c) => {
    const result = await session().runInImage(imageProbes.kernel)
    if (result.startError !== undefined) throw fail(t.notStarted(argvOf(imageProbes.kernel), result.startError))
    const { kernel } = await (await session().engine()).facts()
    const printed = result.output.trim()
    c.fact('kernel', printed)
    if (printed !== kernel) throw fail(t.sharedKernel(kernel, printed, result.exitCode))
  })
})
