import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { graderFiles } from '../../reporters/grader-digest.js'
import { locateSubmission } from './submissions.js'

const root = path.resolve(new URL('../..', import.meta.url).pathname)

describe('locateSubmission', () => {
  it('grades a plain folder as it is', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tp1-locate-'))
    expect(locateSubmission(dir)).toEqual({ dir })
  })

  it("grades student-submission/ of a student's copy of this repository, and flags modified grader files", () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'tp1-locate-'))
    mkdirSync(path.join(copy, 'student-submission'))
    for (const entry of graderFiles()) if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true })
    writeFileSync(path.join(copy, 'NOTES.md'), 'my notes: not a grader file')
    expect(locateSubmission(copy)).toEqual({ dir: path.join(copy, 'student-submission'), graderModified: false })
    writeFileSync(path.join(copy, 'labs', 'tp1', 'i18n', 'en', 'ex4.ts'), 'export const ex4 = {} // messages are grader files too')
    expect(locateSubmission(copy).graderModified).toBe(true)
    cpSync(path.join(root, 'labs', 'tp1', 'i18n'), path.join(copy, 'labs', 'tp1', 'i18n'), { recursive: true })
    expect(locateSubmission(copy).graderModified).toBe(false)
    writeFileSync(path.join(copy, 'labs', 'tp1', 'rubric.ts'), '// every check worth 0 points')
    expect(locateSubmission(copy).graderModified).toBe(true)
  })
})
