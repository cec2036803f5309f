import { setTimeout as delay } from 'node:timers/promises'

export interface EventuallyOptions {
  timeoutMs: number
  intervalMs?: number
  /** Stop early: the awaited state can no longer come (e.g. the container exited). */
  giveUp?: () => Promise<string | undefined>
}

export type Eventually<T> = { ok: true; value: T } | { ok: false; lastError: unknown; gaveUp?: string }

/** Polls `probe` until it returns without throwing, the deadline passes, or `giveUp` names a reason. Never a fixed sleep. */
export async function eventually<T>(probe: () => Promise<T>, options: EventuallyOptions): Promise<Eventually<T>> {
  const started = Date.now()
  const interval = options.intervalMs ?? 200
  let lastError: unknown = new Error('never probed')
  for (;;) {
    try {
      return { ok: true, value: await probe() }
    } catch (error) {
      lastError = error
    }
    const reason = await options.giveUp?.()
    if (reason) return { ok: false, lastError, gaveUp: reason }
    if (Date.now() - started + interval > options.timeoutMs) return { ok: false, lastError }
    await delay(interval)
  }
}
