import { isDeepStrictEqual } from 'node:util'
import { describe } from 'vitest'
import { check } from './lab.js'
import { BlockedError, GraderError } from '../../../core/grading/errors.js'
import { expectAccepted, expectRunning } from '../../../core/checks/expect.js'
import { fail } from '../../../core/grading/finding.js'
import { unanswered } from '../../../core/lab/api-diagnosis.js'
import { tail } from '../../../core/lab/docker-logs.js'
import type { HttpAnswer } from '../../../core/lab/http-probe.js'
import { ComposeBuildFailure } from '../../../core/lab/image-builds.js'
import { ComposeUpTimeout } from '../../../core/lab/lab-stack.js'

const buildFailed = /failed to solve|executor failed|returned a non-zero code|failed to compute cache key/

describe('exercise 5: compose up', () => {
  check('ex5.up', async (c, { lab, run: { rubric, messages } }) => {
    const { expected, timeouts } = rubric
    const t = messages.ex5
    const outcome = await lab.stack()
    c.fact('composeUpMs', lab.phases.composeUpMs ?? 0)
    // Which build steps ran for Compose's images (none when they came from exercise 3's build or the cache): what a cold run costs.
    c.fact('buildRanSteps', (lab.composeBuilt ?? []).flatMap((b) => b.ranSteps).join('\n'))
    const failure = outcome.ok ? outcome.failure : outcome.error
    if (failure !== undefined) {
      if (failure instanceof BlockedError || failure instanceof GraderError) throw failure
      if (failure instanceof ComposeBuildFailure) {
        const { build } = failure
        const shown = { service: failure.service, dockerfile: failure.dockerfile, step: build.failingStep, error: build.error, limit: build.limit, partly: outcome.ok }
        throw fail(t.up.buildFailed(shown, { seconds: timeouts.buildSeconds, megabytes: rubric.limits.memoryMegabytes }), { log: build.log })
      }
      if (failure instanceof ComposeUpTimeout)
        throw fail(t.up.timeout(failure.message, timeouts.composeUpSeconds, expected.services.apiBuildContext))
      const message = (failure as Error).message
      const failed = { partly: outcome.ok, output: tail(message, 3), build: buildFailed.test(message) }
      throw fail(t.up.failed(failed, expected.services), { log: tail(message) })
    }
    const stack = await lab.settledStack()
    c.fact('settleMs', lab.phases.settleMs ?? 0)
    for (const service of [expected.services.db, expected.services.api]) {
      const state = await stack.service(service)
      if (!state) throw fail(t.up.noContainer(service))
      await expectRunning(state, () => stack.logTail(service), (exit) => t.up.stopped(service, exit, expected))
    }
  })

  check('ex5.api-health', async (c, { lab, run: { rubric: { expected, timeouts }, messages } }) => {
    const t = messages.ex5
    const { api } = expected.services
    const stack = await lab.requireRunning(api)
    const healthy = (answer: HttpAnswer) => answer.status === 200 && isDeepStrictEqual(answer.json, expected.healthBody)
    // Where `curl localhost:8000` lands: the container port the student published host port 8000 to, if any.
    const declared = (await lab.requireComposeConfig()).services[api]?.ports ?? []
    const target = declared.find((p) => p.published === String(expected.apiPort))?.target ?? expected.apiPort
    const answer = await stack.waitForHttp(api, target, expected.healthPath, {
      accept: healthy,
      timeoutMs: timeouts.startSeconds * 1000,
      probeMs: timeouts.probeSeconds * 1000,
    })
    c.fact('waitedMs', answer.waitedMs)
    if (answer.outcome !== 'accepted' && target !== expected.apiPort)
      throw fail(t.apiHealth.otherTarget(api, expected.apiPort, target, unanswered(answer, target)))
    await expectAccepted(answer, target, (got) => t.apiHealth.noAnswer(api, got, expected), () => stack.logTail(api))
  })
})
