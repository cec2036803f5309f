import type { Finding } from '../../grading/finding.js'
import type { Listening, Unanswered } from '../../lab/api-diagnosis.js'
import type { ExitMeaning } from '../../lab/exit-codes.js'
import type { ConnectionFailure } from '../../lab/http-probe.js'
import type { PgFailure } from '../../lab/postgres-probe.js'

/** A PostgreSQL login: who, with which password, to which database. */
interface Login { user: string; password: string; database: string }

/** What a container's exit code means, in words a beginner can act on (lab/exit-codes.ts). */
export function exitCode(exit: ExitMeaning): string {
  switch (exit.kind) {
    case 'oom-killed': return `${exit.code}: killed: out of memory`
    case 'finished': return '0: it finished normally'
    case 'error': return '1: the program stopped with an error (read the log below)'
    case 'misuse': return '2: the command was used wrongly (a bad option or argument)'
    case 'not-executable': return '126: the command was found but could not be executed (permissions, or not a program)'
    case 'not-found': return '127: command not found (a typo in CMD, or the program is not installed in the image)'
    case 'sigkill': return '137: killed with SIGKILL (by docker stop after the grace period, or out of memory)'
    case 'segfault': return '139: crashed (segmentation fault)'
    case 'sigterm': return '143: stopped by SIGTERM without handling it'
    case 'signal': return `${exit.code}: killed by signal ${exit.signal}`
    case 'failed': return `${exit.code}: the program stopped with an error`
  }
}

/** What a connection error means for a beginner (lab/http-probe.ts). */
function connection(failure: ConnectionFailure): string {
  switch (failure.kind) {
    case 'answered': return `${failure.answer.status} ${failure.answer.body.slice(0, 300)}`
    case 'refused': return 'the connection was refused (nothing listens on that port)'
    case 'closed': return 'the connection was closed without an answer (nothing inside the container listens where the port is published)'
    case 'timeout': return 'no answer within the time limit'
    case 'error': return failure.message
  }
}

const addresses = (sockets: readonly { address: string; port: number }[]) => sockets.map((s) => `${s.address}:${s.port}`).join(', ')

/** What a server really listens on inside its container (lab/api-diagnosis.ts). */
const listening = {
  seen: (listening: Listening): string => {
    switch (listening.kind) {
      case 'all': return `listening on 0.0.0.0:${listening.port}`
      case 'only-on': return `listening on ${addresses(listening.sockets)} only`
      case 'other-port': return `listening on ${addresses(listening.sockets)}, not on port ${listening.port}`
      case 'nothing': return 'nothing listens on any TCP port'
    }
  },
  /** `host`: the address uvicorn must listen on (--host). Nothing to fix when it listens on every interface. */
  fix: (listening: Listening, host: string): string | undefined => {
    switch (listening.kind) {
      case 'all': return undefined
      case 'only-on':
        return `${listening.sockets[0]!.address} is the container's own loopback: nothing outside the container can reach it. Start uvicorn with --host ${host}.`
      case 'other-port':
        return `The lab publishes container port ${listening.port} (-p ${listening.port}:${listening.port}): start uvicorn with --port ${listening.port}.`
      case 'nothing': return 'The server did not start: read the log below (an import error? a wrong module name in CMD?).'
    }
  },
}

/**
 * Messages the lab's helpers (lab/*.ts) observe for the checks of several exercises, said from their facts: what a
 * container's exit code means, why an API cannot be reached, pg's errors, said
 * from their facts.
 */
export const lab = {
  listening,
  exitCode,
  connection,
  /** What a wait for an HTTP answer got instead of the awaited one. */
  unanswered: (got: Unanswered): string => (got.kind === 'not-listening' ? listening.seen(got.listening) : connection(got)),
  /** pg's error, explained: `login` is the one tried, `db` the Compose service of the database. */
  postgres: (failure: PgFailure, login: Login, db: string): { seen: string; fix: string } => ({
    seen: failure.message,
    fix: {
      'wrong-password': `Set POSTGRES_USER: ${login.user} and POSTGRES_PASSWORD: ${login.password} under ${db}.environment. If you changed them after a first start, the old data volume keeps the old ones: run docker compose down -v once.`,
      'no-database': `Set POSTGRES_DB: ${login.database} under ${db}.environment so that PostgreSQL creates the database on its first start.`,
      'no-role': `The role "${login.user}" does not exist: set POSTGRES_USER: ${login.user} under ${db}.environment.`,
      other: `Check that the ${db} service is running (docker compose ps) and read its logs (docker compose logs ${db}).`,
    }[failure.kind],
  }),
  /** What a lab's session says when what the checks share cannot be had (core/session/lab-session.ts). */
  session: {
    noLab: 'Not run: the lab is nowhere in the submission (see the top of the sheet).',
    noDockerfile: 'no Dockerfile in the submission',
    /** Said when the grader's own YAML reading (with merge keys, before Compose reads the file) fails. */
    composeUnreadable: 'its YAML could not be read with its merge keys (<<: must name a mapping)',
    /** `keys`: what the policy refuses, e.g. "api.privileged, db.volumes". */
    policyRefused: (keys: string, by: string) => `Not run: the grader refuses to run this Compose project (${keys}; see ${by}).`,
    notRunning: (service: string, by: string) => `Not run: the ${service} container is not running (see ${by}).`,
    noContainer: (service: string, by: string) => `Not run: Compose created no ${service} container (see ${by}).`,
  },
  /** A one-shot probe of the image (python -c, uname -r) that did not end in time (lab/one-shot.ts): the machine's slowness. */
  probeTimedOut: (seconds: number) => `a one-shot command in the image did not finish within ${seconds} s (the machine may be overloaded: grade again)`,
  /** A build that ran out of time (lab/docker-engine.ts). */
  buildTimedOut: (seconds: number) => `the build did not finish within ${seconds} s`,
  /** A RUN step the kernel killed for using more memory than a build may (lab/docker-engine.ts). */
  buildOutOfMemory: (megabytes: number) => `a RUN step was killed: it used more than the ${megabytes} MB of memory a build may use`,
  /** What LabStack cannot do; they reach the student as the reason a check could not be run. */
  stack: {
    noContainer: (service: string) => `Compose created no container for the service "${service}"`,
    portNotPublished: (port: number, service: string) => `port ${port} of "${service}" is not published`,
    downTimedOut: (seconds: number) => `docker compose down did not finish within ${seconds} s`,
  },
  /** `docker compose up` that ran out of time (lab/lab-stack.ts). */
  composeUpTimedOut: (seconds: number) => `docker compose up did not finish within ${seconds} s`,
  /** Docker cannot be reached: the student is told how to start it (lab/docker-engine.ts). */
  dockerHostUnreachable: (host: string, reason: string) => `Docker is not reachable at DOCKER_HOST=${host} (${reason}). Start Docker Desktop or the docker service, or fix DOCKER_HOST, then grade again.`,
  dockerUnreachable: (reason: string) => `Docker is not running or not reachable (${reason}). Start Docker Desktop or the docker service, then grade again.`,
}
