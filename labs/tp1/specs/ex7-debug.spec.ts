import path from 'node:path'
import { describe } from 'vitest'
import { check } from './lab.js'
import { expectAccepted, expectRunning } from '../../../core/checks/expect.js'
import { blocked, fail } from '../../../core/grading/finding.js'
import { tail } from '../../../core/lab/docker-logs.js'
import { eventually } from '../../../core/lab/eventually.js'
import type { GradingSession } from '../session.js'
import type { Expected } from '../expected.js'

const uvicornStartup = /Uvicorn running on|Application startup complete/

/** The Dockerfile Compose builds the api service from, as the student names it (e.g. "api/Dockerfile"). */
function composeDockerfile(lab: GradingSession, expected: Expected): string {
  const compose = lab.composeFile() ?? 'docker-compose.yml'
  return path.posix.join(path.posix.dirname(compose), expected.services.apiBuildContext, 'Dockerfile')
}

describe('exercise 7: debugging', () => {
  check('ex7.logs', async (_c, { lab, run: { rubric, messages } }) => {
    const { expected, timeouts } = rubric
    const t = messages.ex7
    const { api } = expected.services
    const stack = await lab.settledStack()
    const state = await stack.service(api)
    if (!state) throw blocked(messages.lab.session.noContainer(api, rubric.provides.stack!), rubric.provides.stack!)
    const logs = await eventually(async () => {
      const text = await stack.logs(api)
      if (!uvicornStartup.test(text)) throw new Error('no startup line yet')
      return text
    }, { timeoutMs: timeouts.startSeconds * 1000, giveUp: stack.untilExited(api) })
    if (!logs.ok) {
      const log = tail(await stack.logs(api))
      await expectRunning(state, async () => log, (exit) => t.logs.stopped(api, exit, expected))
      throw fail(t.logs.noStartup(api, log, expected))
    }
  })

  check('ex7.exec', async (c, { lab, run: { rubric: { expected }, messages } }) => {
    const { api } = expected.services
    const stack = await lab.requireRunning(api)
    const probe = `import os, sys; print(sys.version.split()[0]); print(os.getcwd()); print(os.path.isfile(${JSON.stringify(expected.appFile)}))`
    const result = await stack.exec(api, ['python', '-c', probe])
    const [version = '', cwd = '', hasApp = ''] = result.stdout.trim().split('\n')
    c.fact('python', version)
    if (result.exitCode !== 0 || !version.startsWith(`${expected.baseImage.pythonMajor}.`) || hasApp !== 'True') {
      const output = (result.stderr || result.stdout).trim().slice(0, 300)
      throw fail(messages.ex7.exec(api, { exitCode: result.exitCode, version, cwd, present: hasApp === 'True', output }, composeDockerfile(lab, expected), expected))
    }
  })

  check('ex7.restart', async (_c, { lab, run: { rubric: { expected, timeouts }, messages } }) => {
    const t = messages.ex7
    const { db, api } = expected.services
    const stack = await lab.requireRunning(api)
    const apiBefore = await stack.requireService(api)
    const dbBefore = await stack.service(db)
    await stack.restart(api, timeouts.quickStopSeconds)
    const apiAfter = await stack.requireService(api)
    const dbAfter = await stack.service(db)
    if (apiAfter.id !== apiBefore.id || apiAfter.startedAt === apiBefore.startedAt)
      throw fail(t.restart.notSame(api, apiAfter.id.slice(0, 12), apiAfter.startedAt))
    if (dbBefore && dbAfter && dbAfter.startedAt !== dbBefore.startedAt) throw fail(t.restart.dbRestarted(api, db, dbAfter.startedAt))
    // Any HTTP answer shows the app is back: whether /health is right is ex4's and ex5's to judge.
    const wait = { timeoutMs: timeouts.startSeconds * 1000, probeMs: timeouts.probeSeconds * 1000 }
    const answer = await stack.waitForHttp(api, expected.apiPort, expected.healthPath, wait)
    const log = () => stack.logTail(api)
    if (answer.outcome !== 'accepted')
      await expectRunning(await stack.requireService(api), log, (exit) => t.restart.stopped(api, exit, expected))
    await expectAccepted(answer, expected.apiPort, (got) => t.restart.noAnswer(expected.healthPath, got), log)
  })
})
