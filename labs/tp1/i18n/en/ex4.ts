import { session } from './session.js'
import type { Finding } from '../../../../core/grading/finding.js'
import type { Exited, Listening } from '../../../../core/lab/api-diagnosis.js'
import type { ExitMeaning } from '../../../../core/lab/exit-codes.js'
import type { ConnectionFailure, HttpAnswer } from '../../../../core/lab/http-probe.js'
import type { SocketTableFailure } from '../../../../core/lab/proc-net-tcp.js'
import type { Expected } from '../../expected.js'
import { lab } from '../../../../core/i18n/en/lab.js'
import type { AppStart } from './session.js'

/** The lab's exec-form CMD, as the student writes it in the Dockerfile (the same in every language). */
export const execFormCmd = (e: Pick<Expected, 'appModule' | 'apiHost' | 'apiPort'>) =>
  `CMD [${['uvicorn', e.appModule, '--host', e.apiHost, '--port', String(e.apiPort)].map((a) => JSON.stringify(a)).join(', ')}]`

/**
 * What the lab asks of /health: its path and body (JSON, as text), within `seconds` of the start, from a server
 * listening on `host` and a route declared in `appFile` on the app `appModule` names ("app:app").
 */
export interface HealthWanted { path: string; body: string; seconds: number; host: string; appFile: string; appModule: string }

const apiContainer = 'the API container'

/** Messages of exercise 4: the API in a container of the student's image; each failure returns the whole finding. */
export const ex4 = {
  health: {
    stopped: (exit: Exited, app: AppStart): Finding => ({
      message: 'The API container stopped instead of serving requests.',
      ...session.exited(apiContainer, exit, app),
    }),
    /** `got`: what the last attempt got; `listening`: what the server listens on inside the container. */
    noAnswer: (got: ConnectionFailure, listening: Listening, wanted: HealthWanted): Finding => ({
      message: `GET ${wanted.path} on the published port got no answer: ${lab.connection(got)}.`,
      expected: `HTTP 200 ${wanted.body} within ${wanted.seconds} s`,
      seen: `no answer; inside the container the server is ${lab.listening.seen(listening)}`,
      fix: lab.listening.fix(listening, wanted.host) ?? 'Read the log below.',
    }),
    wrongAnswer: (answer: HttpAnswer, wanted: HealthWanted): Finding => ({
      message: `GET ${wanted.path} answered ${answer.status} ${answer.body.slice(0, 200)}.`,
      expected: `200 ${wanted.body}`,
      seen: `${answer.status} ${answer.body.slice(0, 500)}`,
      fix: answer.status === 404
        ? `There is no route ${wanted.path}: declare @${wanted.appModule.split(':')[1]}.get("${wanted.path}") in ${wanted.appFile}.`
        : `The route must return the dictionary ${wanted.body} exactly.`,
    }),
  },
  listenAll: {
    stopped: (exit: Exited, app: AppStart): Finding => ({
      message: 'The API container stopped: nothing to listen.',
      ...session.exited(apiContainer, exit, app),
    }),
    /** The server listens, but not on every interface of `port`; `host` is the address it must listen on. */
    notEverywhere: (listening: Listening, port: number, host: string): Finding => {
      const fix = lab.listening.fix(listening, host)
      return {
        message: listening.kind === 'nothing' ? `Inside the container, ${lab.listening.seen(listening)}.` : `Inside the container the server is ${lab.listening.seen(listening)}.`,
        expected: `listening on ${host}:${port} (every interface), so the published port reaches it`,
        seen: lab.listening.seen(listening),
        ...(fix ? { fix } : {}),
      }
    },
    /** The grader's `command` (reading the socket table) did not end in the container, or failed with nothing printed. */
    unreadable: (command: string, outcome: SocketTableFailure): Finding => ({
      message: `The grader could not see what the server listens on: in the container, \`${command}\` ${'timedOutSeconds' in outcome ? `did not end within ${outcome.timedOutSeconds} s` : 'failed'}.`,
      expected: `\`${command}\` in the container prints the kernel's socket table and ends`,
      seen: 'timedOutSeconds' in outcome ? `still running after ${outcome.timedOutSeconds} s` : `exit code ${outcome.exitCode}${outcome.output ? `: ${outcome.output}` : ''}`,
      fix: 'The image must keep the base image\'s usual commands: check that it has cat and that no step of the Dockerfile replaces it (or puts another cat first on the PATH).',
    }),
  },
  ps: {
    notListed: (exit: Exited, app: AppStart): Finding => ({
      message: 'docker ps did not list the container: it was not running.',
      ...session.exited(apiContainer, exit, app),
    }),
    notPublished: (port: number): Finding => ({
      message: `docker ps listed the container without port ${port} published.`,
      expected: `PORTS shows 0.0.0.0:<host port>->${port}/tcp`,
      seen: 'no published port',
      fix: `Add EXPOSE ${port} if you like, but above all run it with -p ${port}:${port}.`,
    }),
    /** `state`: Docker's word (exited, running…), undefined when docker ps -a does not list it. */
    notExited: (state: string | undefined): Finding => ({
      message: 'After docker stop, the container was not shown as exited by docker ps -a.',
      expected: 'gone from docker ps, listed by docker ps -a as Exited',
      seen: `docker ps -a shows it as ${state ?? 'absent'}`,
    }),
  },
  gracefulStop: {
    /**
     * `seconds`: how long docker stop took; `exit`: how the container ended; `grace`: how long docker stop waits
     * after SIGTERM before it kills (docker stop -t).
     */
    notGraceful: (seconds: number, exit: ExitMeaning, grace: number, e: Expected): Finding => ({
      message: `docker stop took ${seconds.toFixed(1)} s and the container exited with code ${lab.exitCode(exit)}.`,
      expected: `exit code 0: the server handles SIGTERM and stops before the ${grace} s grace period ends`,
      seen: `${seconds.toFixed(1)} s, exit code ${exit.code}`,
      fix: exit.code === 137
        ? `Write CMD in exec form: ${execFormCmd(e)}. In shell form, /bin/sh is PID 1 and does not pass SIGTERM to uvicorn, so docker stop waits ${grace} s and then kills it (137).`
        : 'Write CMD in exec form so uvicorn is PID 1, receives SIGTERM and shuts down cleanly.',
    }),
    /**
     * PID 1 (`command`) has no handler for the stop signal: the kernel discards it, and docker stop can only kill
     * the container when the `grace` seconds end (137). Known at once: the grader did not wait the grace out.
     */
    signalDropped: (signal: string, command: string, grace: number, e: Expected): Finding => ({
      message: `The container's PID 1 (${command}) does not handle ${signal}: docker stop waits ${grace} s for nothing, then kills it (exit code 137).`,
      expected: `exit code 0: the server handles ${signal} and stops before the ${grace} s grace period ends`,
      seen: `PID 1: ${command}, no ${signal} handler`,
      fix: /^(\/bin\/)?(ba|da)?sh -c /.test(command)
        ? `Write CMD in exec form: ${execFormCmd(e)}. In shell form, /bin/sh is PID 1 and does not pass ${signal} to uvicorn, so docker stop waits ${grace} s and then kills it (137).`
        : `Make the server PID 1 with CMD in exec form (${execFormCmd(e)}), so that it receives ${signal} and shuts down cleanly.`,
    }),
  },
}
