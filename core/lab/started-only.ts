import type { WaitStrategy } from 'testcontainers'

/**
 * A wait strategy that waits for nothing: the checks themselves wait on readiness, so that a container that
 * never becomes ready is still there to be observed (its logs, what it listens on) instead of being removed.
 */
export class StartedOnly implements WaitStrategy {
  private timeoutMs = 60_000
  async waitUntilReady(): Promise<void> {}
  withStartupTimeout(startupTimeoutMs: number): this {
    this.timeoutMs = startupTimeoutMs
    return this
  }
  isStartupTimeoutSet(): boolean {
    return true
  }
  getStartupTimeout(): number {
    return this.timeoutMs
  }
}
