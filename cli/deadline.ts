import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { UsageError } from './usage-error.js'

const run = promisify(execFile)

/** `--deadline 2026-12-10T23:59+01:00`: the instant, and the text the instructor wrote (shown as given). */
export interface Deadline {
  text: string
  epochSeconds: number
}

export interface CommitFacts {
  commit: string
  /** Committer date, ISO 8601 with the committer's offset (git's %cI). */
  date: string
}

/** The commit graded under a deadline, or none: nothing at or before it (`latest` is the newest commit, if any). */
export type DeadlineCommit = ({ kind: 'found' } & CommitFacts) | { kind: 'none'; latest?: CommitFacts }

const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))$/

/**
 * A date and time with its UTC offset: without one, "23:59" would be the grading machine's time (UTC on CI). Rejects
 * what Date.parse would silently move (2026-02-30, 24:00).
 */
export function parseDeadline(text: string): Deadline {
  const trimmed = text.trim()
  const match = ISO_WITH_OFFSET.exec(trimmed)
  const ms = match ? Date.parse(trimmed) : Number.NaN
  const offsetMinutes = match?.[3] ? (match[3] === '-' ? -1 : 1) * (Number(match[4]) * 60 + Number(match[5])) : 0
  const wallClock = Number.isNaN(ms) ? undefined : new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16)
  if (!match || wallClock !== match[1])
    throw new UsageError(`--deadline ${JSON.stringify(text)} is not a date and time with its UTC offset. Write e.g. --deadline 2026-12-10T23:59+01:00 (or …T22:59Z for UTC).`)
  return { text: trimmed, epochSeconds: Math.floor(ms / 1000) }
}

/**
 * The last commit at or before the deadline by committer date, among the commits reachable from HEAD. The committer
 * date is what git records offline; a hosting service's push date would need its API (see the README).
 */
export async function commitAtDeadline(repo: string, deadline: Deadline): Promise<DeadlineCommit> {
  const commits = await reachableCommits(repo)
  let found: { commit: string; seconds: number; date: string } | undefined
  for (const c of commits) if (c.seconds <= deadline.epochSeconds && (!found || c.seconds > found.seconds)) found = c
  if (found) return { kind: 'found', commit: found.commit, date: found.date }
  const newest = commits.reduce<(typeof commits)[number] | undefined>((a, c) => (!a || c.seconds > a.seconds ? c : a), undefined)
  return { kind: 'none', ...(newest ? { latest: { commit: newest.commit, date: newest.date } } : {}) }
}

/** Every commit reachable from HEAD, in git's order; none in a repository without commits. */
async function reachableCommits(repo: string): Promise<{ commit: string; seconds: number; date: string }[]> {
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
