import type { Grade } from '../grading/grade.js'
import { catalogue } from '../i18n/index.js'
import { formatPoints, isLost } from '../../reporters/format.js'
import type { Rubric } from '../run/index.js'
import { needsNeutralizing, renderCsv } from './csv-cells.js'
import { byStudentId, finalScore, gradeOnScale, reviewState, studentStatus, type GradedStudent } from './gradebook.js'
import { gradeLanguage, handInSentences } from './hand-in-notice.js'
import type { StudentIdentity } from './roster.js'
import { LMS_FILES, type LmsFormat, type LmsOptions } from './lms-options.js'

export { defaultAssignment, LEFT_OUT_FILE, LMS_FILES, LMS_FORMATS, MOODLE_KEYS, parseLmsOptions } from './lms-options.js'
export type { LmsFormat, LmsOptions, MoodleKey } from './lms-options.js'

export interface LmsExport {
  format: LmsFormat
  file: string
  csv: string
  rows: number
  /** Students not in the file, and why: never dropped silently. */
  leftOut: { student: string; why: string }[]
  /** Identifiers written with a leading ' (they started like a formula): the platform will not match them as they are. */
  neutralized: { student: string; column: string }[]
  /** In the file with the grade the instructor chose for no hand-in (--missed-grade). */
  missedGrade: string[]
  /** In the file with the automatic points of a report the instructor has not reviewed yet. */
  reviewPending: string[]
}

/** Why a student cannot be in an LMS file at all: an ungraded run is no grade to import (a blank would erase one). */
const UNGRADED = 'ungraded: re-run it with --only-ungraded, then export again'
/** A missed deadline is no grade either, unless the instructor chose one for it. */
const missedWhy = (m: NonNullable<GradedStudent['missedDeadline']>) =>
  `nothing at or before the deadline ${m.deadline}${m.cutoff ? ` nor the cut-off ${m.cutoff}` : ''}: no grade to import (a blank would erase the one in the LMS); --missed-grade 0 writes one`

/** The grade on the LMS's scale: a graded run's score less its late penalty, or the grade chosen for no hand-in. */
function lmsGrade(s: GradedStudent, options: LmsOptions): string {
  if (s.grade) return scaled(finalScore(s.grade, s.handIn), s.grade.maxScore, options.scale)
  return formatPoints(options.missedGrade ?? Number.NaN)
}

const scaled = (score: number, maxScore: number, scale: number) => formatPoints(gradeOnScale(score, maxScore, scale))

/**
 * Moodle's gradebook import (Grades ▸ Import ▸ CSV file): a user column, one grade column and its feedback. Moodle
 * reads "" or "-" as no grade and parses "15.5"; a row whose user is not found aborts the whole import, so students
 * without the identifier are left out and named (grade/import/csv/classes/load_data.php, MoodleDocs "Grade import").
 */
export function moodleExport(rubric: Rubric, students: readonly GradedStudent[], options: LmsOptions): LmsExport {
  const keyColumn = options.moodleKey === 'email' ? 'Email address' : 'ID number'
  const rosterColumn = options.moodleKey === 'email' ? 'email' : 'sis_id'
  const header = [keyColumn, options.assignment, `Feedback: ${options.assignment}`]
  const result = collect(students, options, (identity) => (options.moodleKey === 'email' ? identity?.email : identity?.sisId), `no ${rosterColumn} in the roster (Moodle's ${keyColumn})`)
  const rows = result.kept.map(({ s, key }) => [key, lmsGrade(s, options), feedback(rubric, s, options)])
  const neutralized = result.kept.filter(({ key }) => needsNeutralizing(key)).map(({ s }) => ({ student: s.student, column: rosterColumn }))
  return exportOf('moodle', [header, ...rows], result, neutralized)
}

/**
 * Canvas's gradebook import (Grades ▸ Import): its export's columns, then the "    Points Possible" row; Canvas
 * finds the student by ID, then SIS User ID, then SIS Login ID, and reads "" as no score (lib gradebook_importer.rb).
 */
export function canvasExport(students: readonly GradedStudent[], options: LmsOptions): LmsExport {
  const header = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', options.assignment]
  const pointsPossible = ['    Points Possible', '', '', '', '', formatPoints(options.scale)]
  const result = collect(students, options, (identity) => identity?.canvasId ?? identity?.sisId ?? identity?.sisLoginId, 'no canvas_id, sis_id or sis_login_id in the roster')
  const rows = result.kept.map(({ s }) => {
    const id = s.identity!
    return [id.name ?? s.student, id.canvasId ?? '', id.sisId ?? '', id.sisLoginId ?? '', id.section ?? '', lmsGrade(s, options)]
  })
  const columns = { canvasId: 'canvas_id', sisId: 'sis_id', sisLoginId: 'sis_login_id' } as const
  const neutralized = result.kept.flatMap(({ s }) =>
    Object.entries(columns).flatMap(([key, column]) => (needsNeutralizing(s.identity?.[key as keyof typeof columns] ?? '') ? [{ student: s.student, column }] : [])),
  )
  return exportOf('canvas', [header, pointsPossible, ...rows], result, neutralized)
}

interface Collected {
  kept: { s: GradedStudent; key: string }[]
  leftOut: LmsExport['leftOut']
}

/** Who is in a file: a graded run, or a missed deadline the instructor chose a grade for, with the identifier the platform matches. */
function collect(students: readonly GradedStudent[], options: LmsOptions, keyOf: (identity: StudentIdentity | undefined) => string | undefined, missing: string): Collected {
  const kept: Collected['kept'] = []
  const leftOut: Collected['leftOut'] = []
  for (const s of [...students].sort(byStudentId)) {
    const key = keyOf(s.identity)
    const status = studentStatus(s)
    if (status === 'ungraded') leftOut.push({ student: s.student, why: UNGRADED })
    else if (s.missedDeadline && options.missedGrade === undefined) leftOut.push({ student: s.student, why: missedWhy(s.missedDeadline) })
    else if (!key) leftOut.push({ student: s.student, why: missing })
    else kept.push({ s, key })
  }
  return { kept, leftOut }
}

function exportOf(format: LmsFormat, rows: string[][], { kept, leftOut }: Collected, neutralized: LmsExport['neutralized']): LmsExport {
  const missedGrade = kept.filter(({ s }) => !s.grade).map(({ s }) => s.student)
  const reviewPending = kept.filter(({ s }) => s.grade && reviewState(s.grade) === 'pending').map(({ s }) => s.student)
  // UTF-8 with a byte-order mark: spreadsheets then read accents right; Moodle strips it, Canvas reads its own exports with it.
  return { format, file: LMS_FILES[format], csv: renderCsv(rows, { bom: true }), rows: kept.length, leftOut, neutralized, missedGrade, reviewPending }
}

/** lms-left-out.csv: one row per student and file they are not in, with why; a header alone when nobody is left out. */
export function renderLeftOut(exports: readonly LmsExport[]): string {
  const rows = exports.flatMap((e) => e.leftOut.map((l) => [l.student, e.file, l.why]))
  return renderCsv([['student', 'file', 'why'], ...rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : 1))], { bom: true })
}

/**
 * What the student reads beside the grade, in the grade's language: the hand-in (tag, extension, lateness and its
 * penalty), the score less the penalty, the points not earned, a pending review; or why there is no hand-in.
 */
export function feedback(rubric: Rubric, s: GradedStudent, options: Pick<LmsOptions, 'scale' | 'missedGrade'>): string {
  const { scale } = options
  const language = gradeLanguage(s.grade, rubric.language)
  const t = catalogue(language).lms
  if (!s.grade) {
    const missed = s.missedDeadline
    const chosen = options.missedGrade === undefined ? [] : [t.missedGrade(formatPoints(options.missedGrade), formatPoints(scale))]
    return [t.missedDeadline(missed.deadline, missed.latest?.date, missed.cutoff), ...chosen].join(' ')
  }
  const grade = s.grade
  const final = finalScore(grade, s.handIn)
  // An advisory check (0 points) is in the sheet, not in a list of points not earned.
  const lost = grade.checks.filter((c) => isLost(c) && c.points < c.maxPoints).map((c) => t.lostItem(c.title, c.id, formatPoints(c.maxPoints - c.points)))
  return [
    ...handInSentences(language, grade, s.handIn, s.deadline, s.commitDate),
    t.score(rubric.titles?.[language] ?? rubric.title, formatPoints(final), formatPoints(grade.maxScore), scaled(final, grade.maxScore, scale), formatPoints(scale)),
    lost.length ? t.lost(lost) : t.allEarned,
    ...(reviewState(grade) === 'pending' ? [t.reviewPending] : []),
  ].join(' ')
}
