/** The parts of `docker compose config --format json` the grader reads. Compose normalises short syntax. */
export interface ComposeConfig {
  name?: string
  services: Record<string, ComposeService>
  networks?: Record<string, Record<string, unknown> | null>
  volumes?: Record<string, Record<string, unknown> | null>
  [key: string]: unknown
}

export interface ComposeService {
  image?: string
  build?: { context: string; dockerfile?: string; labels?: Record<string, string>; [key: string]: unknown }
  environment?: Record<string, string | null>
  ports?: { target: number; published?: string; host_ip?: string; protocol?: string; mode?: string }[]
  depends_on?: Record<string, { condition: string; required?: boolean; restart?: boolean }>
  labels?: Record<string, string>
  [key: string]: unknown
}

/**
 * The configuration the grader really runs: the student's, with every published port moved to an ephemeral
 * host port (their fixed 8000:8000 and 5432:5432 are checked as declarations, never bound) and the container ports
 * the grader probes published too (`probePorts`: it reaches PostgreSQL and the API whatever the student published),
 * the run's labels on every container, built image, network and volume so that the run can remove all it created,
 * and the grader's limits (memory, processes, CPU, log size) in place of any the student set. Nothing keeps a
 * machine-wide name: a `container_name` (kept as a network alias), a built image's `image:` tag, a network's or
 * volume's `name:` would collide with the student's own containers or another run; external objects stay as they are.
 */
export function graderComposeConfig(config: ComposeConfig, labels: Record<string, string>, limits: Record<string, unknown> = {}, probePorts: Record<string, number[]> = {}): ComposeConfig {
  const services: Record<string, ComposeService> = {}
  for (const [name, service] of Object.entries(config.services)) {
    const { mem_limit: _m, memswap_limit: _s, pids_limit: _p, cpus: _c, logging: _l, deploy: _d, container_name: containerName, ...rest } = service
    const copy: ComposeService = { ...rest, ...limits, labels: { ...service.labels, ...labels } }
    const ports = (service.ports ?? []).map(({ published: _published, host_ip: _hostIp, ...port }) => port)
    for (const target of probePorts[name] ?? []) if (!ports.some((p) => p.target === target)) ports.push({ target, protocol: 'tcp' })
    if (ports.length) copy.ports = ports
    if (service.build) {
      copy.build = { ...service.build, labels: { ...service.build.labels, ...labels } }
      delete copy.image
    }
    if (typeof containerName === 'string' && isNetworkMap(service.networks))
      copy.networks = Object.fromEntries(Object.entries(service.networks).map(([network, options]) => [network, { ...options, aliases: [...new Set([...(options?.aliases ?? []), containerName])] }]))
    services[name] = copy
  }
  const owned = (entries: ComposeConfig['networks']) =>
    entries && Object.fromEntries(Object.entries(entries).map(([name, value]) => {
      if (value?.external) return [name, value]
      const { name: _globalName, ...rest } = value ?? {}
      return [name, { ...rest, labels: { ...(value?.labels as object), ...labels } }]
    }))
  return {
    ...config,
    services,
    ...(config.networks ? { networks: owned(config.networks) } : {}),
    ...(config.volumes ? { volumes: owned(config.volumes) } : {}),
  }
}

type ServiceNetworks = Record<string, { aliases?: string[]; [key: string]: unknown } | null>
const isNetworkMap = (networks: unknown): networks is ServiceNetworks => typeof networks === 'object' && networks !== null && !Array.isArray(networks)
