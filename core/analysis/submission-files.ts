import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * The submission's files as the grader reads them: only what is inside it (the one rule, isInside; links followed
 * by insideSubmission), never more than a hand-written file holds. The run's copy of the submission (lab/submission.ts)
 * is read through here as well.
 */

/** Whether a path is `root` or below it, as written (links not followed): the one rule of "inside the submission". */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target)
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
}

/**
 * Whether `relative` is a file or folder of the submission that the grader may read: it exists and, followed through
 * every symbolic link, stays inside the submission. A link out of it (to a file of the machine) counts as missing.
 */
export function insideSubmission(dir: string, relative: string): boolean {
  const target = path.resolve(dir, relative)
  if (!isInside(path.resolve(dir), target)) return false
  try {
    return isInside(realpathSync(dir), realpathSync(target))
  } catch {
    return false
  }
}

/** What the copy of a submission left out, and why: said to the student, since nothing of it was graded. */
export interface CopyNotes {
  /** Symbolic links left out: to something outside the submission or to nothing (broken), or to a folder that holds them (a loop). */
  links: { path: string; reason: 'outside' | 'broken' | 'loop' }[]
  /** Folders deeper than MAX_COPY_DEPTH below the submission, left out with all they hold. */
  tooDeep: string[]
  /** The walk stopped at MAX_COPY_ENTRIES files and folders: what comes after was left out. */
  entriesCapped?: number
}

/** Beside the run's copy of a submission: what the copy left out (written by lab/submission.ts, copySubmission). */
export const COPY_NOTES_FILE = 'copy-notes.json'

/** What the copy of the submission at `workDir` left out (none for a folder that is no copy). */
export function copyNotes(workDir: string): CopyNotes {
  try {
    return JSON.parse(readFileSync(path.join(path.dirname(workDir), COPY_NOTES_FILE), 'utf8')) as CopyNotes
  } catch {
    return { links: [], tooDeep: [] }
  }
}

/** The names Compose itself looks for, in its order of preference. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const

/** The most of a student file the grader reads: more is not a file a beginner wrote by hand. */
const MAX_READ_BYTES = 2 * 1024 * 1024

/** A student file's bytes, or undefined when it is missing, not a regular file, or a link out of the submission. */
export function readSubmissionBytes(dir: string, relative: string, maxBytes = MAX_READ_BYTES): Buffer | undefined {
  if (!insideSubmission(dir, relative)) return undefined
  const file = path.resolve(dir, relative)
  if (!statSync(file).isFile()) return undefined
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(Math.min(statSync(file).size, maxBytes))
    const read = readSync(fd, buffer, 0, buffer.length, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/** The size in bytes of a student file (see readSubmissionBytes), or undefined when it cannot be read. */
export function submissionFileSize(dir: string, relative: string): number | undefined {
  return hasSubmissionFile(dir, relative) ? statSync(path.resolve(dir, relative)).size : undefined
}

/** A student file as text, or undefined when it cannot be read (see readSubmissionBytes); a BOM is dropped. */
export function readSubmissionFile(dir: string, relative: string): string | undefined {
  return readSubmissionBytes(dir, relative)?.toString('utf8').replace(/^\uFEFF/, '')
}

/** Whether the submission has this regular file (inside it, links followed). */
export function hasSubmissionFile(dir: string, relative: string): boolean {
  return insideSubmission(dir, relative) && statSync(path.resolve(dir, relative)).isFile()
}
