import { isDeepStrictEqual } from 'node:util'
import { afterAll, describe } from 'vitest'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { describeWait, diagnoseListening, exitedFeedback } from '../lab/api-diagnosis.js'
import { eventually } from '../lab/eventually.js'
import { describeConnectionError } from '../lab/http-probe.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const { expected, timeouts } = rubric
const port = expected.apiPort
const healthBody = JSON.stringify(expected.healthBody)
const t = messages.ex4


describe(t.suite, () => {
  check('ex4.health', async (c) => {
    const api = await session().api()
    const answer = await api.get(expected.healthPath, { timeoutMs: timeouts.startSeconds * 1000, probeMs: timeouts.probeSeconds * 1000 })
    c.fact('waitedMs', answer.waitedMs)
    if (answer.outcome !== 'accepted') {
      const state = await api.state()
      if (!state.running) throw new SubmissionError(t.health.stopped, exitedFeedback(t.apiContainer, state.exitCode, state.oomKilled, await api.logTail()))
      const listening = diagnoseListening(answer.outcome === 'not-listening' ? answer.sockets : await api.listeningSockets(), port)
      throw new SubmissionError(t.health.noAnswer.message(expected.healthPath, 'lastError' in answer ? describeConnectionError(answer.lastError) : describeWait(answer, port)), {
        expected: t.health.noAnswer.expected(healthBody, timeouts.startSeconds),
        seen: t.health.noAnswer.seen(listening.seen),
        fix: listening.fix ?? t.health.noAnswer.fix,
        log: await api.logTail(),
      })
    }
    const { status, json, body } = answer.answer
    if (status !== 200 || !isDeepStrictEqual(json, expected.healthBody))
      throw new SubmissionError(t.health.wrongAnswer.message(expected.healthPath, status, body.slice(0, 200)), {
        expected: `200 ${healthBody}`,
        seen: `${status} ${body.slice(0, 500)}`,
        fix: status === 404 ? t.health.wrongAnswer.noRoute(expected.healthPath) : t.health.wrongAnswer.exactBody(healthBody),
      })
  })

  check('ex4.listen-all', async () => {
    const api = await session().requireApi()
    const found = await eventually(async () => {
      const sockets = await api.listeningSockets()
      if (!sockets.length) throw new Error('nothing listens yet')
      return sockets
    }, {
      timeoutMs: timeouts.startSeconds * 1000,
      giveUp: async () => ((await api.state()).running ? undefined : 'exited'),
    })
    if (!found.ok) {
      const state = await api.state()
      if (!state.running) throw new SubmissionError(t.listenAll.stopped, exitedFeedback(t.apiContainer, state.exitCode, state.oomKilled, await api.logTail()))
    }
    const diagnosis = diagnoseListening(found.ok ? found.value : [], port)
    if (!diagnosis.ok)
      throw new SubmissionError(t.listenAll.message(diagnosis.seen), {
        expected: t.listenAll.expected(port),
        seen: diagnosis.seen,
        ...(diagnosis.fix ? { fix: diagnosis.fix } : {}),
        log: await api.logTail(),
        ...session().cmdLocation(),
      })
  })

  // The one docker stop of exercise 4 starts now, in the background: its grace period overlaps the Compose checks,
  // and ex4.ps / ex4.graceful-stop (specs/ex4-stop.spec.ts, run later) read what it saw.
  afterAll(() => session().stopApiInBackground())
})
