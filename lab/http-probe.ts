import { request } from 'undici'
import { currentRun } from '../rubric/index.js'

const { messages } = currentRun()

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

/** What a connection error means for a beginner; an error it does not know keeps its own message. */
export function describeConnectionError(error: unknown): string {
  if (error instanceof UnexpectedReply) return error.message
  const e = error as { code?: string; message?: string; cause?: { code?: string } }
  const code = e.code ?? e.cause?.code
  const t = messages.lab.connection
  if (code === 'ECONNREFUSED') return t.refused
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return t.closed
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || e.message?.includes('aborted')) return t.timeout
  return e.message ?? String(error)
}
