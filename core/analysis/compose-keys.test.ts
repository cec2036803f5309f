import { describe, expect, it } from 'vitest'
import { buildKeys, composeKeyTables, serviceKeys } from './compose-keys.js'

/** The judgement of issue 29, key by key: what a key can do on the grading machine, not whether the lab needs it. */
const judged = {
  accepted: [
    'platform', 'init', 'labels', 'tmpfs', 'read_only', 'tty', 'stdin_open', 'healthcheck', 'extra_hosts', 'dns', 'dns_opt', 'dns_search',
    'group_add', 'hostname', 'user', 'command', 'restart', 'stop_signal', 'shm_size', 'label_file', 'env_file', 'post_start', 'pre_stop', 'isolation',
  ],
  neutralised: ['container_name', 'stop_grace_period', 'logging', 'profiles', 'ports', 'environment', 'image', 'deploy', 'scale', 'mem_limit', 'cpus', 'pids_limit'],
  refused: [
    'privileged', 'cap_add', 'devices', 'device_cgroup_rules', 'gpus', 'uts', 'userns_mode', 'cgroup_parent', 'oom_score_adj', 'oom_kill_disable',
    'sysctls', 'runtime', 'ulimits', 'external_links', 'credential_spec', 'cpu_rt_runtime', 'blkio_config',
  ],
} as const

describe('the key table', () => {
  it.each(Object.entries(judged).flatMap(([verdict, keys]) => keys.map((key) => [key, verdict] as const)))('service key %s is %s', (key, verdict) => {
    expect(serviceKeys[key]?.verdict).toBe(verdict)
  })

  it('accepts in a build what stays in the build, refuses what reaches the machine', () => {
    expect(Object.fromEntries(['extra_hosts', 'platforms', 'network', 'args', 'tags', 'secrets', 'ssh', 'privileged', 'entitlements'].map((key) => [key, buildKeys[key]?.verdict]))).toEqual({
      extra_hosts: 'accepted', platforms: 'accepted', network: 'accepted', args: 'neutralised',
      tags: 'refused', secrets: 'refused', ssh: 'refused', privileged: 'refused', entitlements: 'refused',
    })
  })

  it('says why in its own words, never that the lab does not need a key', () => {
    for (const keys of Object.values(composeKeyTables)) for (const rule of Object.values(keys)) expect(rule.reason).not.toMatch(/lab needs|not needed/i)
  })
})
