import { isDeepStrictEqual } from 'node:util'
import { describe } from 'vitest'
import { check, labTest } from './lab.js'
import { expectRunning } from '../../../core/checks/expect.js'
import { fail } from '../../../core/grading/finding.js'
import { diagnoseListening, lastAttempt } from '../../../core/lab/api-diagnosis.js'
import { eventually } from '../../../core/lab/eventually.js'
import { SOCKET_TABLE_COMMAND } from '../../../core/lab/proc-net-tcp.js'
import type { Tp1Run } from '../session.js'

/** What the health route's findings name: the route, its body, how long it was waited for, the app uvicorn loads. */
const healthOf = ({ expected, timeouts }: Tp1Run['rubric']) => ({
  path: expected.healthPath,
  body: JSON.stringify(expected.healthBody),
  seconds: timeouts.startSeconds,
  host: expected.apiHost,
  appFile: expected.appFile,
  appModule: expected.appModule,
})

describe('exercise 4: the API container', () => {
  check('ex4.health', async (c, { lab, run: { rubric, messages } }) => {
    const { expected, timeouts } = rubric
    const t = messages.ex4
    const api = await lab.api()
    const answer = await api.get(expected.healthPath, { timeoutMs: timeouts.startSeconds * 1000, probeMs: timeouts.probeSeconds * 1000 })
    c.fact('waitedMs', answer.waitedMs)
    if (answer.outcome !== 'accepted') {
      await expectRunning(await api.state(), () => api.logTail(), (exit) => t.health.stopped(exit, expected))
      const listening = diagnoseListening(answer.outcome === 'not-listening' ? answer.sockets : ((await api.listeningSockets()) ?? []), expected.apiPort)
      throw fail(t.health.noAnswer(lastAttempt(answer), listening, healthOf(rubric)), { log: await api.logTail() })
    }
    const { status, json } = answer.answer
    if (status !== 200 || !isDeepStrictEqual(json, expected.healthBody)) throw fail(t.health.wrongAnswer(answer.answer, healthOf(rubric)))
  })

  check('ex4.listen-all', async (_c, { lab, run: { rubric: { expected, timeouts }, messages } }) => {
    const t = messages.ex4
    const port = expected.apiPort
    const api = await lab.requireApi()
    const found = await eventually(async () => {
      const table = await api.socketTable()
      if (table.ok && !table.sockets.length) throw new Error('nothing listens yet')
      return table // unreadable (the image's cat hangs, or there is none): waiting will not change it
    }, {
      timeoutMs: timeouts.startSeconds * 1000,
      giveUp: async () => ((await api.state()).running ? undefined : 'exited'),
    })
    if (found.ok && !found.value.ok) throw fail(t.listenAll.unreadable(SOCKET_TABLE_COMMAND.join(' '), found.value.failure), { log: await api.logTail() })
    if (!found.ok) await expectRunning(await api.state(), () => api.logTail(), (exit) => t.listenAll.stopped(exit, expected))
    const listening = diagnoseListening(found.ok && found.value.ok ? found.value.sockets : [], port)
    if (listening.kind !== 'all')
      throw fail(t.listenAll.notEverywhere(listening, port, expected.apiHost), { log: await api.logTail(), ...lab.cmdLocation() })
  })

  // The one docker stop of exercise 4 starts now, in the background: its grace period overlaps the Compose checks,
  // and ex4.ps / ex4.graceful-stop (specs/ex4-stop.spec.ts, run later) read what it saw.
  labTest.afterAll(({ lab }) => lab.stopApiInBackground())
})
