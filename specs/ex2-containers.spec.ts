import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { describeExitCode } from '../lab/exit-codes.js'
import { tail } from '../lab/docker-logs.js'
import { imageProbes } from '../lab/image-probes.js'
import { session } from '../lab/session.js'
import { rubric } from '../rubric/index.js'

const timeoutMs = rubric.timeouts.startSeconds * 1000

describe('Exercise 2 — images and containers', () => {
  check('ex2.one-shot', async () => {
    const expected = rubric.expected.oneShotOutput
    const { command } = imageProbes.oneShot
    const result = await session().runInImage(imageProbes.oneShot)
    const shown = `docker run <your image> ${command.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ')}`
    if (result.exitCode === undefined)
      throw new SubmissionError(`The container of ${shown} was still running after ${timeoutMs / 1000} s.`, {
        expected: 'the container ends on its own as soon as its command (PID 1) ends',
        seen: 'it kept running',
        fix: 'An ENTRYPOINT that starts a server runs whatever command you give it as arguments; keep the server in CMD so that `docker run <image> <command>` replaces it.',
        log: tail(result.output),
      })
    if (result.exitCode !== 0 || !result.output.includes(expected))
      throw new SubmissionError(`${shown} did not print "${expected}" and exit with code 0.`, {
        expected: `output "${expected}", Exited (0)`,
        seen: `Exited (${describeExitCode(result.exitCode)}), output: ${JSON.stringify(tail(result.output, 3))}`,
        fix: 'The image must have python on its PATH (FROM python:3.13-slim) and no ENTRYPOINT that swallows the command.',
        log: tail(result.output),
      })
  })

  check('ex2.shared-kernel', async (c) => {
    const result = await session().runInImage(imageProbes.kernel)
    const { kernel } = await (await session().engine()).facts()
    const seen = result.output.trim()
    c.fact('kernel', seen)
    if (seen !== kernel)
      throw new SubmissionError('uname -r inside the container did not show the Docker host kernel.', {
        expected: kernel,
        seen: seen || `no output (exit code ${result.exitCode ?? 'none: still running'})`,
        fix: 'A container shares the host kernel; run `uname -r` as the container command, with no ENTRYPOINT wrapping it.',
      })
  })
})
