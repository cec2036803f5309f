import type { Grade, GradedCheck } from '../core/grading/grade.js'
import type { Feedback, ItemVerdict } from '../core/grading/verdict.js'
import type { ExerciseGroup } from './format.js'
import { ADVICE_ICON, REVIEW_ICON, STATUS_ICON, formatPoints, formatSeconds, groupByExercise, isLost, oneLine, sheetText, type SheetText } from './format.js'
import { code, escapeCell, fence, markdownText } from '../core/grading/inert-text.js'

export { code, escapeCell, fence }

// Deterministic on purpose (no clock, no environment): the same grade.json always renders the same sheet.
// The language is the grade's: the one its messages were written in.
export function renderGradeSheet(grade: Grade, options: { title?: string } = {}): string {
  const t = sheetText(grade)
  const blocks = [
    `# ${oneLine(options.title ?? grade.lab)}`,
    renderScoreLine(grade, t),
    ...renderLayout(grade, t),
    ...(grade.status === 'ungraded' ? [renderUngradedWarning(grade.checks, t)] : []),
    ...(grade.warnings?.length ? [grade.warnings.map((w) => `> ${markdownText(w)}`).join('\n>\n')] : []),
    ...renderLimitsNotEnforced(grade, t),
    ...groupByExercise(grade.checks).map((group) => renderExercise(group, grade.checks, t)),
    // The footer: where and on what it was graded, for comparing a student's own grade with the grade of record.
    renderRunInfo(grade, t),
  ]
  return `${blocks.join('\n\n')}\n`
}

function renderScoreLine(grade: Grade, t: SheetText): string {
  return t.scoreLine(formatPoints(grade.score), formatPoints(grade.maxScore), grade.status === 'graded' ? t.statusGraded : t.statusUngraded)
}

/** What was graded, where: the sheet's first lines; when nothing of the lab was found, where the grader looked. */
function renderLayout(grade: Grade, t: SheetText): string[] {
  const layout = grade.submission.layout
  if (!layout) return []
  if (!layout.found) {
    const { notFound } = t.layout
    const searched = layout.searched ?? { folders: [], imageFolders: [], reports: [] }
    // Folder and file names are the submission's.
    const names = (list: readonly string[]) => list.map((name) => markdownText(oneLine(name)))
    return [['[!WARNING]', notFound.title, '', notFound.looked(names(searched.folders), names(searched.imageFolders), names(searched.reports)), '', notFound.fix].map((l) => (l ? `> ${l}` : '>')).join('\n')]
  }
  return [`**${t.layout.graded}${t.colon}** ${layoutParts(layout, t).join(' · ')}`]
}

/** "Dockerfile `api/Dockerfile`", "Compose file `docker-compose.yml`", "report `reports/rapport_tp1.md`", and the lab's folder. */
export function layoutParts(layout: NonNullable<Grade['submission']['layout']>, t: SheetText, show: (path: string) => string = code, between = ' '): string[] {
  const part = (label: string, file: string | undefined) => `${label}${between}${file ? show(file) : `(${t.layout.none})`}`
  return [
    ...(layout.folder !== '.' ? [t.layout.folder(show(`${layout.folder}/`))] : []),
    part(t.layout.dockerfile, layout.dockerfile),
    part(t.layout.compose, layout.compose),
    part(t.layout.report, layout.report),
  ]
}

export function renderUngradedWarning(checks: readonly GradedCheck[], t: SheetText): string {
  const ungraded = checks.filter((c) => c.status === 'ungraded')
  const lines = [
    '[!WARNING]',
    t.ungradedWarning.title,
    t.ungradedWarning.notYourFault,
    '',
    ungraded.length ? t.ungradedWarning.list : t.ungradedWarning.none,
    ...(ungraded.length ? ['', ...ungraded.map((c) => `- ${code(c.id)} ${oneLine(c.title)}: ${markdownText(oneLine(c.message))}`)] : []),
  ]
  return lines.map((line) => (line ? `> ${line}` : '>')).join('\n')
}

/** The header's line when the engine said it cannot apply some of the rubric's limits: graded all the same, and said. */
function renderLimitsNotEnforced(grade: Grade, t: SheetText): string[] {
  const limits = grade.environment.limitsNotEnforced ?? []
  if (!limits.length) return []
  return [`> ${t.run.limitsNotEnforced(grade.environment.engine ?? 'Docker', limits.map((limit) => t.run.limitNames[limit as keyof SheetText['run']['limitNames']] ?? markdownText(oneLine(limit))))}`]
}

/** "Docker Engine 28.5.2 (amd64, rootless)"; a grade written before the engine was named: "Docker 28.5.2". */
function engineVersion(env: Grade['environment'], t: SheetText): [string, string | undefined] {
  const about = [...(env.arch ? [env.arch] : []), ...(env.rootless ? [t.run.rootless] : [])]
  return [env.engine ?? 'Docker', env.docker && about.length ? `${env.docker} (${about.join(', ')})` : env.docker]
}

function renderRunInfo(grade: Grade, t: SheetText): string {
  const { submission, environment: env } = grade
  const versions: Array<[string, string | undefined]> = [
    engineVersion(env, t),
    ['Compose', env.compose],
    ['API', env.dockerApi],
    [t.run.kernel, env.kernel],
    ['Node', env.node],
    [t.run.grader, env.grader],
  ]
  return [
    `## ${t.run.heading}`,
    '',
    `- ${t.run.submission}${t.colon} ${code(submission.path)}`,
    ...(submission.commit ? [`- ${t.run.commit}${t.colon} ${code(submission.commit)}`] : []),
    `- ${t.run.date}${t.colon} ${grade.startedAt}`,
    `- ${t.run.duration}${t.colon} ${t.run.seconds(formatSeconds(grade.durationMs))}`,
    `- ${t.run.environment}${t.colon} ${versions.map(([name, version]) => `${name} ${version ?? t.run.unknown}`).join(', ')}`,
  ].join('\n')
}

function renderExercise(group: ExerciseGroup, allChecks: readonly GradedCheck[], t: SheetText): string {
  const heading = `## ${t.exercise(group.exercise)} — ${formatPoints(group.points)} / ${formatPoints(group.maxPoints)}`
  const noted = (c: GradedCheck) => hasNote(c, t)
  // A check blocked because the lab is nowhere has nothing to add to the warning at the top of the sheet.
  const notes = group.checks.filter((c) => c.details?.blockedBy !== 'layout' && (isLost(c) || noted(c)))
  const feedback = notes.map((c) => (noted(c) ? renderPassedNote(c, t) : renderFeedback(c, allChecks, t)))
  const reviews = group.checks.filter((c) => c.review).map((c) => renderReview(c, t))
  return [
    heading, renderExerciseTable(group.checks, t),
    ...(feedback.length ? [`### ${t.feedback}`, ...feedback] : []),
    ...reviews,
  ].join('\n\n')
}

export function renderExerciseTable(checks: readonly GradedCheck[], t: SheetText): string {
  const rows = checks.map((c) =>
    tableRow([c.advice ? `${ADVICE_ICON} ${t.advice}` : `${STATUS_ICON[c.status]} ${t.status[c.status]}`, c.title, renderCheckPoints(c), code(c.id)]),
  )
  return [tableRow([t.table.status, t.table.check, t.table.points, t.table.id]), '| --- | --- | ---: | --- |', ...rows].join('\n')
}

function renderCheckPoints(check: GradedCheck): string {
  return `${formatPoints(check.points)} / ${formatPoints(check.maxPoints)}`
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.map(escapeCell).join(' | ')} |`
}

// A passed check may still have something to say (an advisory note); its message is then not "passed".
const hasNote = (check: GradedCheck, t: SheetText) => check.status === 'passed' && !isLost(check) && check.message !== t.status.passed

function renderPassedNote(check: GradedCheck, t: SheetText): string {
  if (check.advice) return renderFeedback(check, [], t)
  return `${STATUS_ICON.passed} **${oneLine(check.title)}** (${code(check.id)})${t.colon} ${markdownText(check.message)}`
}

/**
 * Both figures stay visible: the automatic one (presence, evidence) and the instructor's. Under it, what was read as
 * each answer when nothing was lost (a lost check lists its items in its feedback): a misread report shows at once.
 */
export function renderReview(check: GradedCheck, t: SheetText): string {
  const review = check.review!
  const automatic = `${formatPoints(review.automaticPoints)} / ${formatPoints(check.maxPoints)}`
  const head = `${REVIEW_ICON} **${t.review.head}** ${t.review.of} ${code(check.id)}${t.colon}`
  const read = isLost(check) ? [] : (check.details?.items ?? []).filter((i) => i.feedback)
  const items = read.length ? `\n\n${renderItems(read, t)}` : ''
  if (review.status === 'pending') return `${head} ${t.review.pending(automatic)}${items}`
  const points = review.points === undefined ? '' : ` ${formatPoints(review.points)} / ${formatPoints(check.maxPoints)} (${t.review.automatic(automatic)}).`
  const by = review.reviewer ? ` — ${markdownText(review.reviewer)}` : ''
  return `${head}${points}${review.comment ? ` ${markdownText(review.comment)}` : ''}${by}${items}`
}


export function renderFeedback(check: GradedCheck, allChecks: readonly GradedCheck[], t: SheetText): string {
  const details = check.details ?? {}
  const blocks = [
    `#### ${check.advice ? ADVICE_ICON : STATUS_ICON[check.status]} ${oneLine(check.title)} (${code(check.id)}) — ${renderCheckPoints(check)}`,
    ...(check.message.trim() ? [markdownText(check.message)] : []),
    ...(check.status === 'ungraded' ? [t.notScored] : []),
    ...renderFeedbackFields(details, t),
    ...(details.items?.length ? [`**${t.items}${t.colon}**`, renderItems(details.items, t)] : []),
    ...(details.blockedBy ? [renderBlockedBy(details.blockedBy, allChecks, t)] : []),
    ...(details.log?.trim() ? [renderLog(details.log, t)] : []),
  ]
  return blocks.join('\n\n')
}

function renderFeedbackFields(feedback: Feedback, t: SheetText): string[] {
  const fields: Array<[string, string | undefined]> = [
    [`${t.expected}${t.colon}`, feedback.expected],
    [`${t.seen}${t.colon}`, feedback.seen],
    [`${t.fix}${t.colon}`, feedback.fix],
  ]
  return fields.flatMap(([label, text]) => (text?.trim() ? [renderField(label, text)] : []))
}

// Multi-line values (program output, file excerpts) keep their lines in a code block.
function renderField(label: string, text: string): string {
  return /[\r\n]/.test(text.trim()) ? `**${label}**\n\n${fence(text)}` : `**${label}** ${markdownText(text.trim())}`
}

export function renderItems(items: readonly ItemVerdict[], t: SheetText): string {
  return items.map((item) => renderItem(item, t)).join('\n')
}

function renderItem(item: ItemVerdict, t: SheetText): string {
  const head = `- ${item.passed ? STATUS_ICON.passed : STATUS_ICON.failed} ${oneLine(item.title)} — ${formatPoints(item.points)} / ${formatPoints(item.maxPoints)}`
  const feedback = item.feedback ?? {}
  const body = [...renderFeedbackFields(feedback, t), ...(feedback.log?.trim() ? [renderLog(feedback.log, t)] : [])]
  return [head, ...body.map((block) => indent(block, '  '))].join('\n\n')
}

function renderBlockedBy(blockedBy: string, allChecks: readonly GradedCheck[], t: SheetText): string {
  const blocker = allChecks.find((c) => c.id === blockedBy)
  const title = blocker ? oneLine(blocker.title) : blockedBy === 'layout' ? t.layout.blocker : undefined
  return `**${t.blockedBy}${t.colon}** ${code(blockedBy)}${title ? ` (${title})` : ''}`
}

export function renderLog(log: string, t: SheetText): string {
  return `**${t.log}${t.colon}**\n\n${fence(log)}`
}

function indent(block: string, prefix: string): string {
  return block
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n')
}
