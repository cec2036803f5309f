import { request } from 'undici'
import { messages } from '../rubric/index.js'

export interface HttpAnswer {
  status: number
  body: string
  json?: unknown
}

/** One GET with short timeouts; throws on connection errors (refused, reset, timeout) so `eventually` retries. */
export async function httpGet(url: string, timeoutMs: number): Promise<HttpAnswer> {
  const { statusCode, body } = await request(url, {
    method: 'GET',
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = (await body.text()).slice(0, 10_000)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: statusCode, body: text, ...(json === undefined ? {} : { json }) }
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
