import path from 'node:path'
import { LEFT_OUT_FILE, type LmsExport } from './lms-export.js'
import { CLASS_REPORT_FILES } from './output-layout.js'
import type { Shard } from './shard.js'
import { visibleLine } from '../grading/inert-text.js'

/** What became of one submission in this batch. */
export interface Outcome {
  student: string
  status: 'graded' | 'ungraded' | 'missed-deadline'
  /** ran: graded now; skipped: already graded at this version; reviewed: only the manual points merged; missed: nothing before the deadline. */
  action: 'ran' | 'skipped' | 'reviewed' | 'missed'
  line: string
  reason?: string
  missed?: MissedLine
}

export interface MissedLine {
  student: string
  deadline: string
  latestCommitDate?: string
  /** The late cut-off, when late work was accepted after the deadline. */
  cutoff?: string
}

/** What the closing lines name apart: never zeros, never silently dropped. */
export interface Closing {
  ungraded: readonly { student: string; reason?: string }[]
  missedDeadline?: readonly MissedLine[]
  lms?: readonly LmsExport[]
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

/** The opening lines: what is graded, where, how many at once (with the machine's default), the time limit. */
export function renderStart(batch: { count: number; shard?: Shard; onlyUngraded: boolean; only?: readonly string[]; deadline?: string; latePolicy?: string; handInTag?: string; outDir: string; concurrency: number; machine: string; timeoutSeconds: number }): string {
  const shard = batch.shard ? ` (shard ${batch.shard.index}/${batch.shard.count})` : ''
  const only = batch.onlyUngraded ? ' (only the ungraded)' : batch.only ? ` (only ${batch.only.join(', ')})` : ''
  const deadline = batch.deadline ? `Deadline ${batch.deadline}: each git repository at its last commit at or before it, by committer date (a roster ref wins)\n` : ''
  const late = batch.latePolicy ? `Late work: ${batch.latePolicy}; nothing on time: the last commit before the cut-off, penalised\n` : ''
  const tag = batch.handInTag ? `Hand-in tag ${batch.handInTag} (any case): a matching tag before the cut-off is graded, else the deadline rule\n` : ''
  return `Grading ${batch.count} submission${batch.count === 1 ? '' : 's'}${shard}${only} into ${batch.outDir}\n` +
    `Concurrency ${batch.concurrency} (${batch.machine}), time limit ${batch.timeoutSeconds} s per submission\n${deadline}${late}${tag}`
}

/** The closing lines of a batch: counts, then the ungraded and the missed deadlines apart, and where the outputs are. */
export function renderSummary(outcomes: readonly Outcome[], outDir: string, durationMs: number, lms: readonly LmsExport[] = []): string {
  const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length
  const missed = outcomes.flatMap((o) => (o.missed ? [o.missed] : []))
  const counts = `Done in ${formatDuration(durationMs)}: graded ${count((o) => o.action === 'ran' && o.status === 'graded')} · skipped ${count((o) => o.action === 'skipped')} · manual points merged ${count((o) => o.action === 'reviewed')} · ungraded ${count((o) => o.status === 'ungraded')}${missed.length ? ` · missed the deadline ${missed.length}` : ''}`
  return `\n${counts}\n${renderClosing({ ungraded: outcomes.filter((o) => o.status === 'ungraded'), missedDeadline: missed, lms }, outDir)}`
}

/** The ungraded and the missed deadlines listed apart (never zeros), the LMS files' gaps, and where the outputs are. */
export function renderClosing(closing: Closing, outDir: string): string {
  const lines: string[] = []
  if (closing.ungraded.length) {
    lines.push('Ungraded — not zeros: the grader or Docker failed, not the students. Re-run them alone with --only-ungraded:')
    for (const u of closing.ungraded) lines.push(`  ${u.student}: ${u.reason === undefined ? 'no reason recorded' : visibleLine(u.reason)}`)
  }
  if (closing.missedDeadline?.length) {
    lines.push('Nothing at or before the deadline — not zeros, not ungraded (no grade; a roster ref grades the commit it names):')
    for (const m of closing.missedDeadline) lines.push(`  ${m.student}: ${m.latestCommitDate ? `latest commit ${m.latestCommitDate}` : 'no commit at all'} (deadline ${m.deadline}${m.cutoff ? `, cut-off ${m.cutoff}` : ''})`)
  }
  for (const e of closing.lms ?? []) lines.push(...renderLmsLines(e, outDir))
  if (closing.lms?.length) lines.push(`Left out of the LMS files, and why: ${path.join(outDir, LEFT_OUT_FILE)}`)
  const pending = [...new Set((closing.lms ?? []).flatMap((e) => e.reviewPending))].sort()
  if (pending.length) lines.push(`Report review pending — the LMS files count the automatic report points until you review them: ${pending.join(', ')}`)
  lines.push(`Gradebook: ${path.join(outDir, 'gradebook.csv')}`, `Class report: ${path.join(outDir, CLASS_REPORT_FILES.markdown)} and ${path.join(outDir, CLASS_REPORT_FILES.html)}`)
  return `${lines.join('\n')}\n`
}

const LMS_NAME: Record<LmsExport['format'], string> = { moodle: 'Moodle', canvas: 'Canvas' }

function renderLmsLines(e: LmsExport, outDir: string): string[] {
  const lines = [`${LMS_NAME[e.format]} import: ${path.join(outDir, e.file)} (${e.rows} student${e.rows === 1 ? '' : 's'})`]
  if (e.leftOut.length) {
    lines.push(`  not in it (${e.leftOut.length}):`)
    for (const l of e.leftOut) lines.push(`    ${l.student}: ${l.why}`)
  }
  if (e.missedGrade.length) lines.push(`  the grade chosen for no hand-in (--missed-grade): ${e.missedGrade.join(', ')}`)
  for (const n of e.neutralized) lines.push(`  ${n.student}: the ${n.column} starts like a spreadsheet formula and is written with a leading ' — ${LMS_NAME[e.format]} will not match it as it is: check the roster`)
  return lines
}
