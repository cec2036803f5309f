import path from 'node:path'
import type { ComposeConfig } from '../lab/compose-config.js'

export interface PolicyViolation {
  service: string
  key: string
  message: string
}

const UNCONFINED = /^(seccomp[:=]unconfined|apparmor[:=]unconfined|label[:=]disable|systempaths=unconfined|no-new-privileges[:=]false)$/
const DOCKER_SOCKET = /(^|\/)docker\.sock$/

const inside = (dir: string, target: string) => {
  const relative = path.relative(dir, target)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * What the grader refuses to run, from the normalised configuration (`docker compose config`): anything that
 * gives a container power over the machine that grades it, or reaches outside the submission.
 */
export function composePolicyViolations(config: ComposeConfig, submissionDir: string): PolicyViolation[] {
  const violations: PolicyViolation[] = []
  const refuse = (service: string, key: string, message: string) => violations.push({ service, key, message })
  for (const [name, service] of Object.entries(config.services)) {
    if (service.privileged === true) refuse(name, 'privileged', 'privileged: true gives the container full control of the host')
    if (Array.isArray(service.cap_add) && service.cap_add.length) refuse(name, 'cap_add', `cap_add: ${service.cap_add.join(', ')} gives the container extra kernel powers`)
    for (const key of ['network_mode', 'pid', 'ipc', 'userns_mode', 'uts', 'cgroup'] as const)
      if (service[key] === 'host') refuse(name, key, `${key}: host shares the host's ${key.replace('_mode', '')} namespace with the container`)
    if (Array.isArray(service.devices) && service.devices.length) refuse(name, 'devices', 'devices: gives the container direct access to host devices')
    for (const option of (service.security_opt as string[] | undefined) ?? [])
      if (UNCONFINED.test(option)) refuse(name, 'security_opt', `security_opt: ${option} turns off the container's confinement`)
    for (const volume of (service.volumes as { type?: string; source?: string }[] | undefined) ?? []) {
      if (volume.type !== 'bind' || !volume.source) continue
      if (DOCKER_SOCKET.test(volume.source)) refuse(name, 'volumes', `volumes: ${volume.source} mounts the Docker socket: the container could control Docker itself`)
      else if (!inside(submissionDir, volume.source)) refuse(name, 'volumes', `volumes: ${volume.source} mounts a host folder outside the submission`)
    }
    const context = service.build?.context
    if (context && !/^[a-z]+:\/\//.test(context) && !inside(submissionDir, context))
      refuse(name, 'build', `build: ${path.relative(submissionDir, context) || context} is outside the submission folder`)
    else if (context && /^[a-z]+:\/\//.test(context)) refuse(name, 'build', `build: ${context} builds from a remote source; build from a folder of the submission`)
  }
  return violations
}
