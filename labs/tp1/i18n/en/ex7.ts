import { session } from './session.js'
import type { Finding } from '../../../../core/grading/finding.js'
import type { Exited, Unanswered } from '../../../../core/lab/api-diagnosis.js'
import type { Expected } from '../../expected.js'
import { contextFolder, ex5 } from './ex5.js'
import { lab } from '../../../../core/i18n/en/lab.js'
import type { AppStart } from './session.js'

/**
 * What `python -c` printed inside the api container: its exit code, the Python version and working directory
 * (empty when it printed nothing), whether the app file is there, and its output (stderr first) when it failed.
 */
export interface ExecProbe { exitCode: number; version: string; cwd: string; present: boolean; output: string }

/** Messages of ex7: each failure is one function of what was observed, returning the whole finding. */
export const ex7 = {
  logs: {
    stopped: (api: string, exit: Exited, app: AppStart): Finding => ({
      message: `docker compose logs ${api} shows no uvicorn startup: the container stopped.`,
      ...session.exited(ex5.theContainer(api), exit, app),
    }),
    /** `log`: the container's log tail, empty when it logged nothing. */
    noStartup: (api: string, log: string, e: Expected): Finding => ({
      message: `docker compose logs ${api} shows no uvicorn startup line.`,
      expected: `"Uvicorn running on http://${e.apiHost}:${e.apiPort}" and "Application startup complete"`,
      seen: log || '(empty log)',
      fix: `The ${api} container must run uvicorn (CMD in ${contextFolder(e.services.apiBuildContext)}/Dockerfile), which logs these lines when it starts.`,
    }),
  },
  /** `dockerfile`: the Dockerfile Compose builds the service from. */
  exec: (api: string, probe: ExecProbe, dockerfile: string, e: Expected): Finding => ({
    message: `Inside the running ${api} container: Python ${probe.version || '?'}, and ${e.appFile} ${probe.present ? 'is' : 'is not'} in ${probe.cwd || 'the working directory'}.`,
    expected: `Python ${e.baseImage.pythonMajor} and ${e.appFile} in the working directory`,
    seen: probe.exitCode === 0
      ? `Python ${probe.version}, working directory ${probe.cwd}, ${e.appFile} ${probe.present ? 'present' : 'missing'}`
      : probe.output,
    fix: `In ${dockerfile}: FROM a Python image (for example ${e.baseImage.example}), a WORKDIR, then COPY ${e.appFile} . into it.`,
  }),
  restart: {
    /** `id` and `startedAt`: the api container after the restart. */
    notSame: (api: string, id: string, startedAt: string): Finding => ({
      message: `docker compose restart ${api} did not restart the same container.`,
      expected: 'same container id, new start time',
      seen: `id ${id}, started ${startedAt}`,
    }),
    /** `startedAt`: when the db container started again. */
    dbRestarted: (api: string, db: string, startedAt: string): Finding => ({
      message: `Restarting ${api} also restarted ${db}.`,
      expected: `${db} untouched`,
      seen: `${db} restarted at ${startedAt}`,
      fix: `Nothing in ${db} should depend on ${api}: check depends_on and restart policies.`,
    }),
    stopped: (api: string, exit: Exited, app: AppStart): Finding => ({
      message: `After the restart, the ${api} container stopped.`,
      ...session.exited(ex5.theContainer(api), exit, app),
    }),
    noAnswer: (path: string, got: Unanswered): Finding => ({
      message: `After the restart, GET ${path} did not answer 200.`,
      expected: 'HTTP 200 again',
      seen: lab.unanswered(got),
    }),
  },
}
