import { execFileSync } from 'node:child_process'

/**
 * Removal with the docker CLI, synchronously: after SIGINT/SIGTERM, Vitest ends the process a millisecond after
 * its own handler, so only work that blocks the event loop is sure to finish. Returns how many objects it found.
 */
export function removeLabelledSync(labels: string[], keepBuildCache: boolean): number {
  const filters = labels.flatMap((l) => ['--filter', `label=${l}`])
  const ids = (args: string[]) => {
    try {
      return execFileSync('docker', [...args, ...filters], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).split('\n').filter(Boolean)
    } catch {
      return []
    }
  }
  const remove = (args: string[], found: string[]) => {
    if (!found.length) return
    try {
      execFileSync('docker', [...args, ...found], { stdio: 'ignore', timeout: 60_000 })
    } catch {}
  }
  const containers = ids(['ps', '-aq'])
  remove(['rm', '-f', '-v'], containers)
  const networks = ids(['network', 'ls', '-q'])
  remove(['network', 'rm'], networks)
  const volumes = ids(['volume', 'ls', '-q'])
  remove(['volume', 'rm', '-f'], volumes)
  const images = ids(['images', '-q'])
  remove(['rmi', '-f', ...(keepBuildCache ? ['--no-prune'] : [])], [...new Set(images)])
  return containers.length + networks.length + volumes.length + images.length
}

/** Blocks for `ms` (no event loop to wait on here: see removeLabelledSync). */
export function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}
