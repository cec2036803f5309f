import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { BlockedError, SubmissionError } from '../grading/errors.js'
import { exitedFeedback } from '../lab/api-diagnosis.js'
import { describeExitCode } from '../lab/exit-codes.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const { expected, timeouts } = rubric
const port = expected.apiPort
const t = messages.ex4
const execLine = `CMD [${['uvicorn', expected.appModule, '--host', expected.apiHost, '--port', String(port)].map((a) => JSON.stringify(a)).join(', ')}]`

// Runs after the Compose checks (see vitest.config.ts): the stop began when the checks of the running container ended.
describe(t.stopSuite, () => {
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

  // Judged by how the container ended, not by a time that load can stretch: exit code 0 is SIGTERM handled.
  check('ex4.graceful-stop', async (c) => {
    const api = await session().requireApi()
    const stop = await api.stop(timeouts.stopGraceSeconds)
    if (!stop.listedWhileRunning) throw new BlockedError(t.gracefulStop.blocked, 'ex4.ps')
    c.fact('stopMs', stop.durationMs)
    const seconds = stop.durationMs / 1000
    if (stop.exitCode !== 0)
      throw new SubmissionError(t.gracefulStop.message(seconds, describeExitCode(stop.exitCode)), {
        expected: t.gracefulStop.expected(timeouts.stopGraceSeconds),
        seen: t.gracefulStop.seen(seconds, stop.exitCode),
        fix: stop.exitCode === 137 ? t.gracefulStop.fixShellForm(timeouts.stopGraceSeconds, execLine) : t.gracefulStop.fixExecForm,
        ...session().cmdLocation(),
      })
  })
})
