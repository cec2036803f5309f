import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Rubric } from '../run/index.js'
import type { CommitFacts } from './deadline.js'
import type { LmsOptions } from './lms-options.js'
import type { Shard } from './shard.js'
import type { StudentIdentity, SubmissionSource } from './roster.js'
import type { HandInFacts } from './submissions.js'
import { UsageError } from './usage-error.js'
import { writeFileAtomically } from '../../reporters/write-atomically.js'

/** What was graded for one student, and against what: enough to decide, on the next run, whether to grade again. */
export interface ManifestEntry {
  student: string
  source: SubmissionSource
  /** The roster's path: the folder graded inside the repository or folder. */
  path?: string
  /** The roster's identifiers (email, sis_id…), refreshed from the roster on every run: what the LMS files need. */
  identity?: StudentIdentity
  commit?: string
  /** The commit's committer date (ISO 8601), and the student's deadline when it chose the commit (the roster's: an extension). */
  commitDate?: string
  deadline?: string
  /** Which rule chose the commit (hand-in tag, deadline, cut-off), how late it was and the penalty. */
  handIn?: HandInFacts
  revision?: string
  rubricDigest: string
  /** sha256 of the instructor's review file when its points were merged; absent when there was none. */
  reviewDigest?: string
  /** missed-deadline: nothing was committed at or before the deadline; not a zero, not ungraded. */
  status: 'graded' | 'ungraded' | 'missed-deadline'
  /** The score of a graded or ungraded run; none for a missed deadline. */
  score?: number
  gradedAt: string
  durationMs: number
  /** Why the run is ungraded, in one line. */
  reason?: string
  /** The student's repository carried modified grader files (the instructor's grader graded it anyway). */
  graderModified?: boolean
  /** For status missed-deadline: the deadline, the newest commit (after it), the cut-off and a hand-in tag after it. */
  missedDeadline?: MissedDeadlineFacts
}

export interface MissedDeadlineFacts {
  deadline: string
  latest?: CommitFacts
  /** The late cut-off, when late work was accepted after the deadline. */
  cutoff?: string
  lateTag?: { tag: string; date: string }
}

export interface Manifest {
  schemaVersion: 1
  students: Record<string, ManifestEntry>
  /** The LMS files this folder writes (--lms, --scale…): kept, so that a later --only run exports them again. */
  lms?: LmsOptions
  /** The slice of the class this folder grades (--shard): what a merge checks that no slice is missing. */
  shard?: Shard
}

export const MANIFEST_FILE = 'manifest.json'

export function rubricDigest(rubric: Rubric): string {
  return createHash('sha256').update(JSON.stringify(rubric)).digest('hex')
}

export function readManifest(outDir: string): Manifest {
  const file = path.join(outDir, MANIFEST_FILE)
  if (!existsSync(file)) return { schemaVersion: 1, students: {} }
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
    if (manifest.schemaVersion !== 1 || typeof manifest.students !== 'object') throw new Error(`schemaVersion ${manifest.schemaVersion}`)
    return manifest
  } catch (error) {
    throw new UsageError(`${file} is not a grading manifest (${(error as Error).message}). Use another --out folder, or remove the file to grade everything again.`)
  }
}

export function writeManifest(outDir: string, manifest: Manifest): void {
  const students = Object.fromEntries(Object.entries(manifest.students).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  writeFileAtomically(path.join(outDir, MANIFEST_FILE), `${JSON.stringify({ ...manifest, students }, null, 2)}\n`)
}

/** A reader never sees half a file, and a crash leaves the previous version whole. */

export type Decision =
  | { action: 'grade'; why: string }
  | { action: 'skip'; why: string }
  /** Same version, same rubric, but the instructor's review changed: merge the manual points, no new run. */
  | { action: 'merge-review'; why: string }

export interface Current {
  revision: string
  rubricDigest: string
  reviewDigest?: string
  /** The student's grade.json is in the output folder. */
  hasGrade: boolean
}

export function decide(previous: ManifestEntry | undefined, current: Current, force: boolean): Decision {
  if (force) return { action: 'grade', why: '--force' }
  if (!previous || !current.hasGrade) return { action: 'grade', why: 'not graded yet' }
  if (previous.status === 'ungraded') return { action: 'grade', why: 'ungraded last time' }
  if (previous.status === 'missed-deadline') return { action: 'grade', why: 'nothing before the deadline last time' }
  if (previous.revision !== current.revision) return { action: 'grade', why: 'the submission changed' }
  if (previous.rubricDigest !== current.rubricDigest) return { action: 'grade', why: 'the rubric changed' }
  if (previous.reviewDigest !== current.reviewDigest) return { action: 'merge-review', why: "the instructor's review changed" }
  return { action: 'skip', why: 'already graded at this version and rubric' }
}
