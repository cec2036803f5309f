import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'
import { indentationRemark } from '../analysis/report-code.js'

const { rubric, messages } = currentRun()

const { report } = rubric
const t = messages.report

function requireReport() {
  const layout = session().requireLab()
  const review = session().report()
  if (!review.found)
    throw new SubmissionError(t.missing.message(rubric.layout.reportFiles), {
      expected: t.missing.expected(rubric.layout.reportFiles),
      seen: layout.searched.reports.length ? t.missing.seenOthers(layout.searched.reports) : t.missing.seen,
      fix: t.missing.fix(rubric.layout.reportFiles[0]!),
    })
  return review
}

// Presence and evidence are automatic; the quality of the prose is the instructor's call (the review flag).
describe(t.suite, () => {
  for (const def of rubric.checks.filter((c) => c.review)) {
    check(def.id, (c) => {
      const review = requireReport()
      for (const note of review.notes) c.note(note)
      for (const { id } of def.items ?? []) {
        const question = review.questions[id]!
        const kind = report.questions[id]!.answer
        // What was read as the answer is shown for every question: a misread report is then seen at once.
        if (question.answered) {
          c.item(id, true, question.read ? { seen: question.read } : undefined)
          continue
        }
        const why = question.read ? t.read.notAnswered(question.read, question.why) : question.why
        c.item(id, false, {
          expected: kind === 'screenshot' ? t.question.expectedScreenshot(id) : kind === 'file' ? t.question.expectedFile(id)
            : kind === 'observation' ? t.question.expectedObservation(id, report.minWords) : t.question.expectedWords(id, report.minWords),
          seen: t.question.seen(why, question.imageProblems),
          fix: question.why === t.answer.noSection
            ? t.question.fixHeading(id)
            : question.why === t.answer.statementOnly || question.why === t.answer.statementCodeOnly
              ? t.question.fixStatementOnly
              : kind === 'screenshot' ? t.question.fixScreenshot : t.question.fixWords,
          // GitHub annotates the report where the question was found, or the report itself.
          location: { file: review.file, ...(question.line === undefined ? {} : { line: question.line }) },
        })
      }
    })
  }

  check('ex3.report-files', (c) => {
    const review = requireReport()
    const differing = review.pastedFiles.filter((p) => p.differences.length)
    const real = differing.filter((p) => {
      const remark = indentationRemark(p.file, p.question, p.differences)
      if (remark) c.note(remark)
      return !remark
    })
    if (real.length)
      throw new SubmissionError(t.pasted.differ(real.map((p) => p.file)), {
        expected: t.pasted.expected,
        seen: real.map((p) => t.pasted.seen(p.file, p.question, p.differences)).join('\n'),
        fix: t.pasted.fix,
      })
  })
})
