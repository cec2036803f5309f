import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { describeExitCode } from '../lab/exit-codes.js'
import { tail } from '../lab/docker-logs.js'
import { imageProbes } from '../lab/image-probes.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const t = messages.ex2

describe(t.suite, () => {
  check('ex2.one-shot', async () => {
    const expected = rubric.expected.oneShotOutput
    const command = [...imageProbes.oneShot.entrypoint, ...imageProbes.oneShot.command]
    const result = await session().runInImage(imageProbes.oneShot)
    const shown = t.dockerRun(command.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' '))
    if (result.startError !== undefined)
      throw new SubmissionError(t.oneShot.notStarted.message(shown, result.startError), {
        expected: t.oneShot.notStarted.expected(command[0]!), seen: result.startError, fix: t.oneShot.notStarted.fix(command[0]!),
      })
    if (result.exitCode !== 0 || !result.output.includes(expected))
      throw new SubmissionError(t.oneShot.wrongOutput.message(shown, expected), {
        expected: t.oneShot.wrongOutput.expected(expected),
        seen: t.oneShot.wrongOutput.seen(describeExitCode(result.exitCode), JSON.stringify(tail(result.output, 3))),
        fix: t.oneShot.wrongOutput.fix(rubric.expected.baseImage.example),
        log: tail(result.output),
      })
  })

  check('ex2.shared-kernel', async (c) => {
    const result = await session().runInImage(imageProbes.kernel)
    const program = imageProbes.kernel.entrypoint[0]!
    if (result.startError !== undefined)
      throw new SubmissionError(t.oneShot.notStarted.message(t.dockerRun([program, ...imageProbes.kernel.command].join(' ')), result.startError), {
        expected: t.oneShot.notStarted.expected(program), seen: result.startError, fix: t.oneShot.notStarted.fix(program),
      })
    const { kernel } = await (await session().engine()).facts()
    const seen = result.output.trim()
    c.fact('kernel', seen)
    if (seen !== kernel)
      throw new SubmissionError(t.sharedKernel.message, {
        expected: kernel,
        seen: seen || t.sharedKernel.noOutput(result.exitCode),
        fix: t.sharedKernel.fix,
      })
  })
})
