import { parse } from 'csv-parse/sync'
import path from 'node:path'
import { fieldOf, fieldValue, mapColumns, STUDENT_ID_FIELDS, type ColumnMap, type RosterField } from './roster-columns.js'
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

export interface RosterOptions {
  /** The ref of git rows that give none (else each repository's default branch). */
  defaultRef?: string
  /** The repository URL of rows that give none, from their columns: https://github.com/org/tp1-{github}. */
  repoTemplate?: string
}

export interface Roster {
  submissions: Submission[]
  /** The columns read from another name than this tool's (an export's "Email address"), as `"header" → field`. */
  recognised: string[]
  /** The columns not used (an export's grades, roles, groups…): ignored, named once. */
  ignored: string[]
}

const OWN_COLUMNS = 'student, source, ref, path, name, email, sis_id, sis_login_id, canvas_id, section, github, deadline'

/**
 * Parses a roster: a CSV file whose header names its columns, written for this tool (`student`, `source`, and
 * optionally `ref`, `path`, the identifiers) or exported by Moodle, Canvas, GitHub Classroom or Classroom 50 (their
 * headers are recognised, see roster-columns.ts; other columns are ignored). source is a git URL or a folder (relative
 * to the roster), or built by `repoTemplate`; ref, for git sources only, is a branch, tag or commit.
 */
export function parseRoster(text: string, rosterFile: string, options: RosterOptions = {}): Roster {
  let records: { info: { lines: number }; record: Record<string, string> }[]
  try {
    // A row may stop early: the identifier columns it leaves out are empty.
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, comment: '#', bom: true, info: true, relax_column_count_less: true })
  } catch (error) {
    throw new UsageError(`The roster ${rosterFile} is not valid CSV: ${(error as Error).message}. Fix the file, then run again.`)
  }
  const header = Object.keys(records[0]?.record ?? {})
  const map = mapColumns(header)
  const recognised = Object.entries(map.fields).flatMap(([field, columns]) => columns.filter((c) => fieldOf(c)!.from !== 'tp1-grade-class').map((c) => `"${c}" → ${field}`))
  if (records.length === 0) return { submissions: [], recognised, ignored: map.ignored }
  if (!STUDENT_ID_FIELDS.some((f) => map.fields[f]))
    throw new UsageError(`The roster ${rosterFile} has no column that names the student (its columns: ${JSON.stringify(header)}). Add a column "student", or use an export with a username, login, SIS id or email column.`)
  const template = options.repoTemplate === undefined ? undefined : parseRepoTemplate(options.repoTemplate, map)
  if (!map.fields.source && !template)
    throw new UsageError(`The roster ${rosterFile} has no column "source" (nor GitHub Classroom's "student_repository_url"): add it (a git URL or a folder per student), or build the URLs with --repo-template, e.g. --repo-template 'https://github.com/org/tp1-{github}'.`)
  // Canvas's export carries the maximum points in a second row, under the students' names.
  const rows = records.filter(({ record }) => fieldValue(map, record, 'name') !== 'Points Possible')
  return {
    submissions: rows.map(({ info, record }) => rosterRow(record, map, `${rosterFile} line ${info.lines}`, path.dirname(rosterFile), options.defaultRef, template)),
    recognised,
    ignored: map.ignored,
  }
}

type Template = (record: Record<string, string>, map: ColumnMap) => { url?: string; missing?: string }

/** {field} or {exact header} placeholders, each filled (URL-encoded) from the row; refused at once when it names no column. */
export function parseRepoTemplate(template: string, map: ColumnMap): Template {
  const names = [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!)
  if (names.length === 0) throw new UsageError(`--repo-template ${JSON.stringify(template)} names no column: write one in braces, e.g. https://github.com/org/tp1-{github}.`)
  // A header of the file as written, else a field under any of its names ({github} reads github_username or username).
  const column = (name: string): ((record: Record<string, string>) => string) | undefined => {
    const exact = [...Object.values(map.fields).flat(), ...map.ignored].find((h) => h === name)
    if (exact !== undefined) return (record) => record[exact] ?? ''
    const field = fieldOf(name)?.field
    return field && map.fields[field] ? (record) => fieldValue(map, record, field) : undefined
  }
  const readers = new Map(names.map((name) => [name, column(name)]))
  const unknown = names.filter((n) => !readers.get(n))
  if (unknown.length) throw new UsageError(`--repo-template names ${unknown.map((n) => `{${n}}`).join(', ')}, which is no column of the roster: use a column's header or one of ${OWN_COLUMNS}.`)
  if (!isGitSource(template.replace(/\{[^{}]+\}/g, 'x'))) throw new UsageError(`--repo-template ${JSON.stringify(template)} does not make a git URL: start it with https://, ssh:// or git@host:, e.g. https://github.com/org/tp1-{github}.`)
  return (record) => {
    const missing = names.find((n) => !readers.get(n)!(record))
    if (missing) return { missing }
    return { url: template.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(readers.get(name)!(record))) }
  }
}

function rosterRow(record: Record<string, string>, map: ColumnMap, where: string, rosterDir: string, defaultRef: string | undefined, template: Template | undefined): Submission {
  const value = (field: RosterField) => fieldValue(map, record, field)
  const idField = STUDENT_ID_FIELDS.find((f) => value(f))
  const student = idField ? value(idField) : ''
  const ref = value('ref')
  const problem = studentIdProblem(student)
  if (problem) throw new UsageError(`${where}: the student id ${JSON.stringify(student)}${idField && idField !== 'student' ? ` (its ${idField})` : ''} ${problem}. Give each student a plain id, e.g. "alice".`)
  let source = value('source')
  if (!source && template) {
    const built = template(record, map)
    if (built.missing) throw new UsageError(`${where}: student ${student} has no source and no ${built.missing} for --repo-template. Fill the cell, or give the row a source.`)
    source = built.url!
  }
  if (source === '') throw new UsageError(`${where}: student ${student} has no source. Give a git URL or a folder.`)
  const labPath = normalizeLabPath(value('path'))
  if (labPath.problem) throw new UsageError(`${where}: the path ${JSON.stringify(value('path'))} of student ${student} ${labPath.problem}.`)
  const identity = rosterIdentity(value, where, student)
  const extra = { ...(labPath.path ? { path: labPath.path } : {}), ...(identity ? { identity } : {}), ...(value('deadline') ? { deadline: value('deadline') } : {}) }
  if (isGitSource(source)) {
    const chosenRef = ref || defaultRef
    return { student, source: { kind: 'git', url: source, ...(chosenRef ? { ref: chosenRef } : {}), ...(ref ? { pinned: true as const } : {}) }, ...extra }
  }
  if (ref) throw new UsageError(`${where}: student ${student} has the ref ${JSON.stringify(ref)} but the source ${JSON.stringify(source)} is a folder, not a git URL. Leave ref empty for folders.`)
  return { student, source: { kind: 'folder', path: path.resolve(rosterDir, source) }, ...extra }
}

function rosterIdentity(value: (field: RosterField) => string, where: string, student: string): StudentIdentity | undefined {
  const name = value('name') || [value('firstName'), value('lastName')].filter(Boolean).join(' ')
  const identity: StudentIdentity = {}
  if (name) identity.name = name
  for (const key of ['email', 'sisId', 'sisLoginId', 'canvasId', 'section'] as const) if (value(key)) identity[key] = value(key)
  if (identity.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(identity.email))
    throw new UsageError(`${where}: the email ${JSON.stringify(identity.email)} of student ${student} is not an email address.`)
  if (identity.canvasId !== undefined && !/^\d+$/.test(identity.canvasId))
    throw new UsageError(`${where}: the canvas_id ${JSON.stringify(identity.canvasId)} of student ${student} is not Canvas's numeric user id (the "ID" column of a Canvas gradebook export).`)
  return Object.keys(identity).length ? identity : undefined
}
