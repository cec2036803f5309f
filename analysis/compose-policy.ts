import { lstatSync, readFileSync, readlinkSync, realpathSync } from 'node:fs'
import path from 'node:path'
import { parseDocument } from 'yaml'
import type { PolicyReasons as Reasons } from '../i18n/en/compose.js'
import type { ComposeConfig } from '../lab/compose-config.js'

/** Why the grader refuses a key: the catalogue's reason (`compose.policy`) and what it says it with. */
export type PolicyReason = { [K in keyof Reasons]: { kind: K; args: Parameters<Reasons[K]> } }[keyof Reasons]

const reason = <K extends keyof Reasons>(kind: K, ...args: Parameters<Reasons[K]>) => ({ kind, args }) as PolicyReason

export interface PolicyViolation {
  /** The service, or '' for a top-level entry (a volume, a network, `include`…), whose `key` then names it. */
  service: string
  key: string
  reason: PolicyReason
}

/** The lab runs two services; real hand-ins of the course's later labs have seven. Each gets the grader's memory limit. */
export const MAX_SERVICES = 8
/** Every published port is a proxy process on the machine, outside the container's limits. */
export const MAX_PORTS_PER_SERVICE = 16
/** Each network takes one of the machine's few address pools (about 30 in all): the lab uses one, real hand-ins two. */
export const MAX_NETWORKS = 4

interface Context {
  /** The submission folder, as given and as the file system resolves it. */
  dir: string
  realDir: string
  /** Where a relative path of the file as written starts: the Compose file's folder (`docker compose config` gives absolute ones). */
  base: string
  services: ReadonlySet<string>
  /** The service being checked, '' at the top level. */
  service: string
  violations: PolicyViolation[]
}

const refuseIn = (ctx: Context, key: string, why: PolicyReason) => ctx.violations.push({ service: ctx.service, key, reason: why })

type Check = (value: unknown, ctx: Context, key: string) => void

/** A key the grader runs: why it is harmless (one line), and what its value must respect. */
export interface Allowed {
  allowed: string
  check?: Check
  /** Checks on the file as written, before Compose reads anything (for what Compose reads while loading it). */
  atLoad?: Check
}

/** A key the grader refuses: the reason the student reads. `atLoad`: Compose would read a file of the machine to load it. */
export interface Refused {
  refused: (key: string, value: unknown) => PolicyReason
  atLoad?: true
}

export type KeyRule = Allowed | Refused
export type KeyTable = Readonly<Record<string, KeyRule>>

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value])
/** A refused key set to its default (false, 0, nothing) asks for nothing: it is not refused. */
const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === false || value === 0 || value === '' || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)

const within = (dir: string, target: string) => {
  const relative = path.relative(dir, target)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** Whether something is at that path, a link that leads nowhere included. */
function present(target: string): boolean {
  try {
    lstatSync(target)
    return true
  } catch {
    return false
  }
}

/** Inside the submission as written and as the file system resolves it: a link that leads out is outside, even a dangling one. */
function insideSubmission(ctx: Context, target: string, links = 0): boolean {
  const absolute = path.resolve(ctx.base, target)
  if (!within(ctx.dir, absolute) && !within(ctx.realDir, absolute)) return false
  let existing = absolute
  while (!present(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing)
  try {
    return within(ctx.realDir, realpathSync(existing))
  } catch {
    // a link whose target does not exist (yet): where it points
    if (links > 8 || !lstatSync(existing).isSymbolicLink()) return false
    return insideSubmission(ctx, path.resolve(path.dirname(existing), readlinkSync(existing)), links + 1)
  }
}

/** A path as the student can recognise it: relative to the submission when it is near it, absolute otherwise. */
function shown(ctx: Context, target: string): string {
  const absolute = path.resolve(ctx.base, target)
  if (within(ctx.dir, absolute)) return path.relative(ctx.dir, absolute) || '.'
  return within(path.dirname(ctx.dir), absolute) ? path.relative(ctx.dir, absolute) : absolute
}

function checkFile(ctx: Context, key: string, file: unknown) {
  if (typeof file !== 'string') return
  if (file.includes('$')) refuseIn(ctx, key, reason('variablePath', key, file))
  else if (!insideSubmission(ctx, file)) refuseIn(ctx, key, reason('hostFile', key, shown(ctx, file)))
}

function walk(table: KeyTable, value: unknown, ctx: Context, prefix = '', stage: 'load' | 'config' = 'config') {
  if (!isObject(value)) return
  for (const [name, entry] of Object.entries(value)) {
    if (name.startsWith('x-')) continue // extension fields: Compose itself ignores them
    const key = prefix + name
    const rule = table[name]
    if (!rule) refuseIn(ctx, key, reason('unknown', key))
    else if ('refused' in rule) {
      if ((stage === 'config' || rule.atLoad) && !isEmpty(entry)) refuseIn(ctx, key, rule.refused(key, entry))
    } else if (stage === 'load') rule.atLoad?.(entry, ctx, key)
    else rule.check?.(entry, ctx, key)
  }
}

const each = (table: KeyTable): Check => (value, ctx, key) => {
  for (const entry of list(value)) walk(table, entry, ctx, `${key}.`)
}

const eachNamed = (table: KeyTable): Check => (value, ctx, key) => {
  if (isObject(value)) for (const [name, entry] of Object.entries(value)) walk(table, entry, ctx, `${key}.${name}.`)
}

/** A value among `values` (or none); anything else is refused for `why`. */
const only = (values: readonly string[], why: (key: string, value: string) => PolicyReason): Check => (value, ctx, key) => {
  if (!isEmpty(value) && !values.includes(String(value))) refuseIn(ctx, key, why(key, String(value)))
}

const refuse = (why: (key: string, value: unknown) => PolicyReason): Refused => ({ refused: why })
const notNeeded = refuse((key) => reason('notNeeded', key))
const machinePower = refuse((key) => reason('machinePower', key))
const hostNamespace = (key: string) => reason('hostNamespace', key, key.replace('_mode', ''))

/** Labels starting so are the grader's (to find and remove what a run made) and Compose's (to find a project's objects). */
const RESERVED_LABELS = /^(org\.tp1-grader\.|com\.docker\.compose\.)/

const labels: Allowed = {
  allowed: 'metadata, except the labels the grader and Compose use to find what a run created',
  check: (value, ctx, key) => {
    const names = isObject(value) ? Object.keys(value) : list(value).map((l) => String(l).split('=')[0] ?? '')
    for (const name of names) if (RESERVED_LABELS.test(name)) refuseIn(ctx, key, reason('graderLabel', key, name))
  },
}

const UNCONFINED = /^(seccomp[:=]unconfined|apparmor[:=]unconfined|label[:=]disable|systempaths=unconfined|no-new-privileges[:=]false)$/
const NO_NEW_PRIVILEGES = /^no-new-privileges([:=]true)?$/

/** `network_mode`, `pid`, `ipc`: the container's own namespace, none, or one shared with a service of the project. */
function namespace(key: string, own: readonly string[]): Check {
  return (value, ctx) => {
    if (typeof value !== 'string' || value === '' || own.includes(value)) return
    const service = /^service:(.+)$/.exec(value)?.[1]
    if (service !== undefined && ctx.services.has(service)) return
    if (value === 'host') refuseIn(ctx, key, hostNamespace(key))
    else refuseIn(ctx, key, reason('otherContainer', key, value))
  }
}

const DOCKER_SOCKET = /(^|\/)docker\.sock$/

export const bindOptionKeys: KeyTable = {
  propagation: { allowed: 'private only: a mount made in the container never reaches the machine', check: only(['private', 'rprivate'], (key, value) => reason('propagation', key, value)) },
  create_host_path: { allowed: 'the folder is created inside the submission, whose binds are checked' },
  recursive: { allowed: 'how sub-mounts of a folder of the submission are mounted' },
  selinux: { allowed: 'relabels a folder of the grader’s copy of the submission' },
}

export const volumeOptionKeys: KeyTable = {
  nocopy: { allowed: 'the image’s files are not copied into the volume' },
  subpath: { allowed: 'a folder inside the project’s volume' },
}

export const tmpfsOptionKeys: KeyTable = {
  size: { allowed: 'bounded by the memory limit' },
  mode: { allowed: 'file mode inside the container' },
}

export const serviceVolumeKeys: KeyTable = {
  type: {
    allowed: 'a named or anonymous volume, a folder of the submission, or a tmpfs',
    check: only(['volume', 'bind', 'tmpfs'], (key, value) => reason('mountType', key, value)),
  },
  source: { allowed: 'checked with the type: a volume of the project, or a folder inside the submission' },
  target: { allowed: 'a path inside the container' },
  read_only: { allowed: 'restricts the container' },
  consistency: { allowed: 'a caching hint (Docker Desktop)' },
  bind: { allowed: 'options of a bind inside the submission', check: (value, ctx, key) => walk(bindOptionKeys, value, ctx, `${key}.`) },
  volume: { allowed: 'options of a named volume of the project', check: (value, ctx, key) => walk(volumeOptionKeys, value, ctx, `${key}.`) },
  tmpfs: { allowed: 'a tmpfs counts against the container’s memory limit', check: (value, ctx, key) => walk(tmpfsOptionKeys, value, ctx, `${key}.`) },
}

function checkServiceVolumes(value: unknown, ctx: Context) {
  for (const mount of list(value)) {
    if (typeof mount === 'string') continue // only the short syntax of a file as written; `docker compose config` gives objects
    walk(serviceVolumeKeys, mount, ctx, 'volumes.')
    if (!isObject(mount) || mount.type !== 'bind' || typeof mount.source !== 'string') continue
    if (DOCKER_SOCKET.test(mount.source)) refuseIn(ctx, 'volumes', reason('dockerSocket', mount.source))
    else if (!insideSubmission(ctx, mount.source)) refuseIn(ctx, 'volumes', reason('outsideBind', shown(ctx, mount.source)))
  }
}

export const serviceNetworkKeys: KeyTable = {
  aliases: { allowed: 'more names of the service on the project’s network' },
  priority: { allowed: 'the order in which the project’s networks are connected' },
  gw_priority: { allowed: 'which of the project’s networks gives the default route' },
  ipv4_address: notNeeded,
  ipv6_address: notNeeded,
  link_local_ips: notNeeded,
  mac_address: notNeeded,
  driver_opts: refuse((key) => reason('driverOptions', key)),
}

export const portKeys: KeyTable = {
  target: { allowed: 'the container’s port' },
  published: { allowed: 'checked as a declaration: the grader publishes every port on an ephemeral host port' },
  host_ip: { allowed: 'removed: the grader chooses where ports are published' },
  protocol: { allowed: 'tcp or udp' },
  mode: { allowed: 'ingress or host, both publish on the grader’s ephemeral port' },
  name: { allowed: 'a label for the port' },
  app_protocol: { allowed: 'a hint for the port' },
}

export const healthcheckKeys: KeyTable = {
  test: { allowed: 'a command run inside the container' },
  interval: { allowed: 'timing of the command inside the container' },
  timeout: { allowed: 'timing of the command inside the container' },
  retries: { allowed: 'timing of the command inside the container' },
  start_period: { allowed: 'timing of the command inside the container' },
  start_interval: { allowed: 'timing of the command inside the container' },
  disable: { allowed: 'turns the image’s healthcheck off' },
}

export const dependsOnKeys: KeyTable = {
  condition: { allowed: 'waits for another service of the project' },
  required: { allowed: 'whether the other service must exist' },
  restart: { allowed: 'restarts with another service of the project' },
}

const isRemote = (context: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')

export const buildKeys: KeyTable = {
  context: {
    allowed: 'a folder inside the submission',
    check: (value, ctx) => {
      if (typeof value !== 'string') return
      if (isRemote(value)) refuseIn(ctx, 'build', reason('buildRemote', value))
      else if (!insideSubmission(ctx, value)) refuseIn(ctx, 'build', reason('buildOutside', shown(ctx, value)))
    },
  },
  dockerfile: { allowed: 'a file inside the submission (checked with the context)' },
  dockerfile_inline: { allowed: 'the Dockerfile written in the Compose file' },
  args: { allowed: 'build arguments written in the submission (none is taken from the machine)' },
  labels,
  target: { allowed: 'a stage of the Dockerfile' },
  no_cache: { allowed: 'builds without the cache' },
  pull: { allowed: 'pulls the base image again' },
  shm_size: { allowed: 'bounded by the build’s memory limit' },
  additional_contexts: refuse((key) => reason('buildInputs', key)),
  secrets: refuse((key) => reason('buildInputs', key)),
  ssh: refuse((key) => reason('buildInputs', key)),
  cache_from: refuse((key) => reason('buildInputs', key)),
  cache_to: refuse((key) => reason('buildInputs', key)),
  tags: refuse((key) => reason('imageTags', key)),
  privileged: refuse(() => reason('privileged')),
  entitlements: machinePower,
  network: notNeeded,
  extra_hosts: notNeeded,
  isolation: notNeeded,
  ulimits: machinePower,
  platforms: notNeeded,
}

function checkBuild(value: unknown, ctx: Context) {
  walk(buildKeys, value, ctx, 'build.')
  if (!isObject(value) || typeof value.context !== 'string' || typeof value.dockerfile !== 'string') return
  if (isRemote(value.context) || !insideSubmission(ctx, value.context)) return // the context itself is refused
  checkFile(ctx, 'build.dockerfile', path.resolve(path.resolve(ctx.base, value.context), value.dockerfile))
}

const replacedByLimits: Allowed = { allowed: 'replaced by the grader’s limits (rubric.limits)' }

/** Each env_file is read by Compose as it loads the file: checked on the file as written, before that. */
function checkEnvFiles(value: unknown, ctx: Context, key: string) {
  for (const entry of list(value)) checkFile(ctx, key, isObject(entry) ? entry.path : entry)
}

export const serviceKeys: KeyTable = {
  image: { allowed: 'pulled as a student would; a built service’s image is named by the grader, never replacing one of the machine' },
  build: { allowed: 'a context and a Dockerfile inside the submission', check: checkBuild },
  command: { allowed: 'runs inside the container' },
  entrypoint: { allowed: 'runs inside the container' },
  working_dir: { allowed: 'a path inside the container' },
  user: { allowed: 'a user inside the container' },
  init: { allowed: 'a small init process as PID 1 inside the container' },
  environment: { allowed: 'values written in the submission: a variable with no value is dropped, never taken from the machine' },
  env_file: { allowed: 'files inside the submission', atLoad: checkEnvFiles, check: checkEnvFiles },
  ports: {
    allowed: 'declarations only: the grader publishes them on ephemeral host ports',
    check: (value, ctx, key) => {
      each(portKeys)(value, ctx, key)
      if (list(value).length > MAX_PORTS_PER_SERVICE) refuseIn(ctx, key, reason('tooManyPorts', list(value).length, MAX_PORTS_PER_SERVICE))
    },
  },
  expose: { allowed: 'documents a port, publishes nothing' },
  depends_on: { allowed: 'services of the project', check: eachNamed(dependsOnKeys) },
  healthcheck: { allowed: 'a command run inside the container', check: (value, ctx, key) => walk(healthcheckKeys, value, ctx, `${key}.`) },
  restart: { allowed: 'restarts the container on the grader’s machine until the run removes it' },
  stop_signal: { allowed: 'the signal docker stop sends' },
  stop_grace_period: { allowed: 'bounded by the grader (timeouts.stopGraceSeconds)' },
  container_name: { allowed: 'removed: the grader names containers after its run (two runs never collide)' },
  hostname: { allowed: 'the container’s own name' },
  domainname: { allowed: 'the container’s own domain' },
  labels,
  annotations: { allowed: 'metadata' },
  attach: { allowed: 'whether Compose shows the service’s log' },
  networks: { allowed: 'networks of the project', check: eachNamed(serviceNetworkKeys) },
  network_mode: { allowed: 'none, or the network of a service of the project', check: namespace('network_mode', ['none']) },
  pid: { allowed: 'the container’s own, or a service’s of the project', check: namespace('pid', []) },
  ipc: { allowed: 'the container’s own, or a service’s of the project', check: namespace('ipc', ['private', 'shareable', 'none']) },
  cgroup: { allowed: 'private only', check: only(['private'], (key) => hostNamespace(key)) },
  uts: refuse(hostNamespace),
  userns_mode: refuse(hostNamespace),
  volumes: { allowed: 'volumes of the project and folders inside the submission', check: checkServiceVolumes },
  volumes_from: {
    allowed: 'the volumes of another service of the project',
    check: (value, ctx, key) => {
      for (const entry of list(value)) {
        const name = String(entry).replace(/:(ro|rw)$/, '')
        if (!ctx.services.has(name)) refuseIn(ctx, key, reason('otherContainer', key, String(entry)))
      }
    },
  },
  links: { allowed: 'services of the project (Compose checks them)' },
  tmpfs: { allowed: 'counts against the container’s memory limit' },
  shm_size: { allowed: 'shared memory counts against the container’s memory limit' },
  read_only: { allowed: 'restricts the container' },
  cap_drop: { allowed: 'takes powers away from the container' },
  security_opt: {
    allowed: 'no-new-privileges only: it restricts the container',
    check: (value, ctx, key) => {
      for (const option of list(value).map(String)) {
        if (NO_NEW_PRIVILEGES.test(option)) continue
        refuseIn(ctx, key, UNCONFINED.test(option) ? reason('unconfined', option) : reason('confinement', option))
      }
    },
  },
  stdin_open: { allowed: 'keeps the container’s input open' },
  tty: { allowed: 'gives the container a terminal' },
  dns: { allowed: 'resolver settings inside the container' },
  dns_opt: { allowed: 'resolver settings inside the container' },
  dns_search: { allowed: 'resolver settings inside the container' },
  platform: refuse((key) => reason('platform', key)),
  pull_policy: { allowed: 'when the image is pulled' },
  pull_refresh_after: notNeeded,
  profiles: { allowed: 'removed: the grader starts every service the configuration shows as active' },
  secrets: { allowed: 'secrets of the project, themselves checked' },
  configs: { allowed: 'configs of the project, themselves checked' },
  develop: { allowed: 'used by docker compose watch only, which the grader never runs' },
  extends: {
    allowed: 'another service of the same file',
    atLoad: (value, ctx, key) => {
      if (isObject(value) && value.file !== undefined) refuseIn(ctx, `${key}.file`, reason('oneFile', `${key}.file`))
    },
  },
  deploy: replacedByLimits,
  scale: { allowed: 'replaced: the grader runs one container per service' },
  cpus: replacedByLimits,
  cpu_count: replacedByLimits,
  cpu_percent: replacedByLimits,
  cpu_period: replacedByLimits,
  cpu_quota: replacedByLimits,
  cpu_shares: replacedByLimits,
  cpuset: replacedByLimits,
  mem_limit: replacedByLimits,
  mem_reservation: replacedByLimits,
  mem_swappiness: replacedByLimits,
  memswap_limit: replacedByLimits,
  pids_limit: replacedByLimits,
  logging: { allowed: 'replaced by the grader’s bounded json-file log' },
  privileged: refuse(() => reason('privileged')),
  cap_add: refuse((_key, value) => reason('capAdd', list(value).map(String))),
  devices: refuse((key) => reason('devices', key)),
  device_cgroup_rules: refuse((key) => reason('devices', key)),
  gpus: refuse((key) => reason('devices', key)),
  cgroup_parent: machinePower,
  oom_score_adj: machinePower,
  oom_kill_disable: machinePower,
  cpu_rt_period: machinePower,
  cpu_rt_runtime: machinePower,
  blkio_config: machinePower,
  ulimits: machinePower,
  storage_opt: machinePower,
  sysctls: machinePower,
  runtime: machinePower,
  isolation: notNeeded,
  credential_spec: notNeeded,
  group_add: notNeeded,
  mac_address: notNeeded,
  post_start: notNeeded,
  pre_stop: notNeeded,
  external_links: refuse((key, value) => reason('otherContainer', key, list(value).join(', '))),
  extra_hosts: refuse((key) => reason('extraHosts', key)),
  label_file: { refused: (key, value) => reason('readsFile', key, list(value).join(', ')), atLoad: true },
}

const external = refuse((key) => reason('external', key))
const driverOptions = refuse((key) => reason('driverOptions', key))

export const networkKeys: KeyTable = {
  name: { allowed: 'removed: the grader names networks after its run' },
  external: { allowed: 'checked as a declaration (ex5.down): the grader creates a network of its run in its place, never joining one of the machine' },
  driver: { allowed: 'bridge only', check: only(['bridge'], (key, value) => reason('driver', key, value)) },
  driver_opts: driverOptions,
  ipam: {
    allowed: 'Docker’s own addresses only (the normalised configuration always has an empty ipam)',
    check: (value, ctx, key) => {
      if (isObject(value) && Object.entries(value).some(([k, v]) => !(k === 'driver' && v === 'default') && !isEmpty(v))) refuseIn(ctx, key, reason('notNeeded', key))
    },
  },
  internal: { allowed: 'cuts the network off from outside' },
  attachable: { allowed: 'meaningful to Swarm only' },
  enable_ipv4: { allowed: 'addresses for the project’s network' },
  enable_ipv6: { allowed: 'addresses for the project’s network' },
  labels,
}

export const volumeKeys: KeyTable = {
  name: { allowed: 'removed: the grader names volumes after its run, so a name never designates a volume of the machine' },
  driver: { allowed: 'local only', check: only(['local'], (key, value) => reason('driver', key, value)) },
  driver_opts: driverOptions,
  external,
  labels,
}

const hostEnvironment = refuse((key, value) => reason('hostEnvironment', key, String(value)))
const fileInside: Allowed = { allowed: 'a file inside the submission', check: (value, ctx, key) => checkFile(ctx, key, value) }

export const secretKeys: KeyTable = {
  file: fileInside,
  name: { allowed: 'the secret’s name' },
  labels,
  environment: hostEnvironment,
  external,
  driver: notNeeded,
  driver_opts: notNeeded,
  template_driver: notNeeded,
}

export const configKeys: KeyTable = {
  file: fileInside,
  content: { allowed: 'written in the Compose file' },
  name: { allowed: 'the config’s name' },
  labels,
  environment: hostEnvironment,
  external,
  template_driver: notNeeded,
}

export const topLevelKeys: KeyTable = {
  version: { allowed: 'obsolete: Compose ignores it' },
  name: { allowed: 'replaced by the run’s own project name' },
  services: {
    allowed: 'the project’s services, each checked',
    atLoad: (value, ctx) => forEachService(value, ctx, 'load'),
    check: (value, ctx) => forEachService(value, ctx, 'config'),
  },
  networks: {
    allowed: 'networks the project creates',
    check: (value, ctx, key) => {
      eachNamed(networkKeys)(value, ctx, key)
      const count = isObject(value) ? Object.keys(value).length : 0
      if (count > MAX_NETWORKS) refuseIn(ctx, key, reason('tooManyNetworks', count, MAX_NETWORKS))
    },
  },
  volumes: { allowed: 'volumes the project creates', check: eachNamed(volumeKeys) },
  secrets: { allowed: 'from files inside the submission', check: eachNamed(secretKeys) },
  configs: { allowed: 'from files inside the submission, or written in the file', check: eachNamed(configKeys) },
  include: { refused: (key) => reason('oneFile', key), atLoad: true },
}

function forEachService(value: unknown, ctx: Context, stage: 'load' | 'config') {
  if (!isObject(value)) return
  const count = Object.keys(value).length
  if (stage === 'config' && count > MAX_SERVICES) refuseIn(ctx, 'services', reason('tooManyServices', count, MAX_SERVICES))
  for (const [service, definition] of Object.entries(value)) walk(serviceKeys, definition, { ...ctx, service }, '', stage)
}

function collect(dir: string, base: string, services: Iterable<string>, visit: (ctx: Context) => void): PolicyViolation[] {
  const ctx: Context = { dir, realDir: dir, base, services: new Set(services), service: '', violations: [] }
  try {
    ctx.realDir = realpathSync(dir)
  } catch {
    // a folder that does not exist holds nothing a link could escape to
  }
  visit(ctx)
  return ctx.violations
}

/**
 * What the grader refuses in the Compose file as written, before Compose reads anything: keys it does not know,
 * and what Compose would read from the machine while loading the file (other Compose files, env_file and
 * label_file outside the submission, a project .env or a Compose file that is a link to a file of the machine).
 * `undefined` when the file is not YAML the grader can read: then Compose must not read it either.
 */
export function composeFileViolations(dir: string, file: string): PolicyViolation[] | undefined {
  const project = path.dirname(path.join(dir, file))
  const links = collect(dir, project, [], (ctx) => {
    for (const name of [file, path.join(path.dirname(file), '.env')])
      if (present(path.join(dir, name)) && !insideSubmission(ctx, path.join(dir, name))) refuseIn(ctx, name, reason('linkOutside', name))
  })
  if (links.length) return links
  let data: unknown
  try {
    const doc = parseDocument(readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, ''), { merge: true, logLevel: 'silent' })
    if (doc.errors.length) return undefined
    data = doc.toJS()
  } catch {
    return undefined
  }
  const services = isObject(data) && isObject(data.services) ? Object.keys(data.services) : []
  return collect(dir, project, services, (ctx) => walk(topLevelKeys, data, ctx, '', 'load'))
}

/**
 * What the grader refuses to run, from the normalised configuration (`docker compose config`): it runs only the
 * keys and values the lab can need (see the tables above and README, "Untrusted submissions"); anything else —
 * power over the machine, files or containers outside the submission, a key it does not know — is refused.
 */
export function composePolicyViolations(config: ComposeConfig, submissionDir: string): PolicyViolation[] {
  return collect(submissionDir, submissionDir, Object.keys(config.services ?? {}), (ctx) => walk(topLevelKeys, config, ctx))
}
