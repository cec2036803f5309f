import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** This grader's own folder: what the digest's list of files is read from (decoded: it may hold a space). */
const GRADER_ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Top-level entries that cannot change a verdict: the submission, the grader's own tests and benchmark, outputs, tooling. */
const NOT_GRADER = new Set(['node_modules', '.git', 'student-submission', 'test', 'bench', 'grades', 'class-grades', '.ci', '.scratch'])

const isGraderEntry = (name: string) =>
  !NOT_GRADER.has(name) && !/\.md$/i.test(name) && (!name.startsWith('.') || name === '.github' || name === '.npmrc')

/**
 * What decides a grade, derived from the grader's own tree: every top-level entry but the few that cannot change a
 * verdict (so a new folder is counted without anyone remembering to list it), and the config files Node, npm and
 * Vitest would read if a copy added them. A student who edits any of it (to pass) changes the digest.
 */
export function graderFiles(root = GRADER_ROOT): string[] {
  const own = readdirSync(root).filter(isGraderEntry)
  return [...new Set([...own, 'package.json', 'package-lock.json', '.npmrc', 'vitest.config.ts', 'vitest.config.mts', 'vitest.config.js', 'vite.config.ts', 'vite.config.js'])].sort()
}

/** sha256 over the grader's files (paths and contents, sorted) in `root`, unit tests and documentation excluded. */
export function graderDigest(root: string, entries: readonly string[] = graderFiles()): string {
  const hash = createHash('sha256')
  const visit = (relative: string) => {
    const full = path.join(root, relative)
    if (!existsSync(full)) return
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) if (name !== 'node_modules') visit(path.posix.join(relative, name))
      return
    }
    if (relative.endsWith('.test.ts') || /\.md$/i.test(relative)) return
    hash.update(`${relative}\0`).update(readFileSync(full)).update('\0')
  }
  for (const entry of entries) visit(entry)
  return hash.digest('hex')
}

/**
 * Whether a folder is a copy of this grader (a student's repository made from it): it has its labs and core, or a copy
 * made before the move has its specs and rubric at the top.
 */
export const holdsGrader = (root: string) => ['labs', 'core', 'specs', 'rubric', 'vitest.config.ts'].some((f) => existsSync(path.join(root, f)))
