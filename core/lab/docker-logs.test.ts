import { describe, expect, it } from 'vitest'
import { demuxDockerLogs, tail } from './docker-logs.js'

const frame = (type: number, text: string) => {
  const payload = Buffer.from(text)
  const header = Buffer.alloc(8)
  header[0] = type
  header.writeUInt32BE(payload.length, 4)
  return Buffer.concat([header, payload])
}

describe('demuxDockerLogs', () => {
  it('splits stdout and stderr frames and keeps their order in combined', () => {
    const logs = demuxDockerLogs(Buffer.concat([frame(1, 'out1\n'), frame(2, 'err1\n'), frame(1, 'out2\n')]))
    expect(logs).toEqual({ stdout: 'out1\nout2\n', stderr: 'err1\n', combined: 'out1\nerr1\nout2\n' })
  })

  it('treats output without frame headers as raw TTY text', () => {
    expect(demuxDockerLogs(Buffer.from('INFO: Uvicorn running\n')).combined).toBe('INFO: Uvicorn running\n')
  })
})

describe('tail', () => {
  it('keeps the last lines only', () => {
    expect(tail('a\nb\nc\nd\n', 2)).toBe('c\nd')
  })

  it('bounds a single huge line', () => {
    expect(tail('x'.repeat(10_000), 5, 100)).toHaveLength(101)
  })
})
