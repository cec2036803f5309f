import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { locateSubmission } from './submissions.js'

const root = path.resolve(new URL('..', import.meta.url).pathname)

describe('locateSubmission', () => {
  it('grades a plain folder as it is', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tp1-locate-'))
    expect(locateSubmission(dir)).toEqual({ dir })
  })

  it("grades student-submission/ of a student's copy of this repository, and flags modified grader files", () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'tp1-locate-'))
    mkdirSync(path.join(copy, 'student-submission'))
    for (const folder of ['specs', 'lab', 'analysis', 'grading', 'reporters', 'rubric']) cpSync(path.join(root, folder), path.join(copy, folder), { recursive: true })
    for (const file of ['vitest.config.ts', 'package-lock.json']) cpSync(path.join(root, file), path.join(copy, file))
    cpSync(path.join(root, '.github'), path.join(copy, '.github'), { recursive: true })
    expect(locateSubmission(copy)).toEqual({ dir: path.join(copy, 'student-submission'), graderModified: false })
    writeFileSync(path.join(copy, 'rubric', 'tp1.ts'), '// every check worth 0 points')
    expect(locateSubmission(copy).graderModified).toBe(true)
  })
})
