import { UsageError } from './usage-error.js'

/** What the instructor chose for the LMS files: which platforms, the grade's scale, the grade item, Moodle's key. */
export const LMS_FORMATS = ['moodle', 'canvas'] as const
export type LmsFormat = (typeof LMS_FORMATS)[number]
/** Moodle's "Map from" column: the user's email address (useremail) or ID number (useridnumber). */
export const MOODLE_KEYS = ['email', 'idnumber'] as const
export type MoodleKey = (typeof MOODLE_KEYS)[number]

export interface LmsOptions {
  formats: readonly LmsFormat[]
  /** The grade is out of `scale` (20 for the French /20): Moodle's grade item maximum, Canvas's Points Possible. */
  scale: number
  /** The grade item (Moodle) or assignment (Canvas) the column is for; Canvas matches "Title (id)" or the title. */
  assignment: string
  moodleKey: MoodleKey
  /**
   * The grade (on `scale`) written for a student with nothing at or before the deadline (or the cut-off): the
   * instructor's choice (--missed-grade 0). Absent, such a student is left out: a blank grade would erase one.
   */
  missedGrade?: number
}

export const LMS_FILES: Record<LmsFormat, string> = { moodle: 'moodle-grades.csv', canvas: 'canvas-grades.csv' }
/** The LMS column's default name: the lab's id in capitals (TP1's: "TP1"). */
export const defaultAssignment = (lab: string) => lab.toUpperCase()
/** Beside the LMS files: every student left out of one of them, and why. */
export const LEFT_OUT_FILE = 'lms-left-out.csv'

/**
 * --lms moodle,canvas (or none) with --scale, --assignment and --moodle-key: undefined when --lms is not given (the
 * output folder's earlier choice then stands). The other three only make sense with --lms.
 */
export function parseLmsOptions(raw: { lms?: string; scale?: string; assignment?: string; moodleKey?: string; missedGrade?: string }, defaultScale: number, lab = 'tp1'): LmsOptions | undefined {
  if (raw.lms === undefined) {
    const stray = (['scale', 'assignment', 'moodleKey', 'missedGrade'] as const).find((k) => raw[k] !== undefined)
    if (stray) throw new UsageError(`--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is for the LMS files: add --lms moodle, --lms canvas or --lms moodle,canvas.`)
    return undefined
  }
  const names = raw.lms.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)
  const unknown = names.filter((f) => f !== 'none' && !(LMS_FORMATS as readonly string[]).includes(f))
  if (names.length === 0 || unknown.length) throw new UsageError(`--lms ${JSON.stringify(raw.lms)}: write moodle, canvas, moodle,canvas or none.`)
  const scale = raw.scale === undefined ? defaultScale : Number(raw.scale)
  if (!Number.isFinite(scale) || scale <= 0) throw new UsageError(`--scale ${JSON.stringify(raw.scale)} is not a positive number of points, e.g. --scale 20.`)
  const assignment = (raw.assignment ?? defaultAssignment(lab)).trim()
  if (!assignment) throw new UsageError('--assignment is empty: give the name of the grade item (Moodle) or assignment (Canvas), e.g. --assignment "TP1 Docker".')
  const moodleKey = raw.moodleKey ?? 'email'
  if (!(MOODLE_KEYS as readonly string[]).includes(moodleKey)) throw new UsageError(`--moodle-key ${JSON.stringify(moodleKey)}: write email (the roster's email column) or idnumber (its sis_id column).`)
  const missedGrade = raw.missedGrade === undefined ? undefined : Number(raw.missedGrade)
  if (missedGrade !== undefined && !(raw.missedGrade!.trim() !== '' && Number.isFinite(missedGrade) && missedGrade >= 0 && missedGrade <= scale))
    throw new UsageError(`--missed-grade ${JSON.stringify(raw.missedGrade)} is not a grade between 0 and the scale (${scale}), e.g. --missed-grade 0.`)
  return { formats: LMS_FORMATS.filter((f) => names.includes(f)), scale, assignment, moodleKey: moodleKey as MoodleKey, ...(missedGrade !== undefined ? { missedGrade } : {}) }
}
