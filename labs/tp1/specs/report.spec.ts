import { describe } from 'vitest'
import { check, type CheckContext } from './lab.js'
import { fail } from '../../../core/grading/finding.js'
import { checkDefinition } from '../../../core/run/index.js'
import { tp1 } from '../rubric.js'
import { tabsOnly } from '../../../core/analysis/report-code.js'

function requireReport({ lab, run: { rubric, messages } }: CheckContext) {
  const layout = lab.requireLab()
  const review = lab.report()
  if (!review.found) throw fail(messages.report.missing(rubric.layout.reportFiles, layout.searched.reports))
  return review
}

// Presence and evidence are automatic; the quality of the prose is the instructor's call (the review flag).
describe('the report', () => {
  // How the report and the hand-in were read is said once, on the first report check that passes (a failed one shows its failure).
  let noted = false
  // One check per report check of the lab (its ids are the lab's; their titles, points and items the run's rubric).
  for (const { id: checkId } of tp1.checks.filter((c) => c.review)) {
    check(checkId, (c, context) => {
      const { report } = context.run.rubric
      const t = context.run.messages.report
      const def = checkDefinition(context.run.rubric, checkId)
      const review = requireReport(context)
      if (!noted && (def.items ?? []).every(({ id }) => review.questions[id]!.answered)) {
        noted = true
        for (const note of review.notes) c.note(t.decoded(note))
        if (review.leftOut) c.note(t.leftOut(review.leftOut))
      }
      for (const { id } of def.items ?? []) {
        const question = review.questions[id]!
        // What was read as the answer is shown for every question: a misread report is then seen at once.
        if (question.answered) {
          c.item(id, true, t.answered(question))
          continue
        }
        c.item(id, false, {
          ...t.unanswered(id, report.questions[id]!.answer, report.minWords, question, report.questions[id]!.output),
          // GitHub annotates the report where the question was found, or the report itself.
          location: { file: review.file, ...(question.line === undefined ? {} : { line: question.line }) },
        })
      }
    })
  }

  check('ex3.report-files', (c, context) => {
    const t = context.run.messages.report
    const review = requireReport(context)
    const differing = review.pastedFiles.filter((p) => p.differences.length)
    // A copy that differs by its indentation alone gets a remark, not a difference.
    for (const p of differing) {
      const tabs = tabsOnly(p.differences)
      if (tabs) c.note(t.pasted.tabsOnly(p.file, p.question, tabs))
    }
    const real = differing.filter((p) => !tabsOnly(p.differences))
    if (real.length) throw fail(t.pasted.differ(real))
  })
})
