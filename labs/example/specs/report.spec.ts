import { describe } from 'vitest'
import { fail } from '../../../core/grading/finding.js'
import { checkDefinition } from '../../../core/run/index.js'
import { example } from '../rubric.js'
import { check } from './lab.js'

// Presence and evidence are automatic; the quality of the prose is the instructor's call (the review flag).
describe('the report', () => {
  for (const { id: checkId } of example.checks.filter((c) => c.review)) {
    check(checkId, (c, { lab, run: { rubric, messages } }) => {
      const t = messages.report
      const layout = lab.requireLab()
      const review = lab.report()
      if (!review.found) throw fail(t.missing(rubric.layout.reportFiles, layout.searched.reports))
      for (const { id } of checkDefinition(rubric, checkId).items ?? []) {
        const question = review.questions[id]!
        if (question.answered) {
          c.item(id, true, t.answered(question))
          continue
        }
        const asked = rubric.report.questions[id]!
        c.item(id, false, {
          ...t.unanswered(id, asked.answer, rubric.report.minWords, question, asked.output),
          location: { file: review.file, ...(question.line === undefined ? {} : { line: question.line }) },
        })
      }
    })
  }
})
