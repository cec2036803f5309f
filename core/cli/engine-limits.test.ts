import { describe, expect, it } from 'vitest'
import { limitsRefusal } from './engine-limits.js'

describe('limitsRefusal (--require-limits)', () => {
  it('lets an engine that applies every limit grade', () => {
    expect(limitsRefusal({ engine: 'Docker Engine', docker: '28.5.2', rootless: false, limitsNotEnforced: '' })).toBeUndefined()
  })

  it('refuses one that said it cannot apply some, naming the engine and each limit', () => {
    const refusal = limitsRefusal({ engine: 'Podman', docker: '5.4.2', rootless: true, limitsNotEnforced: 'memory,pids' })
    expect(refusal).toContain('--require-limits: Podman 5.4.2 (rootless) does not enforce these limits of the rubric: memory, number of processes.')
    expect(refusal).toContain('Nothing was graded.')
    expect(refusal).toContain('leave out --require-limits')
  })
})
