import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** The folder being graded: SUBMISSION_DIR, or student-submission/ beside the grader. */
export function submissionDir(): string {
  return path.resolve(process.env.SUBMISSION_DIR || 'student-submission')
}

/** The grader works on a copy: the student's folder is never changed. */
export function copySubmission(source: string, runId: string): string {
  if (!existsSync(source)) throw new Error(`The submission folder ${source} does not exist`)
  const workDir = path.join(mkdtempSync(path.join(tmpdir(), `tp1-grader-${runId}-`)), 'submission')
  cpSync(source, workDir, { recursive: true, filter: (src) => path.basename(src) !== '.git' })
  return workDir
}

/** The names Compose itself looks for, in its order of preference. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const

export function findComposeFile(dir: string): string | undefined {
  return COMPOSE_FILE_NAMES.find((name) => existsSync(path.join(dir, name)))
}

/** A student file as text, or undefined when it is missing; a BOM is dropped. */
export function readSubmissionFile(dir: string, relative: string): string | undefined {
  const file = path.join(dir, relative)
  if (!existsSync(file)) return undefined
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
}
