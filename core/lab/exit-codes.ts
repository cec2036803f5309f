/** What a container's exit code says of how it ended; `code` is the code itself. */
export type ExitMeaning =
  | {
    kind: 'oom-killed' | 'finished' | 'error' | 'misuse' | 'not-executable' | 'not-found' | 'sigkill' | 'segfault' | 'sigterm' | 'failed'
    code: number
  }
  | { kind: 'signal'; code: number; signal: number }

/** How a container ended, from its exit code and whether Docker killed it for memory. */
export function exitMeaning(code: number, options: { oomKilled?: boolean } = {}): ExitMeaning {
  if (options.oomKilled) return { kind: 'oom-killed', code }
  switch (code) {
    case 0: return { kind: 'finished', code }
    case 1: return { kind: 'error', code }
    case 2: return { kind: 'misuse', code }
    case 126: return { kind: 'not-executable', code }
    case 127: return { kind: 'not-found', code }
    case 137: return { kind: 'sigkill', code }
    case 139: return { kind: 'segfault', code }
    case 143: return { kind: 'sigterm', code }
    default: return code > 128 ? { kind: 'signal', code, signal: code - 128 } : { kind: 'failed', code }
  }
}
