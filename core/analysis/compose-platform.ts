/** A platform as Docker compares two (containerd's platforms.Parse, then Normalize): operating system, architecture, variant. */
export interface Platform {
  os: string
  arch: string
  /** '' when the architecture has none, or has only its default one (arm64's v8, amd64's v1). */
  variant: string
}

// Go's lists (go/build/syslist.go), as containerd's platforms package knows them: a lone word is an OS, else an architecture.
const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos'])
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le',
  'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
])
const OS_PART = /^([A-Za-z0-9_-]+)(?:\([A-Za-z0-9_.-]*\))?$/
const PART = /^[A-Za-z0-9_-]+$/

/** containerd's normalizeArch, with Normalize's defaults: x86_64 is amd64, aarch64 is arm64 (v8 is its default), armhf is arm/v7. */
function normaliseArch(arch: string, variant: string): [string, string] {
  const [a, v] = [arch.toLowerCase(), variant.toLowerCase()]
  switch (a) {
    case 'i386': return ['386', '']
    case 'x86_64': case 'x86-64': case 'amd64': return ['amd64', v === 'v1' ? '' : v]
    case 'aarch64': case 'arm64': return ['arm64', ['8', 'v8', 'v8.0'].includes(v) ? '' : ['9', '9.0', 'v9.0'].includes(v) ? 'v9' : v]
    case 'armhf': return ['arm', 'v7']
    case 'armel': return ['arm', 'v6']
    case 'arm': return ['arm', v === '' || v === '7' ? 'v7' : ['5', '6', '8'].includes(v) ? `v${v}` : v]
    default: return [a, v]
  }
}

const normaliseOs = (os: string) => (os.toLowerCase() === 'macos' ? 'darwin' : os.toLowerCase())

/**
 * A platform as Docker reads `platform:` (`linux/amd64`, `linux/arm64/v8`, `amd64`, `linux`), normalised so that two
 * spellings of one platform are equal; a lone OS or architecture takes the rest from `engine`, as Docker takes it from
 * the machine. `undefined`: not a platform Docker can read.
 */
export function parsePlatform(spec: string, engine?: Platform): Platform | undefined {
  const parts = spec.trim().split('/')
  const os = OS_PART.exec(parts[0] ?? '')?.[1]
  if (os === undefined || parts.length > 3 || !parts.slice(1).every((p) => PART.test(p))) return undefined
  if (parts.length === 1) {
    if (KNOWN_OS.has(normaliseOs(os))) return engine && { os: normaliseOs(os), arch: engine.arch, variant: engine.variant }
    const [arch, variant] = normaliseArch(os, '')
    return KNOWN_ARCH.has(arch) && engine ? { os: engine.os, arch, variant } : undefined
  }
  const [arch, variant] = normaliseArch(parts[1]!, parts[2] ?? '')
  return { os: normaliseOs(os), arch, variant }
}

export const samePlatform = (a: Platform, b: Platform): boolean => a.os === b.os && a.arch === b.arch && a.variant === b.variant

/** `linux/amd64`, `linux/arm/v7`: how Docker writes a platform. */
export const formatPlatform = (p: Platform): string => [p.os, p.arch, p.variant].filter(Boolean).join('/')
