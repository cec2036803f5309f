import type { Grade, GradedCheck } from '../core/grading/grade.js'
import type { CheckStatus } from '../core/grading/verdict.js'
import type { ExerciseGroup } from './format.js'
import { layoutParts } from './render-markdown.js'
import { ADVICE_ICON, STATUS_ICON, exerciseStatus, formatPoints, groupByExercise, isLost, oneLine, sheetText, type SheetText } from './format.js'
import { visibleLine } from '../core/grading/inert-text.js'

const WIDTH = 80

type Style = 'bold' | 'red' | 'green' | 'yellow' | 'cyan'

// Plain SGR codes, not util.styleText: newer Node drops its colours off a TTY, and here the caller decides.
const SGR: Record<Style, readonly [number, number]> = {
  bold: [1, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
}

const STATUS_STYLE: Record<CheckStatus, Style> = {
  passed: 'green',
  failed: 'red',
  blocked: 'yellow',
  ungraded: 'yellow',
}

type Paint = (style: Style, text: string) => string

export function painter(color: boolean): Paint {
  return color ? (style, text) => `\x1b[${SGR[style][0]}m${text}\x1b[${SGR[style][1]}m` : (_, text) => text
}

export function renderSummary(grade: Grade, options: { color: boolean; title?: string }): string {
  const paint = painter(options.color)
  const t = sheetText(grade)
  const groups = groupByExercise(grade.checks)
  const lost = grade.checks.filter(isLost)
  const advice = grade.checks.filter((c) => c.advice)
  const lines = [
    paint('bold', `${t.terminal.grade} — ${options.title ?? grade.lab}`),
    ...(grade.submission.layout?.found ? [`${t.layout.graded}${t.colon} ${layoutParts(grade.submission.layout, t, visibleLine, `${t.colon} `).join(' · ')}`] : []),
    ...(grade.submission.layout && !grade.submission.layout.found ? [paint('yellow', oneLine(t.layout.notFound.title.replace(/\*\*/g, '')))] : []),
    ...renderExerciseLines(groups, paint, t),
    ...(lost.length ? ['', t.terminal.notEarned, ...renderLostLines(lost, paint, t)] : []),
    ...(advice.length ? ['', t.terminal.notes, ...advice.map((c) => `  ${ADVICE_ICON} ${c.id}  ${truncate(visibleLine(c.message), Math.max(20, WIDTH - c.id.length - 6))}`)] : []),
    '',
    paint('bold', `${t.score}${t.colon} ${formatPoints(grade.score)}/${formatPoints(grade.maxScore)}`),
    ...(grade.status === 'ungraded' ? renderUngradedLines(grade.checks, paint, t) : []),
  ]
  return `${lines.join('\n')}\n`
}

export function renderExerciseLines(groups: readonly ExerciseGroup[], paint: Paint, t: SheetText): string[] {
  const scores = groups.map((g) => `${formatPoints(g.points)}/${formatPoints(g.maxPoints)}`)
  const nameWidth = Math.max(0, ...groups.map((g) => t.exercise(g.exercise).length))
  const scoreWidth = Math.max(0, ...scores.map((s) => s.length))
  return groups.map((group, i) => {
    const status = exerciseStatus(group)
    const score = (scores[i] ?? '').padStart(scoreWidth)
    return `${t.exercise(group.exercise).padEnd(nameWidth)}   ${paint(STATUS_STYLE[status], score)}  ${STATUS_ICON[status]}`
  })
}

export function renderLostLines(checks: readonly GradedCheck[], paint: Paint, t: SheetText): string[] {
  const labelWidth = Math.max(...Object.values(t.status).map((l) => Array.from(l).length))
  const idWidth = Math.max(0, ...checks.map((c) => c.id.length))
  const lostPoints = checks.map((c) => `-${formatPoints(c.maxPoints - c.points)}`)
  const pointsWidth = Math.max(0, ...lostPoints.map((p) => p.length))
  // Indent 2, icon 2 columns wide on most terminals, then the gaps between columns.
  const prefixWidth = 2 + 2 + 1 + labelWidth + 1 + idWidth + 2 + pointsWidth + 2
  return checks.map((check, i) => {
    const label = paint(STATUS_STYLE[check.status], t.status[check.status].padEnd(labelWidth))
    const points = (lostPoints[i] ?? '').padStart(pointsWidth)
    const message = truncate(visibleLine(check.message), Math.max(20, WIDTH - prefixWidth))
    return `  ${STATUS_ICON[check.status]} ${label} ${check.id.padEnd(idWidth)}  ${points}  ${message}`.trimEnd()
  })
}


export function renderUngradedLines(checks: readonly GradedCheck[], paint: Paint, t: SheetText): string[] {
  const count = checks.filter((c) => c.status === 'ungraded').length
  return [
    paint('yellow', paint('bold', `${STATUS_ICON.ungraded} ${t.terminal.ungraded(count)}`)),
    paint('yellow', t.terminal.notYourFault),
  ]
}

// Code points, not UTF-16 units, so an accent or emoji is never split in half.
export function truncate(text: string, width: number): string {
  const chars = Array.from(text)
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('').trimEnd()}…`
}

/**
 * The line printed while the run goes on, as an exercise's last check is graded: the summary's line for it, its
 * columns as wide as the widest exercise can need, so that the lines printed one by one stay aligned.
 */
export function renderProgressLine(group: ExerciseGroup, all: readonly ExerciseGroup[], paint: Paint, t: SheetText): string {
  const nameWidth = Math.max(...all.map((g) => t.exercise(g.exercise).length))
  const scoreWidth = Math.max(...all.map((g) => `${formatPoints(g.maxPoints)}/${formatPoints(g.maxPoints)}`.length))
  const status = exerciseStatus(group)
  const score = `${formatPoints(group.points)}/${formatPoints(group.maxPoints)}`.padStart(scoreWidth)
  return `  ${t.exercise(group.exercise).padEnd(nameWidth)}   ${paint(STATUS_STYLE[status], score)}  ${STATUS_ICON[status]}`
}

/** A bug of the grader (an exception nobody threw on purpose): said to be the grader's, with its stack. */
export interface GraderBug {
  /** Where it happened: a check id, a spec file, or the run. */
  where: string
  stack: string
}

export function renderGraderBugs(bugs: readonly GraderBug[], paint: Paint, t: SheetText): string {
  return bugs.map((bug) => `${paint('red', paint('bold', t.terminal.graderBug(bug.where)))}\n${bug.stack.trimEnd()}\n`).join('\n')
}
