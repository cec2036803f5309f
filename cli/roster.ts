import { parse } from 'csv-parse/sync'
import path from 'node:path'
import { UsageError } from './usage-error.js'

/**
 * Where a student's submission comes from: a folder on this machine, or a git repository at a branch, tag or commit.
 * `pinned`: the ref is the roster's own, for this student: it wins over --deadline.
 */
export type SubmissionSource = { kind: 'folder'; path: string } | { kind: 'git'; url: string; ref?: string; pinned?: true }

/** How the school's platforms know the student: what the Moodle and Canvas files are keyed by. */
export interface StudentIdentity {
  name?: string
  email?: string
  /** The student number of the school's information system: Moodle's "ID number", Canvas's "SIS User ID". */
  sisId?: string
  sisLoginId?: string
  /** Canvas's own numeric user id (its "ID" column). */
  canvasId?: string
  section?: string
}

export interface Submission {
  student: string
  source: SubmissionSource
  /** The lab's folder inside the repository or folder (e.g. "TP1"), when the grader cannot find it by itself. */
  path?: string
  identity?: StudentIdentity
  /** The roster's `deadline` for this student (an extension), as written: checked by collectClass. */
  deadline?: string
}

const IDENTITY_COLUMNS = { name: 'name', email: 'email', sis_id: 'sisId', sis_login_id: 'sisLoginId', canvas_id: 'canvasId', section: 'section' } as const
export const ROSTER_COLUMNS = ['student', 'source', 'ref', 'path', ...Object.keys(IDENTITY_COLUMNS), 'deadline']

/** A student id names the student's output folder: one path segment, no control characters, not hidden. */
export function studentIdProblem(id: string): string | undefined {
  if (id === '') return 'is empty'
  if (id.startsWith('.')) return 'starts with "." (it names a folder, which would be hidden)'
  if (/[/\\]/.test(id)) return 'holds "/" or "\\" (it names one folder)'
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'holds a control character'
  return undefined
}

/** https://, ssh://, git://, file:// URLs, scp-like user@host:path, and paths ending in .git are git repositories. */
export function isGitSource(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[\w.-]+@[\w.-]+:/.test(source) || source.endsWith('.git')
}

/** A `path` stays inside the submission: relative, no "..", written with "/"; returned without "./" or a final "/". */
export function normalizeLabPath(raw: string): { path?: string; problem?: string } {
  if (raw === '') return {}
  if (raw.includes('\\')) return { problem: 'holds "\\": write folders with "/", e.g. TP1/api' }
  if (path.posix.isAbsolute(raw)) return { problem: 'is absolute: give a folder inside the repository, e.g. TP1' }
  const normalized = path.posix.normalize(raw).replace(/\/+$/, '')
  if (normalized === '..' || normalized.startsWith('../')) return { problem: 'leaves the repository ("..")' }
  return normalized === '.' ? {} : { path: normalized }
}

/**
 * Parses a roster: a CSV file whose header names its columns (`student` and `source` required; `ref`, `path` and the
 * identifier columns optional, see ROSTER_COLUMNS); source is a git URL or a folder (relative to the roster); ref, for
 * git sources only, is a branch, tag or commit (defaultRef, then the default branch, when empty).
 */
export function parseRoster(text: string, rosterFile: string, defaultRef?: string): Submission[] {
  let records: { info: { lines: number }; record: Record<string, string> }[]
  try {
    // A row may stop early: the identifier columns it leaves out are empty.
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, comment: '#', bom: true, info: true, relax_column_count_less: true })
  } catch (error) {
    throw new UsageError(`The roster ${rosterFile} is not valid CSV: ${(error as Error).message}. Fix the file, then run again.`)
  }
  const header = Object.keys(records[0]?.record ?? {})
  const unknown = header.filter((c) => !ROSTER_COLUMNS.includes(c))
  if (records.length > 0 && (unknown.length > 0 || !header.includes('student') || !header.includes('source')))
    throw new UsageError(`The roster ${rosterFile} has the columns ${JSON.stringify(header)}: its first line must name "student" and "source", and may add ${ROSTER_COLUMNS.slice(2).join(', ')}.`)
  return records.map(({ info, record }) => rosterRow(record, `${rosterFile} line ${info.lines}`, path.dirname(rosterFile), defaultRef))
}

function rosterRow(record: Record<string, string>, where: string, rosterDir: string, defaultRef: string | undefined): Submission {
  const student = record.student ?? ''
  const source = record.source ?? ''
  const ref = record.ref ?? ''
  const problem = studentIdProblem(student)
  if (problem) throw new UsageError(`${where}: the student id ${JSON.stringify(student)} ${problem}. Give each student a plain id, e.g. "alice".`)
  if (source === '') throw new UsageError(`${where}: student ${student} has no source. Give a git URL or a folder.`)
  const labPath = normalizeLabPath(record.path ?? '')
  if (labPath.problem) throw new UsageError(`${where}: the path ${JSON.stringify(record.path)} of student ${student} ${labPath.problem}.`)
  const identity = rosterIdentity(record, where, student)
  const extra = { ...(labPath.path ? { path: labPath.path } : {}), ...(identity ? { identity } : {}), ...(record.deadline ? { deadline: record.deadline } : {}) }
  if (isGitSource(source)) {
    const chosenRef = ref || defaultRef
    return { student, source: { kind: 'git', url: source, ...(chosenRef ? { ref: chosenRef } : {}), ...(ref ? { pinned: true as const } : {}) }, ...extra }
  }
  if (ref) throw new UsageError(`${where}: student ${student} has the ref ${JSON.stringify(ref)} but the source ${JSON.stringify(source)} is a folder, not a git URL. Leave ref empty for folders.`)
  return { student, source: { kind: 'folder', path: path.resolve(rosterDir, source) }, ...extra }
}

function rosterIdentity(record: Record<string, string>, where: string, student: string): StudentIdentity | undefined {
  const identity: StudentIdentity = {}
  for (const [column, key] of Object.entries(IDENTITY_COLUMNS)) if (record[column]) identity[key] = record[column]
  if (identity.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(identity.email))
    throw new UsageError(`${where}: the email ${JSON.stringify(identity.email)} of student ${student} is not an email address.`)
  if (identity.canvasId !== undefined && !/^\d+$/.test(identity.canvasId))
    throw new UsageError(`${where}: the canvas_id ${JSON.stringify(identity.canvasId)} of student ${student} is not Canvas's numeric user id (the "ID" column of a Canvas gradebook export).`)
  return Object.keys(identity).length ? identity : undefined
}
