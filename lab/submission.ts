import {
  closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, realpathSync, statSync,
  symlinkSync, writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { SettingError } from '../grading/errors.js'
import path from 'node:path'

/**
 * The folder being graded (SUBMISSION_DIR, or student-submission/ beside the grader), which must be one: a wrong
 * SUBMISSION_DIR is a setting error (exit 2), said before anything runs.
 */
export function requireSubmissionDir(settings: { submissionDir: string; submissionDirGiven?: string }): string {
  const dir = settings.submissionDir
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SettingError(`SUBMISSION_DIR=${settings.submissionDirGiven ?? dir}: no such folder`)
  return dir
}

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

/** How deep a hand-in's folders are copied: a lab is a handful of levels; a deeper tree is generated, not written. */
export const MAX_COPY_DEPTH = 24
/** How many files and folders are copied: a lab with its screenshots is a few dozen; thousands are a mistake. */
export const MAX_COPY_ENTRIES = 20_000
const NOTES_FILE = 'copy-notes.json'

// A link the copy keeps: to a file or folder inside the submission that does not hold the link itself.
function linkVerdict(root: string, link: string): 'keep' | CopyNotes['links'][number]['reason'] {
  let target: string
  try {
    target = realpathSync(link)
  } catch {
    return 'broken'
  }
  if (!isInside(root, target)) return 'outside'
  return statSync(target).isDirectory() && isInside(target, realpathSync(path.dirname(link))) ? 'loop' : 'keep'
}

/**
 * The grader works on a copy: the student's folder is never changed. The copy is bounded, so that no shape of a
 * hand-in stops the run: symbolic links are copied as they are, except those that lead out of the submission (so
 * that nothing of the run can reach a file of the machine through them), to nothing, or back to a folder above them
 * (a loop); folders deeper than MAX_COPY_DEPTH and entries past MAX_COPY_ENTRIES are left out. What was left out is
 * kept beside the copy (see copyNotes).
 */
export function copySubmission(source: string, runId: string): string {
  const workDir = path.join(mkdtempSync(path.join(tmpdir(), `tp1-grader-${runId}-`)), 'submission')
  const root = realpathSync(source)
  const notes: CopyNotes = { links: [], tooDeep: [] }
  let entries = 0
  mkdirSync(workDir)
  const folders = [{ relative: '', depth: 0 }]
  walk: for (let folder = folders.pop(); folder; folder = folders.pop()) {
    let children
    try {
      children = readdirSync(path.join(source, folder.relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    } catch { continue }
    for (const child of children) {
      // node_modules: a student's repository holds the grader there once `npm install` ran (the starter's npm test).
      if (child.name === '.git' || child.name === 'node_modules') continue
      if (++entries > MAX_COPY_ENTRIES) {
        notes.entriesCapped = MAX_COPY_ENTRIES
        break walk
      }
      const relative = path.join(folder.relative, child.name)
      const [from, to] = [path.join(source, relative), path.join(workDir, relative)]
      try {
        if (child.isSymbolicLink()) {
          const verdict = linkVerdict(root, from)
          if (verdict === 'keep') symlinkSync(readlinkSync(from), to)
          else notes.links.push({ path: slashes(relative), reason: verdict })
        } else if (child.isDirectory()) {
          if (folder.depth + 1 > MAX_COPY_DEPTH) notes.tooDeep.push(slashes(relative))
          else {
            mkdirSync(to)
            folders.push({ relative, depth: folder.depth + 1 })
          }
        } else if (child.isFile()) copyFileSync(from, to)
      } catch {} // an entry that cannot be read is not in the copy, as a file the student never committed
    }
  }
  notes.links.sort((a, b) => a.path.localeCompare(b.path))
  writeFileSync(path.join(path.dirname(workDir), NOTES_FILE), JSON.stringify(notes))
  return workDir
}

/** What the copy of the submission at `workDir` left out (none for a folder that is no copy). */
export function copyNotes(workDir: string): CopyNotes {
  try {
    return JSON.parse(readFileSync(path.join(path.dirname(workDir), NOTES_FILE), 'utf8')) as CopyNotes
  } catch {
    return { links: [], tooDeep: [] }
  }
}

const slashes = (p: string) => p.split(path.sep).join('/')

/** The run's copy of the submission (see copySubmission) and, beside it, a scratch folder for the grader's own files. */
export function makeWorkDir(submissionDir: string, runId: string): { dir: string; scratch: string } {
  const dir = copySubmission(submissionDir, runId)
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
