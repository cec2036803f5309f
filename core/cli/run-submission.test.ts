import { describe, expect, it } from 'vitest'
import { graderEnv } from './run-submission.js'

describe('graderEnv', () => {
  const run = { submissionDir: '/s', gradeDir: '/g', reviewFile: '/r' }

  it('starts the stack early only when the run has the machine to itself, and keeps no build cache', () => {
    expect(graderEnv({ ...run, earlyStack: true, environment: {} })).toMatchObject({ GRADER_EARLY_STACK: '1', GRADER_KEEP_BUILD_CACHE: '0', SUBMISSION_DIR: '/s', GRADE_DIR: '/g', REVIEW_FILE: '/r' })
    expect(graderEnv({ ...run, earlyStack: false, environment: {} })).toMatchObject({ GRADER_EARLY_STACK: '0' })
  })

  it("leaves the instructor's own settings as they are", () => {
    const env = graderEnv({ ...run, earlyStack: false, environment: { GRADER_EARLY_STACK: '1', GRADER_KEEP_BUILD_CACHE: '1', PATH: '/bin' } })
    expect(env).toMatchObject({ GRADER_EARLY_STACK: '1', GRADER_KEEP_BUILD_CACHE: '1', PATH: '/bin' })
  })
})
