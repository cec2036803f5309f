import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { graderDigest, holdsGrader } from '../../reporters/grader-digest.js'
import { commitDate, parseDeadline, type CommitFacts, type Deadline } from './deadline.js'
import { handInCommit, type HandIn, type HandInRule } from './hand-in.js'
import { cutoffFor, type LatePolicy } from './late-policy.js'
import { parseRoster, studentIdProblem, type RosterOptions, type Submission } from './roster.js'
import { UsageError } from './usage-error.js'

const run = promisify(execFile)

/** A submission ready to grade: a folder on this machine, and what identifies the version graded. */
export interface PreparedSubmission {
  kind: 'ready'
  student: string
  dir: string
  /** The git commit graded, when the submission is a git repository, and its committer date. */
  commit?: string
  commitDate?: string
  /** The student's deadline (the roster's, else --deadline) when it chose the commit; absent when a roster ref, or nothing, chose it. */
  deadline?: string
  /** Which rule chose the commit, and how late it is; absent when a roster ref or the ref's head was graded. */
  handIn?: HandInFacts
  /** What resuming compares: the commit for git sources, a digest of the files for folders. */
  revision: string
  /** The student's copy of this repository carries grader files that differ from the instructor's. */
  graderModified?: boolean
}

/** A git source with no commit at or before the deadline: nothing to grade, and not the grader's failure either. */
export interface MissedDeadline {
  kind: 'missed-deadline'
  student: string
  deadline: string
  /** The newest commit, after the deadline; absent for a repository without commits. */
  latest?: CommitFacts
  /** The late cut-off, when late work was accepted after the deadline. */
  cutoff?: string
  /** A hand-in tag was found, but after the cut-off. */
  lateTag?: { tag: string; date: string }
}

/** How the batch chooses each git source's commit: the class's deadline, the late policy, the hand-in tag. */
export interface HandInOptions {
  deadline?: Deadline
  late?: LatePolicy
  tagPattern?: string
}

/** What the gradebook says of the commit chosen: the rule, the tag, how late, the penalty (percent of the maximum score). */
export interface HandInFacts {
  /** roster-ref: the roster's ref for this student, which wins over every other rule. */
  rule: HandInRule | 'roster-ref'
  tag?: string
  /** Seconds after the student's deadline, when after it. */
  lateSeconds?: number
  withinGrace?: true
  penaltyPercent?: number
  /** A hand-in tag matched, but after the cut-off: the deadline rule chose instead. */
  lateTag?: { tag: string; date: string }
  /** The student's deadline is the roster's (an extension), not --deadline. */
  extension?: true
}

const INSTRUCTOR_ROOT = path.resolve(new URL('../..', import.meta.url).pathname)

/**
 * A student's repository made from this one holds the grader and `student-submission/`: that folder is what is
 * graded (always with the instructor's grader), and its grader files are compared with the instructor's. A roster
 * `path` names the folder to grade instead; the grader files are still compared.
 */
export function locateSubmission(root: string, labPath?: string): { dir: string; graderModified?: boolean } {
  const inner = path.join(root, labPath ?? 'student-submission')
  const isFolder = existsSync(inner) && statSync(inner).isDirectory()
  if (labPath && !isFolder) throw new Error(`the roster path "${labPath}" is not a folder of the submission`)
  if (!isFolder) return { dir: root }
  const hasGrader = holdsGrader(root)
  return { dir: inner, ...(hasGrader ? { graderModified: graderDigest(root) !== graderDigest(INSTRUCTOR_ROOT) } : {}) }
}

/** Each folder inside `dir` (not hidden) is one student's submission, named after the folder. */
export function discoverSubmissions(dir: string): Submission[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`--submissions ${dir} is not a folder. Give the folder that holds one folder per student.`)
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => ({ student: d.name, source: { kind: 'folder' as const, path: path.resolve(dir, d.name) } }))
}

/** The class: the folders of `submissionsDir` and the rows of `rosterFile`, each student once. */
export function collectClass(options: { submissionsDir?: string; rosterFile?: string } & RosterOptions): Submission[] {
  const { submissionsDir, rosterFile } = options
  if (!submissionsDir && !rosterFile) throw new UsageError('No submissions given. Use --submissions <folder of student folders> and/or --roster <file.csv>.')
  const all = [...(submissionsDir ? discoverSubmissions(submissionsDir) : []), ...(rosterFile ? readRoster(rosterFile, options) : [])]
  const seen = new Set<string>()
  for (const { student, source } of all) {
    const problem = studentIdProblem(student)
    if (problem) throw new UsageError(`The student id ${JSON.stringify(student)} ${problem}. Rename the folder.`)
    if (seen.has(student)) throw new UsageError(`Student ${student} appears twice in the class. Each student id must be unique across --submissions and --roster.`)
    seen.add(student)
    if (source.kind === 'folder' && !(existsSync(source.path) && statSync(source.path).isDirectory()))
      throw new UsageError(`The submission of ${student}, ${source.path}, is not a folder. Fix the roster row or create the folder.`)
  }
  for (const s of all) if (s.deadline !== undefined) studentDeadline(s)
  return all
}

/** An export's columns are named once: those read under another name, and those ignored. */
function readRoster(file: string, options: RosterOptions): Submission[] {
  if (!existsSync(file)) throw new UsageError(`--roster ${file} does not exist. Give a CSV file with the columns student,source[,ref].`)
  const roster = parseRoster(readFileSync(file, 'utf8'), path.resolve(file), { ...(options.defaultRef ? { defaultRef: options.defaultRef } : {}), ...(options.repoTemplate ? { repoTemplate: options.repoTemplate } : {}) })
  if (roster.recognised.length) process.stderr.write(`Roster ${file}: read ${roster.recognised.join(', ')}.\n`)
  if (roster.ignored.length) process.stderr.write(`Roster ${file}: ignored the column${roster.ignored.length === 1 ? '' : 's'} ${roster.ignored.map((c) => JSON.stringify(c)).join(', ')} (not used by tp1-grade-class).\n`)
  return roster.submissions
}

/** The roster's deadline of a student (an extension): a git source's, with its UTC offset. */
export function studentDeadline(submission: Submission): Deadline | undefined {
  if (submission.deadline === undefined) return undefined
  const where = `The roster's deadline of ${submission.student}, ${JSON.stringify(submission.deadline)},`
  if (submission.source.kind !== 'git') throw new UsageError(`${where} is for a folder, which is graded as it is: a deadline applies to git repositories. Leave it empty.`)
  try {
    return parseDeadline(submission.deadline)
  } catch {
    throw new UsageError(`${where} is not a date and time with its UTC offset: write e.g. 2026-12-12T23:59+01:00.`)
  }
}

const NO_DEADLINE: Deadline = { text: '', epochSeconds: Number.POSITIVE_INFINITY }

/**
 * The commit a git source is graded at: none (its ref's head) for a roster ref, which wins, or with no deadline and no
 * hand-in tag; else the hand-in rule (hand-in.ts) under the student's deadline (the roster's, else the class's).
 */
async function chooseCommit(repo: string, submission: Submission, options: HandInOptions): Promise<{ handIn: HandIn; deadline?: Deadline } | undefined> {
  if (submission.source.kind !== 'git' || submission.source.pinned) return undefined
  const deadline = studentDeadline(submission) ?? options.deadline
  if (deadline) return { handIn: await handInCommit(repo, { deadline, ...(options.late ? { late: options.late } : {}), ...(options.tagPattern ? { tagPattern: options.tagPattern } : {}) }), deadline }
  if (!options.tagPattern) return undefined
  // No deadline: the newest hand-in tag, if any; else the ref's head.
  const handIn = await handInCommit(repo, { deadline: NO_DEADLINE, tagPattern: options.tagPattern })
  return handIn.kind === 'found' && handIn.rule === 'tag' ? { handIn } : undefined
}

function handInFacts(handIn: Extract<HandIn, { kind: 'found' }>, submission: Submission): HandInFacts {
  const { lateness } = handIn
  const late = lateness.lateSeconds > 0
  return {
    rule: handIn.rule,
    ...(handIn.tag ? { tag: handIn.tag } : {}),
    ...(late ? { lateSeconds: lateness.lateSeconds } : {}),
    ...(late && lateness.withinGrace ? { withinGrace: true as const } : {}),
    ...(lateness.penaltyPercent > 0 ? { penaltyPercent: lateness.penaltyPercent } : {}),
    ...(handIn.lateTag?.tag ? { lateTag: { tag: handIn.lateTag.tag, date: handIn.lateTag.date } } : {}),
    ...(submission.deadline !== undefined ? { extension: true as const } : {}),
  }
}

/** The cut-off as an instant, in UTC, when late work is accepted after the deadline. */
function cutoffText(deadline: Deadline, late: LatePolicy | undefined): string | undefined {
  const cutoff = cutoffFor(deadline, late)
  if (cutoff === deadline.epochSeconds) return undefined
  return late?.cutoff?.kind === 'date' && cutoff === late.cutoff.epochSeconds ? late.cutoff.text : `${new Date(cutoff * 1000).toISOString().slice(0, 16)}Z`
}

/**
 * Folders are graded where they are; git sources are cloned into `cloneRoot/<student>` at their ref, then checked out
 * at the commit the hand-in rule chooses (a roster ref wins). A roster path is appended to what is graded.
 */
export async function prepareSubmission(
  submission: Submission, cloneRoot: string, timeoutMs: number,
  options: HandInOptions & { /** The instructor's environment, for git (its credentials, proxies, PATH). */ environment: Readonly<NodeJS.ProcessEnv> },
): Promise<PreparedSubmission | MissedDeadline> {
  const { student, source } = submission
  const at = submission.path ? `:${submission.path}` : ''
  if (source.kind === 'folder') {
    // Only a repository's own top folder: a folder inside another repository is not versioned by the student.
    const commit = existsSync(path.join(source.path, '.git')) ? await headCommit(source.path).catch(() => undefined) : undefined
    return { kind: 'ready', student, ...locateSubmission(source.path, submission.path), ...(commit ? { commit } : {}), revision: `files:${folderDigest(source.path)}${at}` }
  }
  const dir = path.join(cloneRoot, student)
  const cloning = path.join(cloneRoot, `.${student}.cloning-${process.pid}`)
  mkdirSync(cloneRoot, { recursive: true })
  rmSync(cloning, { recursive: true, force: true })
  // No password prompt can hang a batch: a private repository without credentials fails at once.
  const gitOptions = { timeout: timeoutMs, env: { ...options.environment, GIT_TERMINAL_PROMPT: '0' } }
  try {
    await git(`git clone ${source.url}`, ['clone', '--quiet', '--', source.url, cloning], gitOptions)
    if (source.ref) await checkout(cloning, source.ref, gitOptions)
    const chosen = await chooseCommit(cloning, submission, options)
    if (chosen?.handIn.kind === 'none') {
      const { handIn, deadline } = chosen
      const cutoff = deadline ? cutoffText(deadline, options.late) : undefined
      return {
        kind: 'missed-deadline',
        student,
        deadline: deadline?.text ?? '',
        ...(handIn.latest ? { latest: handIn.latest } : {}),
        ...(cutoff ? { cutoff } : {}),
        ...(handIn.lateTag?.tag ? { lateTag: { tag: handIn.lateTag.tag, date: handIn.lateTag.date } } : {}),
      }
    }
    if (chosen) await checkout(cloning, chosen.handIn.commit, gitOptions)
    const commit = await headCommit(cloning)
    const date = await commitDate(cloning, commit)
    rmSync(dir, { recursive: true, force: true })
    renameSync(cloning, dir)
    const found = chosen?.handIn.kind === 'found'
      ? { handIn: handInFacts(chosen.handIn, submission), ...(chosen.deadline ? { deadline: chosen.deadline.text } : {}) }
      : source.pinned ? { handIn: { rule: 'roster-ref' as const } } : {}
    return { kind: 'ready', student, ...locateSubmission(dir, submission.path), commit, commitDate: date, ...found, revision: `${commit}${at}` }
  } finally {
    rmSync(cloning, { recursive: true, force: true })
  }
}

function checkout(repo: string, ref: string, options: { timeout: number; env: NodeJS.ProcessEnv }): Promise<void> {
  return git(`git checkout ${ref}`, ['-C', repo, '-c', 'advice.detachedHead=false', 'checkout', '--quiet', ref, '--'], options)
}

async function git(what: string, args: string[], options: { timeout: number; env: NodeJS.ProcessEnv }): Promise<void> {
  try {
    await run('git', args, options)
  } catch (error) {
    const e = error as { stderr?: string; killed?: boolean; message: string }
    const lines = (e.stderr || e.message).split('\n').map((l) => l.trim()).filter(Boolean)
    const why = e.killed ? `timed out after ${options.timeout / 1000} s` : (lines.filter((l) => /^(fatal|error):/.test(l)).join(' ') || lines.slice(-2).join(' '))
    throw new Error(`${what} failed: ${why}`)
  }
}

async function headCommit(dir: string): Promise<string> {
  const { stdout } = await run('git', ['-C', dir, 'rev-parse', 'HEAD'])
  return stdout.trim()
}

/** sha256 over the folder's files (paths and contents, sorted; links by target), .git excluded. */
export function folderDigest(dir: string): string {
  const hash = createHash('sha256')
  const visit = (relative: string) => {
    const full = path.join(dir, relative)
    const stat = relative === '' ? statSync(full) : lstatSync(full)
    if (stat.isSymbolicLink()) hash.update(`${relative}\0->${readlinkSync(full)}\0`)
    else if (stat.isDirectory()) {
      for (const name of readdirSync(full).sort()) if (name !== '.git') visit(path.posix.join(relative, name))
    } else if (stat.isFile()) hash.update(`${relative}\0`).update(readFileSync(full)).update('\0')
  }
  visit('')
  return hash.digest('hex')
}
