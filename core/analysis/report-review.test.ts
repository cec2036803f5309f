import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { completedFile, reviewReport, type QuestionReview } from './report-review.js'

const { rubric, messages } = loadRun(labs)
const t = messages.report

const root = new URL('../..', import.meta.url).pathname
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
    // The files the statement asks to complete are in the hand-in: they answer their questions, the copied statement does not.
    const files = Object.keys(rubric.report.questions).filter((id) => rubric.report.questions[id]!.answer === 'file')
    expect(unanswered(review(submission('report-statement-only', own)))).toEqual(Object.keys(rubric.report.questions).filter((id) => !files.includes(id)))
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

  it('takes a file in the hand-in as the answer to its file question, and says so', () => {
    const dir = submission('files-not-pasted', { fixture: false })
    writeFileSync(path.join(dir, 'README.md'), ['# Exercice 3', '## Question 3.a', '## Question 3.b', 'Voir le fichier.', '# Exercice 5', '## Question 5.b'].join('\n'))
    const r = review(dir)
    expect(['3.a', '3.b', '5.b'].map((id) => r.questions[id]!.answered)).toEqual([true, true, true])
    expect(r.questions['5.b']!.why).toBe('the completed docker-compose.yml is in the submission')
    expect(t.answered({ why: { reason: 'file-in-hand-in', file: 'docker-compose.yml' } })).toEqual({ seen: 'the completed docker-compose.yml is in the submission' })
    // Without the file, the empty section is no answer.
    const bare = reviewReport(dir, { file: 'README.md', pastedFiles: { '5.b': 'missing/docker-compose.yml' } }, rubric.report)
    expect(bare.found && bare.questions['5.b']).toMatchObject({ answered: false, why: { reason: 'empty-section' } })
  })

  it('takes the output of a screenshot question pasted as text, and not the command alone', () => {
    const dir = submission('pasted-output', { fixture: false })
    const fence = '```'
    writeFileSync(path.join(dir, 'README.md'), [
      '# Exercice 4', '## Question 4.b', `${fence}bash`, '$ curl http://localhost:8000/health', '{"status":"ok"}', fence,
      '# Exercice 5', '## Question 5.c', `${fence}`, 'docker compose up -d', fence,
      '## Question 5.d', '> {"status": "error"}',
      '# Exercice 6', '## Question 6.b', '> PostgreSQL 16.11 on x86_64-pc-linux-gnu', '>', '> current_database', '> ------------------', '> demo',
    ].join('\n'))
    const r = review(dir)
    expect(r.questions['4.b']).toMatchObject({
      answered: true,
      why: "the command's output pasted as text (1 code block) instead of a screenshot",
      read: 'read as the answer: line 2, under "Question 4.b": output pasted as text (code block) starting "{"status":"ok"}"',
    })
    expect(r.questions['5.c']).toMatchObject({ answered: false, why: 'a code block that holds only the command to type, not what it printed' })
    expect(r.questions['5.d']).toMatchObject({ answered: false, why: 'the output pasted does not show the JSON {"status":"ok"}' })
    expect(r.questions['6.b']).toMatchObject({ answered: true, why: "the command's output pasted as text (1 quoted block) instead of a screenshot" })
  })

  it('reads a huge report up to its bound, cut at a line end, and says so', () => {
    const dir = submission('huge', { fixture: false })
    const answers = readFileSync(path.join(dir, 'README.md'), 'utf8')
    // Accented lines, so that a cut in the middle of a character would make the text read as Latin-1.
    writeFileSync(path.join(dir, 'README.md'), `${answers}\n\`\`\`\n${'Journal de l’API : requête reçue, réponse envoyée.\n'.repeat(200_000)}`)
    const r = reviewReport(dir, { file: 'README.md', pastedFiles: {} }, rubric.report)
    // One note: the text was cut, and not read as Latin-1 for a character cut in two.
    expect(r.found && r.notes).toEqual([{ kind: 'truncated', megabytes: statSync(path.join(dir, 'README.md')).size / 2 ** 20, readMegabytes: 0.5 }])
    expect(r.found && Object.values(r.questions).every((q) => q.answered)).toBe(true)
    expect(t.decoded({ kind: 'truncated', megabytes: 60, readMegabytes: 1 })).toBe('The report is 60.0 MB: it was read only up to its first 1 MB of text. Keep logs and long outputs out of the report (their last lines are enough).')
  })
})

describe('completedFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'completed-file-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("answers a file question with the student's completed file, not with the starter's skeleton or a missing file", () => {
    writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  db:\n    image: postgres:16\n')
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM ____\nWORKDIR ____\nCOPY ____ ____\nRUN pip install fastapi uvicorn\n')
    expect(completedFile(dir, 'docker-compose.yml')).toBe(true)
    expect(completedFile(dir, 'Dockerfile')).toBe(false)
    expect(completedFile(dir, 'app.py')).toBe(false)
  })
})
