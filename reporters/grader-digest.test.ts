import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { graderDigest, graderFiles } from './grader-digest.js'

describe('graderDigest', () => {
  it('changes when a spec changes, not when a unit test does', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tp1-digest-'))
    mkdirSync(path.join(root, 'labs', 'tp1', 'specs'), { recursive: true })
    mkdirSync(path.join(root, 'core', 'session'), { recursive: true })
    writeFileSync(path.join(root, 'labs', 'tp1', 'specs', 'ex4.spec.ts'), 'check A')
    const before = graderDigest(root, ['labs', 'core'])
    writeFileSync(path.join(root, 'core', 'session', 'eventually.test.ts'), 'a unit test')
    expect(graderDigest(root, ['labs', 'core'])).toBe(before)
    writeFileSync(path.join(root, 'labs', 'tp1', 'specs', 'ex4.spec.ts'), 'check A, weakened')
    expect(graderDigest(root, ['labs', 'core'])).not.toBe(before)
  })
})

describe('graderFiles', () => {
  it("covers every folder and file of the grader's tree that can change a verdict, so none can be forgotten", () => {
    const files = graderFiles()
    for (const entry of ['core', 'labs', 'reporters', 'student', 'instructor', '.github', 'package.json', 'package-lock.json', 'tsconfig.json', 'vitest.config.ts'])
      expect(files).toContain(entry)
    for (const entry of ['node_modules', 'student-submission', 'test', 'README.md', '.git']) expect(files).not.toContain(entry)
  })

  it('counts a folder a future change adds', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tp1-digest-'))
    mkdirSync(path.join(root, 'checks'))
    writeFileSync(path.join(root, 'README.md'), 'docs')
    expect(graderFiles(root)).toContain('checks')
    expect(graderFiles(root)).not.toContain('README.md')
  })
})
