import { describe, expect, it } from 'vitest'
import { catalogue } from '../i18n/index.js'
import { exitMeaning } from './exit-codes.js'

const says = (code: number, options: { oomKilled?: boolean } = {}) => catalogue('en').lab.exitCode(exitMeaning(code, options))

describe('exitMeaning', () => {
  it('names the common codes', () => {
    expect(exitMeaning(0).kind).toBe('finished')
    expect(says(0)).toContain('normally')
    expect(says(127)).toContain('command not found')
    expect(says(137)).toContain('SIGKILL')
    expect(exitMeaning(130)).toEqual({ kind: 'signal', code: 130, signal: 2 })
    expect(says(130)).toContain('signal 2')
    expect(says(3)).toBe('3: the program stopped with an error')
  })

  it('says out of memory when Docker reports it', () => {
    expect(says(137, { oomKilled: true })).toBe('137: killed: out of memory')
  })
})
