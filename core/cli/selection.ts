import type { Manifest } from './manifest.js'
import type { Submission } from './roster.js'
import { inShard, type Shard } from './shard.js'
import { UsageError } from './usage-error.js'

export interface Selection {
  shard?: Shard
  onlyUngraded: boolean
  /** --only alice,bob: those students, graded again whatever the manifest says. */
  only?: string[]
}

/** The students this run grades: the shard's slice, then only the ungraded, or only the students named. */
export function selectStudents(everyone: readonly Submission[], manifest: Manifest, selection: Selection): Submission[] {
  const sliced = inShard(everyone, selection.shard)
  if (selection.onlyUngraded && !selection.only) return sliced.filter((s) => manifest.students[s.student]?.status === 'ungraded')
  if (!selection.only) return sliced
  if (selection.shard || selection.onlyUngraded) throw new UsageError('--only names the students to grade again: it cannot be combined with --shard or --only-ungraded.')
  const names = new Set(selection.only)
  const unknown = [...names].filter((n) => !sliced.some((s) => s.student === n))
  if (unknown.length) throw new UsageError(`--only ${unknown.join(',')}: no such student in the class (the --submissions folders and the --roster rows). Check the spelling of the ids.`)
  return sliced.filter((s) => names.has(s.student))
}

/** The roster's identifiers (email, sis_id…) may be fixed without a new grade: the manifest takes them as they are now. */
export function refreshRosterFacts(manifest: Manifest, everyone: readonly Submission[]): void {
  for (const s of everyone) {
    const entry = manifest.students[s.student]
    if (!entry) continue
    if (s.identity) entry.identity = s.identity
    else delete entry.identity
  }
}
