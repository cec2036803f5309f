import path from 'node:path'
import { formatPlatform, parsePlatform, samePlatform } from './compose-platform.js'
import {
  accepted, checkFile, each, eachNamed, inside, insideSubmission, isEmpty, isObject, list, neutralised, only, reason, refused, refuseIn, shown, walk,
  type Check, type Context, type KeyTable,
} from './compose-walk.js'

// The table of the grader's policy: what it does with each key of a Compose file (accepted, neutralised or refused) and why.

/** The lab runs two services; real hand-ins of the course's later labs have seven. Each gets the grader's memory limit. */
export const MAX_SERVICES = 8
/** Every published port is a proxy process on the machine, outside the container's limits. */
export const MAX_PORTS_PER_SERVICE = 16
/** Each network takes one of the machine's few address pools (about 30 in all): the lab uses one, real hand-ins two. */
export const MAX_NETWORKS = 4

const machinePower = (reasonText: string) => refused(reasonText, (key) => reason('machinePower', key))
const hostNamespace = (key: string) => reason('hostNamespace', key, key.replace('_mode', ''))

/** Labels starting so are the grader's (to find and remove what a run made) and Compose's (to find a project's objects). */
const RESERVED_LABELS = /^(org\.tp1-grader\.|com\.docker\.compose\.)/

const labels = accepted('metadata; only the labels the grader and Compose set themselves (org.tp1-grader.*, com.docker.compose.*) are refused', (value, ctx, key) => {
  const names = isObject(value) ? Object.keys(value) : list(value).map((l) => String(l).split('=')[0] ?? '')
  for (const name of names) if (RESERVED_LABELS.test(name)) refuseIn(ctx, key, reason('graderLabel', key, name))
})

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

/** `platform` and `build.platforms`: the engine's own platform only, however Docker lets it be spelt. */
const enginePlatformOnly: Check = (value, ctx, key) => {
  const engine = ctx.platform
  if (!engine && !isEmpty(value)) throw new Error(`${key} is judged against the engine's platform, which the grader did not give the policy`)
  for (const spec of list(value).map(String)) {
    const named = engine && parsePlatform(spec, engine)
    if (engine && !(named && samePlatform(named, engine))) refuseIn(ctx, key, reason('platform', key, spec, formatPlatform(engine)))
  }
}

const DOCKER_SOCKET = /(^|\/)docker\.sock$/

export const bindOptionKeys: KeyTable = {
  propagation: accepted('private only: a mount made in the container never reaches the machine', only(['private', 'rprivate'], (key, value) => reason('propagation', key, value))),
  create_host_path: accepted('the folder is created inside the submission, whose binds are checked'),
  recursive: accepted('how sub-mounts of a folder of the submission are mounted'),
  selinux: accepted('relabels a folder of the grader’s copy of the submission'),
}

export const volumeOptionKeys: KeyTable = {
  nocopy: accepted('the image’s files are not copied into the volume'),
  subpath: accepted('a folder inside the project’s volume'),
}

export const tmpfsOptionKeys: KeyTable = {
  size: accepted('a tmpfs is memory of the container, within its memory limit'),
  mode: accepted('file mode inside the container'),
}

export const serviceVolumeKeys: KeyTable = {
  type: accepted('a named or anonymous volume, a folder of the submission, or a tmpfs; npipe and cluster are refused', only(['volume', 'bind', 'tmpfs'], (key, value) => reason('mountType', key, value))),
  source: accepted('checked with the type: a volume of the project, or a folder inside the submission (never the Docker socket)'),
  target: accepted('a path inside the container'),
  read_only: accepted('restricts the container'),
  consistency: accepted('a caching hint (Docker Desktop)'),
  bind: accepted('options of a bind inside the submission', inside(bindOptionKeys)),
  volume: accepted('options of a named volume of the project', inside(volumeOptionKeys)),
  tmpfs: accepted('a tmpfs is memory of the container, within its memory limit', inside(tmpfsOptionKeys)),
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

const fixedAddress = accepted('an address on the project’s own network (Docker takes one only on a network whose subnet is chosen, which is refused)')

export const serviceNetworkKeys: KeyTable = {
  aliases: accepted('more names of the service on the project’s network'),
  priority: accepted('the order in which the project’s networks are connected'),
  gw_priority: accepted('which of the project’s networks gives the default route'),
  ipv4_address: fixedAddress,
  ipv6_address: fixedAddress,
  link_local_ips: fixedAddress,
  mac_address: accepted('the container’s hardware address on the project’s own network'),
  driver_opts: refused('driver options can attach the container to an interface or a network of the machine', (key) => reason('driverOptions', key)),
}

export const portKeys: KeyTable = {
  target: accepted('the container’s port'),
  published: neutralised('checked as a declaration; the grader publishes every port on an ephemeral port of its own'),
  host_ip: neutralised('removed: the grader chooses where ports are published'),
  protocol: accepted('tcp or udp'),
  mode: accepted('ingress or host, both published on the grader’s ephemeral port'),
  name: accepted('a label for the port'),
  app_protocol: accepted('a hint for the port'),
}

const insideTiming = accepted('timing of the command inside the container')

export const healthcheckKeys: KeyTable = {
  test: accepted('a command run inside the container'),
  interval: insideTiming,
  timeout: insideTiming,
  retries: insideTiming,
  start_period: insideTiming,
  start_interval: insideTiming,
  disable: accepted('turns the image’s healthcheck off'),
}

export const dependsOnKeys: KeyTable = {
  condition: accepted('waits for another service of the project'),
  required: accepted('whether the other service must exist'),
  restart: accepted('restarts with another service of the project'),
}

/** `post_start`, `pre_stop`: a command Docker runs in the service's container, as `docker exec` would. */
export const hookKeys: KeyTable = {
  command: accepted('runs inside the container'),
  user: accepted('a user inside the container'),
  working_dir: accepted('a path inside the container'),
  environment: accepted('values written in the submission, for the command'),
  privileged: refused('runs the command with every power over the machine', () => reason('privileged')),
}

const isRemote = (context: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')

const buildInput = (what: string) => refused(what, (key) => reason('buildInputs', key))

export const buildKeys: KeyTable = {
  context: accepted('a folder inside the submission; a remote one is refused', (value, ctx) => {
    if (typeof value !== 'string') return
    if (isRemote(value)) refuseIn(ctx, 'build', reason('buildRemote', value))
    else if (!insideSubmission(ctx, value)) refuseIn(ctx, 'build', reason('buildOutside', shown(ctx, value)))
  }),
  dockerfile: accepted('a file inside the submission (checked with the context)'),
  dockerfile_inline: accepted('the Dockerfile written in the Compose file'),
  args: neutralised('values written in the submission; an argument without a value is dropped, never taken from the machine'),
  labels,
  target: accepted('a stage of the Dockerfile'),
  no_cache: accepted('builds without the cache'),
  pull: accepted('pulls the base image again, as a student would'),
  shm_size: accepted('shared memory of the build’s steps'),
  extra_hosts: accepted('lines of /etc/hosts in the build’s steps: a name for an address, no route to it'),
  isolation: accepted('Windows containers only; a Linux engine runs its default'),
  platforms: accepted('the engine’s own platform only: another would build an image this machine cannot run', enginePlatformOnly),
  network: accepted('the build’s default network, or none; host and the machine’s networks are refused', (value, ctx, key) => {
    if (isEmpty(value) || value === 'default' || value === 'none') return
    refuseIn(ctx, key, value === 'host' ? reason('buildNetwork', key) : reason('otherContainer', key, String(value)))
  }),
  additional_contexts: buildInput('gives the build folders or images from outside its context'),
  secrets: buildInput('gives the build secrets of the machine'),
  ssh: buildInput('gives the build the machine’s SSH agent or keys'),
  cache_from: buildInput('reads a build cache from a folder or a registry of the machine'),
  cache_to: buildInput('writes a build cache to a folder or a registry of the machine'),
  tags: refused('gives the image more names, which could replace images of the machine', (key) => reason('imageTags', key)),
  privileged: refused('runs the build’s steps with every power over the machine', () => reason('privileged')),
  entitlements: machinePower('grants the build host networking or full privileges'),
  ulimits: machinePower('resource limits of the build’s processes, set by the machine'),
}

function checkBuild(value: unknown, ctx: Context) {
  walk(buildKeys, value, ctx, 'build.')
  if (!isObject(value) || typeof value.context !== 'string' || typeof value.dockerfile !== 'string') return
  if (isRemote(value.context) || !insideSubmission(ctx, value.context)) return // the context itself is refused
  checkFile(ctx, 'build.dockerfile', path.resolve(path.resolve(ctx.base, value.context), value.dockerfile))
}

const replacedByLimits = neutralised('replaced by the grader’s limits (rubric.limits)')

/** Each env_file (label_file) is read by Compose as it loads the file: checked on the file as written, before that. */
function checkEnvFiles(value: unknown, ctx: Context, key: string) {
  for (const entry of list(value)) checkFile(ctx, key, isObject(entry) ? entry.path : entry)
}

const resolver = accepted('the container’s resolver settings; Docker queries these servers from the container’s own network, never the machine’s')

export const serviceKeys: KeyTable = {
  image: neutralised('pulled as a student would; a built service’s image is named by the grader, never replacing one of the machine'),
  build: accepted('a context and a Dockerfile inside the submission', checkBuild),
  command: accepted('runs inside the container'),
  entrypoint: accepted('runs inside the container'),
  working_dir: accepted('a path inside the container'),
  user: accepted('a user inside the container'),
  group_add: accepted('groups of the container’s user, inside the container'),
  init: accepted('a small init process as PID 1 inside the container'),
  environment: neutralised('values written in the submission; a variable without a value is dropped, never taken from the machine'),
  env_file: accepted('files inside the submission', checkEnvFiles, checkEnvFiles),
  label_file: accepted('files inside the submission', checkEnvFiles, checkEnvFiles),
  ports: neutralised('checked as declarations; the grader publishes them on ephemeral ports of its own (at most 16 a service)', (value, ctx, key) => {
    each(portKeys)(value, ctx, key)
    if (list(value).length > MAX_PORTS_PER_SERVICE) refuseIn(ctx, key, reason('tooManyPorts', list(value).length, MAX_PORTS_PER_SERVICE))
  }),
  expose: accepted('documents a port, publishes nothing'),
  depends_on: accepted('services of the project', eachNamed(dependsOnKeys)),
  healthcheck: accepted('a command run inside the container', inside(healthcheckKeys)),
  post_start: accepted('commands run inside the container; a privileged one is refused', each(hookKeys)),
  pre_stop: accepted('commands run inside the container; a privileged one is refused', each(hookKeys)),
  restart: accepted('restarts the container until the run removes it'),
  stop_signal: accepted('the signal docker stop sends'),
  stop_grace_period: neutralised('bounded by the grader (timeouts.stopGraceSeconds)'),
  container_name: neutralised('removed, kept as a network alias: the grader names containers after its run (two runs never collide)'),
  hostname: accepted('the container’s own name'),
  domainname: accepted('the container’s own domain'),
  labels,
  annotations: accepted('metadata passed to the container runtime'),
  attach: accepted('whether Compose shows the service’s log'),
  tty: accepted('gives the container a terminal'),
  stdin_open: accepted('keeps the container’s input open'),
  read_only: accepted('makes the container’s own files read-only: restricts it'),
  tmpfs: accepted('a tmpfs is memory of the container, within its memory limit'),
  shm_size: accepted('shared memory of the container, within its memory limit'),
  networks: accepted('networks of the project', eachNamed(serviceNetworkKeys)),
  network_mode: accepted('none, or the network of a service of the project; host, bridge and other containers’ are refused', namespace('network_mode', ['none'])),
  pid: accepted('the container’s own, or a service’s of the project; host is refused', namespace('pid', [])),
  ipc: accepted('the container’s own, or a service’s of the project; host is refused', namespace('ipc', ['private', 'shareable', 'none'])),
  cgroup: accepted('private only; host is refused', only(['private'], (key) => hostNamespace(key))),
  uts: refused('shares the machine’s host name and domain with the container', (key) => hostNamespace(key)),
  userns_mode: refused('runs the container in the machine’s user namespace, outside the engine’s remapping', (key) => hostNamespace(key)),
  volumes: accepted('volumes of the project and folders inside the submission; the Docker socket and folders outside are refused', checkServiceVolumes),
  volumes_from: accepted('the volumes of another service of the project; another container’s are refused', (value, ctx, key) => {
    for (const entry of list(value)) {
      const name = String(entry).replace(/:(ro|rw)$/, '')
      if (!ctx.services.has(name)) refuseIn(ctx, key, reason('otherContainer', key, String(entry)))
    }
  }),
  links: accepted('services of the project (Compose checks them)'),
  external_links: refused('joins containers that are not the project’s', (key, value) => reason('otherContainer', key, list(value).join(', '))),
  extra_hosts: accepted('lines of the container’s /etc/hosts (host-gateway included): a name for an address, no route the container lacks'),
  dns: resolver,
  dns_opt: resolver,
  dns_search: resolver,
  mac_address: accepted('the container’s hardware address on the project’s own network'),
  cap_drop: accepted('takes powers away from the container'),
  security_opt: accepted('no-new-privileges only, which restricts the container; any other option changes its confinement', (value, ctx, key) => {
    for (const option of list(value).map(String)) {
      if (NO_NEW_PRIVILEGES.test(option)) continue
      refuseIn(ctx, key, UNCONFINED.test(option) ? reason('unconfined', option) : reason('confinement', option))
    }
  }),
  platform: accepted('the engine’s own platform only: another would pull a variant of the image under the same name, replacing the machine’s', enginePlatformOnly),
  pull_policy: accepted('when the image is pulled'),
  pull_refresh_after: accepted('when the image is pulled again'),
  isolation: accepted('Windows containers only; a Linux engine runs its default'),
  profiles: neutralised('removed: the grader starts every service the configuration shows as active'),
  secrets: accepted('secrets of the project, themselves checked'),
  configs: accepted('configs of the project, themselves checked'),
  develop: accepted('used by docker compose watch only, which the grader never runs'),
  extends: accepted('another service of the same file; another file is refused', undefined, (value, ctx, key) => {
    if (isObject(value) && value.file !== undefined) refuseIn(ctx, `${key}.file`, reason('oneFile', `${key}.file`))
  }),
  deploy: replacedByLimits,
  scale: neutralised('replaced: the grader runs one container per service'),
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
  logging: neutralised('replaced by the grader’s json-file log, bounded by rubric.limits (another driver could send logs off the machine)'),
  privileged: refused('gives the container every power over the machine', () => reason('privileged')),
  cap_add: refused('gives the container kernel powers beyond Docker’s default set', (_key, value) => reason('capAdd', list(value).map(String))),
  devices: refused('gives the container devices of the machine', (key) => reason('devices', key)),
  device_cgroup_rules: refused('lets the container use devices of the machine', (key) => reason('devices', key)),
  gpus: refused('gives the container the machine’s GPUs', (key) => reason('devices', key)),
  cgroup_parent: machinePower('places the container in a control group of the machine’s, outside the grader’s'),
  oom_score_adj: machinePower('changes which processes of the machine the kernel kills first when memory runs out'),
  oom_kill_disable: machinePower('stops the kernel from ending the container at its memory limit: it would hang, holding the memory'),
  cpu_rt_period: machinePower('real-time CPU time, which the grader’s CPU limit does not bound'),
  cpu_rt_runtime: machinePower('real-time CPU time, which the grader’s CPU limit does not bound'),
  blkio_config: machinePower('disk priorities and limits on the machine’s own devices'),
  ulimits: machinePower('resource limits (real-time priority, locked memory…) that the machine would grant'),
  storage_opt: machinePower('options of the machine’s storage driver'),
  sysctls: machinePower('kernel settings'),
  runtime: machinePower('another container runtime of the machine, which may isolate less'),
  credential_spec: refused('a credential of the machine (Windows gMSA)', (key) => reason('hostCredential', key)),
}

const external = refused('uses something that already exists on the machine, outside the project', (key) => reason('external', key))
const driverOptions = refused('driver options can turn a volume or a network into a folder, a device or a network of the machine', (key) => reason('driverOptions', key))

export const networkKeys: KeyTable = {
  name: neutralised('removed: the grader names networks after its run'),
  external: neutralised('checked as a declaration (ex5.down): the grader creates a network of its run in its place, never joining one of the machine'),
  driver: accepted('bridge only; another driver (host, macvlan, a plugin) reaches the machine or its network', only(['bridge'], (key, value) => reason('driver', key, value))),
  driver_opts: driverOptions,
  ipam: accepted('Docker’s own addresses only: a chosen subnet could overlap the machine’s networks and cut it off from them', (value, ctx, key) => {
    if (isObject(value) && Object.entries(value).some(([k, v]) => !(k === 'driver' && v === 'default') && !isEmpty(v))) refuseIn(ctx, key, reason('addresses', key))
  }),
  internal: accepted('cuts the network off from outside'),
  attachable: accepted('meaningful to Swarm only'),
  enable_ipv4: accepted('addresses for the project’s network'),
  enable_ipv6: accepted('addresses for the project’s network'),
  labels,
}

export const volumeKeys: KeyTable = {
  name: neutralised('removed: the grader names volumes after its run, so a name never designates a volume of the machine'),
  driver: accepted('local only; another driver is a plugin of the machine', only(['local'], (key, value) => reason('driver', key, value))),
  driver_opts: driverOptions,
  external,
  labels,
}

const hostEnvironment = refused('takes its value from the environment of the machine that grades', (key, value) => reason('hostEnvironment', key, String(value)))
const fileInside = accepted('a file inside the submission', (value, ctx, key) => checkFile(ctx, key, value))
const pluginDriver = refused('a driver is a plugin of the machine (Swarm)', (key, value) => reason('driver', key, String(value)))

export const secretKeys: KeyTable = {
  file: fileInside,
  name: accepted('the secret’s name'),
  labels,
  environment: hostEnvironment,
  external,
  driver: pluginDriver,
  driver_opts: driverOptions,
  template_driver: pluginDriver,
}

export const configKeys: KeyTable = {
  file: fileInside,
  content: accepted('written in the Compose file'),
  name: accepted('the config’s name'),
  labels,
  environment: hostEnvironment,
  external,
  template_driver: pluginDriver,
}

export const topLevelKeys: KeyTable = {
  version: accepted('obsolete: Compose ignores it'),
  name: neutralised('replaced by the run’s own project name'),
  services: accepted(`the project’s services, each checked (at most ${MAX_SERVICES})`, (value, ctx) => forEachService(value, ctx, 'config'), (value, ctx) => forEachService(value, ctx, 'load')),
  networks: accepted(`networks the project creates, each checked (at most ${MAX_NETWORKS})`, (value, ctx, key) => {
    eachNamed(networkKeys)(value, ctx, key)
    const count = isObject(value) ? Object.keys(value).length : 0
    if (count > MAX_NETWORKS) refuseIn(ctx, key, reason('tooManyNetworks', count, MAX_NETWORKS))
  }),
  volumes: accepted('volumes the project creates, each checked', eachNamed(volumeKeys)),
  secrets: accepted('from files inside the submission', eachNamed(secretKeys)),
  configs: accepted('from files inside the submission, or written in the file', eachNamed(configKeys)),
  include: { verdict: 'refused', reason: 'brings in other Compose files, which Compose reads from the machine as it loads the project', refusal: (key) => reason('oneFile', key), atLoad: true },
}

/** Every table of the policy, by the part of the Compose file it decides: what docs/compose-keys.md shows. */
export const composeKeyTables = {
  'top level': topLevelKeys,
  service: serviceKeys,
  'service build': buildKeys,
  'service volume mount': serviceVolumeKeys,
  'service volume mount bind': bindOptionKeys,
  'service volume mount volume': volumeOptionKeys,
  'service volume mount tmpfs': tmpfsOptionKeys,
  'service network attachment': serviceNetworkKeys,
  'service port': portKeys,
  'service healthcheck': healthcheckKeys,
  'service dependency': dependsOnKeys,
  'service hook (post_start, pre_stop)': hookKeys,
  network: networkKeys,
  volume: volumeKeys,
  secret: secretKeys,
  config: configKeys,
} as const satisfies Record<string, KeyTable>

function forEachService(value: unknown, ctx: Context, stage: 'load' | 'config') {
  if (!isObject(value)) return
  const count = Object.keys(value).length
  if (stage === 'config' && count > MAX_SERVICES) refuseIn(ctx, 'services', reason('tooManyServices', count, MAX_SERVICES))
  for (const [service, definition] of Object.entries(value)) walk(serviceKeys, definition, { ...ctx, service }, '', stage)
}
