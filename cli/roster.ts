import { parse } from 'csv-parse/sync'
import path from 'node:path'
import { UsageError } from './usage-error.js'

/** Where a student's submission comes from: a folder on this machine, or a git repository at a branch, tag or commit. */
export type SubmissionSource = { kind: 'folder'; path: string } | { kind: 'git'; url: string; ref?: string }

export interface Submission {
  student: string
  source: SubmissionSource
}

const ROSTER_COLUMNS = ['student', 'source', 'ref']

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

/**
 * Parses a roster: a CSV file with a header `student,source[,ref]`; source is a git URL or a folder (relative to
 * the roster); ref, for git sources only, is a branch, tag or commit (defaultRef, then the default branch, when empty).
 */
export function parseRoster(text: string, rosterFile: string, defaultRef?: string): Submission[] {
  let records: { info: { lines: number }; record: Record<string, string> }[]
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, comment: '#', bom: true, info: true })
  } catch (error) {
    throw new UsageError(`The roster ${rosterFile} is not valid CSV: ${(error as Error).message}. Fix the file, then run again.`)
  }
  const header = Object.keys(records[0]?.record ?? {})
  const unknown = header.filter((c) => !ROSTER_COLUMNS.includes(c))
  if (records.length > 0 && (unknown.length > 0 || !header.includes('student') || !header.includes('source')))
    throw new UsageError(`The roster ${rosterFile} has the columns ${JSON.stringify(header)}: its first line must be "student,source" or "student,source,ref".`)
  return records.map(({ info, record }) => rosterRow(record, `${rosterFile} line ${info.lines}`, path.dirname(rosterFile), defaultRef))
}

function rosterRow(record: Record<string, string>, where: string, rosterDir: string, defaultRef: string | undefined): Submission {
  const student = record.student ?? ''
  const source = record.source ?? ''
  const ref = record.ref ?? ''
  const problem = studentIdProblem(student)
  if (problem) throw new UsageError(`${where}: the student id ${JSON.stringify(student)} ${problem}. Give each student a plain id, e.g. "alice".`)
  if (source === '') throw new UsageError(`${where}: student ${student} has no source. Give a git URL or a folder.`)
  if (isGitSource(source)) {
    const chosenRef = ref || defaultRef
    return { student, source: { kind: 'git', url: source, ...(chosenRef ? { ref: chosenRef } : {}) } }
  }
  if (ref) throw new UsageError(`${where}: student ${student} has the ref ${JSON.stringify(ref)} but the source ${JSON.stringify(source)} is a folder, not a git URL. Leave ref empty for folders.`)
  return { student, source: { kind: 'folder', path: path.resolve(rosterDir, source) } }
}
