import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { UsageError } from './usage-error.js'

const run = promisify(execFile)

/** `--deadline 2026-12-10T23:59+01:00`: the instant, and the text the instructor wrote (shown as given). */
export interface Deadline {
  text: string
  epochSeconds: number
}

/** A commit with its committer date as an instant, and the hand-in tag that names it, if one does. */
export interface DatedCommit extends CommitFacts {
  seconds: number
  tag?: string
}

export interface CommitFacts {
  commit: string
  /** Committer date, ISO 8601 with the committer's offset (git's %cI). */
  date: string
}

const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))$/

/**
 * A date and time with its UTC offset: without one, "23:59" would be the grading machine's time (UTC on CI). Rejects
 * what Date.parse would silently move (2026-02-30, 24:00).
 */
export function parseDeadline(text: string, option = '--deadline'): Deadline {
  const trimmed = text.trim()
  const match = ISO_WITH_OFFSET.exec(trimmed)
  const ms = match ? Date.parse(trimmed) : Number.NaN
  const offsetMinutes = match?.[3] ? (match[3] === '-' ? -1 : 1) * (Number(match[4]) * 60 + Number(match[5])) : 0
  const wallClock = Number.isNaN(ms) ? undefined : new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16)
  if (!match || wallClock !== match[1])
    throw new UsageError(`${option} ${JSON.stringify(text)} is not a date and time with its UTC offset. Write e.g. ${option} 2026-12-10T23:59+01:00 (or …T22:59Z for UTC).`)
  return { text: trimmed, epochSeconds: Math.floor(ms / 1000) }
}

/** Every commit reachable from HEAD, in git's order; none in a repository without commits. */
export async function reachableCommits(repo: string): Promise<DatedCommit[]> {
  const born = await run('git', ['-C', repo, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).then(() => true, () => false)
  if (!born) return []
  const { stdout } = await run('git', ['-C', repo, 'log', '--format=%H %ct %cI', 'HEAD', '--'], { maxBuffer: 256 * 1024 * 1024 })
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit = '', seconds = '', date = ''] = line.split(' ')
      return { commit, seconds: Number(seconds), date }
    })
}

export async function commitDate(repo: string, commit: string): Promise<string> {
  const { stdout } = await run('git', ['-C', repo, 'log', '-1', '--format=%cI', commit, '--'])
  return stdout.trim()
}
