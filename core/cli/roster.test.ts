import { describe, expect, it } from 'vitest'
import { isGitSource, parseRoster as parseRosterFile, studentIdProblem, type RosterOptions } from './roster.js'
import { UsageError } from './usage-error.js'

const roster = '/class/roster.csv'
const parseRoster = (text: string, file: string, defaultRef?: string, options: RosterOptions = {}) => parseRosterFile(text, file, { ...(defaultRef ? { defaultRef } : {}), ...options }).submissions

describe('parseRoster', () => {
  it('reads git URLs with their ref and folders relative to the roster', () => {
    const text = 'student,source,ref\nalice,https://github.com/alice/tp1.git,main\nbob,submissions/bob,\n# a comment\ncarol,git@github.com:carol/tp1,3f2a1b\n'
    expect(parseRoster(text, roster)).toEqual([
      { student: 'alice', source: { kind: 'git', url: 'https://github.com/alice/tp1.git', ref: 'main', pinned: true } },
      { student: 'bob', source: { kind: 'folder', path: '/class/submissions/bob' } },
      { student: 'carol', source: { kind: 'git', url: 'git@github.com:carol/tp1', ref: '3f2a1b', pinned: true } },
    ])
  })

  it('gives git rows without a ref the default ref, and accepts a roster without the ref column', () => {
    expect(parseRoster('student,source\ndave,file:///srv/dave\n', roster, 'v1')).toEqual([
      { student: 'dave', source: { kind: 'git', url: 'file:///srv/dave', ref: 'v1' } },
    ])
  })

  it("pins only the roster's own ref (it wins over --deadline), not --ref", () => {
    const [eve, fay] = parseRoster('student,source,ref\neve,file:///srv/eve,v2\nfay,file:///srv/fay,\n', roster, 'main')
    expect(eve!.source).toEqual({ kind: 'git', url: 'file:///srv/eve', ref: 'v2', pinned: true })
    expect(fay!.source).toEqual({ kind: 'git', url: 'file:///srv/fay', ref: 'main' })
  })

  it('reads the lab path and the identifiers the LMS files need', () => {
    const text = 'student,source,path,name,email,sis_id,sis_login_id,canvas_id,section\n' +
      'alice,file:///srv/alice,TP1/,"Martin, Alice",alice@univ.fr,21004567,amartin,4242,Groupe A\nbob,submissions/bob,./,,,,,,\n'
    const [alice, bob] = parseRoster(text, roster)
    expect(alice).toEqual({
      student: 'alice', source: { kind: 'git', url: 'file:///srv/alice' }, path: 'TP1',
      identity: { name: 'Martin, Alice', email: 'alice@univ.fr', sisId: '21004567', sisLoginId: 'amartin', canvasId: '4242', section: 'Groupe A' },
    })
    expect(bob).toEqual({ student: 'bob', source: { kind: 'folder', path: '/class/submissions/bob' } })
  })

  it("reads a student's own deadline (an extension), as written", () => {
    expect(parseRoster('student,source,deadline\nbob,file:///srv/bob,2026-12-12T23:59+01:00\n', roster)).toEqual([{ student: 'bob', source: { kind: 'git', url: 'file:///srv/bob' }, deadline: '2026-12-12T23:59+01:00' }])
  })

  it('reads a row that stops before the last columns as having them empty', () => {
    expect(parseRoster('student,source,ref,path,email\nbob,file:///srv/bob\n', roster)).toEqual([{ student: 'bob', source: { kind: 'git', url: 'file:///srv/bob' } }])
  })

  it('refuses a path that leaves the submission, a malformed email and a non-numeric Canvas id', () => {
    for (const bad of ['../other', '/etc', 'TP1\\api', 'a/../../b']) expect(() => parseRoster(`student,source,path\nbob,x.git,${bad}\n`, roster), bad).toThrow(/the path .* of student bob/)
    expect(() => parseRoster('student,source,email\nbob,x.git,bob-at-univ\n', roster)).toThrow(/is not an email address/)
    expect(() => parseRoster('student,source,canvas_id\nbob,x.git,u42\n', roster)).toThrow(/numeric user id/)
  })

  it('names the line and the value of a bad row', () => {
    expect(() => parseRoster('student,source\n../eve,x\n', roster)).toThrow(/line 2: the student id "\.\.\/eve"/)
    expect(() => parseRoster('student,source,ref\nbob,submissions/bob,main\n', roster)).toThrow(/is a folder, not a git URL/)
    expect(() => parseRoster('student,source\nbob,\n', roster)).toThrow(/bob has no source/)
  })

  it('refuses a roster with no column that names the student, or no source and no template', () => {
    expect(() => parseRoster('url,grade\nhttps://x/y.git,12\n', roster)).toThrow(/no column that names the student/)
    expect(() => parseRoster('student,url\nalice,x\n', roster)).toThrow(/no column "source".*--repo-template/)
    expect(() => parseRoster('student,source\nalice,"x\n', roster)).toThrow(/not valid CSV/)
  })
})

describe('student ids and sources', () => {
  it('a student id is one visible path segment', () => {
    expect(studentIdProblem('jean-dupont_2')).toBeUndefined()
    expect(studentIdProblem('Jean Dupont')).toBeUndefined()
    for (const bad of ['', '.hidden', 'a/b', 'a\\b', 'tab\there']) expect(studentIdProblem(bad), bad).toBeDefined()
  })

  it('tells git sources from folders', () => {
    for (const git of ['https://x/y', 'ssh://git@x/y', 'file:///tmp/r', 'git@github.com:a/b', 'repos/alice.git']) expect(isGitSource(git), git).toBe(true)
    for (const folder of ['alice', './submissions/alice', '/home/t/alice']) expect(isGitSource(folder), folder).toBe(false)
  })
})

describe('rosters as the platforms export them', () => {
  it('ignores the columns it does not use, and names them once', () => {
    const parsed = parseRosterFile('student,source,mail,Groups\nalice,x.git,a@b,G1\nbob,y.git,b@c,G2\n', roster)
    expect(parsed.submissions.map((s) => s.student)).toEqual(['alice', 'bob'])
    expect(parsed.ignored).toEqual(['mail', 'Groups'])
    expect(parsed.recognised).toEqual([])
  })

  it("reads Moodle's export (gradebook export header) with a repository template from the username", () => {
    const text = '"First name",Surname,"ID number",Institution,Department,"Email address",Username,"Assignment: TP1","Course total","Last downloaded from this course"\n' +
      'Alice,Martin,21004567,Univ,Info,alice.martin@univ.fr,amartin,-,12.00,1765000000\n'
    const parsed = parseRosterFile(text, roster, { repoTemplate: 'https://git.univ.fr/{Username}/tp1.git' })
    expect(parsed.submissions).toEqual([{
      student: 'amartin', source: { kind: 'git', url: 'https://git.univ.fr/amartin/tp1.git' },
      identity: { name: 'Alice Martin', email: 'alice.martin@univ.fr', sisId: '21004567' },
    }])
    expect(parsed.ignored).toEqual(['Institution', 'Department', 'Assignment: TP1', 'Course total', 'Last downloaded from this course'])
    expect(parsed.recognised).toEqual(['"First name" → firstName', '"Surname" → lastName', '"ID number" → sisId', '"Email address" → email', '"Username" → login'])
  })

  it("reads Canvas's gradebook export, skipping its Points Possible row", () => {
    const text = 'Student,ID,SIS User ID,SIS Login ID,Section,TP1 (1234),Current Score\n' +
      '    Points Possible,,,,,100,\n' +
      '"Martin, Alice",4242,21004567,amartin,Groupe A,,\n'
    const parsed = parseRosterFile(text, roster, { repoTemplate: 'https://github.com/univ-tp1/tp1-{sis_login_id}' })
    expect(parsed.submissions).toEqual([{
      student: 'amartin', source: { kind: 'git', url: 'https://github.com/univ-tp1/tp1-amartin' },
      identity: { name: 'Martin, Alice', canvasId: '4242', sisId: '21004567', sisLoginId: 'amartin', section: 'Groupe A' },
    }])
    expect(parsed.ignored).toEqual(['TP1 (1234)', 'Current Score'])
  })

  it("reads GitHub Classroom's assignment download (its repository URL) and its roster (with a template)", () => {
    const download = 'assignment_name,assignment_url,starter_code_url,github_username,roster_identifier,student_repository_name,student_repository_url,submission_timestamp,points_awarded,points_available\n' +
      'tp1,https://classroom.github.com/a/x,https://github.com/org/tp1,alice-m,alice.martin@univ.fr,tp1-alice-m,https://github.com/org/tp1-alice-m,2026-12-10T22:00:00Z,0,100\n'
    expect(parseRosterFile(download, roster).submissions).toEqual([{ student: 'alice-m', source: { kind: 'git', url: 'https://github.com/org/tp1-alice-m' } }])
    const classroomRoster = 'identifier,github_username,github_id,name\nalice.martin@univ.fr,alice-m,123456,Alice Martin\ncarol@univ.fr,,,Carol\n'
    expect(() => parseRosterFile(classroomRoster, roster, { repoTemplate: 'https://github.com/org/tp1-{github}' })).toThrow(/line 3: student carol@univ.fr has no source and no github for --repo-template/)
    const [alice] = parseRosterFile(classroomRoster.split('\n').slice(0, 2).join('\n'), roster, { repoTemplate: 'https://github.com/org/tp1-{github}' }).submissions
    expect(alice).toEqual({ student: 'alice-m', source: { kind: 'git', url: 'https://github.com/org/tp1-alice-m' }, identity: { name: 'Alice Martin' } })
  })

  it("reads Classroom 50's roster", () => {
    const text = 'username,first_name,last_name,email,section,github_id,role\nbob-d,Bob,Durand,bob@univ.fr,B,654321,student\n'
    const parsed = parseRosterFile(text, roster, { repoTemplate: 'https://github.com/org/tp1-{github}', defaultRef: 'v1' })
    expect(parsed.submissions).toEqual([{ student: 'bob-d', source: { kind: 'git', url: 'https://github.com/org/tp1-bob-d', ref: 'v1' }, identity: { name: 'Bob Durand', email: 'bob@univ.fr', section: 'B' } }])
    expect(parsed.ignored).toEqual(['github_id', 'role'])
  })

  it('a source column wins over the template; the template fills the rows without one, URL-encoded', () => {
    const text = 'student,source,github\nalice,https://gitlab.com/alice/tp1.git,alice\nbob,,bob dylan\n'
    expect(parseRoster(text, roster, undefined, { repoTemplate: 'https://github.com/org/tp1-{github}' }).map((s) => s.source)).toEqual([
      { kind: 'git', url: 'https://gitlab.com/alice/tp1.git' },
      { kind: 'git', url: 'https://github.com/org/tp1-bob%20dylan' },
    ])
  })

  it('refuses a template that names no column, or that makes no git URL', () => {
    const text = 'student,github\nalice,alice\n'
    expect(() => parseRoster(text, roster, undefined, { repoTemplate: 'https://github.com/org/tp1-{gihub}' })).toThrow(/names \{gihub\}, which is no column/)
    expect(() => parseRoster(text, roster, undefined, { repoTemplate: 'https://github.com/org/tp1' })).toThrow(/names no column/)
    expect(() => parseRoster(text, roster, undefined, { repoTemplate: 'repos/{github}' })).toThrow(/does not make a git URL/)
  })
})

describe('the student id of an export without a student column', () => {
  it("prefers a username or a student number to a Classroom identifier, which may be anything (Moodle's \"Participant 12\")", () => {
    const worksheet = 'Identifier,Full name,Email address,Status,Grade\nParticipant 12,Alice Martin,alice@univ.fr,Submitted,\n'
    expect(parseRosterFile(worksheet, roster, { repoTemplate: 'https://git.univ.fr/tp1-{email}.git' }).submissions).toEqual([
      { student: 'alice@univ.fr', source: { kind: 'git', url: 'https://git.univ.fr/tp1-alice%40univ.fr.git' }, identity: { name: 'Alice Martin', email: 'alice@univ.fr' } },
    ])
  })
})
