import type { Feedback } from '../grading/verdict.js'
import { describeExitCode } from './exit-codes.js'
import type { ListeningSocket } from './proc-net-tcp.js'

/** Why an API cannot be reached through its published port, from what it really listens on. */
export function diagnoseListening(sockets: ListeningSocket[], port: number): { ok: boolean; seen: string; fix?: string } {
  const onPort = sockets.filter((s) => s.port === port)
  if (onPort.some((s) => s.address === '0.0.0.0' || s.address === '::')) return { ok: true, seen: `listening on 0.0.0.0:${port}` }
  if (onPort.length)
    return {
      ok: false,
      seen: `listening on ${onPort.map((s) => `${s.address}:${s.port}`).join(', ')} only`,
      fix: `${onPort[0]!.address} is the container's own loopback: nothing outside the container can reach it. Start uvicorn with --host 0.0.0.0.`,
    }
  if (sockets.length)
    return {
      ok: false,
      seen: `listening on ${sockets.map((s) => `${s.address}:${s.port}`).join(', ')}, not on port ${port}`,
      fix: `The lab publishes container port ${port} (-p ${port}:${port}): start uvicorn with --port ${port}.`,
    }
  return { ok: false, seen: 'nothing listens on any TCP port', fix: 'The server did not start: read the log below (an import error? a wrong module name in CMD?).' }
}

/** Feedback for a container that exited when it should have kept running. */
export function exitedFeedback(what: string, exitCode: number, oomKilled: boolean, log: string): Feedback {
  return {
    expected: `${what} keeps running`,
    seen: `it exited with code ${describeExitCode(exitCode, { oomKilled })}`,
    fix: /No module named|Could not import module|Error loading ASGI app/.test(log)
      ? 'uvicorn could not import your app: the part before ":" in app:app must be the name of the Python file (app.py → app), and that file must be in the working directory.'
      : /executable file not found|not found/.test(log)
        ? 'The command in CMD is not installed in the image: RUN pip install fastapi uvicorn.'
        : 'Read the log below: the first error line says why it stopped.',
    log,
  }
}
