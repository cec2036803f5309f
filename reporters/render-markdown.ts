import type { Grade, GradedCheck } from '../grading/grade.js'
import type { Feedback, ItemVerdict } from '../grading/verdict.js'
import type { ExerciseGroup } from './format.js'
import { STATUS_ICON, STATUS_LABEL, formatPoints, formatSeconds, groupByExercise, isLost, oneLine } from './format.js'

// Deterministic on purpose (no clock, no environment): the same grade.json always renders the same sheet.
export function renderGradeSheet(grade: Grade, options: { title?: string } = {}): string {
  const blocks = [
    `# ${oneLine(options.title ?? grade.lab)}`,
    renderScoreLine(grade),
    ...(grade.status === 'ungraded' ? [renderUngradedWarning(grade.checks)] : []),
    ...(grade.warnings?.length ? [grade.warnings.map((w) => `> ${inline(w)}`).join('\n>\n')] : []),
    renderRunInfo(grade),
    ...groupByExercise(grade.checks).map((group) => renderExercise(group, grade.checks)),
  ]
  return `${blocks.join('\n\n')}\n`
}

function renderScoreLine(grade: Grade): string {
  const status = grade.status === 'graded' ? 'graded' : '**UNGRADED** (incomplete)'
  return `**Score: ${formatPoints(grade.score)} / ${formatPoints(grade.maxScore)}** · Status: ${status}`
}

export function renderUngradedWarning(checks: readonly GradedCheck[]): string {
  const ungraded = checks.filter((c) => c.status === 'ungraded')
  const lines = [
    '[!WARNING]',
    '**This grade is incomplete.** The grader or Docker failed during the run, so some checks could not be graded.',
    'This is not your fault: these checks are not scored, and the score above is not final.',
    '',
    ungraded.length ? 'Ungraded checks:' : 'No check is marked ungraded: the run itself was incomplete.',
    ...(ungraded.length ? ['', ...ungraded.map((c) => `- ${code(c.id)} ${oneLine(c.title)}: ${inline(oneLine(c.message))}`)] : []),
  ]
  return lines.map((line) => (line ? `> ${line}` : '>')).join('\n')
}

function renderRunInfo(grade: Grade): string {
  const { submission, environment: env } = grade
  const versions: Array<[string, string | undefined]> = [
    ['Docker', env.docker],
    ['Compose', env.compose],
    ['API', env.dockerApi],
    ['kernel', env.kernel],
    ['Node', env.node],
    ['grader', env.grader],
  ]
  return [
    '## Run',
    '',
    `- Submission: ${code(submission.path)}`,
    ...(submission.commit ? [`- Commit: ${code(submission.commit)}`] : []),
    `- Date: ${grade.startedAt}`,
    `- Duration: ${formatSeconds(grade.durationMs)} s`,
    `- Environment: ${versions.map(([name, version]) => `${name} ${version ?? 'unknown'}`).join(', ')}`,
  ].join('\n')
}

function renderExercise(group: ExerciseGroup, allChecks: readonly GradedCheck[]): string {
  const heading = `## Exercise ${group.exercise} — ${formatPoints(group.points)} / ${formatPoints(group.maxPoints)}`
  const notes = group.checks.filter((c) => c.status === 'manual' || isLost(c) || hasNote(c))
  const feedback = notes.map((c) => (c.status === 'manual' ? renderManualNote(c) : hasNote(c) ? renderPassedNote(c) : renderFeedback(c, allChecks)))
  const reviews = group.checks.filter((c) => c.review).map(renderReview)
  return [
    heading, renderExerciseTable(group.checks),
    ...(feedback.length ? ['### Feedback', ...feedback] : []),
    ...reviews,
  ].join('\n\n')
}

export function renderExerciseTable(checks: readonly GradedCheck[]): string {
  const rows = checks.map((c) =>
    tableRow([`${STATUS_ICON[c.status]} ${STATUS_LABEL[c.status]}`, c.title, renderCheckPoints(c), code(c.id)]),
  )
  return [tableRow(['Status', 'Check', 'Points', 'Id']), '| --- | --- | ---: | --- |', ...rows].join('\n')
}

// Manual checks carry 0 automatic points; "0 / 4" would read as a lost report.
function renderCheckPoints(check: GradedCheck): string {
  const earned = check.status === 'manual' && check.points === 0 ? '—' : formatPoints(check.points)
  return `${earned} / ${formatPoints(check.maxPoints)}`
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.map(escapeCell).join(' | ')} |`
}

// Backslashes before a pipe are doubled, or `\|` in the text would turn the escape back into a column break.
export function escapeCell(text: string): string {
  return oneLine(text).replace(/(\\*)\|/g, (_, slashes: string) => `${slashes}${slashes}\\|`)
}

// A passed check may still have something to say (an advisory note); its message is then not "passed".
const hasNote = (check: GradedCheck) => check.status === 'passed' && !isLost(check) && check.message !== 'passed'

function renderPassedNote(check: GradedCheck): string {
  return `${STATUS_ICON.passed} **${oneLine(check.title)}** (${code(check.id)}): ${inline(check.message)}`
}

/** Both figures stay visible: the automatic one (presence, evidence) and the instructor's. */
export function renderReview(check: GradedCheck): string {
  const review = check.review!
  const automatic = `${formatPoints(review.automaticPoints)} / ${formatPoints(check.maxPoints)}`
  const head = `${STATUS_ICON.manual} **Instructor review** of ${code(check.id)}:`
  if (review.status === 'pending') return `${head} pending — the automatic ${automatic} (answers present, screenshots real) counts until then.`
  const points = review.points === undefined ? '' : ` ${formatPoints(review.points)} / ${formatPoints(check.maxPoints)} (automatic: ${automatic}).`
  const by = review.reviewer ? ` — ${inline(review.reviewer)}` : ''
  return `${head}${points}${review.comment ? ` ${inline(review.comment)}` : ''}${by}`
}

function renderManualNote(check: GradedCheck): string {
  return `${STATUS_ICON.manual} **${oneLine(check.title)}** (${code(check.id)}): graded by your instructor.`
}

export function renderFeedback(check: GradedCheck, allChecks: readonly GradedCheck[] = []): string {
  const details = check.details ?? {}
  const blocks = [
    `#### ${STATUS_ICON[check.status]} ${oneLine(check.title)} (${code(check.id)}) — ${renderCheckPoints(check)}`,
    ...(check.message.trim() ? [inline(check.message)] : []),
    ...(check.status === 'ungraded' ? ['_Not scored: the grader or Docker failed, not your submission._'] : []),
    ...renderFeedbackFields(details),
    ...(details.items?.length ? ['**Items:**', renderItems(details.items)] : []),
    ...(details.blockedBy ? [renderBlockedBy(details.blockedBy, allChecks)] : []),
    ...(details.log?.trim() ? [renderLog(details.log)] : []),
  ]
  return blocks.join('\n\n')
}

function renderFeedbackFields(feedback: Feedback): string[] {
  const fields: Array<[string, string | undefined]> = [
    ['Expected', feedback.expected],
    ['Seen', feedback.seen],
    ['Fix', feedback.fix],
  ]
  return fields.flatMap(([label, text]) => (text?.trim() ? [renderField(label, text)] : []))
}

// Multi-line values (program output, file excerpts) keep their lines in a code block.
function renderField(label: string, text: string): string {
  return /[\r\n]/.test(text.trim()) ? `**${label}:**\n\n${fence(text)}` : `**${label}:** ${inline(text.trim())}`
}

export function renderItems(items: readonly ItemVerdict[]): string {
  return items.map(renderItem).join('\n')
}

function renderItem(item: ItemVerdict): string {
  const head = `- ${item.passed ? STATUS_ICON.passed : STATUS_ICON.failed} ${oneLine(item.title)} — ${formatPoints(item.points)} / ${formatPoints(item.maxPoints)}`
  const feedback = item.feedback ?? {}
  const body = [...renderFeedbackFields(feedback), ...(feedback.log?.trim() ? [renderLog(feedback.log)] : [])]
  return [head, ...body.map((block) => indent(block, '  '))].join('\n\n')
}

function renderBlockedBy(blockedBy: string, allChecks: readonly GradedCheck[]): string {
  const blocker = allChecks.find((c) => c.id === blockedBy)
  return `**Blocked by:** ${code(blockedBy)}${blocker ? ` (${oneLine(blocker.title)})` : ''}`
}

export function renderLog(log: string): string {
  return `**Log (last lines):**\n\n${fence(log)}`
}

// The fence outruns every backtick run inside, so a log holding ``` cannot close the block early.
export function fence(text: string, info = 'text'): string {
  const body = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '')
  const ticks = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1))
  return `${ticks}${info}\n${body}\n${ticks}`
}

// Same idea for inline code (CommonMark: longer delimiter, padded when the text starts or ends with a backtick).
export function code(text: string): string {
  const value = oneLine(text)
  const ticks = '`'.repeat(longestBacktickRun(value) + 1)
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${value}${pad}${ticks}`
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length))
}

// Checks may echo what they saw ("<none>", "<html>"): GitHub would take it for HTML and hide it.
function inline(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, '\\<')
}

function indent(block: string, prefix: string): string {
  return block
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n')
}
