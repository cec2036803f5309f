/**
 * What a roster column holds. The roster written for this tool names its columns with these keys (`student`, `source`,
 * `email`…); an export of the school's platforms names them its own way (HEADERS below).
 */
export type RosterField =
  | 'student' | 'source' | 'ref' | 'path'
  /** A student's own deadline (an extension; issue 26 part A reads it). */
  | 'deadline'
  | 'name' | 'firstName' | 'lastName' | 'email' | 'sisId' | 'sisLoginId' | 'canvasId' | 'section'
  /** A GitHub username: a student id, and what a --repo-template usually builds the URL from. */
  | 'github'
  /** A platform's login (Moodle's "Username"): a student id when nothing better is there. */
  | 'login'
  /** GitHub Classroom's roster identifier (often the student's email or name). */
  | 'rosterIdentifier'

interface KnownHeader {
  header: string
  field: RosterField
  from: 'tp1-grade-class' | 'Moodle' | 'Canvas' | 'GitHub Classroom' | 'Classroom 50'
}

/**
 * The headers recognised, as the platforms' documented exports spell them (docs/grading-a-class.md, Rosters):
 * Moodle's gradebook export and participants download, Canvas's gradebook export, GitHub Classroom's roster and
 * assignment download, Classroom 50's roster. Matched exactly first, then ignoring case, spaces and underscores.
 */
export const HEADERS: readonly KnownHeader[] = [
  ...(['student', 'source', 'ref', 'path', 'name', 'email', 'section', 'github', 'deadline'] as const).map((h) => ({ header: h, field: h, from: 'tp1-grade-class' as const })),
  { header: 'sis_id', field: 'sisId', from: 'tp1-grade-class' },
  { header: 'sis_login_id', field: 'sisLoginId', from: 'tp1-grade-class' },
  { header: 'canvas_id', field: 'canvasId', from: 'tp1-grade-class' },
  { header: 'First name', field: 'firstName', from: 'Moodle' },
  { header: 'Surname', field: 'lastName', from: 'Moodle' },
  { header: 'Last name', field: 'lastName', from: 'Moodle' },
  { header: 'ID number', field: 'sisId', from: 'Moodle' },
  { header: 'Email address', field: 'email', from: 'Moodle' },
  { header: 'Username', field: 'login', from: 'Moodle' },
  { header: 'Full name', field: 'name', from: 'Moodle' },
  { header: 'Student', field: 'name', from: 'Canvas' },
  { header: 'ID', field: 'canvasId', from: 'Canvas' },
  { header: 'SIS User ID', field: 'sisId', from: 'Canvas' },
  { header: 'SIS Login ID', field: 'sisLoginId', from: 'Canvas' },
  { header: 'Section', field: 'section', from: 'Canvas' },
  { header: 'github_username', field: 'github', from: 'GitHub Classroom' },
  { header: 'identifier', field: 'rosterIdentifier', from: 'GitHub Classroom' },
  { header: 'roster_identifier', field: 'rosterIdentifier', from: 'GitHub Classroom' },
  { header: 'student_repository_url', field: 'source', from: 'GitHub Classroom' },
  { header: 'username', field: 'github', from: 'Classroom 50' },
  { header: 'first_name', field: 'firstName', from: 'Classroom 50' },
  { header: 'last_name', field: 'lastName', from: 'Classroom 50' },
]

/** The fields a student id is taken from, in this order, when the roster has no `student` column. */
// A Classroom identifier comes late: it may be anything the instructor typed (a name, "Participant 12" in Moodle's worksheet).
export const STUDENT_ID_FIELDS: readonly RosterField[] = ['student', 'github', 'login', 'sisLoginId', 'sisId', 'email', 'rosterIdentifier', 'canvasId']

const loose = (header: string) => header.trim().toLowerCase().replace(/[\s_]+/g, ' ')

/** The field a header holds, or undefined for a column this tool does not use. */
export function fieldOf(header: string): KnownHeader | undefined {
  const trimmed = header.trim()
  return HEADERS.find((h) => h.header === trimmed) ?? HEADERS.find((h) => loose(h.header) === loose(trimmed))
}

export interface ColumnMap {
  /** Each field and the headers that hold it, in the file's order (the first non-empty cell wins). */
  fields: Partial<Record<RosterField, string[]>>
  /** The columns no field is read from, named once to the instructor. */
  ignored: string[]
}

export function mapColumns(header: readonly string[]): ColumnMap {
  const fields: ColumnMap['fields'] = {}
  const ignored: string[] = []
  for (const column of header) {
    const known = fieldOf(column)
    if (known) (fields[known.field] ??= []).push(column)
    else ignored.push(column)
  }
  return { fields, ignored }
}

/** The value of a field in a row: its first non-empty column. */
export function fieldValue(map: ColumnMap, record: Record<string, string>, field: RosterField): string {
  for (const column of map.fields[field] ?? []) if (record[column]) return record[column]
  return ''
}
