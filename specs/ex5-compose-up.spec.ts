import { isDeepStrictEqual } from 'node:util'
import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { BlockedError, GraderError, SubmissionError } from '../grading/errors.js'
import { describeWait, exitedFeedback } from '../lab/api-diagnosis.js'
import { tail } from '../lab/docker-logs.js'
import { describeConnectionError, type HttpAnswer } from '../lab/http-probe.js'
import { ComposeUpTimeout } from '../lab/lab-stack.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const { expected, timeouts } = rubric
const t = messages.ex5
const { db, api } = expected.services

describe(t.up.suite, () => {
  check('ex5.up', async (c) => {
    const outcome = await session().stack()
    c.fact('composeUpMs', session().phases.composeUpMs ?? 0)
    const failure = outcome.ok ? outcome.failure : outcome.error
    if (failure !== undefined) {
      if (failure instanceof BlockedError || failure instanceof GraderError) throw failure
      if (failure instanceof ComposeUpTimeout)
        throw new SubmissionError(t.up.timeout.message(failure.message), {
          expected: t.up.timeout.expected(timeouts.composeUpSeconds),
          seen: t.up.timeout.seen,
          fix: t.up.timeout.fix,
        })
      const message = (failure as Error).message
      throw new SubmissionError(t.up.failed.message(outcome.ok), {
        expected: t.up.failed.expected,
        seen: tail(message, 3),
        fix: /failed to solve|executor failed|returned a non-zero code|failed to compute cache key/.test(message)
          ? t.up.failed.buildFix
          : t.up.failed.fix,
        log: tail(message),
      })
    }
    const stack = await session().settledStack()
    c.fact('settleMs', session().phases.settleMs ?? 0)
    for (const service of [db, api]) {
      const state = await stack.service(service)
      if (!state) throw new SubmissionError(t.up.noContainer.message(service), { expected: t.up.noContainer.expected(service), seen: t.up.noContainer.seen })
      if (!state.running)
        throw new SubmissionError(t.up.stopped(service), exitedFeedback(t.theContainer(service), state.exitCode, state.oomKilled, await stack.logTail(service)))
    }
  })

  check('ex5.api-health', async (c) => {
    const stack = await session().requireRunning(api)
    const healthy = (answer: HttpAnswer) => answer.status === 200 && isDeepStrictEqual(answer.json, expected.healthBody)
    // Where `curl localhost:8000` lands: the container port the student published host port 8000 to, if any.
    const declared = (await session().requireComposeConfig()).services[api]?.ports ?? []
    const target = declared.find((p) => p.published === String(expected.apiPort))?.target ?? expected.apiPort
    const answer = await stack.waitForHttp(api, target, expected.healthPath, { accept: healthy, timeoutMs: timeouts.startSeconds * 1000, probeMs: timeouts.probeSeconds * 1000 })
    c.fact('waitedMs', answer.waitedMs)
    if (answer.outcome !== 'accepted' && target !== expected.apiPort) {
      throw new SubmissionError(t.apiHealth.otherTarget.message(api, expected.apiPort, target), {
        expected: t.apiHealth.otherTarget.expected(expected.apiPort, expected.apiPort),
        seen: t.apiHealth.otherTarget.seen(expected.apiPort, target, describeWait(answer, target)),
        fix: t.apiHealth.otherTarget.fix(expected.apiPort, expected.apiPort),
      })
    }
    if (answer.outcome !== 'accepted') {
      throw new SubmissionError(t.apiHealth.message(api, expected.healthPath, JSON.stringify(expected.healthBody)), {
        expected: `200 ${JSON.stringify(expected.healthBody)}`,
        seen: describeWait(answer, target),
        fix: t.apiHealth.fix(expected.apiPort),
        log: await stack.logTail(api),
      })
    }
  })
})
