import path from 'node:path'
import type { Shard } from './shard.js'

/** What became of one submission in this batch. */
export interface Outcome {
  student: string
  status: 'graded' | 'ungraded'
  /** ran: graded now; skipped: already graded at this version; reviewed: only the manual points merged. */
  action: 'ran' | 'skipped' | 'reviewed'
  line: string
  reason?: string
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

/** The opening lines: what is graded, where, how many at once (with the machine's default), the time limit. */
export function renderStart(batch: { count: number; shard?: Shard; onlyUngraded: boolean; outDir: string; concurrency: number; machine: string; timeoutSeconds: number }): string {
  const shard = batch.shard ? ` (shard ${batch.shard.index}/${batch.shard.count})` : ''
  const only = batch.onlyUngraded ? ' (only the ungraded)' : ''
  return `Grading ${batch.count} submission${batch.count === 1 ? '' : 's'}${shard}${only} into ${batch.outDir}\n` +
    `Concurrency ${batch.concurrency} (${batch.machine}), time limit ${batch.timeoutSeconds} s per submission\n`
}

/** The closing lines of a batch: counts, then the ungraded apart and where the outputs are. */
export function renderSummary(outcomes: readonly Outcome[], outDir: string, durationMs: number): string {
  const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length
  const counts = `Done in ${formatDuration(durationMs)}: graded ${count((o) => o.action === 'ran' && o.status === 'graded')} · skipped ${count((o) => o.action === 'skipped')} · manual points merged ${count((o) => o.action === 'reviewed')} · ungraded ${count((o) => o.status === 'ungraded')}`
  return `\n${counts}\n${renderClosing(outcomes.filter((o) => o.status === 'ungraded'), outDir)}`
}

/** The ungraded listed apart (never zeros), and where the gradebook and class report are. */
export function renderClosing(ungraded: readonly { student: string; reason?: string }[], outDir: string): string {
  const lines: string[] = []
  if (ungraded.length) {
    lines.push('Ungraded — not zeros: the grader or Docker failed, not the students. Re-run them alone with --only-ungraded:')
    for (const u of ungraded) lines.push(`  ${u.student}: ${u.reason ?? 'no reason recorded'}`)
  }
  lines.push(`Gradebook: ${path.join(outDir, 'gradebook.csv')}`, `Class report: ${path.join(outDir, 'class-report.md')} and ${path.join(outDir, 'class-report.html')}`)
  return `${lines.join('\n')}\n`
}
