import path from 'node:path'
import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { BlockedError, SubmissionError } from '../grading/errors.js'
import { describeWait, exitedFeedback } from '../lab/api-diagnosis.js'
import { tail } from '../lab/docker-logs.js'
import { eventually } from '../lab/eventually.js'
import { describeConnectionError } from '../lab/http-probe.js'
import type { LabStack } from '../lab/lab-stack.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const { expected, timeouts } = rubric
const t = messages.ex7
const { db, api } = expected.services
const uvicornStartup = /Uvicorn running on|Application startup complete/

const runningApi = (): Promise<LabStack> => session().requireRunning(api)

/** The Dockerfile Compose builds the api service from, as the student names it (e.g. "api/Dockerfile"). */
function composeDockerfile(): string {
  const compose = session().composeFile() ?? 'docker-compose.yml'
  return path.posix.join(path.posix.dirname(compose), expected.services.apiBuildContext, 'Dockerfile')
}

describe(t.suite, () => {
  check('ex7.logs', async () => {
    const stack = await session().settledStack()
    const state = await stack.service(api)
    if (!state) throw new BlockedError(t.noContainer(api), 'ex5.up')
    const logs = await eventually(async () => {
      const text = await stack.logs(api)
      if (!uvicornStartup.test(text)) throw new Error('no startup line yet')
      return text
    }, { timeoutMs: timeouts.startSeconds * 1000, giveUp: stack.untilExited(api) })
    if (!logs.ok) {
      const log = tail(await stack.logs(api))
      if (!state.running) throw new SubmissionError(t.logs.stopped(api), exitedFeedback(messages.ex5.theContainer(api), state.exitCode, state.oomKilled, log))
      throw new SubmissionError(t.logs.noStartup(api), {
        expected: t.logs.expected,
        seen: log || t.logs.emptyLog,
        fix: t.logs.fix,
      })
    }
  })

  check('ex7.exec', async (c) => {
    const stack = await runningApi()
    const probe = `import os, sys; print(sys.version.split()[0]); print(os.getcwd()); print(os.path.isfile(${JSON.stringify(expected.appFile)}))`
    const result = await stack.exec(api, ['python', '-c', probe])
    const [version = '', cwd = '', hasApp = ''] = result.stdout.trim().split('\n')
    c.fact('python', version)
    if (result.exitCode !== 0 || !version.startsWith(`${expected.baseImage.pythonMajor}.`) || hasApp !== 'True')
      throw new SubmissionError(t.exec.message(api, version, expected.appFile, hasApp === 'True', cwd), {
        expected: t.exec.expected(expected.baseImage.pythonMajor, expected.appFile),
        seen: result.exitCode === 0 ? t.exec.seen(version, cwd, expected.appFile, hasApp === 'True') : (result.stderr || result.stdout).trim().slice(0, 300),
        fix: t.exec.fix(composeDockerfile(), expected.baseImage.example, expected.appFile),
      })
  })

  check('ex7.restart', async () => {
    const stack = await runningApi()
    const apiBefore = await stack.requireService(api)
    const dbBefore = await stack.service(db)
    await stack.restart(api, timeouts.quickStopSeconds)
    const apiAfter = await stack.requireService(api)
    const dbAfter = await stack.service(db)
    if (apiAfter.id !== apiBefore.id || apiAfter.startedAt === apiBefore.startedAt)
      throw new SubmissionError(t.restart.notSame.message, { expected: t.restart.notSame.expected, seen: t.restart.notSame.seen(apiAfter.id.slice(0, 12), apiAfter.startedAt) })
    if (dbBefore && dbAfter && dbAfter.startedAt !== dbBefore.startedAt)
      throw new SubmissionError(t.restart.dbRestarted.message(api, db), {
        expected: t.restart.dbRestarted.expected(db), seen: t.restart.dbRestarted.seen(db, dbAfter.startedAt),
        fix: t.restart.dbRestarted.fix(db, api),
      })
    // Any HTTP answer shows the app is back: whether /health is right is ex4's and ex5's to judge.
    const answer = await stack.waitForHttp(api, expected.apiPort, expected.healthPath, { timeoutMs: timeouts.startSeconds * 1000, probeMs: timeouts.probeSeconds * 1000 })
    if (answer.outcome !== 'accepted') {
      const state = await stack.requireService(api)
      if (!state.running) throw new SubmissionError(t.restart.stopped(api), exitedFeedback(messages.ex5.theContainer(api), state.exitCode, state.oomKilled, await stack.logTail(api)))
      throw new SubmissionError(t.restart.noAnswer.message(expected.healthPath), {
        expected: t.restart.noAnswer.expected,
        seen: describeWait(answer, expected.apiPort),
        log: await stack.logTail(api),
      })
    }
  })
})
