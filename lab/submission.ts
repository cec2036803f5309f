import { closeSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readSync, realpathSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { SettingError } from '../grading/errors.js'
import path from 'node:path'

/** The folder being graded: SUBMISSION_DIR, or student-submission/ beside the grader. */
export function submissionDir(): string {
  return path.resolve(process.env.SUBMISSION_DIR || 'student-submission')
}

/** The folder being graded, which must be one: a wrong SUBMISSION_DIR is a setting error (exit 2), said before anything runs. */
export function requireSubmissionDir(): string {
  const dir = submissionDir()
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SettingError(`SUBMISSION_DIR=${process.env.SUBMISSION_DIR ?? dir}: no such folder`)
  return dir
}

const isInside = (root: string, target: string) => {
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

/**
 * The grader works on a copy: the student's folder is never changed. Symbolic links are copied as they are, except
 * those that lead out of the submission: they are left out, so that nothing of the run (the grader's reading, the
 * image build, Compose) can reach a file of the machine through them.
 */
export function copySubmission(source: string, runId: string): string {
  const workDir = path.join(mkdtempSync(path.join(tmpdir(), `tp1-grader-${runId}-`)), 'submission')
  cpSync(source, workDir, {
    recursive: true,
    verbatimSymlinks: true,
    // node_modules: a student's repository holds the grader there once `npm install` ran (the starter's npm test).
    filter: (src) => !['.git', 'node_modules'].includes(path.basename(src)) && (!lstatSync(src).isSymbolicLink() || insideSubmission(source, path.relative(source, src))),
  })
  return workDir
}

/** The run's copy of the submission (see copySubmission) and, beside it, a scratch folder for the grader's own files. */
export function makeWorkDir(runId: string): { dir: string; scratch: string } {
  const dir = copySubmission(submissionDir(), runId)
  const scratch = path.join(path.dirname(dir), 'grader')
  mkdirSync(scratch)
  return { dir, scratch }
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

/** A student file as text, or undefined when it cannot be read (see readSubmissionBytes); a BOM is dropped. */
export function readSubmissionFile(dir: string, relative: string): string | undefined {
  return readSubmissionBytes(dir, relative)?.toString('utf8').replace(/^\uFEFF/, '')
}

/** Whether the submission has this regular file (inside it, links followed). */
export function hasSubmissionFile(dir: string, relative: string): boolean {
  return insideSubmission(dir, relative) && statSync(path.resolve(dir, relative)).isFile()
}
