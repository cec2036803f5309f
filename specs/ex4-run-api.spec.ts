import { isDeepStrictEqual } from 'node:util'
import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { BlockedError, SubmissionError } from '../grading/errors.js'
import { diagnoseListening, exitedFeedback } from '../lab/api-diagnosis.js'
import { eventually } from '../lab/eventually.js'
import { describeConnectionError } from '../lab/http-probe.js'
import { describeExitCode } from '../lab/exit-codes.js'
import { session } from '../lab/session.js'
import { rubric } from '../rubric/index.js'
import { findInstructionLine } from '../analysis/dockerfile-rules.js'
import { readSubmissionFile } from '../lab/submission.js'

const { expected, timeouts } = rubric
const port = expected.apiPort
const healthBody = JSON.stringify(expected.healthBody)

/** The CMD line of the Dockerfile: where a server that does not listen right or stop right is fixed. */
function cmdLocation(): { file: string; line?: number } {
  const line = findInstructionLine(readSubmissionFile(session().workDir(), 'Dockerfile') ?? '', 'CMD')
  return { file: 'Dockerfile', ...(line ? { line } : {}) }
}

describe('Exercise 4 — run the API in a container', () => {
  check('ex4.health', async () => {
    const api = await session().api()
    const answer = await api.get(expected.healthPath, { timeoutMs: timeouts.startSeconds * 1000, probeMs: timeouts.probeSeconds * 1000 })
    if (!answer.ok) {
      const state = await api.state()
      if (!state.running) throw new SubmissionError('The API container stopped instead of serving requests.', exitedFeedback('the API container', state.exitCode, state.oomKilled, await api.logTail()))
      const listening = diagnoseListening(await api.listeningSockets(), port)
      throw new SubmissionError(`GET ${expected.healthPath} on the published port got no answer: ${describeConnectionError(answer.lastError)}.`, {
        expected: `HTTP 200 ${healthBody} within ${timeouts.startSeconds} s`,
        seen: `no answer; inside the container the server is ${listening.seen}`,
        fix: listening.fix ?? 'Read the log below.',
        log: await api.logTail(),
      })
    }
    const { status, json, body } = answer.value
    if (status !== 200 || !isDeepStrictEqual(json, expected.healthBody))
      throw new SubmissionError(`GET ${expected.healthPath} answered ${status} ${body.slice(0, 200)}.`, {
        expected: `200 ${healthBody}`,
        seen: `${status} ${body.slice(0, 500)}`,
        fix: status === 404
          ? `There is no route ${expected.healthPath}: declare @app.get("${expected.healthPath}") in app.py.`
          : `The route must return the dictionary ${healthBody} exactly.`,
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
      if (!state.running) throw new SubmissionError('The API container stopped: nothing to listen.', exitedFeedback('the API container', state.exitCode, state.oomKilled, await api.logTail()))
    }
    const diagnosis = diagnoseListening(found.ok ? found.value : [], port)
    if (!diagnosis.ok)
      throw new SubmissionError(`Inside the container the server is ${diagnosis.seen}.`, {
        expected: `listening on 0.0.0.0:${port} (every interface), so the published port reaches it`,
        seen: diagnosis.seen,
        ...(diagnosis.fix ? { fix: diagnosis.fix } : {}),
        log: await api.logTail(),
        location: cmdLocation(),
      })
  })

  check('ex4.ps', async () => {
    const api = await session().requireApi()
    const engine = await session().engine()
    const stop = await api.stop(timeouts.stopGraceSeconds)
    if (!stop.listedWhileRunning) {
      const state = await api.state()
      throw new SubmissionError('docker ps did not list the container: it was not running.', exitedFeedback('the API container', state.exitCode, state.oomKilled, await api.logTail()))
    }
    if (!stop.publishedWhileRunning)
      throw new SubmissionError(`docker ps listed the container without port ${port} published.`, {
        expected: `PORTS shows 0.0.0.0:<host port>->${port}/tcp`,
        seen: 'no published port',
        fix: `Add EXPOSE ${port} if you like, but above all run it with -p ${port}:${port}.`,
      })
    const running = await engine.list({ all: false })
    const all = await engine.list({ all: true })
    const listed = all.find((c) => c.id === api.id)
    if (running.some((c) => c.id === api.id) || listed?.state !== 'exited')
      throw new SubmissionError('After docker stop, the container was not shown as exited by docker ps -a.', {
        expected: 'gone from docker ps, listed by docker ps -a as Exited',
        seen: `docker ps -a shows it as ${listed?.state ?? 'absent'}`,
      })
  })

  check('ex4.graceful-stop', async (c) => {
    const api = await session().requireApi()
    const stop = await api.stop(timeouts.stopGraceSeconds)
    if (!stop.listedWhileRunning) throw new BlockedError('Not run: the container was not running when it was to be stopped (see ex4.ps).', 'ex4.ps')
    c.fact('stopMs', stop.durationMs)
    const seconds = (stop.durationMs / 1000).toFixed(1)
    if (stop.durationMs > expected.gracefulStopSeconds * 1000 || stop.exitCode !== 0)
      throw new SubmissionError(`docker stop took ${seconds} s and the container exited with code ${describeExitCode(stop.exitCode)}.`, {
        expected: `stopped within ${expected.gracefulStopSeconds} s, exit code 0`,
        seen: `${seconds} s, exit code ${stop.exitCode}`,
        fix: stop.exitCode === 137
          ? 'Write CMD in exec form: CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]. In shell form, /bin/sh is PID 1 and does not pass SIGTERM to uvicorn, so docker stop waits 10 s and then kills it (137).'
          : 'Write CMD in exec form so uvicorn is PID 1, receives SIGTERM and shuts down cleanly.',
        location: cmdLocation(),
      })
  })
})
