import type { Grade, GradedCheck } from '../grading/grade.js'
import { oneLine, sheetText, type SheetText } from './format.js'
import { inertJson, visibleLine, visibleText, xmlText as xml } from './inert-text.js'

/** The feedback of a check as plain text (shown as is by each platform): message, then expected / seen / fix, then the log tail. */
export function checkText(check: GradedCheck, t: SheetText): string {
  const d = check.details ?? {}
  return visibleText([
    check.message,
    ...(d.expected ? [`${t.expected}${t.colon} ${d.expected}`] : []),
    ...(d.seen ? [`${t.seen}${t.colon} ${d.seen}`] : []),
    ...(d.fix ? [`${t.fix}${t.colon} ${d.fix}`] : []),
    ...(d.blockedBy ? [`${t.blockedBy}${t.colon} ${d.blockedBy}`] : []),
    ...(d.items ?? []).map((i) => `${i.passed ? '[x]' : '[ ]'} ${i.title} (${i.points}/${i.maxPoints})`),
    ...(d.log ? [`${t.log}${t.colon}`, d.log] : []),
    ...(check.review?.comment ? [`${t.review.instructor}${t.colon} ${check.review.comment}`] : []),
  ].join('\n'))
}

const ungradedNote = (grade: Grade) => (grade.status === 'ungraded' ? `${sheetText(grade).formats.ungraded}\n` : '')
const scoreText = (grade: Grade) => `${sheetText(grade).score} ${grade.score}/${grade.maxScore}`

/** Gradescope's results.json (autograder specification): one test per rubric check. */
export function toGradescope(grade: Grade) {
  const t = sheetText(grade)
  return {
    score: grade.score,
    execution_time: Math.round(grade.durationMs / 1000),
    output: `${ungradedNote(grade)}${scoreText(grade)}`,
    output_format: 'text',
    stdout_visibility: 'hidden',
    tests: grade.checks.map((c) => ({
      name: `${c.id}: ${c.title}`,
      number: c.id,
      score: c.points,
      max_score: c.maxPoints,
      status: c.status === 'passed' ? 'passed' : 'failed',
      output: c.status === 'ungraded' ? `${t.formats.ungradedCheck} — ${checkText(c, t)}` : checkText(c, t),
      output_format: 'text',
      visibility: 'visible',
      tags: [`exercise-${c.exercise}`, c.status],
    })),
  }
}

/** PrairieLearn's external grader results.json: an ungraded run is `gradable: false`, never a zero. */
export function toPrairieLearn(grade: Grade) {
  const gradable = grade.status === 'graded'
  const t = sheetText(grade)
  return {
    gradable,
    score: gradable ? Math.round((grade.score / grade.maxScore) * 10_000) / 10_000 : 0,
    message: gradable ? scoreText(grade) : ungradedNote(grade).trim(),
    ...(gradable ? {} : { format_errors: grade.checks.filter((c) => c.status === 'ungraded').map((c) => `${c.id}: ${visibleLine(c.message)}`) }),
    tests: grade.checks.map((c) => ({
      name: `${c.id}: ${c.title}`,
      description: c.title,
      points: c.points,
      max_points: c.maxPoints,
      message: visibleLine(c.message),
      output: checkText(c, t),
    })),
  }
}

/** JUnit XML for any CI: one testcase per check, its points as properties; blocked is skipped, ungraded an error. */
export function toJUnit(grade: Grade): string {
  const t = sheetText(grade)
  const count = (status: GradedCheck['status'][]) => grade.checks.filter((c) => status.includes(c.status)).length
  const cases = grade.checks.map((c) => {
    const outcome = {
      passed: '',
      failed: `\n      <failure message="${xml(oneLine(c.message))}">${xml(checkText(c, t))}</failure>`,
      blocked: `\n      <skipped message="${xml(oneLine(c.message))}"/>`,
      ungraded: `\n      <error message="${xml(oneLine(c.message))}">${xml(checkText(c, t))}</error>`,
    }[c.status]
    return `    <testcase classname="${xml(`${grade.lab}.exercise-${c.exercise}`)}" name="${xml(`${c.id}: ${c.title}`)}">
      <properties>
        <property name="points" value="${c.points}"/>
        <property name="maxPoints" value="${c.maxPoints}"/>
        <property name="status" value="${c.status}"/>
      </properties>${outcome}
    </testcase>`
  })
  const attrs = `tests="${grade.checks.length}" failures="${count(['failed'])}" errors="${count(['ungraded'])}" skipped="${count(['blocked'])}" time="${(grade.durationMs / 1000).toFixed(3)}"`
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${xml(grade.lab)}" ${attrs}>
  <testsuite name="${xml(grade.lab)}" ${attrs} timestamp="${grade.startedAt}">
    <properties>
      <property name="score" value="${grade.score}"/>
      <property name="maxScore" value="${grade.maxScore}"/>
      <property name="status" value="${grade.status}"/>
    </properties>
${cases.join('\n')}
  </testsuite>
</testsuites>
`
}

export const RESULT_FORMATS = {
  gradescope: { file: 'gradescope-results.json', render: (g: Grade) => `${inertJson(toGradescope(g))}\n` },
  prairielearn: { file: 'prairielearn-results.json', render: (g: Grade) => `${inertJson(toPrairieLearn(g))}\n` },
  junit: { file: 'junit.xml', render: toJUnit },
} as const

export type ResultFormat = keyof typeof RESULT_FORMATS

/** GRADER_FORMATS=gradescope,prairielearn,junit; an unknown name is an error that lists the known ones. */
export function parseFormats(value: string | undefined): ResultFormat[] {
  if (!value) return []
  return value.split(',').map((f) => f.trim()).filter(Boolean).map((f) => {
    if (!(f in RESULT_FORMATS)) throw new Error(`GRADER_FORMATS: unknown format "${f}" (known: ${Object.keys(RESULT_FORMATS).join(', ')})`)
    return f as ResultFormat
  })
}
