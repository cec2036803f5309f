import type { Grade, GradedCheck } from '../core/grading/grade.js'
import { oneLine, sheetText, type SheetText } from './format.js'
import { inertJson, visibleLine, visibleText, xmlText as xml } from '../core/grading/inert-text.js'

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

// Split for Gradescope when the detail shows later: what the verdict says by itself…
function verdictLines(check: GradedCheck, t: SheetText): string[] {
  const d = check.details ?? {}
  return [
    check.message,
    ...(d.blockedBy ? [`${t.blockedBy}${t.colon} ${d.blockedBy}`] : []),
    ...(check.review?.comment ? [`${t.review.instructor}${t.colon} ${check.review.comment}`] : []),
  ]
}

// …and its detail: what a student could tune a hand-in against before the deadline.
function detailLines(check: GradedCheck, t: SheetText): string[] {
  const d = check.details ?? {}
  return [
    ...(d.expected ? [`${t.expected}${t.colon} ${d.expected}`] : []),
    ...(d.seen ? [`${t.seen}${t.colon} ${d.seen}`] : []),
    ...(d.fix ? [`${t.fix}${t.colon} ${d.fix}`] : []),
    ...(d.items ?? []).map((i) => `${i.passed ? '[x]' : '[ ]'} ${i.title} (${i.points}/${i.maxPoints})`),
    ...(d.log ? [`${t.log}${t.colon}`, d.log] : []),
  ]
}

const ungradedNote = (grade: Grade) => (grade.status === 'ungraded' ? `${sheetText(grade).formats.ungraded}\n` : '')
const scoreText = (grade: Grade) => `${sheetText(grade).score} ${grade.score}/${grade.maxScore}`

/** Gradescope's `visibility`: when students see a test (after_due_date: after the late due date, if any). */
export const GRADESCOPE_VISIBILITIES = ['visible', 'after_due_date', 'after_published', 'hidden'] as const
export type GradescopeVisibility = (typeof GRADESCOPE_VISIBILITIES)[number]

export interface ResultSettings {
  /** When Gradescope shows the expected / seen / fix of each check (its verdict and points stay visible). */
  gradescopeDetail: GradescopeVisibility
}

/**
 * GRADESCOPE_DETAIL=after_due_date (or after_published, hidden; default visible). A value Gradescope does not know
 * hides the detail: the instructor meant to hold something back, and a typo must not publish it.
 */
export function resultSettings(env: NodeJS.ProcessEnv): { settings: ResultSettings; problem?: string } {
  const raw = env.GRADESCOPE_DETAIL?.trim()
  if (!raw) return { settings: { gradescopeDetail: 'visible' } }
  if ((GRADESCOPE_VISIBILITIES as readonly string[]).includes(raw)) return { settings: { gradescopeDetail: raw as GradescopeVisibility } }
  return { settings: { gradescopeDetail: 'hidden' }, problem: `GRADESCOPE_DETAIL: unknown visibility "${raw}" (known: ${GRADESCOPE_VISIBILITIES.join(', ')}); the detail is hidden` }
}

/**
 * Gradescope's results.json (autograder specification): one test per rubric check, numbered by its id and named by
 * its title (Gradescope shows "number) name"). An ungraded run carries no score at all: it is not a grade, and
 * run_autograder hands Gradescope no results.json for it. When the detail is shown later than the verdict, each check
 * is two tests: the verdict with its points, and an unscored test with the detail at that visibility.
 */
export function toGradescope(grade: Grade, settings: ResultSettings = { gradescopeDetail: 'visible' }) {
  const t = sheetText(grade)
  const graded = grade.status === 'graded'
  const later = settings.gradescopeDetail !== 'visible'
  const format = { output_format: 'text' } as const
  return {
    ...(graded ? { score: grade.score } : {}),
    execution_time: Math.round(grade.durationMs / 1000),
    output: `${ungradedNote(grade)}${graded ? scoreText(grade) : ''}`.trim(),
    ...format,
    stdout_visibility: 'hidden',
    tests: grade.checks.flatMap((c) => {
      const status = c.status === 'passed' ? 'passed' : 'failed'
      const tags = [`exercise-${c.exercise}`, c.status]
      const ungraded = c.status === 'ungraded' ? `${t.formats.ungradedCheck} — ` : ''
      const detail = detailLines(c, t)
      const verdict = {
        name: c.title,
        number: c.id,
        ...(graded ? { score: c.points } : {}),
        max_score: c.maxPoints,
        status,
        output: ungraded + (later ? verdictLines(c, t).join('\n') : checkText(c, t)),
        ...format,
        visibility: 'visible',
        tags,
      }
      if (!later || detail.length === 0) return [verdict]
      return [verdict, { name: t.formats.detail(c.title), number: `${c.id}.detail`, status, output: detail.join('\n'), ...format, visibility: settings.gradescopeDetail, tags }]
    }),
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
  gradescope: { file: 'gradescope-results.json', render: (g: Grade, settings?: ResultSettings) => `${inertJson(toGradescope(g, settings))}\n` },
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
