/**
 * What an engine's error answers mean, where Docker Engine and Podman's Docker-compatible API word the same fact
 * differently: the lab objects ask here, so that a check sees the fact, not the engine. Pure.
 */

interface EngineError { statusCode?: number; message?: string; json?: { message?: string; cause?: string } | null }

/**
 * The container was not running when it was asked to stop or was signalled: it has stopped, as asked. Docker
 * answers 304 (stop) or 409 (kill); Podman answers 500 with libpod's "container state improper" ("can only kill
 * running containers. … is in state exited").
 */
export function saysNotRunning(error: unknown): boolean {
  const { statusCode, message, json } = (error ?? {}) as EngineError
  if (statusCode === 304 || statusCode === 409) return true
  const said = [json?.message, json?.cause, message].filter(Boolean).join('\n')
  return statusCode === 500 && /container state improper|can only (kill|stop) running containers/i.test(said)
}
