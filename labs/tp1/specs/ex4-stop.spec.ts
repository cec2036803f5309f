import { describe } from 'vitest'
import { check } from './lab.js'
import { fail } from '../../../core/grading/finding.js'
import { exited } from '../../../core/lab/api-diagnosis.js'
import { exitMeaning } from '../../../core/lab/exit-codes.js'

// Runs after the Compose checks (see vitest.config.ts): the stop began when the checks of the running container ended.
describe('exercise 4: docker stop', () => {
  check('ex4.ps', async (_c, { lab, run: { rubric: { expected, timeouts }, messages } }) => {
    const t = messages.ex4
    const api = await lab.requireApi()
    const engine = await lab.engine()
    const stop = await api.stop(timeouts.stopGraceSeconds)
    if (!stop.listedWhileRunning) {
      const state = await api.state()
      const log = await api.logTail()
      throw fail(t.ps.notListed(exited(state, log), expected), { log })
    }
    if (!stop.publishedWhileRunning) throw fail(t.ps.notPublished(expected.apiPort))
    const running = await engine.list({ all: false })
    const all = await engine.list({ all: true })
    const listed = all.find((c) => c.id === api.id)
    if (running.some((c) => c.id === api.id) || listed?.state !== 'exited') throw fail(t.ps.notExited(listed?.state))
  })

  // Judged by how the container ended, not by a time that load can stretch: exit code 0 is SIGTERM handled. A PID 1
  // with no handler for the stop signal is known at once (docker-engine.ts, stop): killed, as docker stop would.
  check('ex4.graceful-stop', async (c, { lab, run: { rubric: { expected, timeouts }, messages } }) => {
    const t = messages.ex4
    const api = await lab.requireApi()
    const stop = await api.stop(timeouts.stopGraceSeconds)
    if (!stop.listedWhileRunning) throw lab.blocked('stoppedContainer')
    c.fact('stopMs', stop.durationMs)
    if (stop.dropped) {
      const { signal, command } = stop.dropped
      throw fail(t.gracefulStop.signalDropped(signal, command, timeouts.stopGraceSeconds, expected), lab.cmdLocation())
    }
    if (stop.exitCode !== 0) {
      const finding = t.gracefulStop.notGraceful(stop.durationMs / 1000, exitMeaning(stop.exitCode), timeouts.stopGraceSeconds, expected)
      throw fail(finding, lab.cmdLocation())
    }
  })
})
