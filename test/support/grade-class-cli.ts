import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import type { Manifest } from '../../core/cli/manifest.js'
import { loadRun } from '../../core/run/index.js'
import { labs } from '../../labs/index.js'
import { projectRoot, type Fixture } from './fixtures.js'

const { rubric } = loadRun(labs)

const run = promisify(execFile)
const cli = path.join(projectRoot, 'instructor', 'tp1-grade-class.mjs')

export interface CliRun { code: number; output: string; ms: number }

/** Runs the instructor's command as `npx tp1-grade-class` does, with plain progress lines. */
export async function gradeClassCli(...args: string[]): Promise<CliRun> {
  return gradeClassCliWith({}, ...args)
}

/** The same, with these settings in its environment (e.g. GRADER_LAB). */
export async function gradeClassCliWith(settings: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  const started = Date.now()
  const env = { ...process.env, TESTCONTAINERS_RYUK_DISABLED: 'true', CI: 'true', NO_COLOR: '1', ...settings }
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: projectRoot, env, maxBuffer: 16 * 1024 * 1024 })
    return { code: 0, output: stdout + stderr, ms: Date.now() - started }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : 1, output: (e.stdout ?? '') + (e.stderr ?? ''), ms: Date.now() - started }
  }
}

/** gradebook.csv, one record per student id. */
export const readGradebook = (out: string) =>
  Object.fromEntries((parse(readFileSync(path.join(out, 'gradebook.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => [r.student, r]))

export const readManifest = (out: string) => JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest

/** The reference's score: every point. */
export const fullScore = rubric.totalPoints

/** What a fixture's lost checks cost: all their points, or the points missing from "failed 2/3". */
export function lostPoints(fixture: Fixture): number {
  return Object.entries(fixture.lose).reduce((sum, [id, verdict]) => {
    const max = rubric.checks.find((c) => c.id === id)!.points
    const partial = /(\d+(?:\.\d+)?)\/\d+/.exec(verdict)
    return sum + (partial ? max - Number(partial[1]) : max)
  }, 0)
}
