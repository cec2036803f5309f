/**
 * Ctrl-C (or SIGTERM) during a batch: the running graders are asked to stop, as a student's Ctrl-C would (they
 * write their grade and remove their Docker objects), no new run starts; a second signal kills them at once.
 */
export class BatchStop {
  requested = false
  private readonly groups = new Set<number>()

  constructor(private readonly outDir: string) {}

  /** A grader run's process group (its leader's pid) while it runs. */
  track(pid: number, alive: boolean): void {
    if (alive) this.groups.add(pid)
    else this.groups.delete(pid)
  }

  /** Installs the signal handlers; returns what removes them. */
  listen(): () => void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.requested) {
        for (const pid of this.groups) signalGroup(-pid, 'SIGKILL')
        process.stderr.write(`\n${signal} again: killed. Run the same command to resume; the next grading run removes what these left in Docker.\n`)
        process.exit(130)
      }
      this.requested = true
      for (const pid of this.groups) signalGroup(pid, 'SIGTERM')
      process.stderr.write(`\n${signal}: stopping — waiting for the running grader${this.groups.size === 1 ? '' : 's'} to clean up (${signal} again to kill at once). The grades already written stay in ${this.outDir}.\n`)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    return () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // Already gone.
  }
}
