import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadReview, reviewFilePath } from './review-file.js'

const dir = mkdtempSync(path.join(tmpdir(), 'tp1-review-'))
const write = (name: string, text: string) => {
  const file = path.join(dir, name)
  writeFileSync(file, text)
  return file
}

describe('the review file', () => {
  it('lives beside the submission folder, never inside it', () => {
    expect(reviewFilePath('/class/alice')).toBe('/class/alice.review.json')
    expect(reviewFilePath('/class/alice', '/reviews/a.json')).toBe('/reviews/a.json')
  })

  it('is read when valid', () => {
    const file = write('ok.json', JSON.stringify({ reviewer: 'MD', checks: { 'ex2.report': { points: 3, comment: 'good' } } }))
    expect(loadReview(file)).toEqual({ reviewer: 'MD', checks: { 'ex2.report': { points: 3, comment: 'good' } } })
  })

  it('is absent without error', () => {
    expect(loadReview(path.join(dir, 'none.json'))).toBeUndefined()
  })

  it('names the file and the problem when malformed', () => {
    expect(String(loadReview(write('bad.json', '{ nope')))).toMatch(/bad.json is not valid JSON/)
    expect(String(loadReview(write('neg.json', JSON.stringify({ checks: { 'ex2.report': { points: -1 } } }))))).toMatch(/neg.json is not valid: checks.ex2.report.points/)
  })
})
