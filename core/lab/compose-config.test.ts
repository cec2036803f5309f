import { describe, expect, it } from 'vitest'
import { serviceKeys } from '../analysis/compose-keys.js'
import { durationSeconds, externalNetworks, graderComposeConfig, type ComposeConfig, type ComposeService } from './compose-config.js'

const studentConfig: ComposeConfig = {
  name: 'tp1',
  services: {
    db: {
      image: 'postgres:16', container_name: 'postgres_db', ports: [{ mode: 'ingress', target: 5432, published: '5432', protocol: 'tcp' }],
      environment: { POSTGRES_USER: 'demo', GITHUB_TOKEN: null }, stop_grace_period: '1m30s', profiles: ['db'],
    },
    api: {
      build: { context: '/tmp/x/api', dockerfile: 'Dockerfile', args: { VERSION: '1', TOKEN: null } }, image: 'python:3.13-slim',
      ports: [{ target: 8000, published: '8000', host_ip: '0.0.0.0' }], depends_on: { db: { condition: 'service_started', required: true } },
      stop_grace_period: '2s', scale: 40, deploy: { replicas: 40 },
    },
  },
  networks: { default: { name: 'tp1_default', ipam: {} }, back: { name: 'backend', driver: 'bridge' }, outside: { external: true, name: 'host' } },
  volumes: { pgdata: { name: 'pgdata' } },
}

describe('graderComposeConfig', () => {
  const labels = { 'org.tp1-grader.run': 'r1' }
  const config = graderComposeConfig(studentConfig, labels, { stopGraceSeconds: 10 })

  it('publishes every port on an ephemeral host port', () => {
    expect(config.services.db?.ports).toEqual([{ mode: 'ingress', target: 5432, protocol: 'tcp' }])
    expect(config.services.api?.ports).toEqual([{ target: 8000 }])
  })

  it('labels containers, built images, networks and volumes', () => {
    expect(config.services.db?.labels).toEqual(labels)
    expect(config.services.api?.build?.labels).toEqual(labels)
    expect(config.networks?.back).toEqual({ driver: 'bridge', labels })
    expect(config.volumes?.pgdata).toEqual({ labels })
  })

  it('names nothing of the machine: containers, networks, volumes and built images take the run project’s names', () => {
    expect(config.services.db).not.toHaveProperty('container_name')
    expect(config.networks?.default).toEqual({ ipam: {}, labels })
    expect(config.services.api).not.toHaveProperty('image')
    expect(config.services.db?.image).toBe('postgres:16')
  })

  it('runs an external network as a network of the run, never joining the machine’s', () => {
    expect(config.networks?.outside).toEqual({ labels })
    expect(externalNetworks(studentConfig)).toEqual(['host'])
  })

  it('takes no value from the grader’s environment: a variable or build argument without a value is dropped', () => {
    expect(config.services.db?.environment).toEqual({ POSTGRES_USER: 'demo' })
    expect(config.services.api?.build?.args).toEqual({ VERSION: '1' })
  })

  it('runs one container per service, every service the configuration shows, and bounds the stop grace period', () => {
    expect(config.services.api).not.toHaveProperty('scale')
    expect(config.services.api).not.toHaveProperty('deploy')
    expect(config.services.db).not.toHaveProperty('profiles')
    expect(config.services.db?.stop_grace_period).toBe('10s')
    expect(config.services.api?.stop_grace_period).toBe('2s')
  })

  it('puts the grader limits in place of the student ones', () => {
    const limited = graderComposeConfig({ services: { api: { image: 'x', mem_limit: '64g', pids_limit: -1, cpu_shares: 262144, cpu_quota: 1 } } }, labels, { limits: { mem_limit: '1024m', pids_limit: 512 } })
    expect(limited.services.api).toEqual({ image: 'x', mem_limit: '1024m', pids_limit: 512, labels })
  })

  it('publishes the ports the grader probes, whatever the student published', () => {
    const probed = graderComposeConfig({ services: { db: { image: 'postgres:16' }, api: { build: { context: '/x' }, ports: [{ target: 80, published: '8000' }] } } }, labels, { probePorts: { db: [5432], api: [8000] } })
    expect(probed.services.db?.ports).toEqual([{ target: 5432, protocol: 'tcp' }])
    expect(probed.services.api?.ports).toEqual([{ target: 80 }, { target: 8000, protocol: 'tcp' }])
  })

  it('keeps a container_name as a network alias, and external volumes as they are (the policy refuses them)', () => {
    const named = graderComposeConfig({
      services: { db: { image: 'postgres:16', container_name: 'tp1-db', networks: { default: null } } },
      volumes: { pgdata: { name: 'my-pgdata' }, shared: { external: true, name: 'shared' } },
    }, labels)
    expect(named.services.db?.networks).toEqual({ default: { aliases: ['tp1-db'] } })
    expect(named.volumes).toEqual({ pgdata: { labels }, shared: { external: true, name: 'shared' } })
  })

  it('leaves the rest of the student configuration alone', () => {
    expect(config.services.api?.depends_on).toEqual(studentConfig.services.api?.depends_on)
    expect(studentConfig.services.db?.ports?.[0]?.published).toBe('5432')
    expect(studentConfig.services.db?.container_name).toBe('postgres_db')
  })
})

describe('the service keys the policy calls neutralised', () => {
  /** A value of each that the grader must rewrite, as `docker compose config` writes it. */
  const student: Record<string, Partial<ComposeService>> = {
    image: { image: 'postgres:16', build: { context: '/x' } },
    environment: { environment: { GITHUB_TOKEN: null } },
    ports: { ports: [{ target: 8000, published: '8000' }] },
    stop_grace_period: { stop_grace_period: '1h' },
    container_name: { container_name: 'tp1-db' },
    profiles: { profiles: ['debug'] },
    logging: { logging: { driver: 'syslog', options: { 'syslog-address': 'udp://10.0.0.1:514' } } },
    deploy: { deploy: { resources: { limits: { memory: '64G' } } } },
    scale: { scale: 40 },
    cpus: { cpus: 64 }, cpu_count: { cpu_count: 64 }, cpu_percent: { cpu_percent: 100 }, cpu_period: { cpu_period: 1000 }, cpu_quota: { cpu_quota: -1 },
    cpu_shares: { cpu_shares: 262144 }, cpuset: { cpuset: '0-63' }, mem_limit: { mem_limit: '64g' }, mem_reservation: { mem_reservation: '64g' },
    mem_swappiness: { mem_swappiness: 100 }, memswap_limit: { memswap_limit: -1 }, pids_limit: { pids_limit: -1 },
  }
  const neutralised = Object.entries(serviceKeys).filter(([, rule]) => rule.verdict === 'neutralised').map(([key]) => key)
  const settings = { stopGraceSeconds: 10, limits: { mem_limit: '1024m', memswap_limit: '1024m', pids_limit: 512, cpus: 1, logging: { driver: 'json-file' } } }

  it('each has a value here to prove it', () => {
    expect(neutralised.filter((key) => !(key in student))).toEqual([])
  })

  it.each(neutralised)('%s is bounded or rewritten by graderComposeConfig', (key) => {
    const written = { ...student[key] } as ComposeService
    const run = graderComposeConfig({ services: { s: written } }, { 'org.tp1-grader.run': 'r1' }, settings).services.s!
    expect(run[key]).not.toEqual(written[key])
  })
})

describe('durationSeconds', () => {
  it('reads Go durations as docker compose config writes them', () => {
    expect(durationSeconds('1m30s')).toBe(90)
    expect(durationSeconds('2h0m0s')).toBe(7200)
    expect(durationSeconds('500ms')).toBe(0.5)
    expect(durationSeconds('1.5s')).toBe(1.5)
  })
})
