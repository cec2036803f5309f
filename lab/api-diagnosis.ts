import type { Feedback } from '../grading/verdict.js'
import { currentRun } from '../rubric/index.js'
import { describeExitCode } from './exit-codes.js'
import type { ListeningSocket } from './proc-net-tcp.js'
import { describeConnectionError } from './http-probe.js'
import type { HttpWait } from './http-wait.js'

const { messages } = currentRun()

const t = messages.lab

/** Why an API cannot be reached through its published port, from what it really listens on. */
export function diagnoseListening(sockets: ListeningSocket[], port: number): { ok: boolean; seen: string; fix?: string } {
  const onPort = sockets.filter((s) => s.port === port)
  if (onPort.some((s) => s.address === '0.0.0.0' || s.address === '::')) return { ok: true, seen: t.listening.all(port) }
  if (onPort.length)
    return {
      ok: false,
      seen: t.listening.onlyOn(onPort.map((s) => `${s.address}:${s.port}`).join(', ')),
      fix: t.listening.loopbackFix(onPort[0]!.address),
    }
  if (sockets.length)
    return {
      ok: false,
      seen: t.listening.otherPort(sockets.map((s) => `${s.address}:${s.port}`).join(', '), port),
      fix: t.listening.otherPortFix(port),
    }
  return { ok: false, seen: t.listening.nothing, fix: t.listening.nothingFix }
}

/** What a wait for an HTTP answer saw when it did not get the awaited one, for a beginner. */
export function describeWait(wait: Exclude<HttpWait, { outcome: 'accepted' }>, port: number): string {
  switch (wait.outcome) {
    case 'answered': return `${wait.answer.status} ${wait.answer.body.slice(0, 300)}`
    case 'not-listening': return diagnoseListening(wait.sockets, port).seen
    case 'hang': return t.connection.timeout
    default: return describeConnectionError(wait.lastError)
  }
}

/** Feedback for a container that exited when it should have kept running; `what` names it, in the student's language. */
export function exitedFeedback(what: string, exitCode: number, oomKilled: boolean, log: string): Feedback {
  return {
    expected: t.exited.expected(what),
    seen: t.exited.seen(describeExitCode(exitCode, { oomKilled })),
    fix: /No module named|Could not import module|Error loading ASGI app/.test(log)
      ? t.exited.fixImport
      : /executable file not found|not found/.test(log)
        ? t.exited.fixNotInstalled
        : t.exited.fixReadLog,
    log,
  }
}
