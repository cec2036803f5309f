import { describe, expect, it } from 'vitest'
import { engineKind } from './engine-kind.js'

// The answers below are abridged from real engines' /version and /info (the fields engineKind reads).
describe('engineKind', () => {
  it('Docker Engine on Linux, run by root', () => {
    expect(engineKind({
      version: { Version: '28.5.2', ApiVersion: '1.51', Arch: 'amd64', Components: [{ Name: 'Engine', Version: '28.5.2' }, { Name: 'containerd', Version: '1.7.28' }] },
      info: { OperatingSystem: 'Ubuntu 24.04.3 LTS', Architecture: 'x86_64', SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'], MemoryLimit: true, CpuCfsQuota: true, PidsLimit: true },
    })).toEqual({ engine: 'Docker Engine', version: '28.5.2', arch: 'amd64', rootless: false, limitsNotEnforced: [] })
  })

  it('Docker Desktop on an Apple-silicon Mac', () => {
    expect(engineKind({
      version: { Version: '28.4.0', ApiVersion: '1.51', Arch: 'arm64', Components: [{ Name: 'Engine', Version: '28.4.0' }] },
      info: { OperatingSystem: 'Docker Desktop', Architecture: 'aarch64', SecurityOptions: ['name=seccomp,profile=builtin', 'name=cgroupns'] },
    })).toEqual({ engine: 'Docker Desktop', version: '28.4.0', arch: 'arm64', rootless: false, limitsNotEnforced: [] })
  })

  it('rootless Docker without cgroup delegation: the limits it says it cannot apply', () => {
    expect(engineKind({
      version: { Version: '27.3.1', Arch: 'amd64' },
      info: { OperatingSystem: 'Debian GNU/Linux 12 (bookworm)', Architecture: 'x86_64', SecurityOptions: ['name=seccomp,profile=builtin', 'name=rootless', 'name=cgroupns'], MemoryLimit: false, CpuCfsQuota: false, PidsLimit: false },
    })).toEqual({ engine: 'Docker Engine', version: '27.3.1', arch: 'amd64', rootless: true, limitsNotEnforced: ['memory', 'cpus', 'pids'] })
  })

  it("Podman's Docker-compatible service, rootless: Podman's own version, whatever the compatible API says", () => {
    expect(engineKind({
      version: { Version: '5.4.2', ApiVersion: '1.41', Arch: 'amd64', Components: [{ Name: 'Podman Engine', Version: '5.4.2' }, { Name: 'Conmon', Version: 'conmon version 2.1.12' }] },
      info: { OperatingSystem: 'debian', Architecture: 'x86_64', SecurityOptions: ['name=seccomp,profile=/usr/share/containers/seccomp.json', 'name=rootless'], MemoryLimit: true, CpuCfsQuota: false, PidsLimit: true },
    })).toEqual({ engine: 'Podman', version: '5.4.2', arch: 'amd64', rootless: true, limitsNotEnforced: ['cpus'] })
  })

  it('falls back to /info\'s architecture in Go\'s names, and says unknown rather than guess (a limit the engine does not mention is not said to be missing)', () => {
    expect(engineKind({ version: {}, info: { Architecture: 'aarch64', SecurityOptions: null } })).toEqual({ engine: 'Docker Engine', version: 'unknown', arch: 'arm64', rootless: false, limitsNotEnforced: [] })
    expect(engineKind({ version: { Components: null }, info: {} })).toEqual({ engine: 'Docker Engine', version: 'unknown', arch: 'unknown', rootless: false, limitsNotEnforced: [] })
  })
})
