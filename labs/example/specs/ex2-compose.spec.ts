import { describe } from 'vitest'
import { BlockedError, GraderError } from '../../../core/grading/errors.js'
import { expectAccepted, expectRunning } from '../../../core/checks/expect.js'
import { fail } from '../../../core/grading/finding.js'
import { COMPOSE_FILE_NAMES } from '../../../core/analysis/submission-files.js'
import { tail } from '../../../core/lab/docker-logs.js'
import { eventually } from '../../../core/lab/eventually.js'
import { check } from './lab.js'

describe('exercise 2: the site and its backend in a Compose project', () => {
  check('ex2.up', async (_c, { lab, run: { rubric: { expected, timeouts }, messages } }) => {
    const t = messages.ex2
    lab.requireLab()
    const config = await lab.composeConfig()
    if (!config.ok) {
      if ('missing' in config) throw fail(t.noCompose(COMPOSE_FILE_NAMES))
      if ('error' in config) throw fail(t.invalid(config.error))
      throw fail(t.refused(config.refused.map((v) => (v.service ? `${v.service}.${v.key}` : v.key)).join(', ')))
    }
    if (config.refused.length) throw fail(t.refused(config.refused.map((v) => (v.service ? `${v.service}.${v.key}` : v.key)).join(', ')))
    const outcome = await lab.stack()
    const failure = outcome.ok ? outcome.failure : outcome.error
    if (failure !== undefined) {
      if (failure instanceof BlockedError || failure instanceof GraderError) throw failure
      const message = (failure as Error).message
      throw fail(t.upFailed(tail(message, 3)), { log: tail(message) })
    }
    const stack = await lab.settledStack()
    for (const service of [expected.services.web, expected.services.backend]) {
      const state = await stack.service(service)
      if (!state) throw fail(t.noContainer(service))
      await expectRunning(state, () => stack.logTail(service), (exit) => t.stopped(service, exit))
    }
    const answer = await stack.waitForHttp(expected.services.web, expected.port, '/', {
      accept: (a) => a.status === 200 && a.body.includes(expected.greeting),
      timeoutMs: timeouts.startSeconds * 1000,
      probeMs: timeouts.probeSeconds * 1000,
    })
    await expectAccepted(answer, expected.port, (got) => t.webNoAnswer(got, expected), () => stack.logTail(expected.services.web))
  })

  check('ex2.service-dns', async (_c, { lab, run: { rubric: { expected, timeouts }, messages } }) => {
    const { web, backend } = expected.services
    const stack = await lab.requireRunning(web, backend)
    const url = `http://${backend}:${expected.backendPort}${expected.backendPath}`
    // BusyBox's wget, in the site's own image: the backend may still be starting, so it is asked until the deadline.
    const answered = await eventually(async () => {
      const result = await stack.exec(web, ['wget', '-q', '-O', '-', '-T', String(timeouts.probeSeconds), url])
      if (result.exitCode !== 0 || result.stdout.trim() !== expected.backendAnswer)
        throw new Error((result.stdout.trim() || result.stderr.trim() || `wget exited with code ${result.exitCode}`).slice(0, 300))
    }, { timeoutMs: timeouts.startSeconds * 1000, intervalMs: 500 })
    if (!answered.ok) throw fail(messages.ex2.dns((answered.lastError as Error).message, expected))
  })
})
