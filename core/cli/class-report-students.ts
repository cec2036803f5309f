import { formatPoints } from '../../reporters/format.js'
import { escapeCell, htmlText, markdownCell } from '../grading/inert-text.js'
import type { CheckLosers, ClassSummary, LostCheck, StudentLine } from './class-stats.js'
import type { StudentStatus } from './gradebook.js'
import { sheetHref } from './output-layout.js'
import { formatDuration } from './late-policy.js'

/** Who failed what: a table of students and, for each check, the students who did not earn it in full. */

const STATUS_LABEL: Record<StudentStatus, string> = { graded: 'graded', ungraded: 'ungraded', 'missed-deadline': 'missed the deadline' }
const STUDENTS_HEADING = 'Students'
const LOSERS_HEADING = 'Who lost each check'

/** The score the LMS gets; a late penalty says what it took off. */
const scoreText = (line: StudentLine, maxScore: number) => {
  if (line.score === undefined) return '—'
  if (line.late && line.late.finalScore !== line.score) return `${formatPoints(line.late.finalScore)} / ${maxScore} (${formatPoints(line.score)} before the late penalty)`
  return `${formatPoints(line.score)} / ${maxScore}`
}
const lateText = (late: NonNullable<StudentLine['late']>) =>
  `late ${formatDuration(late.seconds)}${late.withinGrace ? ', within the grace' : late.penaltyPercent ? `, −${formatPoints(late.penaltyPercent)} %` : ''}`
const commitText = (line: StudentLine) =>
  line.commit ? `${line.commit.slice(0, 7)}${line.commitDate ? ` (${line.commitDate})` : ''}${line.chosenBy ? ` — ${line.chosenBy}` : ''}` : '—'
const lostText = (c: LostCheck) => `${c.id} −${formatPoints(c.lost)}`
const loserText = (l: CheckLosers['students'][number], check: CheckLosers) => `${formatPoints(l.points)}/${check.maxPoints} ${l.status}`
const statusText = (line: StudentLine) => `${STATUS_LABEL[line.status]}${line.late ? `, ${lateText(line.late)}` : ''}${line.reviewPending ? ' (review pending)' : ''}`
/** The checks lost, or for an ungraded run or a missed deadline the reason. */
const detailText = (line: StudentLine) => (line.status === 'graded' ? (line.lost.length ? line.lost.map(lostText).join(', ') : 'none') : (line.note ?? '—'))

export function renderStudentsMarkdown(summary: ClassSummary): string {
  const link = (line: StudentLine) => (line.hasSheet ? `[grade sheet](${sheetHref(line.student, 'markdown')})` : '—')
  const rows = summary.lines.map((line) =>
    `| ${markdownCell(line.student)} | ${statusText(line)} | ${scoreText(line, summary.maxScore)} | ${escapeCell(commitText(line))} | ${link(line)} | ${markdownCell(detailText(line))} |`,
  )
  return [`## ${STUDENTS_HEADING}`, '', '| student | status | score | commit | sheet | checks lost |', '| --- | --- | ---: | --- | --- | --- |', ...rows].join('\n')
}

export function renderLosersMarkdown(summary: ClassSummary): string {
  const items = summary.losers.map((check) => {
    const students = check.students.map((l) => `[${markdownCell(l.student)}](${sheetHref(l.student, 'markdown')}) ${loserText(l, check)}`)
    return `- \`${check.id}\` — ${escapeCell(check.title)} (${check.maxPoints} pts), ${check.students.length} student${check.students.length === 1 ? '' : 's'}: ${students.join(', ')}`
  })
  return [`## ${LOSERS_HEADING}`, '', items.length ? items.join('\n') : 'No graded student lost a point.'].join('\n')
}

export function renderStudentsHtml(summary: ClassSummary): string {
  const e = htmlText
  const link = (line: StudentLine) => (line.hasSheet ? `<a href="${e(sheetHref(line.student, 'html'))}">grade sheet</a>` : '—')
  const rows = summary.lines
    .map((line) => `<tr class="${line.status}"><td>${e(line.student)}</td><td>${e(statusText(line))}</td><td class="n">${scoreText(line, summary.maxScore)}</td><td><code>${e(commitText(line))}</code></td><td>${link(line)}</td><td>${e(detailText(line))}</td></tr>`)
    .join('\n')
  return `<h2>${STUDENTS_HEADING}</h2>
<table class="students"><thead><tr><th>student</th><th>status</th><th>score</th><th>commit</th><th>sheet</th><th>checks lost</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
}

export function renderLosersHtml(summary: ClassSummary): string {
  const e = htmlText
  const items = summary.losers.map((check) => {
    const students = check.students.map((l) => `<a href="${e(sheetHref(l.student, 'html'))}">${e(l.student)}</a> ${e(loserText(l, check))}`)
    return `<li><code>${e(check.id)}</code> — ${e(check.title)} (${check.maxPoints} pts), ${check.students.length} student${check.students.length === 1 ? '' : 's'}: ${students.join(', ')}</li>`
  })
  return `<h2>${LOSERS_HEADING}</h2>
${items.length ? `<ul class="losers">${items.join('\n')}</ul>` : '<p>No graded student lost a point.</p>'}`
}
