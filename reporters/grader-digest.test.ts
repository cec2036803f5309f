import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { graderDigest } from './grader-digest.js'

describe('graderDigest', () => {
  it('changes when a spec changes, not when a unit test does', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tp1-digest-'))
    mkdirSync(path.join(root, 'specs'))
    mkdirSync(path.join(root, 'lab'))
    writeFileSync(path.join(root, 'specs', 'ex4.spec.ts'), 'check A')
    const before = graderDigest(root)
    writeFileSync(path.join(root, 'lab', 'eventually.test.ts'), 'a unit test')
    expect(graderDigest(root)).toBe(before)
    writeFileSync(path.join(root, 'specs', 'ex4.spec.ts'), 'check A, weakened')
    expect(graderDigest(root)).not.toBe(before)
  })
})
