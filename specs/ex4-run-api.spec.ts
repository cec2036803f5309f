import { isDeepStrictEqual } from 'node:util'
import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { BlockedError, SubmissionError } from '../grading/errors.js'
import { diagnoseListening, exitedFeedback } from '../lab/api-diagnosis.js'
import { eventually } from '../lab/eventually.js'
import { describeConnectionError } from '../lab/http-probe.js'
import { describeExitCode } from '../lab/exit-codes.js'
import { session } from '../lab/session.js'
import { messages, rubric } from '../rubric/index.js'
import { findInstructionLine } from '../analysis/dockerfile-rules.js'
import { readSubmissionFile } from '../lab/submission.js'

const { expected, timeouts } = rubric
const port = expected.apiPort
const healthBody = JSON.stringify(expected.healthBody)
const t = messages.ex4

/** The CMD line of the Dockerfile: where a server that does not listen right or stop right is fixed. */
function cmdLocation(): { file: string; line?: number } | undefined {
  const file = session().layout().image?.dockerfile
  if (!file) return undefined
  const line = findInstructionLine(readSubmissionFile(session().workDir(), file) ?? '', 'CMD')
  return { file, ...(line ? { line } : {}) }
}

const withLocation = () => {
  const location = cmdLocation()
  return location ? { location } : {}
}

describe(t.suite, () => {
  check('ex4.health', async () => {
    const api = await session().api()
    const answer = await api.get(expected.healthPath, { timeoutMs: timeouts.startSeconds * 1000, probeMs: timeouts.probeSeconds * 1000 })
    if (!answer.ok) {
      const state = await api.state()
      if (!state.running) throw new SubmissionError(t.health.stopped, exitedFeedback(t.apiContainer, state.exitCode, state.oomKilled, await api.logTail()))
      const listening = diagnoseListening(await api.listeningSockets(), port)
      throw new SubmissionError(t.health.noAnswer.message(expected.healthPath, describeConnectionError(answer.lastError)), {
        expected: t.health.noAnswer.expected(healthBody, timeouts.startSeconds),
        seen: t.health.noAnswer.seen(listening.seen),
        fix: listening.fix ?? t.health.noAnswer.fix,
        log: await api.logTail(),
      })
    }
    const { status, json, body } = answer.value
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
        ...withLocation(),
      })
  })

  check('ex4.ps', async () => {
    const api = await session().requireApi()
    const engine = await session().engine()
    const stop = await api.stop(timeouts.stopGraceSeconds)
    if (!stop.listedWhileRunning) {
      const state = await api.state()
      throw new SubmissionError(t.ps.notListed, exitedFeedback(t.apiContainer, state.exitCode, state.oomKilled, await api.logTail()))
    }
    if (!stop.publishedWhileRunning)
      throw new SubmissionError(t.ps.notPublished.message(port), {
        expected: t.ps.notPublished.expected(port),
        seen: t.ps.notPublished.seen,
        fix: t.ps.notPublished.fix(port),
      })
    const running = await engine.list({ all: false })
    const all = await engine.list({ all: true })
    const listed = all.find((c) => c.id === api.id)
    if (running.some((c) => c.id === api.id) || listed?.state !== 'exited')
      throw new SubmissionError(t.ps.notExited.message, {
        expected: t.ps.notExited.expected,
        seen: t.ps.notExited.seen(listed?.state),
      })
  })

  check('ex4.graceful-stop', async (c) => {
    const api = await session().requireApi()
    const stop = await api.stop(timeouts.stopGraceSeconds)
    if (!stop.listedWhileRunning) throw new BlockedError(t.gracefulStop.blocked, 'ex4.ps')
    c.fact('stopMs', stop.durationMs)
    const seconds = stop.durationMs / 1000
    if (stop.durationMs > expected.gracefulStopSeconds * 1000 || stop.exitCode !== 0)
      throw new SubmissionError(t.gracefulStop.message(seconds, describeExitCode(stop.exitCode)), {
        expected: t.gracefulStop.expected(expected.gracefulStopSeconds),
        seen: t.gracefulStop.seen(seconds, stop.exitCode),
        fix: stop.exitCode === 137 ? t.gracefulStop.fixShellForm : t.gracefulStop.fixExecForm,
        ...withLocation(),
      })
  })
})
