import { request } from 'undici'

export interface HttpAnswer {
  status: number
  /** The body's first MAX_BODY_BYTES, as text. */
  body: string
  json?: unknown
  /** The body was longer: the rest was never read. */
  truncated?: boolean
}

/** The most of an answer's body the grader reads: /health answers a few bytes; a flood is cut, never held. */
export const MAX_BODY_BYTES = 10_000

/** One GET with short timeouts; throws on connection errors (refused, reset, timeout) so a wait retries. */
export async function httpGet(url: string, timeoutMs: number): Promise<HttpAnswer> {
  const { statusCode, body } = await request(url, {
    method: 'GET',
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  })
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk)
    size += chunk.length
    if (size > MAX_BODY_BYTES) {
      truncated = true
      body.destroy()
      break
    }
  }
  const text = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: statusCode, body: text, ...(json === undefined ? {} : { json }), ...(truncated ? { truncated } : {}) }
}

/** An answer, but not the awaited one: what the server said is what the student needs to see. */
export class UnexpectedReply extends Error {
  override name = 'UnexpectedReply'
  constructor(readonly reply: HttpAnswer) {
    super(`${reply.status} ${reply.body.slice(0, 300)}`)
  }
}

/**
 * Why a GET got no answer, as a beginner needs to know it: the connection was refused, closed without an answer, or
 * timed out; an answer that was not the awaited one (UnexpectedReply) is shown as the server gave it; an error of
 * another kind keeps its own message.
 */
export type ConnectionFailure =
  | { kind: 'answered'; answer: HttpAnswer }
  | { kind: 'refused' | 'closed' | 'timeout' }
  | { kind: 'error'; message: string }

/** What a connection error was (the catalogue's `lab.connection` says it). */
export function connectionFailure(error: unknown): ConnectionFailure {
  if (error instanceof UnexpectedReply) return { kind: 'answered', answer: error.reply }
  const e = error as { code?: string; message?: string; cause?: { code?: string } }
  const code = e.code ?? e.cause?.code
  if (code === 'ECONNREFUSED') return { kind: 'refused' }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { kind: 'closed' }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || e.message?.includes('aborted')) return { kind: 'timeout' }
  return { kind: 'error', message: e.message ?? String(error) }
}
