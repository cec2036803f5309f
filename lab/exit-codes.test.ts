import { describe, expect, it } from 'vitest'
import { describeExitCode } from './exit-codes.js'

describe('describeExitCode', () => {
  it('names the common codes', () => {
    expect(describeExitCode(0)).toContain('normally')
    expect(describeExitCode(127)).toContain('command not found')
    expect(describeExitCode(137)).toContain('SIGKILL')
    expect(describeExitCode(130)).toContain('signal 2')
  })

  it('says out of memory when Docker reports it', () => {
    expect(describeExitCode(137, { oomKilled: true })).toBe('137: killed: out of memory')
  })
})
