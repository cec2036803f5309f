import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { composeFileViolations, composePolicyViolations, namesPlatform, type PolicyViolation } from '../analysis/compose-policy.js'
import type { ComposeConfig, ComposeService } from '../analysis/compose-model.js'
import type { Rubric } from '../rubric/schema.js'
import { withBuiltImages } from './image-builds.js'

const run = promisify(execFile)

export type { ComposeConfig, ComposeService } from '../analysis/compose-model.js'

/** What the grader decides in the student's place: resources, names, how many containers, where logs go. */
const REPLACED = [
  'mem_limit', 'memswap_limit', 'mem_reservation', 'mem_swappiness', 'pids_limit',
  'cpus', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_shares', 'cpuset',
  'logging', 'deploy', 'scale', 'container_name', 'profiles',
] as const

export interface GraderSettings {
  /** Compose keys set on every service in place of the student's (see composeLimits). */
  limits?: Record<string, unknown>
  /** The longest a container may take to stop: a longer stop_grace_period is shortened to it. */
  stopGraceSeconds?: number
  /** Container ports the grader reaches, by service: published (on ephemeral host ports) whatever the student published. */
  probePorts?: Record<string, number[]>
}

/** Seconds in a Go duration as `docker compose config` writes it ("1m30s", "500ms"). */
export function durationSeconds(duration: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 }
  let seconds = 0
  for (const [, value, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) seconds += Number(value) * (units[unit!] ?? 0)
  return seconds
}

const withoutUnset = (values: Record<string, string | null> | undefined) =>
  values && Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null))

/** The names of the networks the student declared external, which the grader replaces by networks of its run. */
export function externalNetworks(config: ComposeConfig): string[] {
  return Object.entries(config.networks ?? {}).filter(([, value]) => value?.external).map(([key, value]) => String(value?.name ?? key))
}

/**
 * The configuration the grader really runs: the student's, with every published port moved to an ephemeral
 * host port (their fixed 8000:8000 and 5432:5432 are checked as declarations, never bound) and the container ports
 * the grader probes published too (`probePorts`: it reaches PostgreSQL and the API whatever the student published),
 * the run's labels on every container, built image, network and volume so that the run can remove all it created,
 * and the grader's limits (memory, processes, CPU, log size) in place of any the student set. Nothing in it names
 * an object of the machine: containers, networks and volumes take the run's project name (a `container_name` is
 * kept as a network alias; a fixed name would collide with the student's own containers or another run, or
 * designate a volume of the machine), a built image is tagged `<project>-<service>` (never `postgres:16`), and an
 * external network is replaced by a network of the run (ex5.down judges the declaration). A variable written
 * without a value is dropped: Compose would take it from the grader's environment.
 */
export function graderComposeConfig(config: ComposeConfig, labels: Record<string, string>, settings: GraderSettings = {}): ComposeConfig {
  const services: Record<string, ComposeService> = {}
  for (const [name, service] of Object.entries(config.services)) {
    const copy: ComposeService = { ...service }
    for (const key of REPLACED) delete copy[key]
    Object.assign(copy, settings.limits, { labels: { ...service.labels, ...labels } })
    const ports = (service.ports ?? []).map(({ published: _published, host_ip: _hostIp, ...port }) => port)
    for (const target of settings.probePorts?.[name] ?? []) if (!ports.some((p) => p.target === target)) ports.push({ target, protocol: 'tcp' })
    if (ports.length) copy.ports = ports
    if (service.environment) copy.environment = withoutUnset(service.environment)
    if (service.build) {
      delete copy.image
      copy.build = { ...service.build, labels: { ...service.build.labels, ...labels } }
      if (service.build.args) copy.build.args = withoutUnset(service.build.args)
    }
    const containerName = service.container_name
    if (typeof containerName === 'string' && isNetworkMap(service.networks))
      copy.networks = Object.fromEntries(Object.entries(service.networks).map(([network, options]) => [network, { ...options, aliases: [...new Set([...(options?.aliases ?? []), containerName])] }]))
    const grace = settings.stopGraceSeconds
    if (grace !== undefined && typeof service.stop_grace_period === 'string' && durationSeconds(service.stop_grace_period) > grace)
      copy.stop_grace_period = `${grace}s`
    services[name] = copy
  }
  const owned = (entries: ComposeConfig['networks'], replaceExternal: boolean) =>
    entries && Object.fromEntries(Object.entries(entries).map(([key, value]) => {
      if (value?.external && !replaceExternal) return [key, value]
      const { name: _name, external: _external, ...rest } = value ?? {}
      return [key, { ...(value?.external ? {} : rest), labels: { ...(rest.labels as object), ...labels } }]
    }))
  return {
    ...config,
    services,
    ...(config.networks ? { networks: owned(config.networks, true) } : {}),
    ...(config.volumes ? { volumes: owned(config.volumes, false) } : {}),
  }
}

/** The same limits in Compose's words, for every service of the student's project. */
export function composeLimits(limits: Rubric['limits']): Record<string, unknown> {
  return {
    mem_limit: `${limits.memoryMegabytes}m`,
    memswap_limit: `${limits.memoryMegabytes}m`,
    pids_limit: limits.pids,
    cpus: limits.cpus,
    logging: { driver: 'json-file', options: { 'max-size': `${limits.logMegabytes}m`, 'max-file': '1' } },
  }
}

/** What the rubric sets on the stack: its limits, the longest stop, the ports the grader probes. */
export function rubricComposeSettings(rubric: Pick<Rubric, 'limits' | 'timeouts' | 'compose'>): GraderSettings {
  return { limits: composeLimits(rubric.limits), stopGraceSeconds: rubric.timeouts.stopGraceSeconds, probePorts: rubric.compose.probePorts }
}

/** The file the run's stack is started from, in the run's scratch folder. */
export const GRADER_COMPOSE_FILE = 'compose.grader.json'

/**
 * Writes graderComposeConfig's configuration as GRADER_COMPOSE_FILE in `scratchDir`, each service that builds
 * running the image the grader built for it under its project's name (withBuiltImages): Compose builds nothing.
 */
export function writeGraderCompose(scratchDir: string, config: ComposeConfig, labels: Record<string, string>, settings: GraderSettings, project: string): void {
  writeFileSync(path.join(scratchDir, GRADER_COMPOSE_FILE), JSON.stringify(withBuiltImages(graderComposeConfig(config, labels, settings), project), null, 2))
}

type ServiceNetworks = Record<string, { aliases?: string[]; [key: string]: unknown } | null>
const isNetworkMap = (networks: unknown): networks is ServiceNetworks => typeof networks === 'object' && networks !== null && !Array.isArray(networks)

export type ComposeConfigResult = { ok: true; config: ComposeConfig } | { ok: false; error: string }

/**
 * What `docker compose config` sees of the grader's environment: how to reach Docker and find the compose plugin,
 * nothing else. The student's file interpolates `${VARIABLE}` from it (and from the submission's own .env): a
 * grader's token or password must never become a value of the student's project.
 */
function composeEnvironment(project: string, environment: Readonly<NodeJS.ProcessEnv>): NodeJS.ProcessEnv {
  const kept = ['PATH', 'DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY', 'SYSTEMROOT']
  const env: NodeJS.ProcessEnv = Object.fromEntries(kept.flatMap((name) => (environment[name] ? [[name, environment[name]]] : [])))
  // The docker CLI finds its plugins in DOCKER_CONFIG (by default ~/.docker): named, so that HOME need not be passed.
  env.DOCKER_CONFIG = environment.DOCKER_CONFIG || path.join(homedir(), '.docker')
  env.COMPOSE_PROJECT_NAME = project
  return env
}

/**
 * `docker compose config`: Compose's own validation and normalisation of the student's file. Only for a file the
 * policy accepted as written (composeFileViolations): Compose reads its env_file and .env files as it loads it.
 * Its error speaks of the grader's copy: the copy's folder is written as `.`.
 */
export async function loadComposeConfig(workDir: string, composeFile: string, project: string, environment: Readonly<NodeJS.ProcessEnv>): Promise<ComposeConfigResult> {
  try {
    const { stdout } = await run('docker', ['compose', '-f', composeFile, 'config', '--format', 'json'], {
      cwd: workDir, env: composeEnvironment(project, environment), maxBuffer: 10 * 1024 * 1024,
    })
    return { ok: true, config: JSON.parse(stdout) as ComposeConfig }
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim()
    return { ok: false, error: (stderr || (error as Error).message).split(workDir).join('.') }
  }
}

/**
 * The platform of the engine Compose runs the project on, as `docker version` gives it (`linux/amd64`): what a
 * `platform:` key must name. The engine's failure to answer is the machine's, never the student's: it throws.
 */
export async function enginePlatform(project: string, environment: Readonly<NodeJS.ProcessEnv>): Promise<string> {
  const { stdout } = await run('docker', ['version', '--format', '{{.Server.Os}}/{{.Server.Arch}}'], { env: composeEnvironment(project, environment) })
  return stdout.trim()
}

/**
 * The student's Compose file, as far as the run may read and start it: refused as written by the policy (other
 * Compose files, env_file or .env outside the submission, keys the grader does not know), or not YAML the grader
 * can read (then Compose reads nothing of it either), or Compose's own error, or the normalised configuration with
 * what the policy refuses in it (`refused`: privileges, host access, another platform than the engine's; empty when
 * it may start). One decision for the session and for the early start (lab/early-stack.ts). `environment`: the run's,
 * of which Compose gets only how to reach Docker; `beforeCompose`: awaited before Compose reads the file.
 */
export async function readComposeProject(
  workDir: string, file: string, project: string, environment: Readonly<NodeJS.ProcessEnv>, beforeCompose?: () => Promise<unknown>,
): Promise<{ ok: true; config: ComposeConfig; refused: PolicyViolation[] } | { ok: false; refused: PolicyViolation[] } | { ok: false; unreadable: true } | { ok: false; error: string }> {
  const asWritten = composeFileViolations(workDir, file)
  if (!asWritten) return { ok: false, unreadable: true }
  if (asWritten.length) return { ok: false, refused: asWritten }
  await beforeCompose?.()
  const loaded = await loadComposeConfig(workDir, file, project, environment)
  if (!loaded.ok) return loaded
  const platform = namesPlatform(loaded.config) ? await enginePlatform(project, environment) : undefined
  return { ...loaded, refused: composePolicyViolations(loaded.config, workDir, platform) }
}

