import { describe, expect, it } from 'vitest'
import type { HttpAnswer } from './http-probe.js'
import { waitForHttp, type HttpWaitOptions } from './http-wait.js'
import type { ListeningSocket } from './proc-net-tcp.js'

const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
const timedOut = () => Promise.reject(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }))
const answering = (answer: HttpAnswer) => () => Promise.resolve(answer)

function wait(overrides: Partial<HttpWaitOptions>) {
  return waitForHttp({ probe: refused, port: 8000, listening: async () => [], running: async () => true, timeoutMs: 3000, intervalMs: 20, ...overrides })
}

describe('waitForHttp ends as soon as the outcome is known', () => {
  it('takes the awaited answer at once', async () => {
    expect(await wait({ probe: answering({ status: 200, body: 'ok' }) })).toMatchObject({ outcome: 'accepted' })
  })

  it('stops on an answer that stays the same, without waiting the whole timeout', async () => {
    const result = await wait({ probe: answering({ status: 404, body: 'Not Found' }), accept: (a) => a.status === 200, timeoutMs: 30_000 })
    expect(result).toMatchObject({ outcome: 'answered', answer: { status: 404 } })
    expect(result.waitedMs).toBeLessThan(3000)
  })

  it('stops when the server listens, but elsewhere (127.0.0.1 only, another port)', async () => {
    const sockets: ListeningSocket[] = [{ address: '127.0.0.1', port: 8000 }]
    const result = await wait({ listening: async () => sockets, timeoutMs: 30_000 })
    expect(result).toMatchObject({ outcome: 'not-listening', sockets })
    expect(result.waitedMs).toBeLessThan(3000)
  })

  it("keeps waiting while only Docker's own DNS resolver listens: the server is still starting", async () => {
    const result = await wait({ listening: async () => [{ address: '127.0.0.11', port: 40000 }], timeoutMs: 1500 })
    expect(result.outcome).toBe('timeout')
  })

  it('stops on a route that never answers, after two probes that time out', async () => {
    expect(await wait({ probe: timedOut, timeoutMs: 30_000 })).toMatchObject({ outcome: 'hang' })
  })

  it('stops when the container exits', async () => {
    expect(await wait({ running: async () => false })).toMatchObject({ outcome: 'exited' })
  })

  it('keeps probing while what listens is being read: a read that hangs never holds the observation it explains', async () => {
    let probes = 0
    const probe = () => (++probes < 5 ? refused() : answering({ status: 200, body: 'ok' })())
    const hangs = () => new Promise<ListeningSocket[] | undefined>(() => {})
    const result = await wait({ probe, listening: hangs, timeoutMs: 30_000 })
    expect(result).toMatchObject({ outcome: 'accepted' })
    expect(result.waitedMs).toBeLessThan(3000)
  })

  it('reads a table that cannot be read once, not on every refused connection', async () => {
    let reads = 0
    const result = await wait({ listening: async () => (reads++, undefined), timeoutMs: 600 })
    expect(result.outcome).toBe('timeout')
    expect(reads).toBe(1)
  })
})
