import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogue } from '../i18n/index.js'
import type { ComposeConfig } from './compose-model.js'
import { MAX_NETWORKS, MAX_PORTS_PER_SERVICE, MAX_SERVICES } from './compose-keys.js'
import { composeFileViolations, composePolicyViolations, namesPlatform, type PolicyViolation } from './compose-policy.js'

const root = mkdtempSync(path.join(tmpdir(), 'compose-policy-'))
const sub = path.join(root, 'submission')
mkdirSync(path.join(sub, 'api'), { recursive: true })
mkdirSync(path.join(sub, 'db', 'init'), { recursive: true })
writeFileSync(path.join(sub, 'api', 'Dockerfile'), 'FROM python:3.13-slim\n')
writeFileSync(path.join(sub, '.env'), 'POSTGRES_PASSWORD=demo\n')
writeFileSync(path.join(root, 'host-secret.txt'), 'not the student’s\n')
symlinkSync(path.join(root, 'host-secret.txt'), path.join(sub, 'looks-inside.env'))
symlinkSync(root, path.join(sub, 'data-link'))

const config = (services: ComposeConfig['services'], rest: Partial<ComposeConfig> = {}): ComposeConfig => ({ name: 'p', services, ...rest })
const keys = (found: { service: string; key: string }[]) => found.map((v) => (v.service ? `${v.service}.${v.key}` : v.key))
/** The engine's platform on these machines, as docker version gives it. */
const ENGINE = 'linux/amd64'
const refused = (c: ComposeConfig) => keys(composePolicyViolations(c, sub, ENGINE))
/** Why each one is refused, as the student reads it (in English, the reference catalogue). */
const reasons = (found: PolicyViolation[]) => found.map((v) => catalogue('en').compose.refusal(v.reason))

/** What `docker compose config --format json` gives for the lab's project written with the course's usual patterns. */
const labProject: ComposeConfig = {
  name: 'p',
  services: {
    db: {
      image: 'postgres:16', container_name: 'postgres_db', restart: 'unless-stopped', command: null, entrypoint: null,
      environment: { POSTGRES_USER: 'demo', POSTGRES_PASSWORD: 'demo', POSTGRES_DB: 'demo' },
      ports: [{ mode: 'ingress', target: 5432, published: '5432', protocol: 'tcp' }],
      healthcheck: { test: ['CMD-SHELL', 'pg_isready -U demo'], interval: '5s', timeout: '3s', retries: 5, start_period: '10s' },
      volumes: [
        { type: 'volume', source: 'pgdata', target: '/var/lib/postgresql/data', volume: {} },
        { type: 'bind', source: `${sub}/db/init`, target: '/docker-entrypoint-initdb.d', read_only: true, bind: { create_host_path: true } },
      ],
      networks: { back: null }, labels: { 'com.example.course': 'csc8613' }, stop_grace_period: '30s',
    },
    api: {
      build: { context: `${sub}/api`, dockerfile: 'Dockerfile' }, image: 'tp1-api', command: null, entrypoint: null,
      ports: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 8000, published: '8000', protocol: 'tcp' }],
      depends_on: { db: { condition: 'service_healthy', required: true } }, networks: { back: { aliases: ['web'] } },
      volumes: [{ type: 'bind', source: `${sub}/api`, target: '/app', bind: {} }, { type: 'tmpfs', target: '/tmp' }],
      init: true, user: '1000', working_dir: '/app', stop_signal: 'SIGINT', security_opt: ['no-new-privileges:true'], cap_drop: ['ALL'],
      mem_limit: '512m', deploy: { resources: { limits: { memory: '512M' } } }, 'x-note': 'extension fields are ignored',
    },
  },
  networks: { back: { name: 'backend', driver: 'bridge', ipam: {} }, shared: { name: 'shared', external: true } },
  volumes: { pgdata: { name: 'p_pgdata' } },
  secrets: { pw: { name: 'p_pw', file: `${sub}/.env` } },
  configs: { motd: { name: 'p_motd', content: 'hello' } },
  'x-common': { restart: 'unless-stopped' },
}

describe('composePolicyViolations, on the normalised configuration', () => {
  it('accepts the lab project with the harmless patterns of real hand-ins', () => {
    expect(composePolicyViolations(labProject, sub)).toEqual([])
  })

  it('accepts a refused key set to its default', () => {
    expect(refused(config({ a: { image: 'alpine', privileged: false, cap_add: [], oom_score_adj: 0 } }))).toEqual([])
  })

  it('refuses privilege, host namespaces, devices and unconfined security options, naming service and key', () => {
    const found = composePolicyViolations(config({
      evil: { image: 'alpine', privileged: true, cap_add: ['SYS_ADMIN'], network_mode: 'host', pid: 'host', ipc: 'host', devices: ['/dev/sda:/dev/sda'], security_opt: ['seccomp:unconfined', 'apparmor=unconfined'] },
    }), sub)
    expect(keys(found)).toEqual([
      'evil.privileged', 'evil.cap_add', 'evil.network_mode', 'evil.pid', 'evil.ipc', 'evil.devices', 'evil.security_opt', 'evil.security_opt',
    ])
  })

  it('refuses the Docker socket, host folders outside the submission, and builds from outside', () => {
    const found = composePolicyViolations(config({
      a: { image: 'alpine', volumes: [{ type: 'bind', source: '/var/run/docker.sock' }, { type: 'bind', source: path.join(root, 'other') }, { type: 'bind', source: '/etc' }] },
      b: { build: { context: root } },
      c: { build: { context: 'https://github.com/x/y.git' } },
    }), sub)
    expect(reasons(found)).toEqual([
      'volumes: /var/run/docker.sock mounts the Docker socket: the container could control Docker itself',
      'volumes: ../other mounts a host folder outside the submission',
      'volumes: /etc mounts a host folder outside the submission',
      'build: .. is outside the submission folder',
      'build: https://github.com/x/y.git builds from a remote source; build from a folder of the submission',
    ])
  })

  it('refuses a path inside the submission that is a link to the machine', () => {
    expect(refused(config({ a: { image: 'alpine', volumes: [{ type: 'bind', source: `${sub}/data-link`, target: '/data' }] } }))).toEqual(['a.volumes'])
    expect(refused(config({}, { secrets: { s: { file: `${sub}/looks-inside.env` } } }))).toEqual(['secrets.s.file'])
  })

  it('refuses every file of the machine: a Dockerfile, secrets and configs outside the submission', () => {
    expect(refused(config({ api: { build: { context: `${sub}/api`, dockerfile: '/etc/passwd' } } }))).toEqual(['api.build.dockerfile'])
    expect(refused(config({ api: { build: { context: `${sub}/api`, dockerfile: '../../host-secret.txt' } } }))).toEqual(['api.build.dockerfile'])
    expect(refused(config({}, { secrets: { s: { file: '/etc/shadow' } }, configs: { c: { file: '/etc/hosts' } } }))).toEqual(['secrets.s.file', 'configs.c.file'])
  })

  it('refuses what reaches the machine’s environment, and hands the build nothing from outside its context', () => {
    expect(refused(config({}, { secrets: { s: { environment: 'GITHUB_TOKEN' } }, configs: { c: { environment: 'HOME' } } }))).toEqual(['secrets.s.environment', 'configs.c.environment'])
    expect(refused(config({ api: { build: {
      context: `${sub}/api`, additional_contexts: { other: root }, secrets: ['s'], ssh: ['default'], cache_from: ['type=local,src=/'], cache_to: ['type=local,dest=/tmp/x'],
      tags: ['postgres:16'], network: 'host', privileged: true, entitlements: ['network.host'],
    } } }))).toEqual(['api.build.additional_contexts', 'api.build.secrets', 'api.build.ssh', 'api.build.cache_from', 'api.build.cache_to', 'api.build.tags', 'api.build.network', 'api.build.privileged', 'api.build.entitlements'])
  })

  it('refuses containers and networks that are not the project’s', () => {
    expect(refused(config({
      db: { image: 'postgres:16' },
      a: { image: 'alpine', volumes_from: ['db:ro', 'container:someone-else'], network_mode: 'container:other', pid: 'container:other', ipc: 'container:other', external_links: ['redis'] },
      b: { image: 'alpine', network_mode: 'bridge', pid: 'service:db', ipc: 'service:db' },
      c: { image: 'alpine', network_mode: 'service:db' },
    }))).toEqual(['a.volumes_from', 'a.network_mode', 'a.pid', 'a.ipc', 'a.external_links', 'b.network_mode'])
  })

  it('refuses volumes and networks of the machine, and driver options that make one', () => {
    expect(refused(config({}, {
      volumes: {
        outside: { external: true, name: 'someone-elses-data' },
        hostdir: { driver_opts: { type: 'none', o: 'bind', device: '/etc' } },
        nfs: { driver: 'nfs' },
      },
      networks: { lan: { driver: 'macvlan', driver_opts: { parent: 'eth0' } }, fixed: { ipam: { config: [{ subnet: '10.0.0.0/8' }] } } },
    }))).toEqual(['volumes.outside.external', 'volumes.hostdir.driver_opts', 'volumes.nfs.driver', 'networks.lan.driver', 'networks.lan.driver_opts', 'networks.fixed.ipam'])
  })

  it('refuses powers over the machine: cgroups, priorities, kernel settings, runtimes', () => {
    expect(refused(config({ a: {
      image: 'alpine', device_cgroup_rules: ['b *:* rwm'], cgroup_parent: '/', oom_score_adj: -1000, oom_kill_disable: true, cpu_rt_runtime: 950000,
      sysctls: { 'net.ipv4.ip_forward': 1 }, runtime: 'runc', ulimits: { memlock: -1 }, gpus: 'all', cgroup: 'host', uts: 'host', userns_mode: 'host',
    } }))).toEqual(['a.device_cgroup_rules', 'a.cgroup_parent', 'a.oom_score_adj', 'a.oom_kill_disable', 'a.cpu_rt_runtime', 'a.sysctls', 'a.runtime', 'a.ulimits', 'a.gpus', 'a.cgroup', 'a.uts', 'a.userns_mode'])
  })

  it('refuses the grader’s and Compose’s own labels, wherever they are set', () => {
    expect(refused(config({ a: { image: 'alpine', labels: { 'org.tp1-grader.run': 'other' }, build: { context: `${sub}/api`, labels: { 'com.docker.compose.project': 'x' } } } }, {
      networks: { n: { labels: { 'org.tp1-grader.pid': '1' } } }, volumes: { v: { labels: { 'org.tp1-grader.host': 'h' } } },
    }))).toEqual(['a.labels', 'a.build.labels', 'networks.n.labels', 'volumes.v.labels'])
  })

  it('refuses what would replace an image of the machine for later runs: another platform, more tags', () => {
    expect(refused(config({
      a: { image: 'postgres:16', platform: 'linux/arm64' },
      b: { build: { context: `${sub}/api`, tags: ['python:3.13-slim'] } },
      c: { build: { context: `${sub}/api`, platforms: ['linux/amd64', 'linux/s390x'] }, platform: 'linux/amd64' },
    }))).toEqual(['a.platform', 'b.build.tags', 'c.build.platforms'])
    const found = composePolicyViolations(config({ db: { image: 'postgres:16', platform: 'linux/s390x' } }), sub, ENGINE)
    expect(reasons(found)).toEqual([
      'platform: linux/s390x is not the platform of the machine that grades (linux/amd64): Compose would pull another variant of the images under the same names, replacing the machine\'s for every later run, and its programs could not run here; remove platform (Docker then uses the machine\'s own platform) or write linux/amd64',
    ])
    expect(keys(composePolicyViolations(config({ a: { image: 'alpine', platform: 'linux/arm64/v8' } }), sub, 'linux/arm64'))).toEqual([])
  })

  it('accepts the engine’s own platform however Docker lets it be spelt, in a service and its build', () => {
    for (const platform of ['linux/amd64', 'linux/x86_64', 'amd64', 'linux'])
      expect(refused(config({ api: { build: { context: `${sub}/api`, platforms: [platform] }, platform } })), platform).toEqual([])
    expect(namesPlatform(config({ api: { build: { context: `${sub}/api`, platforms: ['linux/amd64'] } } }))).toBe(true)
    expect(namesPlatform(labProject)).toBe(false)
  })

  it('never judges a platform without the engine’s: that is the grader’s fault, not the student’s', () => {
    expect(() => composePolicyViolations(config({ a: { image: 'alpine', platform: 'linux/amd64' } }), sub)).toThrow(/engine's platform/)
    expect(composePolicyViolations(labProject, sub)).toEqual([])
  })

  it('accepts what only changes the container itself or names an address: real hand-ins’ harmless keys', () => {
    expect(refused(config({
      db: {
        image: 'postgres:16', extra_hosts: ['host.docker.internal=host-gateway', 'db.local=10.0.0.5'], dns: ['8.8.8.8', '1.1.1.1'], dns_search: ['example.org'], dns_opt: ['ndots:1'],
        init: true, tty: true, stdin_open: true, read_only: true, tmpfs: ['/run', '/tmp'], shm_size: '256m', stop_grace_period: '1m', group_add: ['postgres'],
        logging: { driver: 'syslog', options: { 'syslog-address': 'udp://10.0.0.1:514' } }, profiles: ['db'], isolation: 'default', mac_address: '02:42:ac:11:00:02',
        pull_refresh_after: 'daily', labels: { 'com.example.course': 'csc8613' }, annotations: { 'com.example.note': 'x' },
        post_start: [{ command: ['sh', '-c', 'echo started'], user: 'postgres', working_dir: '/', environment: { A: '1' } }], pre_stop: [{ command: 'pg_ctl stop' }],
        networks: { back: { ipv4_address: '172.30.0.5', mac_address: '02:42:ac:11:00:03' } },
      },
      api: { build: { context: `${sub}/api`, extra_hosts: ['pypi.local=10.0.0.7'], network: 'none', isolation: 'default', shm_size: '128m' } },
    }))).toEqual([])
  })

  it('refuses a privileged hook, a build on the host’s network or another network, and chosen addresses', () => {
    expect(refused(config({
      a: { image: 'alpine', post_start: [{ command: 'id', privileged: true }] },
      b: { build: { context: `${sub}/api`, network: 'host' } },
      c: { build: { context: `${sub}/api`, network: 'someone-elses' } },
    }, { networks: { fixed: { ipam: { driver: 'default', config: [{ subnet: '192.168.1.0/24' }] } } } }))).toEqual(['a.post_start.privileged', 'b.build.network', 'c.build.network', 'networks.fixed.ipam'])
  })

  it('bounds the number of services, of published ports and of networks', () => {
    const networks = Object.fromEntries(Array.from({ length: MAX_NETWORKS + 1 }, (_, i) => [`n${i}`, {}]))
    expect(refused(config({ a: { image: 'alpine' } }, { networks }))).toEqual(['networks'])
    const many = Object.fromEntries(Array.from({ length: MAX_SERVICES + 1 }, (_, i) => [`s${i}`, { image: 'alpine' }]))
    expect(refused(config(many))).toEqual(['services'])
    const ports = Array.from({ length: MAX_PORTS_PER_SERVICE + 1 }, (_, i) => ({ target: 1000 + i }))
    expect(refused(config({ a: { image: 'alpine', ports } }))).toEqual(['a.ports'])
  })

  it('refuses a key it does not know, as a newer Compose could add one (use_api_socket mounts the Docker socket)', () => {
    const found = composePolicyViolations(config({ a: { image: 'alpine', use_api_socket: true } }, { models: { m: {} } }), sub, ENGINE)
    expect(keys(found)).toEqual(['a.use_api_socket', 'models'])
    expect(reasons(found)[0]).toContain('not a Compose setting the grader knows')
  })
})

describe('composeFileViolations, on the file as written, before Compose reads it', () => {
  const dir = mkdtempSync(path.join(root, 'as-written-'))
  const file = (text: string, name = 'docker-compose.yml') => {
    writeFileSync(path.join(dir, name), text)
    return composeFileViolations(dir, name)
  }

  it('accepts the lab file with anchors, merge keys, extension fields, env_file and label_file inside', () => {
    writeFileSync(path.join(dir, '.env'), 'POSTGRES_PASSWORD=demo\n')
    expect(file([
      'version: "3.9"', 'x-common: &common', '  restart: unless-stopped', 'services:', '  db:', '    <<: *common', '    image: postgres:16',
      '    env_file: [.env]', '    label_file: ./db.labels', '  api:', '    extends: db', '    build: ./api', '    env_file:', '      - path: ./optional.env', '        required: false',
    ].join('\n'))).toEqual([])
  })

  it('refuses what Compose would read from the machine while loading the file', () => {
    expect(keys(file([
      'include: [/etc/compose.yml]', 'services:', '  a:', '    image: alpine', '    env_file: [/etc/environment, ../host.env, "${HOME}/x.env"]',
      '    label_file: /etc/labels', '    extends: { file: /etc/other.yml, service: x }',
    ].join('\n')) ?? [])).toEqual(['include', 'a.env_file', 'a.env_file', 'a.env_file', 'a.label_file', 'a.extends.file'])
  })

  it('refuses a key it does not know before Compose reads the file, and leaves the rest to the normalised configuration', () => {
    expect(keys(file('services:\n  a:\n    image: alpine\n    privileged: true\n    use_api_socket: true\nmodels: {}\n') ?? [])).toEqual(['a.use_api_socket', 'models'])
  })

  it('refuses a project .env or Compose file that is a link to a file of the machine, without reading it', () => {
    const linked = mkdtempSync(path.join(root, 'linked-'))
    symlinkSync(path.join(root, 'host-secret.txt'), path.join(linked, '.env'))
    writeFileSync(path.join(linked, 'compose.yaml'), 'services: {}\n')
    expect(keys(composeFileViolations(linked, 'compose.yaml') ?? [])).toEqual(['.env'])
    symlinkSync(path.join(root, 'host-secret.txt'), path.join(linked, 'docker-compose.yml'))
    expect(reasons(composeFileViolations(linked, 'docker-compose.yml') ?? [])).toContain('docker-compose.yml is a link to a file outside the submission')
  })

  it('reads the paths of a Compose file one folder down from its own folder, and its .env there', () => {
    const repo = mkdtempSync(path.join(root, 'repo-'))
    mkdirSync(path.join(repo, 'TP1'))
    writeFileSync(path.join(repo, 'shared.env'), 'A=1\n')
    symlinkSync(path.join(root, 'host-secret.txt'), path.join(repo, 'TP1', '.env'))
    writeFileSync(path.join(repo, 'TP1', 'docker-compose.yml'), 'services:\n  a:\n    image: alpine\n    env_file: [../shared.env, ../../host.env]\n')
    expect(keys(composeFileViolations(repo, 'TP1/docker-compose.yml') ?? [])).toEqual(['TP1/.env'])
    rmSync(path.join(repo, 'TP1', '.env'))
    const found = composeFileViolations(repo, 'TP1/docker-compose.yml') ?? []
    expect(reasons(found)).toEqual(['env_file: ../host.env is outside the submission; only files of the submission are used'])
  })

  it('refuses a link that leads out of the submission even when its target does not exist yet', () => {
    const dangling = mkdtempSync(path.join(root, 'dangling-'))
    symlinkSync(path.join(root, 'not-yet', 'host.env'), path.join(dangling, '.env'))
    writeFileSync(path.join(dangling, 'compose.yaml'), 'services: {}\n')
    expect(keys(composeFileViolations(dangling, 'compose.yaml') ?? [])).toEqual(['.env'])
  })

  it('lets nothing run of a file it cannot read as YAML', () => {
    expect(file('services:\n  a:\n    <<: *nowhere\n')).toBeUndefined()
    expect(file('services:\n\tdb:\n\t\timage: postgres:16\n')).toBeUndefined()
  })
})
