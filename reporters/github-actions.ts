import { execFileSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import path from 'node:path'
import type { Grade, GradedCheck } from '../grading/grade.js'
import type { Feedback } from '../grading/verdict.js'
import { formatPoints, isLost, oneLine, sheetText } from './format.js'

import { annotationData as escapeData, annotationProperty as escapeProperty } from './inert-text.js'

export { escapeData, escapeProperty }

function locationsOf(check: GradedCheck): NonNullable<Feedback['location']>[] {
  const details = check.details ?? {}
  const fromItems = (details.items ?? []).filter((i) => !i.passed).map((i) => i.feedback?.location)
  return [details.location, ...fromItems].filter((l): l is NonNullable<Feedback['location']> => l !== undefined)
}

/**
 * One annotation per lost point, on the student's file and line when the check knows them. `submissionPath` is
 * the submission folder relative to the repository root, so that GitHub can place the annotation.
 */
export function renderAnnotations(grade: Grade, submissionPath: string): string[] {
  const t = sheetText(grade)
  const root = submissionPath.split(path.sep).join('/')
  /** The check's annotation on each file and line it concerns, or on the run when it knows none. */
  const annotate = (level: 'error' | 'notice', check: GradedCheck, title: string): string[] => {
    const fix = check.details?.fix ? `\n${t.fix}${t.colon} ${check.details.fix}` : ''
    const message = escapeData(`${oneLine(check.message)}${fix}`)
    const locations = locationsOf(check)
    if (!locations.length) return [`::${level} title=${escapeProperty(title)}::${message}`]
    return locations.map((location) =>
      `::${level} file=${escapeProperty(path.posix.join(root, location.file))}${location.line ? `,line=${location.line}` : ''},title=${escapeProperty(title)}::${message}`)
  }
  const lines = [
    ...grade.checks.filter((c) => isLost(c) && c.status !== 'ungraded').flatMap((c) => annotate('error', c, `${c.id}: ${c.title} (-${formatPoints(c.maxPoints - c.points)})`)),
    // An advisory finding is a note on the file it concerns: it never turns the run red.
    ...grade.checks.filter((c) => c.advice).flatMap((c) => annotate('notice', c, `${c.id}: ${c.title}`)),
  ]
  if (grade.status === 'ungraded') {
    const ungraded = grade.checks.filter((c) => c.status === 'ungraded').map((c) => c.id)
    lines.push(`::warning title=${escapeProperty(t.github.ungradedTitle)}::${escapeData(t.github.ungraded(ungraded.length, ungraded.join(', ')))}`)
  }
  return lines
}

/**
 * The submission folder relative to the root of the git repository that holds it, where GitHub places an annotation's
 * `file`: in the reusable workflow the student's repository is a checkout beside the grader's, not GITHUB_WORKSPACE.
 * A folder outside any repository is taken relative to GITHUB_WORKSPACE.
 */
export function submissionInRepository(submission: string): string {
  let root = process.env.GITHUB_WORKSPACE || process.cwd()
  try {
    root = execFileSync('git', ['-C', submission, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    // not in a repository (or no git): GITHUB_WORKSPACE is the repository's root
  }
  return path.relative(realPath(root), realPath(submission))
}

function realPath(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    return path.resolve(file)
  }
}
