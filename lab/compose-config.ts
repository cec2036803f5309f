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
 * host port (their fixed 8000:8000 and 5432:5432 are checked as declarations, never bound), and the run's
 * labels on every container, built image, network and volume so that the run can remove all it created, and
 * the grader's limits (memory, processes, CPU, log size) in place of any the student set.
 */
export function graderComposeConfig(config: ComposeConfig, labels: Record<string, string>, limits: Record<string, unknown> = {}): ComposeConfig {
  const services: Record<string, ComposeService> = {}
  for (const [name, service] of Object.entries(config.services)) {
    const { mem_limit: _m, memswap_limit: _s, pids_limit: _p, cpus: _c, logging: _l, deploy: _d, ...rest } = service
    const copy: ComposeService = { ...rest, ...limits, labels: { ...service.labels, ...labels } }
    if (service.ports) copy.ports = service.ports.map(({ published: _published, host_ip: _hostIp, ...port }) => port)
    if (service.build) copy.build = { ...service.build, labels: { ...service.build.labels, ...labels } }
    services[name] = copy
  }
  const labelled = (entries: ComposeConfig['networks']) =>
    entries && Object.fromEntries(Object.entries(entries).map(([name, value]) => [name, value?.external ? value : { ...value, labels: { ...(value?.labels as object), ...labels } }]))
  return {
    ...config,
    services,
    ...(config.networks ? { networks: labelled(config.networks) } : {}),
    ...(config.volumes ? { volumes: labelled(config.volumes) } : {}),
  }
}
