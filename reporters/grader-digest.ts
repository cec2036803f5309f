import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** What decides a grade: a student who edits any of it (to pass) changes the digest the batch tool compares. */
export const GRADER_FILES = ['specs', 'lab', 'analysis', 'grading', 'reporters', 'rubric', 'vitest.config.ts', 'package-lock.json', '.github/workflows']

/** sha256 over the grader's own files (paths and contents, sorted), unit tests excluded. */
export function graderDigest(root: string): string {
  const hash = createHash('sha256')
  const visit = (relative: string) => {
    const full = path.join(root, relative)
    if (!existsSync(full)) return
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) visit(path.posix.join(relative, name))
      return
    }
    if (relative.endsWith('.test.ts')) return
    hash.update(`${relative}\0`).update(readFileSync(full)).update('\0')
  }
  for (const entry of GRADER_FILES) visit(entry)
  return hash.digest('hex')
}
