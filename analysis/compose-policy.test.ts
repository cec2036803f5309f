import { describe, expect, it } from 'vitest'
import type { ComposeConfig } from '../lab/compose-config.js'
import { composePolicyViolations } from './compose-policy.js'

const sub = '/tmp/grading/submission'
const config = (services: ComposeConfig['services']): ComposeConfig => ({ services })

describe('composePolicyViolations', () => {
  it('accepts the lab project, including binds inside the submission', () => {
    expect(composePolicyViolations(config({
      db: { image: 'postgres:16', volumes: [{ type: 'volume', source: 'pgdata' }, { type: 'bind', source: `${sub}/init` }] },
      api: { build: { context: `${sub}/api` } },
    }), sub)).toEqual([])
  })

  it('refuses privilege, host namespaces, devices and unconfined security options, naming service and key', () => {
    const found = composePolicyViolations(config({
      evil: { image: 'alpine', privileged: true, cap_add: ['SYS_ADMIN'], network_mode: 'host', pid: 'host', ipc: 'host', devices: ['/dev/sda:/dev/sda'], security_opt: ['seccomp:unconfined', 'apparmor=unconfined'] },
    }), sub)
    expect(found.map((v) => `${v.service}.${v.key}`)).toEqual([
      'evil.privileged', 'evil.cap_add', 'evil.network_mode', 'evil.pid', 'evil.ipc', 'evil.devices', 'evil.security_opt', 'evil.security_opt',
    ])
  })

  it('refuses the Docker socket, host folders outside the submission, and builds from outside', () => {
    const found = composePolicyViolations(config({
      a: { image: 'alpine', volumes: [{ type: 'bind', source: '/var/run/docker.sock' }, { type: 'bind', source: '/tmp/grading/other' }, { type: 'bind', source: '/etc' }] },
      b: { build: { context: '/tmp/grading' } },
      c: { build: { context: 'https://github.com/x/y.git' } },
    }), sub)
    expect(found.map((v) => v.message)).toEqual([
      'volumes: /var/run/docker.sock mounts the Docker socket: the container could control Docker itself',
      'volumes: /tmp/grading/other mounts a host folder outside the submission',
      'volumes: /etc mounts a host folder outside the submission',
      'build: .. is outside the submission folder',
      'build: https://github.com/x/y.git builds from a remote source; build from a folder of the submission',
    ])
  })
})
