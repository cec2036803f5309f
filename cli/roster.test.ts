import { describe, expect, it } from 'vitest'
import { isGitSource, parseRoster, studentIdProblem } from './roster.js'
import { UsageError } from './usage-error.js'

const roster = '/class/roster.csv'

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

  it('refuses a roster without the student and source columns', () => {
    expect(() => parseRoster('name,url\nalice,x\n', roster)).toThrow(UsageError)
    expect(() => parseRoster('student,source,mail\nalice,x,y\n', roster)).toThrow(/may add ref, path, name, email, sis_id/)
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
