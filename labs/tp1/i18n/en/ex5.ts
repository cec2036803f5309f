import { session } from './session.js'
import type { PolicyViolation } from '../../../../core/analysis/compose-policy.js'
import type { Finding } from '../../../../core/grading/finding.js'
import type { Exited, Unanswered } from '../../../../core/lab/api-diagnosis.js'
import type { Expected } from '../../expected.js'
import { compose } from '../../../../core/i18n/en/compose.js'
import { lab } from '../../../../core/i18n/en/lab.js'
import type { AppStart } from './session.js'

/** A published port of a Compose service that is not the one the lab asks for, as ex5.ports reports it. */
export interface PortProblem {
  service: string
  /** Every port mapping of the service: `published` is undefined when Docker picks a random host port. */
  mappings: readonly { published?: string; target: number }[]
  /** The container port the lab asks to publish. */
  target: number
  /** The container port is published, on another host port. */
  publishedElsewhere: boolean
}

/** What the api service builds from, as ex5.services sees it: `context` is shown relative to the submission. */
export type ApiBuildSeen =
  | { kind: 'no-service'; services: readonly string[] }
  | { kind: 'no-build'; image: string | undefined }
  | { kind: 'build'; context: string; noDockerfile: boolean }

/**
 * How docker compose up failed: `partly`, the services that need no build were started alone; `output`, its last
 * lines; `build`, the api image did not build.
 */
export interface UpFailure { partly: boolean; output: string; build: boolean }

/**
 * A service's image that the grader built itself, as docker compose build would, within the rubric's limits, and
 * that did not build: `dockerfile` as the submission names it, `step` the instruction running when it stopped,
 * `error` Docker's (or the limit's) sentence, `limit` the limit it hit, `partly` as in UpFailure.
 */
export interface ComposeBuildFailed {
  service: string
  dockerfile: string
  step?: string
  error?: string
  limit?: 'time' | 'memory'
  partly: boolean
}

/** The limits of a build: its time and the memory of each RUN step. */
export interface BuildLimits { seconds: number; megabytes: number }

/** The folder a build context names, as the student writes a path in it: "./api" → "api" (the same in every language). */
export const contextFolder = (context: string) => context.replace(/^\.\//, '').replace(/\/+$/, '')

/** The two services of the lab, by the names the rubric gives them. */
interface Services { db: string; api: string }

type ItemFeedback = Omit<Finding, 'message'>

const mapping = (m: { published?: string; target: number }) => `${m.published ?? '(random)'}:${m.target}`
const missingService = (service: string, services: readonly string[]) => `no service named "${service}" (services: ${services.join(', ') || 'none'})`
const where = (v: { service: string }, what: string) => (v.service ? `${v.service}: ${what}` : what)
const theContainer = (service: string) => `the ${service} container`

/** Messages of ex5: each failure is one function of what was observed, returning the whole finding. */
export const ex5 = {
  /** What a stopped container was, in lab.exited: "the api container keeps running". */
  theContainer,
  file: {
    /** `names`: the file names Compose looks for; `folder`: the lab's folder ("./" for the top of the submission). */
    missing: (names: readonly string[], folder: string, apiContext: string): Finding => ({
      message: 'There is no Compose file in the submission.',
      expected: `one of ${names.join(', ')} in ${folder}`,
      seen: 'none of them',
      fix: `Save your Compose file as docker-compose.yml next to the ${contextFolder(apiContext)}/ folder.`,
    }),
    /** The file is there but holds nothing (or only comments): the skeleton was never filled in. */
    empty: (file: string, services: Services): Finding => ({
      message: `${file} is empty: it declares no service.`,
      expected: `the services ${services.db} and ${services.api} of question 5.b`,
      seen: 'an empty file (or only comments)',
      fix: `Write the Compose file of question 5.b in ${file}, then check it with docker compose config.`,
    }),
    /** `error`: what docker compose config said, undefined when it gave no configuration. */
    invalid: (file: string, error: string | undefined, services: Services): Finding => ({
      message: `${file} is valid YAML but not a valid Compose file.`,
      expected: 'docker compose config accepts the file',
      seen: error ?? 'no configuration',
      fix: `Check the key names and their nesting against the lab: services → ${services.db} / ${services.api} → image, build, environment, ports, depends_on.`,
    }),
    refused: (violations: readonly PolicyViolation[]): Finding => ({
      message: `The grader refuses to run this Compose project: ${violations.map((v) => (v.service ? `service "${v.service}", ${v.key}` : v.key)).join('; ')}.`,
      expected: 'services that need no special power over the machine and use only files of the submission',
      seen: violations.map((v) => where(v, compose.refusal(v.reason))).join('\n'),
      fix: 'Remove these keys or values: the lab needs none of them. Nothing of this project was run.',
    }),
    /** `service`: the db service as declared, undefined when there is none; `services`: every service's name. */
    dbImage: (db: string, major: number, service: { image?: string } | undefined, services: readonly string[]): ItemFeedback => ({
      expected: `service "${db}" with image: postgres:${major}`,
      seen: service ? `image: ${service.image ?? '(none)'}` : missingService(db, services),
      fix: `Under services: → ${db}:, write image: postgres:${major}. Pin the major version: postgres or postgres:latest can jump to another release.`,
    }),
    apiBuild: (api: string, context: string, seen: ApiBuildSeen, appFile: string): ItemFeedback => ({
      expected: `service "${api}" with build: ${context}, and a Dockerfile in that folder`,
      seen: seen.kind === 'no-service'
        ? missingService(api, seen.services)
        : seen.kind === 'no-build'
          ? `"${api}" has no build: key (image: ${seen.image ?? 'none'})`
          : `build context ${seen.context}${seen.noDockerfile ? ', where there is no Dockerfile' : ''}`,
      fix: `Write build: ${context} under ${api}:, and put the API's Dockerfile and ${appFile} in that folder.`,
    }),
    dependsOn: (api: string, db: string, dependsOn: readonly string[]): ItemFeedback => ({
      expected: `${api}.depends_on lists ${db}`,
      seen: dependsOn.length ? `depends_on: ${dependsOn.join(', ')}` : 'no depends_on',
      fix: `Under ${api}:, add depends_on: with - ${db}, so that Compose starts the database first.`,
    }),
    ports: (problems: readonly PortProblem[], e: Expected): Finding => ({
      message: `The published ports are not the ones the lab asks for: ${problems.map((p) => p.service).join(' and ')}.`,
      expected: `${e.services.db}: "${e.dbPort}:${e.dbPort}", ${e.services.api}: "${e.apiPort}:${e.apiPort}" (HOST:CONTAINER)`,
      seen: problems
        .map((p) => `${p.service}: ${p.mappings.length ? p.mappings.map(mapping).join(', ') : 'no ports'} (container port ${p.target} ${p.publishedElsewhere ? 'published on another host port' : 'not published'})`)
        .join('; '),
      fix: `Under each service, write ports: with a quoted "HOST:CONTAINER" entry, e.g. - "${e.apiPort}:${e.apiPort}".`,
    }),
  },
  up: {
    /** `reason` is the timeout's own sentence, without its final period; `apiContext`: the api service's build context. */
    timeout: (reason: string, seconds: number, apiContext: string): Finding => ({
      message: `${reason}.`,
      expected: `docker compose up finishes within ${seconds} s`,
      seen: 'still building or starting',
      fix: `A RUN step of ${contextFolder(apiContext)}/Dockerfile must end: start the server with CMD, never with RUN.`,
    }),
    failed: (failure: UpFailure, services: Services): Finding => ({
      message: `docker compose up failed.${failure.partly ? ' The services that need no build were started alone, so that their checks are still graded.' : ''}`,
      expected: `docker compose up --build starts ${services.db} and ${services.api}`,
      seen: failure.output,
      fix: failure.build
        ? `The ${services.api} image did not build: run docker compose build ${services.api} and read the first error.`
        : 'Run docker compose up in your submission folder and read the first error.',
    }),
    buildFailed: (failure: ComposeBuildFailed, limits: BuildLimits): Finding => ({
      message: `The ${failure.service} image did not build${failure.step ? ` at "${failure.step}"` : ''}${
        failure.limit === 'time' ? `: it hit the build's time limit (${limits.seconds} s)` : failure.limit === 'memory' ? `: a RUN step hit the build's memory limit (${limits.megabytes} MB)` : ''
      }.${failure.partly ? ' The services that need no build were started alone, so that their checks are still graded.' : ''}`,
      expected: `docker compose build ${failure.service} succeeds within ${limits.seconds} s, each RUN step within ${limits.megabytes} MB of memory`,
      seen: failure.error ?? 'the build ended without an image',
      fix: failure.limit === 'time'
        ? `A RUN step of ${failure.dockerfile} must end: start the server with CMD, never with RUN.`
        : failure.limit === 'memory'
          ? `A RUN step of ${failure.dockerfile} used too much memory: installing the lab's packages needs far less; look for a step that allocates or downloads without bound.`
          : `Run docker compose build ${failure.service} in your submission folder and read the first error.`,
    }),
    noContainer: (service: string): Finding => ({
      message: `Compose created no container for "${service}".`,
      expected: `a running ${service} container`,
      seen: 'none',
    }),
    stopped: (service: string, exit: Exited, app: AppStart): Finding => ({
      message: `The ${service} container stopped after compose up.`,
      ...session.exited(theContainer(service), exit, app),
    }),
  },
  apiHealth: {
    /** `got`: what GET /health got instead of the awaited answer. */
    noAnswer: (api: string, got: Unanswered, e: Expected): Finding => {
      const folder = contextFolder(e.services.apiBuildContext)
      return {
        message: `The ${api} service did not answer GET ${e.healthPath} with 200 ${JSON.stringify(e.healthBody)}.`,
        expected: `200 ${JSON.stringify(e.healthBody)}`,
        seen: lab.unanswered(got),
        fix: `Check ${folder}/${e.appFile} and the CMD of ${folder}/Dockerfile (uvicorn ${e.appModule} --host ${e.apiHost} --port ${e.apiPort}).`,
      }
    },
    /** Host port `port` is published to container port `target`, not to `port` where the app listens. */
    otherTarget: (api: string, port: number, target: number, got: Unanswered): Finding => ({
      message: `The ${api} service publishes host port ${port} to container port ${target}, where nothing answers: curl localhost:${port} reaches nothing.`,
      expected: `"${port}:${port}": host port ${port} to container port ${port}, where uvicorn listens`,
      seen: `"${port}:${target}": ${lab.unanswered(got)}`,
      fix: `In ports:, the second number is the port inside the container, the one uvicorn listens on (--port ${port}): write "${port}:${port}".`,
    }),
  },
  down: {
    leftBehind: (containers: readonly string[], networks: readonly string[]): Finding => ({
      message: 'docker compose down left parts of the project behind.',
      expected: 'no container and no network of the project',
      seen: [...containers.map((c) => `container ${c}`), ...networks.map((n) => `network ${n}`)].join(', '),
      fix: 'docker compose down removes what Compose created, not external networks or containers started by hand: let Compose create the project network (no external: true).',
    }),
  },
}
