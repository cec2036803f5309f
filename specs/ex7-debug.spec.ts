import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { BlockedError, SubmissionError } from '../grading/errors.js'
import { exitedFeedback } from '../lab/api-diagnosis.js'
import { tail } from '../lab/docker-logs.js'
import { eventually } from '../lab/eventually.js'
import { describeConnectionError, httpGet } from '../lab/http-probe.js'
import type { LabStack } from '../lab/lab-stack.js'
import { session } from '../lab/session.js'
import { rubric } from '../rubric/index.js'

const { expected, timeouts } = rubric
const { db, api } = expected.services
const uvicornStartup = /Uvicorn running on|Application startup complete/

async function runningApi(): Promise<LabStack> {
  const stack = await session().settledStack()
  if (!(await stack.service(api))?.running) throw new BlockedError(`Not run: the ${api} container is not running (see ex5.up).`, 'ex5.up')
  return stack
}

describe('Exercise 7 — debugging containers', () => {
  check('ex7.logs', async () => {
    const stack = await session().settledStack()
    const state = await stack.service(api)
    if (!state) throw new BlockedError(`Not run: Compose created no ${api} container (see ex5.up).`, 'ex5.up')
    const logs = await eventually(async () => {
      const text = await stack.logs(api)
      if (!uvicornStartup.test(text)) throw new Error('no startup line yet')
      return text
    }, { timeoutMs: timeouts.startSeconds * 1000, giveUp: async () => ((await stack.service(api))?.running ? undefined : 'exited') })
    if (!logs.ok) {
      const log = tail(await stack.logs(api))
      if (!state.running) throw new SubmissionError(`docker compose logs ${api} shows no uvicorn startup: the container stopped.`, exitedFeedback(`the ${api} container`, state.exitCode, state.oomKilled, log))
      throw new SubmissionError(`docker compose logs ${api} shows no uvicorn startup line.`, {
        expected: '"Uvicorn running on http://0.0.0.0:8000" and "Application startup complete"',
        seen: log || '(empty log)',
        fix: 'The api container must run uvicorn (CMD in api/Dockerfile), which logs these lines when it starts.',
      })
    }
  })

  check('ex7.exec', async (c) => {
    const stack = await runningApi()
    const probe = `import os, sys; print(sys.version.split()[0]); print(os.getcwd()); print(os.path.isfile(${JSON.stringify(expected.appFile)}))`
    const result = await stack.exec(api, ['python', '-c', probe])
    const [version = '', cwd = '', hasApp = ''] = result.stdout.trim().split('\n')
    c.fact('python', version)
    if (result.exitCode !== 0 || !version.startsWith(`${expected.pythonVersion}.`) || hasApp !== 'True')
      throw new SubmissionError(`Inside the running ${api} container: Python ${version || '?'}, and ${expected.appFile} ${hasApp === 'True' ? 'is' : 'is not'} in ${cwd || 'the working directory'}.`, {
        expected: `Python ${expected.pythonVersion}.x and ${expected.appFile} in the working directory`,
        seen: result.exitCode === 0 ? `Python ${version}, working directory ${cwd}, ${expected.appFile} ${hasApp === 'True' ? 'present' : 'missing'}` : (result.stderr || result.stdout).trim().slice(0, 300),
        fix: `In api/Dockerfile: FROM ${expected.pythonImage}, WORKDIR ${expected.workdir}, COPY ${expected.appFile} .`,
      })
  })

  check('ex7.restart', async () => {
    const stack = await runningApi()
    const apiBefore = await stack.requireService(api)
    const dbBefore = await stack.service(db)
    await stack.restart(api, timeouts.stopGraceSeconds)
    const apiAfter = await stack.requireService(api)
    const dbAfter = await stack.service(db)
    if (apiAfter.id !== apiBefore.id || apiAfter.startedAt === apiBefore.startedAt)
      throw new SubmissionError('docker compose restart api did not restart the same container.', { expected: 'same container id, new start time', seen: `id ${apiAfter.id.slice(0, 12)}, started ${apiAfter.startedAt}` })
    if (dbBefore && dbAfter && dbAfter.startedAt !== dbBefore.startedAt)
      throw new SubmissionError(`Restarting ${api} also restarted ${db}.`, {
        expected: `${db} untouched`, seen: `${db} restarted at ${dbAfter.startedAt}`,
        fix: `Nothing in ${db} should depend on ${api}: check depends_on and restart policies.`,
      })
    const { host, port } = await stack.endpoint(api, expected.apiPort)
    const answer = await eventually(async () => {
      const reply = await httpGet(`http://${host}:${port}${expected.healthPath}`, timeouts.probeSeconds * 1000)
      if (reply.status !== 200) throw new Error(`answered ${reply.status} ${reply.body.slice(0, 200)}`)
      return reply
    }, { timeoutMs: timeouts.startSeconds * 1000, giveUp: async () => ((await stack.service(api))?.running ? undefined : 'exited') })
    if (!answer.ok) {
      const state = await stack.requireService(api)
      if (!state.running) throw new SubmissionError(`After the restart, the ${api} container stopped.`, exitedFeedback(`the ${api} container`, state.exitCode, state.oomKilled, await stack.logTail(api)))
      throw new SubmissionError(`After the restart, GET ${expected.healthPath} did not answer 200.`, {
        expected: 'HTTP 200 again',
        seen: describeConnectionError(answer.lastError),
        log: await stack.logTail(api),
      })
    }
  })
})
