import { isDeepStrictEqual } from 'node:util'
import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { BlockedError, GraderError, SubmissionError } from '../grading/errors.js'
import { exitedFeedback } from '../lab/api-diagnosis.js'
import { tail } from '../lab/docker-logs.js'
import { eventually } from '../lab/eventually.js'
import { describeConnectionError, httpGet } from '../lab/http-probe.js'
import { ComposeUpTimeout } from '../lab/lab-stack.js'
import { session } from '../lab/session.js'
import { rubric } from '../rubric/index.js'

const { expected, timeouts } = rubric
const { db, api } = expected.services

describe('Exercise 5 — docker compose up', () => {
  check('ex5.up', async () => {
    const outcome = await session().stack()
    const failure = outcome.ok ? outcome.failure : outcome.error
    if (failure !== undefined) {
      if (failure instanceof BlockedError || failure instanceof GraderError) throw failure
      if (failure instanceof ComposeUpTimeout)
        throw new SubmissionError(`${failure.message}.`, {
          expected: `docker compose up finishes within ${timeouts.composeUpSeconds} s`,
          seen: 'still building or starting',
          fix: 'A RUN step of api/Dockerfile must end: start the server with CMD, never with RUN.',
        })
      const message = (failure as Error).message
      const partly = outcome.ok ? ' The services that need no build were started alone, so that their checks are still graded.' : ''
      throw new SubmissionError(`docker compose up failed.${partly}`, {
        expected: 'docker compose up --build starts db and api',
        seen: tail(message, 3),
        fix: /failed to solve|executor failed|returned a non-zero code|failed to compute cache key/.test(message)
          ? 'The api image did not build: run docker compose build api and read the first error.'
          : 'Run docker compose up in your submission folder and read the first error.',
        log: tail(message),
      })
    }
    const stack = await session().settledStack()
    for (const service of [db, api]) {
      const state = await stack.service(service)
      if (!state) throw new SubmissionError(`Compose created no container for "${service}".`, { expected: `a running ${service} container`, seen: 'none' })
      if (!state.running)
        throw new SubmissionError(`The ${service} container stopped after compose up.`, exitedFeedback(`the ${service} container`, state.exitCode, state.oomKilled, await stack.logTail(service)))
    }
  })

  check('ex5.api-health', async () => {
    const stack = await session().settledStack()
    const state = await stack.service(api)
    if (!state?.running) throw new BlockedError(`Not run: the ${api} container is not running (see ex5.up).`, 'ex5.up')
    const { host, port } = await stack.endpoint(api, expected.apiPort)
    const url = `http://${host}:${port}${expected.healthPath}`
    const answer = await eventually(async () => {
      const reply = await httpGet(url, timeouts.probeSeconds * 1000)
      if (reply.status !== 200 || !isDeepStrictEqual(reply.json, expected.healthBody)) throw Object.assign(new Error('unexpected answer'), { reply })
      return reply
    }, { timeoutMs: timeouts.startSeconds * 1000, giveUp: async () => ((await stack.service(api))?.running ? undefined : 'exited') })
    if (!answer.ok) {
      const reply = (answer.lastError as { reply?: { status: number; body: string } }).reply
      throw new SubmissionError(`The ${api} service did not answer GET ${expected.healthPath} with 200 ${JSON.stringify(expected.healthBody)}.`, {
        expected: `200 ${JSON.stringify(expected.healthBody)}`,
        seen: reply ? `${reply.status} ${reply.body.slice(0, 300)}` : describeConnectionError(answer.lastError),
        fix: `Check api/app.py and the CMD of api/Dockerfile (uvicorn app:app --host 0.0.0.0 --port ${expected.apiPort}).`,
        log: await stack.logTail(api),
      })
    }
  })
})
