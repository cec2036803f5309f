import path from 'node:path'
import type { ComposeConfig } from '../lab/compose-config.js'
import { messages } from '../rubric/index.js'

export interface PolicyViolation {
  service: string
  key: string
  message: string
}

const t = messages.compose.policy
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
    if (service.privileged === true) refuse(name, 'privileged', t.privileged)
    if (Array.isArray(service.cap_add) && service.cap_add.length) refuse(name, 'cap_add', t.capAdd(service.cap_add))
    for (const key of ['network_mode', 'pid', 'ipc', 'userns_mode', 'uts', 'cgroup'] as const)
      if (service[key] === 'host') refuse(name, key, t.hostNamespace(key, key.replace('_mode', '')))
    if (Array.isArray(service.devices) && service.devices.length) refuse(name, 'devices', t.devices)
    for (const option of (service.security_opt as string[] | undefined) ?? [])
      if (UNCONFINED.test(option)) refuse(name, 'security_opt', t.unconfined(option))
    for (const volume of (service.volumes as { type?: string; source?: string }[] | undefined) ?? []) {
      if (volume.type !== 'bind' || !volume.source) continue
      if (DOCKER_SOCKET.test(volume.source)) refuse(name, 'volumes', t.dockerSocket(volume.source))
      else if (!inside(submissionDir, volume.source)) refuse(name, 'volumes', t.outsideBind(volume.source))
    }
    const context = service.build?.context
    if (context && !/^[a-z]+:\/\//.test(context) && !inside(submissionDir, context))
      refuse(name, 'build', t.buildOutside(path.relative(submissionDir, context) || context))
    else if (context && /^[a-z]+:\/\//.test(context)) refuse(name, 'build', t.buildRemote(context))
  }
  return violations
}
