import {
  closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, realpathSync, statSync,
  symlinkSync, writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { COPY_NOTES_FILE, isInside, type CopyNotes } from '../analysis/submission-files.js'
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

/** How deep a hand-in's folders are copied: a lab is a handful of levels; a deeper tree is generated, not written. */
export const MAX_COPY_DEPTH = 24
/** How many files and folders are copied: a lab with its screenshots is a few dozen; thousands are a mistake. */
export const MAX_COPY_ENTRIES = 20_000

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
  writeFileSync(path.join(path.dirname(workDir), COPY_NOTES_FILE), JSON.stringify(notes))
  return workDir
}

const slashes = (p: string) => p.split(path.sep).join('/')

/** The run's copy of the submission (see copySubmission) and, beside it, a scratch folder for the grader's own files. */
export function makeWorkDir(submissionDir: string, runId: string): { dir: string; scratch: string } {
  const dir = copySubmission(submissionDir, runId)
  const scratch = path.join(path.dirname(dir), 'grader')
  mkdirSync(scratch)
  return { dir, scratch }
}
