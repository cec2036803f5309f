import { existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { copyNotes, isInside } from '../analysis/submission-files.js'
import { copySubmission, MAX_COPY_DEPTH } from './submission.js'

const base = mkdtempSync(path.join(tmpdir(), 'tp1-submission-test-'))
const copies: string[] = []
afterAll(() => {
  for (const dir of [base, ...copies.map((c) => path.dirname(c))]) rmSync(dir, { recursive: true, force: true })
})
const copyOf = (dir: string) => {
  const copy = copySubmission(dir, 'unit')
  copies.push(copy)
  return copy
}

function handIn(name: string): string {
  const dir = path.join(base, name)
  mkdirSync(path.join(dir, 'api'), { recursive: true })
  writeFileSync(path.join(dir, 'api', 'app.py'), 'app = 1\n')
  return dir
}

describe('isInside', () => {
  it('is the folder itself or below it, never beside or above', () => {
    expect(isInside('/a/b', '/a/b')).toBe(true)
    expect(isInside('/a/b', '/a/b/c/d')).toBe(true)
    expect(isInside('/a/b', '/a/bc')).toBe(false)
    expect(isInside('/a/b', '/a')).toBe(false)
  })
})

describe('copySubmission', () => {
  it('keeps links inside the submission and skips loops, links out of it and broken ones, saying which', () => {
    const dir = handIn('links')
    symlinkSync('api/app.py', path.join(dir, 'main.py'))
    symlinkSync('api', path.join(dir, 'service'))
    symlinkSync('..', path.join(dir, 'api', 'parent'))
    symlinkSync('.', path.join(dir, 'itself'))
    symlinkSync('/etc', path.join(dir, 'host-etc'))
    symlinkSync('nowhere.txt', path.join(dir, 'broken'))
    const copy = copyOf(dir)
    expect(readlinkSync(path.join(copy, 'main.py'))).toBe('api/app.py')
    expect(lstatSync(path.join(copy, 'service')).isSymbolicLink()).toBe(true)
    for (const skipped of ['api/parent', 'itself', 'host-etc', 'broken']) expect(existsSync(path.join(copy, skipped))).toBe(false)
    expect(copyNotes(copy)).toEqual({
      links: [{ path: 'api/parent', reason: 'loop' }, { path: 'broken', reason: 'broken' }, { path: 'host-etc', reason: 'outside' }, { path: 'itself', reason: 'loop' }],
      tooDeep: [],
    })
  })

  it('leaves out folders deeper than its bound, and .git', () => {
    const dir = handIn('deep')
    const deep = path.join(dir, ...Array.from({ length: MAX_COPY_DEPTH + 5 }, () => 'd'))
    mkdirSync(deep, { recursive: true })
    writeFileSync(path.join(deep, 'bottom.txt'), 'x')
    mkdirSync(path.join(dir, '.git'))
    const copy = copyOf(dir)
    expect(existsSync(path.join(copy, 'api', 'app.py'))).toBe(true)
    expect(existsSync(path.join(copy, '.git'))).toBe(false)
    expect(copyNotes(copy).tooDeep).toEqual([Array.from({ length: MAX_COPY_DEPTH + 1 }, () => 'd').join('/')])
  })

  it('says nothing was left out of an ordinary hand-in, and nothing for a folder that is no copy', () => {
    expect(copyNotes(copyOf(handIn('plain')))).toEqual({ links: [], tooDeep: [] })
    expect(copyNotes(handIn('not-a-copy'))).toEqual({ links: [], tooDeep: [] })
  })
})
