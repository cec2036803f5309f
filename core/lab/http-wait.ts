import { setTimeout as delay } from 'node:timers/promises'
import type { HttpAnswer } from './http-probe.js'
import { listensOnAllInterfaces, type ListeningSocket } from './proc-net-tcp.js'

/**
 * How waiting for an HTTP answer ended: each way is final as soon as it is known, so a faulty app costs no more time
 * than a correct one. `accepted`: the awaited answer. `answered`: the app answers, the same thing each time, but not
 * what was awaited. `not-listening`: the server is up and listens, but not where the request goes. `hang`: the
 * connection is taken and no answer comes, probe after probe. `exited`: the container stopped. `timeout`: none of
 * these within the time allowed (the app is still starting, or nothing listens at all).
 */
export type HttpWait =
  | { outcome: 'accepted'; answer: HttpAnswer; waitedMs: number }
  | { outcome: 'answered'; answer: HttpAnswer; waitedMs: number }
  | { outcome: 'not-listening'; sockets: ListeningSocket[]; lastError: unknown; waitedMs: number }
  | { outcome: 'hang'; lastError: unknown; waitedMs: number }
  | { outcome: 'exited'; lastError: unknown; waitedMs: number }
  | { outcome: 'timeout'; lastError: unknown; waitedMs: number }

export interface HttpWaitOptions {
  /** One GET; throws on connection errors and timeouts. */
  probe: () => Promise<HttpAnswer>
  /** Whether an answer is the awaited one (default: any answer). */
  accept?: (answer: HttpAnswer) => boolean
  /** The container port the request reaches, and what listens in the container (undefined when it cannot be read). */
  port: number
  listening: () => Promise<ListeningSocket[] | undefined>
  running: () => Promise<boolean>
  timeoutMs: number
  intervalMs?: number
}

/** The address of the resolver Docker runs inside each container of a user-defined network. */
const DOCKER_DNS = '127.0.0.11'

/** The same answer, seen this long apart, is the app's answer: it is not starting any more. */
const STABLE_MS = 1000
/** Probes that time out in a row before the route is taken to never answer. */
const HANGS = 2

const isTimeout = (error: unknown) => {
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string } }
  const code = e.code ?? e.cause?.code
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || e.name === 'TimeoutError' || /aborted/i.test(e.message ?? '')
}

const sameAnswer = (a: HttpAnswer, b: HttpAnswer) => a.status === b.status && a.body === b.body

/**
 * Waits for an HTTP answer, and stops as soon as the outcome is known (see HttpWait). Never a fixed sleep.
 * What listens is read beside the probes, never in front of them: a diagnostic must not spend the time of the
 * observation it explains (an image whose cat hangs holds each read for the engine's exec bound, 30 s).
 */
export async function waitForHttp(options: HttpWaitOptions): Promise<HttpWait> {
  const started = Date.now()
  const waited = () => Date.now() - started
  const interval = options.intervalMs ?? 200
  let lastError: unknown = new Error('never probed')
  let unaccepted: { answer: HttpAnswer; since: number } | undefined
  let hangs = 0
  const listening = listeningWatch(options)
  try {
    for (;;) {
      try {
        const answer = await options.probe()
        hangs = 0
        listening.pause()
        if (!options.accept || options.accept(answer)) return { outcome: 'accepted', answer, waitedMs: waited() }
        if (unaccepted && sameAnswer(unaccepted.answer, answer)) {
          if (Date.now() - unaccepted.since >= STABLE_MS) return { outcome: 'answered', answer, waitedMs: waited() }
        } else unaccepted = { answer, since: Date.now() }
      } catch (error) {
        lastError = error
        unaccepted = undefined
        if (isTimeout(error) && ++hangs >= HANGS) return { outcome: 'hang', lastError, waitedMs: waited() }
        if (isTimeout(error)) listening.pause()
        else {
          hangs = 0
          const elsewhere = listening.refusedAgain()
          if (elsewhere) return { outcome: 'not-listening', sockets: elsewhere, lastError, waitedMs: waited() }
        }
      }
      if (!(await options.running())) return { outcome: 'exited', lastError, waitedMs: waited() }
      if (waited() + interval > options.timeoutMs) {
        if (unaccepted) return { outcome: 'answered', answer: unaccepted.answer, waitedMs: waited() }
        return { outcome: 'timeout', lastError, waitedMs: waited() }
      }
      await delay(interval)
    }
  } finally {
    listening.pause()
  }
}

/**
 * Reads what listens in the background while connections are refused, one read at a time, and tells when the same
 * server has listened elsewhere than the request goes (127.0.0.1 only, another port) for STABLE_MS. A server that
 * listens, but not where the request goes, will not start listening there later. A table that cannot be read is not
 * asked for again: it will not become readable.
 */
function listeningWatch(options: Pick<HttpWaitOptions, 'listening' | 'port'>) {
  let reading = false
  let unreadable = false
  let elsewhereSince: number | undefined
  let elsewhere: ListeningSocket[] | undefined
  let paused = false
  const read = () => {
    reading = true
    options
      .listening()
      .catch(() => undefined)
      .then((table) => {
        reading = false
        if (paused) return
        if (table === undefined) {
          unreadable = true
          return
        }
        // Docker's own DNS resolver listens in every container of a user-defined network (127.0.0.11): it is not the
        // student's server.
        const sockets = table.filter((s) => s.address !== DOCKER_DNS)
        if (sockets.length && !listensOnAllInterfaces(sockets, options.port)) {
          elsewhereSince ??= Date.now()
          elsewhere = sockets
        } else elsewhereSince = elsewhere = undefined
      })
  }
  return {
    /** A connection was refused: what listens now, if it has been elsewhere long enough to be final. */
    refusedAgain(): ListeningSocket[] | undefined {
      paused = false
      if (!reading && !unreadable) read()
      return elsewhereSince !== undefined && Date.now() - elsewhereSince >= STABLE_MS ? elsewhere : undefined
    },
    /** The app answered, or the route hangs: what was seen listening no longer explains a refusal. */
    pause() {
      paused = true
      elsewhereSince = elsewhere = undefined
    },
  }
}
