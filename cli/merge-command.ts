import { cpSync, existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Rubric } from '../rubric/index.js'
import { studentDir, writeClassOutputs } from './class-outputs.js'
import type { LmsOptions } from './lms-export.js'
import { MANIFEST_FILE, readManifest, rubricDigest, writeManifest, type Manifest, type ManifestEntry } from './manifest.js'
import { renderClosing } from './summary.js'
import { UsageError } from './usage-error.js'

const RANK: Record<ManifestEntry['status'], number> = { graded: 2, 'missed-deadline': 1, ungraded: 0 }

/** Of two grades of one student (a student in two shards): a graded one over the others, an ungraded one last, then the latest. */
export function preferredEntry(a: ManifestEntry, b: ManifestEntry): ManifestEntry {
  if (a.status !== b.status) return RANK[a.status] > RANK[b.status] ? a : b
  return a.gradedAt >= b.gradedAt ? a : b
}

/** Combines the output folders of shards into one: each student's grade, one gradebook, one class report. */
export function mergeShards(shardDirs: readonly string[], outDir: string, rubric: Rubric, lms?: LmsOptions): number {
  if (shardDirs.length === 0) throw new UsageError('merge needs the output folders of the shards, e.g. merge --out class-grades/merged class-grades/shard-*.')
  const out = path.resolve(outDir)
  const merged: Manifest = { schemaVersion: 1, students: {} }
  const from = new Map<string, string>()
  const notes: string[] = []
  for (const dir of shardDirs) {
    if (path.resolve(dir) === out) throw new UsageError(`--out ${outDir} is also one of the shards. Merge into a new folder.`)
    if (!existsSync(path.join(dir, MANIFEST_FILE)))
      throw new UsageError(`${dir} is not the output of a grading run: it has no ${MANIFEST_FILE}. Give the --out folders of tp1-grade-class grade.`)
    const shard = readManifest(dir)
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
  const { summary, lms: exports } = writeClassOutputs(out, merged, rubric)
  const entries = Object.values(merged.students)
  const ungraded = entries.filter((e) => e.status === 'ungraded')
  const missedCount = summary.missedDeadline.length
  const missed = missedCount ? `, ${missedCount} missed the deadline` : ''
  for (const note of notes) process.stderr.write(`${note}\n`)
  process.stdout.write(`Merged ${entries.length} students (${entries.length - ungraded.length - missedCount} graded, ${ungraded.length} ungraded${missed}) from ${shardDirs.length} shard${shardDirs.length === 1 ? '' : 's'} into ${outDir}\n`)
  process.stdout.write(renderClosing({ ungraded, missedDeadline: summary.missedDeadline, lms: exports }, outDir))
  return ungraded.length ? 3 : 0
}
