import { UsageError } from './usage-error.js'

/** Slice `index` (1-based) of `count`. */
export interface Shard {
  index: number
  count: number
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard ${JSON.stringify(text)} is not a slice: write i/n with 1 ≤ i ≤ n, e.g. --shard 1/4.`)
  return { index, count }
}

/** The same slice on every machine: students sorted by id, dealt round-robin, so slices are disjoint and cover the class. */
export function inShard<T extends { student: string }>(items: readonly T[], shard: Shard | undefined): T[] {
  const sorted = [...items].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0))
  if (!shard) return sorted
  return sorted.filter((_, i) => i % shard.count === shard.index - 1)
}
