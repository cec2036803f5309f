import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { currentRun } from '../rubric/index.js'
import { reviewReport, type QuestionReview } from './report-review.js'

const { rubric, messages } = currentRun()
const t = messages.report

const root = new URL('..', import.meta.url).pathname
const base = mkdtempSync(path.join(tmpdir(), 'tp1-report-review-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))

/** The reference submission with a fixture's files over it (and without its screenshots when the fixture brings its own). */
function submission(name: string, { fixture = true, withoutCaptures = false } = {}): string {
  const dir = path.join(base, name)
  cpSync(path.join(root, 'test', 'references', 'seed'), dir, { recursive: true, filter: (src) => !(withoutCaptures && src.includes(`${path.sep}Captures`)) })
  if (fixture) cpSync(path.join(root, 'test', 'fixtures', name), dir, { recursive: true, filter: (src) => path.basename(src) !== 'fixture.json' })
  return dir
}
const own = { withoutCaptures: true }
/** A question's review in words, as the student reads it. */
const inWords = ({ why, imageProblems, read, ...rest }: QuestionReview) =>
  ({ ...rest, why: t.why(why), imageProblems: imageProblems.map(t.image), ...(read ? { read: t.read(read) } : {}) })
const review = (dir: string) => {
  const r = reviewReport(dir, { file: 'README.md', pastedFiles: { '3.a': 'app.py', '3.b': 'Dockerfile', '5.b': 'docker-compose.yml' } }, rubric.report)
  if (!r.found) throw new Error('no report')
  const questions = Object.fromEntries(Object.entries(r.questions).map(([id, q]) => [id, inWords(q)]))
  return { ...r, questions, pastedFiles: r.pastedFiles.map((p) => ({ ...p, differences: p.differences.map(t.difference) })) }
}
const unanswered = (r: ReturnType<typeof review>) => Object.keys(r.questions).filter((id) => !r.questions[id]!.answered)

describe('reviewReport', () => {
  it('answers every question of the reference and says what it read', () => {
    const r = review(submission('seed', { fixture: false }))
    expect(unanswered(r)).toEqual([])
    expect(r.questions['4.a']!.read).toBe('read as the answer: line 49, under "Question 4.a": "Le paramètre -p 8000:8000 associe le port 8000 du conteneur…"')
    expect(r.questions['4.b']!.read).toBe('read as the answer: line 51, under "Question 4.b": screenshot Captures/TP1/Question_4B_1.png (and 1 more)')
    expect(r.questions['3.a']!.read).toBe('read as the answer: line 25, under "Question 3.a": "app.py complété :"')
    expect(r.pastedFiles.map((p) => [p.question, p.differences.length])).toEqual([['3.a', 0], ['3.b', 0], ['5.b', 1]])
  })

  it('reads each style of report fixture as it should', () => {
    expect(unanswered(review(submission('report-plain-labels', own)))).toEqual(['2.c'])
    expect(unanswered(review(submission('report-annotated-statement', own)))).toEqual(['7.e'])
    expect(unanswered(review(submission('report-statement-only', own)))).toEqual(Object.keys(rubric.report.questions))
    expect(unanswered(review(submission('report-img-tag-bold-label')))).toEqual([])
    expect(unanswered(review(submission('report-screenshot-names', own)))).toEqual([])
  })

  it('says where it looked when a question is not answered', () => {
    const r = review(submission('report-plain-labels', own))
    expect(r.questions['2.c']).toMatchObject({ answered: false, why: "only the statement's own text, copied: no answer of yours", read: 'line 27, under "Question 2.c"' })
    const s = review(submission('report-statement-only', own))
    expect(s.questions['4.a']).toMatchObject({ why: "only the statement's own text, copied: no answer of yours", read: 'line 132, under the statement\'s step "Étape 1 — Lancer le conteneur"' })
    expect(s.pastedFiles).toEqual([])
  })

  it('lets the questions of one label share a screenshot, and refuses it under another label', () => {
    const dir = submission('shared-screenshot', { fixture: false })
    writeFileSync(path.join(dir, 'README.md'), [
      '# Exercice 4', '## Question 4.a', 'Le port 8000 de la machine mène au port 8000 du conteneur.', '## Questions 4.b et 4.c', '![curl et ps](Captures/TP1/Question_4C.png)',
      '## Question 4.d', '![encore](Captures/TP1/Question_4C.png)',
    ].join('\n'))
    const r = review(dir)
    expect(['4.b', '4.c', '4.d'].map((id) => r.questions[id]!.answered)).toEqual([true, true, false])
    expect(reviewReport(dir, { file: 'README.md', pastedFiles: {} }, rubric.report)).toMatchObject({
      questions: { '4.d': { why: { reason: 'too-few-words', screenshot: 'invalid' }, imageProblems: [{ kind: 'same-image', file: 'Captures/TP1/Question_4C.png', question: '4.b' }] } },
    })
    expect(r.questions['4.d']!.imageProblems).toEqual(['Captures/TP1/Question_4C.png is the same picture as the screenshot of question 4.b: each question needs its own screenshot.'])
  })
})
