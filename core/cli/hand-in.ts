import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { reachableCommits, type CommitFacts, type DatedCommit, type Deadline } from './deadline.js'
import { cutoffFor, judgeLateness, type Lateness, type LatePolicy } from './late-policy.js'

const run = promisify(execFile)

/** Which rule chose the commit graded: the student's hand-in tag, the last commit on time, or (nothing on time) the last before the cut-off. */
export type HandInRule = 'tag' | 'deadline' | 'cutoff'

/** What chooses a student's commit: their deadline (an extension, or the class's), the late policy, the hand-in tag pattern. */
export interface HandInPolicy {
  deadline: Deadline
  late?: LatePolicy
  /** A glob (`tp1`, `submit/*`) matched against tag names, case-insensitively. */
  tagPattern?: string
}

export type HandIn =
  | ({ kind: 'found'; rule: HandInRule; tag?: string; lateness: Lateness; lateTag?: DatedCommit } & CommitFacts)
  | { kind: 'none'; latest?: CommitFacts; lateTag?: DatedCommit }

/**
 * The commit graded. A hand-in tag before the cut-off wins; otherwise (no tag, or every tag after the cut-off) the
 * deadline rule: the last commit on time (the grace counts as on time), and only when there is none, the last commit
 * before the cut-off, penalised. A student who handed in on time and went on committing (the next lab, in the same
 * repository) is graded on time; one who wants a later commit graded, late, tags it.
 */
export function chooseHandIn(branch: readonly DatedCommit[], tags: readonly DatedCommit[], policy: HandInPolicy): HandIn {
  const { deadline, late } = policy
  const cutoff = cutoffFor(deadline, late)
  const onTimeEnd = deadline.epochSeconds + (late?.graceSeconds ?? 0)
  const found = (c: DatedCommit, rule: HandInRule) => ({ kind: 'found' as const, rule, commit: c.commit, date: c.date, ...(c.tag ? { tag: c.tag } : {}), lateness: judgeLateness(c.seconds, deadline, late) })
  const tagged = lastAtOrBefore(tags, onTimeEnd) ?? lastAtOrBefore(tags, cutoff)
  if (tagged) return found(tagged, 'tag')
  const lateTag = newest(tags)
  const withLateTag = lateTag ? { lateTag } : {}
  const onTime = lastAtOrBefore(branch, onTimeEnd)
  if (onTime) return { ...found(onTime, 'deadline'), ...withLateTag }
  const beforeCutoff = lastAtOrBefore(branch, cutoff)
  if (beforeCutoff) return { ...found(beforeCutoff, 'cutoff'), ...withLateTag }
  const latest = newest(branch)
  return { kind: 'none', ...(latest ? { latest: { commit: latest.commit, date: latest.date } } : {}), ...withLateTag }
}

/** The last commit at or before `seconds`; of two at the same second, the first listed (git's order: the newer). */
function lastAtOrBefore(commits: readonly DatedCommit[], seconds: number): DatedCommit | undefined {
  return newest(commits.filter((c) => c.seconds <= seconds))
}

function newest(commits: readonly DatedCommit[]): DatedCommit | undefined {
  return commits.reduce<DatedCommit | undefined>((a, c) => (!a || c.seconds > a.seconds ? c : a), undefined)
}

/** A tag glob: `*` any run of characters but "/", `?` one of them; case-insensitive, the whole name. */
export function tagMatcher(pattern: string): (tag: string) => boolean {
  const source = [...pattern].map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('')
  const regex = new RegExp(`^${source}$`, 'i')
  return (tag) => regex.test(tag)
}

/** The hand-in of a cloned repository under a policy: its commits reachable from HEAD and its tags matching the pattern. */
export async function handInCommit(repo: string, policy: HandInPolicy): Promise<HandIn> {
  const [branch, tags] = await Promise.all([reachableCommits(repo), policy.tagPattern ? matchingTags(repo, policy.tagPattern) : []])
  return chooseHandIn(branch, tags, policy)
}

/** The tags whose name matches, each with the commit it names (an annotated tag peeled) and that commit's date. */
async function matchingTags(repo: string, pattern: string): Promise<DatedCommit[]> {
  const matches = tagMatcher(pattern)
  const { stdout } = await run('git', ['-C', repo, 'for-each-ref', '--format=%(refname:strip=2)%09%(objecttype)%09%(objectname)%09%(*objectname)', 'refs/tags'])
  const tags = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .flatMap(([name = '', type, object = '', peeled = '']) => (matches(name) ? [{ name, commit: type === 'tag' ? peeled : object }] : []))
    .filter((t) => /^[0-9a-f]{40,64}$/.test(t.commit))
  if (tags.length === 0) return []
  const { stdout: dates } = await run('git', ['-C', repo, 'show', '--no-patch', '--format=%H %ct %cI', ...new Set(tags.map((t) => t.commit)), '--'])
  const byCommit = new Map(dates.split('\n').filter(Boolean).map((line) => {
    const [commit = '', seconds = '', date = ''] = line.split(' ')
    return [commit, { seconds: Number(seconds), date }] as const
  }))
  return tags.sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((t) => {
    const facts = byCommit.get(t.commit)
    return facts ? [{ commit: t.commit, tag: t.name, ...facts }] : []
  })
}
