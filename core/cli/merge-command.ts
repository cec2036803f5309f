import { appendFileSync, cpSync, existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Rubric } from '../run/index.js'
import { studentDir, writeClassOutputs } from './class-outputs.js'
import type { LmsOptions } from './lms-export.js'
import { MANIFEST_FILE, readManifest, rubricDigest, writeManifest, type Manifest, type ManifestEntry } from './manifest.js'
import type { ClassSummary } from './class-stats.js'
import { combineSheets, readReviewSheet, REVIEW_SHEET_FILE, type ReviewSheet } from './manual-points-sheet.js'
import { parseRoster, type RosterOptions } from './roster.js'
import type { Shard } from './shard.js'
import { renderClosing } from './summary.js'
import { UsageError } from './usage-error.js'

const RANK: Record<ManifestEntry['status'], number> = { graded: 2, 'missed-deadline': 1, ungraded: 0 }

/** Of two grades of one student (a student in two shards): a graded one over the others, an ungraded one last, then the latest. */
export function preferredEntry(a: ManifestEntry, b: ManifestEntry): ManifestEntry {
  if (a.status !== b.status) return RANK[a.status] > RANK[b.status] ? a : b
  return a.gradedAt >= b.gradedAt ? a : b
}

/** What a merge is checked against: the class's roster (every student in some shard), and where to sum it up. */
export interface MergeOptions {
  lms?: LmsOptions
  /** Every student of this roster must be in a shard. */
  roster?: { file: string } & RosterOptions
  /** A Markdown file the summary is appended to (GitHub's job summary): counts only, no name, score or link. */
  jobSummary?: string
}

/** What the shards leave out: slices of the class no folder holds, and roster students in no shard. */
export interface MissingFromMerge {
  shards: string[]
  students: string[]
}

/** The slices i/n that no shard folder is (n: the largest any of them names), and the roster ids none holds. */
export function missingFromMerge(shards: readonly (Shard | undefined)[], merged: ReadonlySet<string>, roster: readonly string[] = []): MissingFromMerge {
  const count = Math.max(0, ...shards.map((s) => s?.count ?? 0))
  const present = new Set(shards.filter((s) => s?.count === count).map((s) => s!.index))
  const slices = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i)).map((i) => `${i}/${count}`)
  return { shards: slices, students: roster.filter((student) => !merged.has(student)) }
}

/**
 * Combines the output folders of shards into one: each student's grade, one gradebook, one class report, one review
 * sheet. A slice of the class with no folder, or a roster student in no shard, fails the merge (exit 3: they are not
 * graded), naming them; what the shards hold is still written.
 */
export function mergeShards(shardDirs: readonly string[], outDir: string, rubric: Rubric, options: MergeOptions = {}): number {
  const { lms } = options
  if (shardDirs.length === 0) throw new UsageError('merge needs the output folders of the shards, e.g. merge --out class-grades/merged class-grades/shard-*.')
  const out = path.resolve(outDir)
  const merged: Manifest = { schemaVersion: 1, students: {} }
  const from = new Map<string, string>()
  const notes: string[] = []
  const slices: (Shard | undefined)[] = []
  const sheets: ReviewSheet[] = []
  // Read before anything is written: a roster that cannot be read is a wrong setting (exit 2).
  const roster = options.roster ? readRosterIds(options.roster) : undefined
  for (const dir of shardDirs) {
    if (path.resolve(dir) === out) throw new UsageError(`--out ${outDir} is also one of the shards. Merge into a new folder.`)
    if (!existsSync(path.join(dir, MANIFEST_FILE)))
      throw new UsageError(`${dir} is not the output of a grading run: it has no ${MANIFEST_FILE}. Give the --out folders of tp1-grade-class grade.`)
    const shard = readManifest(dir)
    slices.push(shard.shard)
    sheets.push(readReviewSheet(path.join(dir, REVIEW_SHEET_FILE), rubric))
    // The LMS files the shards were asked for, unless this merge asks for others.
    merged.lms ??= lms ?? shard.lms
    for (const entry of Object.values(shard.students)) {
      const earlier = merged.students[entry.student]
      const kept = earlier ? preferredEntry(earlier, entry) : entry
      if (earlier) notes.push(`${entry.student} was graded in two shards (${from.get(entry.student)} and ${dir}): kept the grade from ${kept === entry ? dir : from.get(entry.student)}.`)
      merged.students[entry.student] = kept
      if (kept === entry) from.set(entry.student, dir)
    }
  }
  const digest = rubricDigest(rubric)
  const otherRubric = Object.values(merged.students).filter((e) => e.rubricDigest !== digest).map((e) => e.student)
  if (otherRubric.length) notes.push(`Graded with another rubric than this checkout's: ${otherRubric.join(', ')}. Grade them again for comparable scores.`)

  for (const [student, dir] of from) {
    const target = studentDir(out, student)
    rmSync(target, { recursive: true, force: true })
    // A missed deadline has no grade folder.
    if (existsSync(studentDir(dir, student))) cpSync(studentDir(dir, student), target, { recursive: true })
  }
  writeManifest(out, merged)
  const { summary, lms: exports } = writeClassOutputs(out, merged, rubric, combineSheets(sheets))
  const missing = missingFromMerge(slices, new Set(Object.keys(merged.students)), roster)
  const entries = Object.values(merged.students)
  const ungraded = entries.filter((e) => e.status === 'ungraded')
  const missedCount = summary.missedDeadline.length
  const missed = missedCount ? `, ${missedCount} missed the deadline` : ''
  for (const note of notes) process.stderr.write(`${note}\n`)
  process.stdout.write(`Merged ${entries.length} students (${entries.length - ungraded.length - missedCount} graded, ${ungraded.length} ungraded${missed}) from ${shardDirs.length} shard${shardDirs.length === 1 ? '' : 's'} into ${outDir}\n`)
  process.stdout.write(renderClosing({ ungraded, missedDeadline: summary.missedDeadline, lms: exports }, outDir))
  if (options.jobSummary) appendFileSync(options.jobSummary, renderJobSummary(summary, missing))
  const incomplete = renderMissing(missing)
  if (incomplete) process.stderr.write(incomplete)
  return ungraded.length || incomplete ? 3 : 0
}

function readRosterIds({ file, ...options }: { file: string } & RosterOptions): string[] {
  if (!existsSync(file)) throw new UsageError(`--roster ${file} does not exist. Give the roster the shards graded.`)
  return parseRoster(readFileSync(file, 'utf8'), path.resolve(file), options).submissions.map((s) => s.student)
}

/** The merge's failure, in words: what is missing, why it may be, what to do. Empty when nothing is. */
export function renderMissing(missing: MissingFromMerge): string {
  const lines: string[] = []
  if (missing.shards.length)
    lines.push(`MISSING: no results for shard${missing.shards.length === 1 ? '' : 's'} ${missing.shards.join(', ')} (its job failed before uploading, or its folder was not given to merge).`)
  if (missing.students.length)
    lines.push(`MISSING: ${missing.students.length} roster student${missing.students.length === 1 ? ' is' : 's are'} in no shard, so not graded: ${missing.students.join(', ')}.`)
  if (lines.length) lines.push('The merged files leave them out. Grade them again (tp1-grade-class grade --only …, or re-run the failed jobs), then merge again.')
  return lines.length ? `${lines.join('\n')}\n` : ''
}

/** The job summary: how many were graded and how the class did, and where the files are; no name, no score, no link. */
export function renderJobSummary(summary: ClassSummary, missing: MissingFromMerge): string {
  const ungraded = summary.ungraded.length
  const missed = summary.missedDeadline.length
  const stats = summary.meanScore === undefined ? '' : ` Mean ${summary.meanScore}/${summary.maxScore}, median ${summary.medianScore}/${summary.maxScore}.`
  return [
    `## ${summary.title}: the class graded`,
    '',
    `${summary.students} students: ${summary.graded} graded, ${ungraded} ungraded${missed ? `, ${missed} with nothing before the deadline` : ''}.${stats}`,
    ...(missing.shards.length ? ['', `**Missing:** the results of shard ${missing.shards.join(', ')}.`] : []),
    ...(missing.students.length ? ['', `**Missing:** ${missing.students.length} roster student${missing.students.length === 1 ? '' : 's'} in no shard (named in the merge step's log).`] : []),
    '',
    'The gradebook, the class report with its charts, the grade sheets, the review sheet and the LMS files are in the artifact **gradebook** of this run (this page, Artifacts).',
    '',
  ].join('\n')
}
