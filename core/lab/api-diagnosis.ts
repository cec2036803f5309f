import { exitMeaning, type ExitMeaning } from './exit-codes.js'
import { connectionFailure, type ConnectionFailure } from './http-probe.js'
import type { HttpWait } from './http-wait.js'
import type { ListeningSocket } from './proc-net-tcp.js'

/** What a server really listens on inside its container, against the port the lab publishes (`port`). */
export type Listening =
  | { kind: 'all'; port: number }
  /** On the port, but on loopback addresses only: nothing outside the container reaches it. */
  | { kind: 'only-on'; sockets: ListeningSocket[] }
  | { kind: 'other-port'; sockets: ListeningSocket[]; port: number }
  | { kind: 'nothing' }

/** Why an API cannot be reached through its published port, from what it really listens on. */
export function diagnoseListening(sockets: ListeningSocket[], port: number): Listening {
  const onPort = sockets.filter((s) => s.port === port)
  if (onPort.some((s) => s.address === '0.0.0.0' || s.address === '::')) return { kind: 'all', port }
  if (onPort.length) return { kind: 'only-on', sockets: onPort }
  if (sockets.length) return { kind: 'other-port', sockets, port }
  return { kind: 'nothing' }
}

/** What a wait for an HTTP answer got instead of the awaited one (the catalogue's `lab.unanswered` says it). */
export type Unanswered = ConnectionFailure | { kind: 'not-listening'; listening: Listening }

type Unaccepted = Exclude<HttpWait, { outcome: 'accepted' }>

/** What the wait concluded: the app's answer, where its server listens instead, a hang, or the last connection error. */
export function unanswered(wait: Unaccepted, port: number): Unanswered {
  switch (wait.outcome) {
    case 'answered': return { kind: 'answered', answer: wait.answer }
    case 'not-listening': return { kind: 'not-listening', listening: diagnoseListening(wait.sockets, port) }
    case 'hang': return { kind: 'timeout' }
    default: return connectionFailure(wait.lastError)
  }
}

/** What the wait's last attempt got: the app's answer, or the last connection error. */
export function lastAttempt(wait: Unaccepted): ConnectionFailure {
  return 'lastError' in wait ? connectionFailure(wait.lastError) : { kind: 'answered', answer: wait.answer }
}

/** A container that exited when it should have kept running: how, and why as far as its log tells. */
export interface Exited {
  exit: ExitMeaning
  /** `import`: uvicorn could not import the app; `not-installed`: the command is not in the image. */
  cause: 'import' | 'not-installed' | 'unknown'
}

export function exited(state: { exitCode: number; oomKilled: boolean }, log: string): Exited {
  const cause = /No module named|Could not import module|Error loading ASGI app/.test(log)
    ? 'import'
    : /executable file not found|not found/.test(log) ? 'not-installed' : 'unknown'
  return { exit: exitMeaning(state.exitCode, { oomKilled: state.oomKilled }), cause }
}
