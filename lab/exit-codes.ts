import { currentRun } from '../rubric/index.js'

const { messages } = currentRun()

const t = messages.lab.exitCode

/** What a container's exit code means, in words a beginner can act on. */
export function describeExitCode(code: number, options: { oomKilled?: boolean } = {}): string {
  if (options.oomKilled) return t.oomKilled(code)
  switch (code) {
    case 0: return t.finished
    case 1: return t.error
    case 2: return t.misuse
    case 126: return t.notExecutable
    case 127: return t.notFound
    case 137: return t.sigkill
    case 139: return t.segfault
    case 143: return t.sigterm
    default: return code > 128 ? t.signal(code, code - 128) : t.failed(code)
  }
}
