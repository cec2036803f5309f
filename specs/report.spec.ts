import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { session } from '../lab/session.js'
import { rubric } from '../rubric/index.js'

const { report } = rubric

function requireReport() {
  const review = session().report()
  if (!review.found)
    throw new SubmissionError(`There is no report: ${report.file} is missing from the submission.`, {
      expected: `${report.file} with your answers to the questions, under headings such as "## Question 4.a"`,
      seen: 'no such file',
      fix: `Add your report as ${report.file} at the root of the submission, with its screenshots in a folder beside it (e.g. Captures/TP1/).`,
    })
  return review
}

// Presence and evidence are automatic; the quality of the prose is the instructor's call (the review flag).
describe('The written report', () => {
  for (const def of rubric.checks.filter((c) => c.review)) {
    check(def.id, (c) => {
      const review = requireReport()
      for (const note of review.notes) c.note(note)
      for (const { id } of def.items ?? []) {
        const question = review.questions[id]!
        const screenshot = report.questions[id]!.screenshot
        c.item(id, question.answered, question.answered ? undefined : {
          expected: screenshot ? `a section "Question ${id}" with a screenshot that is a real image file in the submission` : `a section "Question ${id}" with an answer of at least ${report.minWords} words`,
          seen: [question.why, ...question.imageProblems].join('; '),
          fix: question.why === 'no section found'
            ? `Start the answer with a heading such as "## Question ${id}".`
            : screenshot ? 'Link the screenshot with ![description](Captures/TP1/file.png), the file committed in the submission.' : 'Answer in a few full sentences.',
        })
      }
    })
  }

  check('ex3.report-files', (c) => {
    const review = requireReport()
    const differing = review.pastedFiles.filter((p) => p.differences.length)
    const styleOnly = (p: (typeof differing)[number]) => p.differences.every((d) => d.includes('indented with tabs'))
    for (const pasted of differing.filter(styleOnly))
      c.note(`The copy of ${pasted.file} in question ${pasted.question} is indented with tabs: YAML forbids tabs, so that copy would not run as it is; your ${pasted.file} uses spaces, as it must.`)
    const real = differing.filter((p) => !styleOnly(p))
    if (real.length)
      throw new SubmissionError(`The report shows other versions of ${real.map((p) => p.file).join(', ')} than the submitted files.`, {
        expected: 'the files pasted in the report are the ones submitted',
        seen: real.map((p) => `${p.file} (question ${p.question}): ${p.differences.join('; ')}`).join('\n'),
        fix: 'Paste the final version of each file in the report, or submit the version the report shows. (Advisory: no points.)',
      })
  })
})
