import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { availableParallelism, totalmem } from 'node:os'
import path from 'node:path'
import pLimit from 'p-limit'
import type { Grade } from '../grading/grade.js'
import type { Rubric, Settings } from '../run/index.js'
import { loadReview } from '../../reporters/review-file.js'
import { cloneRoot, studentDir, writeClassOutputs } from './class-outputs.js'
import type { Deadline } from './deadline.js'
import { describeLatePolicy, formatDuration, type LatePolicy } from './late-policy.js'
import type { LmsOptions } from './lms-export.js'
import { decide, readManifest, rubricDigest, writeManifest, type Manifest, type ManifestEntry } from './manifest.js'
import { studentReview, withManualPoints } from './manual-points.js'
import { readReviewSheet, REVIEW_SHEET_FILE, type ReviewSheet } from './manual-points-sheet.js'
import { BatchStop } from './batch-stop.js'
import { createProgress, type Progress } from './progress.js'
import type { Submission } from './roster.js'
import { readGrade, runSubmission, writeGradeFiles, type SubmissionRun } from './run-submission.js'
import { refreshRosterFacts, selectStudents } from './selection.js'
import type { Shard } from './shard.js'
import { collectClass, prepareSubmission, type HandInFacts, type MissedDeadline, type PreparedSubmission } from './submissions.js'
import { renderStart, renderSummary, type Outcome } from './summary.js'
import { ungradedGrade } from './ungraded-grade.js'
import { visibleLine } from '../grading/inert-text.js'

export interface GradeOptions {
  submissionsDir?: string
  rosterFile?: string
  defaultRef?: string
  /** The repository URL of roster rows without a source, from their columns (roster.ts). */
  repoTemplate?: string
  outDir: string
  concurrency: number
  timeoutSeconds: number
  shard?: Shard
  force: boolean
  onlyUngraded: boolean
  /** Grade these students again, alone (a regrade request); the others' grades stay as they are. */
  only?: string[]
  /** Each git source at its last commit at or before it (a roster ref wins; the roster's deadline column is an extension). */
  deadline?: Deadline
  /** Grace, penalty and cut-off of late work (late-policy.ts); needs the deadline. */
  late?: LatePolicy
  /** The hand-in tags' pattern (`tp1`, `submit/*`): a matching tag before the cut-off is graded. */
  handInTag?: string
  /** The LMS files to write; kept in the manifest for the next runs of this folder. */
  lms?: LmsOptions
  /** The review sheet to read the instructor's points from (default: review-sheet.csv of the output folder). */
  reviewSheet?: string
}

export interface Grader {
  projectRoot: string
  rubric: Rubric
  version: string
  /** The instructor's environment, handed on to git and to each run of the grader; CI: plain progress lines. */
  settings: Pick<Settings, 'environment' | 'ci'>
}

const GiB = 1024 ** 3
/** Cloning is not grading: a tiny --timeout must not make a small repository fail to clone. */
const CLONE_TIMEOUT_MS = 5 * 60_000

/**
 * One run at a time leaves a core idle while it waits on Docker (builds, starts, stops): one per core and per 3 GiB of
 * memory keeps the machine busy. Measured by `npm run bench:class` on 2 cores (README, Performance): 2 at once grade
 * a class 1.33× faster than 1, 3 at once 1.29×, every verdict the same (the stop is judged by how the container
 * ended, not by a time load could stretch).
 */
export function defaultConcurrency(cores = availableParallelism(), memory = totalmem()): number {
  return Math.max(1, Math.min(cores, Math.floor(memory / (3 * GiB))))
}

/** Grades the selected submissions, each in its own run, and writes the gradebook and class report. Returns the exit code. */
export async function gradeClass(options: GradeOptions, grader: Grader): Promise<number> {
  const { outDir } = options
  const { rubric } = grader
  const manifest = readManifest(outDir)
  sweepPartialFolders(outDir)
  const everyone = collectClass(options)
  const selected = selectStudents(everyone, manifest, options)
  refreshRosterFacts(manifest, everyone)
  if (options.lms) manifest.lms = options.lms
  if (options.shard) manifest.shard = options.shard
  else delete manifest.shard
  const digest = rubricDigest(rubric)
  const reviewSheet = readReviewSheet(options.reviewSheet ?? path.join(outDir, REVIEW_SHEET_FILE), rubric)
  const machine = `default here: ${defaultConcurrency()}, from ${availableParallelism()} cores and ${Math.round(totalmem() / GiB)} GiB`
  const { deadline, late, ...batch } = options
  process.stdout.write(renderStart({ ...batch, ...(deadline ? { deadline: deadline.text } : {}), ...(late ? { latePolicy: describeLatePolicy(late) } : {}), count: selected.length, machine }))
  const stop = new BatchStop(outDir)
  const stopListening = stop.listen()
  const progress = createProgress(selected.length, { ci: grader.settings.ci })
  const limit = pLimit(options.concurrency)
  const startedAt = Date.now()
  const results = await Promise.all(
    selected.map((submission) =>
      limit(async () => {
        if (stop.requested) return undefined
        const outcome = await gradeOne(submission, { ...options, grader, manifest, digest, stop, progress, reviewSheet })
        if (!outcome) return undefined
        writeManifest(outDir, manifest)
        progress.finished(submission.student, outcome.line)
        return outcome
      }),
    ),
  )
  progress.stop()
  stopListening()
  const outcomes = results.filter((o) => o !== undefined)
  writeManifest(outDir, manifest)
  const outputs = writeClassOutputs(outDir, manifest, rubric, reviewSheet)
  process.stdout.write(renderSummary(outcomes, outDir, Date.now() - startedAt, outputs.lms))
  if (stop.requested) {
    process.stderr.write(`Stopped before the end: ${selected.length - outcomes.length} submission(s) not graded in this run. Run the same command again to resume.\n`)
    return 130
  }
  return outcomes.some((o) => o.status === 'ungraded') ? 3 : 0
}

interface Context extends Omit<GradeOptions, 'reviewSheet'> {
  grader: Grader
  reviewSheet: ReviewSheet
  manifest: Manifest
  digest: string
  stop: BatchStop
  progress: Progress
}

/** undefined when the batch was stopped during the run: the previous grade, if any, stays. */
async function gradeOne(submission: Submission, ctx: Context): Promise<Outcome | undefined> {
  const { student } = submission
  const dir = studentDir(ctx.outDir, student)
  const started = Date.now()
  let prepared: PreparedSubmission
  try {
    const handIn = { ...(ctx.deadline ? { deadline: ctx.deadline } : {}), ...(ctx.late ? { late: ctx.late } : {}), ...(ctx.handInTag ? { tagPattern: ctx.handInTag } : {}) }
    const ready = await prepareSubmission(submission, cloneRoot(ctx.outDir), CLONE_TIMEOUT_MS, { ...handIn, environment: ctx.grader.settings.environment })
    if (ready.kind === 'missed-deadline') return recordMissedDeadline(submission, ready, ctx, Date.now() - started)
    prepared = ready
  } catch (error) {
    return record(submission, undefined, lostRun(ctx, submission, (error as Error).message, started), ctx, { wallMs: Date.now() - started })
  }
  const { file: reviewFile, digest: reviewDigest, note } = studentReview(prepared.dir, student, ctx.reviewSheet, ctx.outDir)
  if (note) process.stderr.write(`${student}: ${note}.\n`)
  const previous = ctx.manifest.students[student]
  const current = { revision: prepared.revision, rubricDigest: ctx.digest, ...(reviewDigest ? { reviewDigest } : {}), hasGrade: existsSync(path.join(dir, 'grade.json')) }
  const decision = decide(previous, current, ctx.force || ctx.onlyUngraded || ctx.only !== undefined)
  if (ctx.only && decision.why === '--force') decision.why = '--only'
  const grade = decision.action === 'grade' ? undefined : readGrade(path.join(dir, 'grade.json'))
  if (previous && grade) refreshCommitFacts(previous, prepared)
  if (previous && grade && decision.action === 'skip')
    return { student, status: 'graded', action: 'skipped', line: `skipped: ${decision.why} (${grade.score}/${grade.maxScore})` }
  if (previous && grade && decision.action === 'merge-review') return mergeReview(student, grade, reviewFile, reviewDigest, decision.why, ctx)
  const partial = partialFolder(ctx.outDir, student)
  ctx.progress.started(student)
  const run = await runSubmission({
    projectRoot: ctx.grader.projectRoot,
    rubric: ctx.grader.rubric,
    graderVersion: ctx.grader.version,
    submissionDir: prepared.dir,
    ...(prepared.commit ? { commit: prepared.commit } : {}),
    reviewFile,
    gradeDir: partial,
    timeoutMs: ctx.timeoutSeconds * 1000,
    earlyStack: ctx.concurrency === 1,
    environment: ctx.grader.settings.environment,
    onProcessGroup: (pid, alive) => ctx.stop.track(pid, alive),
  })
  if (ctx.stop.requested) {
    rmSync(partial, { recursive: true, force: true })
    return undefined
  }
  replaceFolder(partial, dir)
  return record(submission, prepared, run, ctx, { ...(reviewDigest ? { reviewDigest } : {}), why: decision.why, wallMs: Date.now() - started })
}

/** Only the instructor's review changed: its points go into the grade already written, without a new run. */
function mergeReview(student: string, grade: Grade, reviewFile: string, reviewDigest: string | undefined, why: string, ctx: Context): Outcome {
  const review = loadReview(reviewFile)
  const merged = withManualPoints(grade, review instanceof Error ? undefined : review)
  writeGradeFiles(studentDir(ctx.outDir, student), merged, ctx.grader.rubric)
  const entry = { ...ctx.manifest.students[student]!, score: merged.score }
  if (reviewDigest) entry.reviewDigest = reviewDigest
  else delete entry.reviewDigest
  ctx.manifest.students[student] = entry
  const ignored = review instanceof Error ? `; ${review.message}: ignored` : ''
  return { student, status: 'graded', action: 'reviewed', line: `manual points merged: ${why} (${merged.score}/${merged.maxScore})${ignored}` }
}

/** A run that could not even start (the clone failed): an ungraded grade says why. */
function lostRun(ctx: Context, submission: Submission, reason: string, started: number): SubmissionRun {
  const grade = ungradedGrade(ctx.grader.rubric, {
    submissionPath: submission.source.kind === 'folder' ? submission.source.path : submission.source.url,
    startedAt: new Date(started),
    durationMs: Date.now() - started,
    grader: ctx.grader.version,
    reason,
  })
  const partial = partialFolder(ctx.outDir, submission.student)
  writeGradeFiles(partial, grade, ctx.grader.rubric)
  replaceFolder(partial, studentDir(ctx.outDir, submission.student))
  return { grade, lostReason: reason }
}

/** The same commit, chosen now by another rule or judged by another late policy: the gradebook says so without a new run. */
function refreshCommitFacts(entry: ManifestEntry, prepared: PreparedSubmission): void {
  for (const key of ['commitDate', 'deadline'] as const) {
    const value = prepared[key]
    if (value) entry[key] = value
    else delete entry[key]
  }
  if (prepared.handIn) entry.handIn = prepared.handIn
  else delete entry.handIn
}

/** What the roster says of a student, as the manifest keeps it. */
function rosterFacts(submission: Submission): Pick<ManifestEntry, 'student' | 'source' | 'path' | 'identity'> {
  return {
    student: submission.student,
    source: submission.source,
    ...(submission.path ? { path: submission.path } : {}),
    ...(submission.identity ? { identity: submission.identity } : {}),
  }
}

/** Nothing to grade: no run, no grade; a grade of another commit (an earlier batch without the deadline) goes. */
function recordMissedDeadline(submission: Submission, missed: MissedDeadline, ctx: Context, wallMs: number): Outcome {
  rmSync(studentDir(ctx.outDir, submission.student), { recursive: true, force: true })
  ctx.manifest.students[submission.student] = {
    ...rosterFacts(submission),
    rubricDigest: ctx.digest,
    status: 'missed-deadline',
    deadline: missed.deadline,
    gradedAt: new Date().toISOString(),
    durationMs: wallMs,
    missedDeadline: { deadline: missed.deadline, ...(missed.latest ? { latest: missed.latest } : {}), ...(missed.cutoff ? { cutoff: missed.cutoff } : {}), ...(missed.lateTag ? { lateTag: missed.lateTag } : {}) },
  }
  const latest = missed.latest ? `latest commit ${missed.latest.date}` : 'no commit at all'
  const limit = missed.cutoff ? `the cut-off ${missed.cutoff}` : `the deadline ${missed.deadline}`
  return {
    student: submission.student,
    status: 'missed-deadline',
    action: 'missed',
    line: `nothing at or before ${limit} (${latest}): not graded`,
    missed: { student: submission.student, deadline: missed.deadline, ...(missed.latest ? { latestCommitDate: missed.latest.date } : {}), ...(missed.cutoff ? { cutoff: missed.cutoff } : {}) },
  }
}

function record(submission: Submission, prepared: PreparedSubmission | undefined, run: SubmissionRun, ctx: Context, facts: { reviewDigest?: string; why?: string; wallMs: number }): Outcome {
  const { grade } = run
  const { reviewDigest, why, wallMs } = facts
  const reason = run.lostReason ?? grade.checks.find((c) => c.status === 'ungraded')?.message
  ctx.manifest.students[submission.student] = {
    ...rosterFacts(submission),
    ...(prepared?.commit ? { commit: prepared.commit } : {}),
    ...(prepared?.commitDate ? { commitDate: prepared.commitDate } : {}),
    ...(prepared?.deadline ? { deadline: prepared.deadline } : {}),
    ...(prepared?.handIn ? { handIn: prepared.handIn } : {}),
    ...(prepared ? { revision: prepared.revision } : {}),
    rubricDigest: ctx.digest,
    ...(reviewDigest ? { reviewDigest } : {}),
    status: grade.status,
    score: grade.score,
    gradedAt: new Date().toISOString(),
    durationMs: wallMs,
    ...(grade.status === 'ungraded' && reason ? { reason } : {}),
    ...(prepared?.graderModified ? { graderModified: true } : {}),
  }
  const seconds = Math.round(wallMs / 1000)
  const late = prepared?.handIn?.lateSeconds ? `, ${lateNote(prepared.handIn)}` : ''
  const line = grade.status === 'graded'
    ? `graded ${grade.score}/${grade.maxScore} in ${seconds} s${why ? ` (${why})` : ''}${late}`
    : `UNGRADED after ${seconds} s: ${reason === undefined ? 'no reason recorded' : visibleLine(reason)}`
  return { student: submission.student, status: grade.status, action: 'ran', line, ...(reason && grade.status === 'ungraded' ? { reason } : {}) }
}

/** `late 1 d 2 h, −10 %` or `late 5 min, within the grace`: for the progress line. */
function lateNote(handIn: HandInFacts): string {
  const penalty = handIn.withinGrace ? 'within the grace' : handIn.penaltyPercent ? `−${handIn.penaltyPercent} % of the maximum score` : 'no penalty'
  return `late ${formatDuration(handIn.lateSeconds ?? 0)}, ${penalty}`
}

/** Where a run writes until it is over; hidden, and swept by the next batch if this one is interrupted. */
function partialFolder(outDir: string, student: string): string {
  const partial = path.join(outDir, 'students', `.${student}.partial-${process.pid}`)
  rmSync(partial, { recursive: true, force: true })
  return partial
}

function sweepPartialFolders(outDir: string): void {
  const students = path.join(outDir, 'students')
  if (!existsSync(students)) return
  for (const name of readdirSync(students)) if (/^\..*\.(partial|old)-\d+$/.test(name)) rmSync(path.join(students, name), { recursive: true, force: true })
}

/** The new grade replaces the old in one rename: an interrupted run leaves the previous grade whole. */
function replaceFolder(from: string, to: string): void {
  const old = path.join(path.dirname(to), `.${path.basename(to)}.old-${process.pid}`)
  rmSync(old, { recursive: true, force: true })
  if (existsSync(to)) renameSync(to, old)
  renameSync(from, to)
  rmSync(old, { recursive: true, force: true })
}
