import { describe, expect, it } from 'vitest'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { CheckRecorder } from './check.js'
import { BlockedError, GraderError, SubmissionError } from '../grading/errors.js'

const run = loadRun(labs)

describe('CheckRecorder.verdictFrom', () => {
  it('passes with the full points when the check ends normally', () => {
    expect(new CheckRecorder('ex4.health', run).verdictFrom(undefined)).toEqual({ status: 'passed', points: 8, message: 'passed' })
  })

  it('fails with the feedback of a SubmissionError', () => {
    const verdict = new CheckRecorder('ex4.health', run).verdictFrom(new SubmissionError('no answer', { expected: '200', seen: 'refused', fix: '--host 0.0.0.0' }))
    expect(verdict).toEqual({ status: 'failed', points: 0, message: 'no answer', feedback: { expected: '200', seen: 'refused', fix: '--host 0.0.0.0' } })
  })

  it('keeps an advisory finding as a note: passed, no point at stake, never a lost point', () => {
    const verdict = new CheckRecorder('ex3.report-files', run).verdictFrom(new SubmissionError('the report shows another app.py', { fix: 'paste the final version' }))
    expect(verdict).toEqual({ status: 'passed', points: 0, message: 'the report shows another app.py', feedback: { fix: 'paste the final version' }, advice: true })
  })

  it('is blocked, naming the prerequisite, on a BlockedError', () => {
    expect(new CheckRecorder('ex3.image', run).verdictFrom(new BlockedError('Not run: no image', 'ex3.build'))).toMatchObject({ status: 'blocked', blockedBy: 'ex3.build', points: 0 })
  })

  it('is ungraded, never failed, when the grader itself breaks', () => {
    for (const error of [new GraderError('Docker died'), new TypeError('x is undefined')])
      expect(new CheckRecorder('ex3.image', run).verdictFrom(error)).toMatchObject({ status: 'ungraded', points: 0 })
  })

  it('gives partial credit from the items, with the rubric item titles', () => {
    const recorder = new CheckRecorder('ex5.services', run)
    recorder.item('db-image', true)
    recorder.item('api-build', true)
    recorder.item('api-depends-on-db', false, { expected: 'depends_on: db' })
    expect(recorder.verdictFrom(undefined)).toMatchObject({ status: 'failed', points: 2, message: '1 of 3 parts are missing: api depends on db' })
  })

  it('refuses to grade a check whose items were not all recorded', () => {
    const recorder = new CheckRecorder('ex5.services', run)
    recorder.item('db-image', true)
    expect(recorder.verdictFrom(undefined)).toMatchObject({ status: 'ungraded' })
  })

  it('refuses an item the rubric does not know', () => {
    expect(() => new CheckRecorder('ex5.services', run).item('nope', true)).toThrow(GraderError)
  })
})
