/**
 * Which engine grades, read from its answers to /version and /info — Docker's API, which Podman's service speaks too.
 * Pure: the sheet says where a run was graded, so that a student's own grade and the grade of record can be compared.
 */

/** The fields of /version and /info this reads (Docker Engine, Docker Desktop and Podman all send them). */
export interface EngineAnswers {
  version: { Version?: string; ApiVersion?: string; Arch?: string; Components?: ReadonlyArray<{ Name?: string; Version?: string }> | null }
  info: {
    OperatingSystem?: string; Architecture?: string; SecurityOptions?: readonly string[] | null
    /** false when the engine cannot apply that limit (a rootless engine without cgroup delegation, some Podman set-ups). */
    MemoryLimit?: boolean; CpuCfsQuota?: boolean; PidsLimit?: boolean
  }
}

/** The limits a rubric puts on a student's containers, by the name the sheet gives them. */
export type EngineLimit = 'memory' | 'cpus' | 'pids'

export type EngineName = 'Docker Engine' | 'Docker Desktop' | 'Podman'

export interface EngineKind {
  engine: EngineName
  /** The engine's own version (Podman's, for Podman: its compatible API reports it too). */
  version: string
  /** The engine's architecture in Go's (and the images') names: amd64, arm64. */
  arch: string
  /** Whether the engine runs as an ordinary user (rootless Docker, rootless Podman): limits may not be enforced. */
  rootless: boolean
  /** The limits the engine says it cannot apply: the run grades, and says so (only what the engine says, never guessed). */
  limitsNotEnforced: EngineLimit[]
}

/** uname's names of the architectures, as /info's Architecture gives them, in Go's names (/version's Arch). */
const GO_ARCH: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armv7l: 'arm', i686: '386', i386: '386', ppc64le: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' }

export function engineKind({ version, info }: EngineAnswers): EngineKind {
  const podman = (version.Components ?? []).find((c) => /podman/i.test(c.Name ?? ''))
  const engine: EngineName = podman ? 'Podman' : /docker desktop/i.test(info.OperatingSystem ?? '') ? 'Docker Desktop' : 'Docker Engine'
  const machineArch = info.Architecture ? (GO_ARCH[info.Architecture] ?? info.Architecture) : undefined
  return {
    engine,
    version: podman?.Version || version.Version || 'unknown',
    arch: version.Arch || machineArch || 'unknown',
    rootless: (info.SecurityOptions ?? []).some((option) => option.split(',').includes('name=rootless')),
    limitsNotEnforced: ([['memory', info.MemoryLimit], ['cpus', info.CpuCfsQuota], ['pids', info.PidsLimit]] as const).flatMap(([limit, applied]) => (applied === false ? [limit] : [])),
  }
}
