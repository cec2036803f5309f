import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Grade } from '../../grading/grade.js'

export const projectRoot = path.resolve(new URL('../..', import.meta.url).pathname)
export const referenceSubmission = path.join(projectRoot, 'student-submission')
const fixturesDir = path.join(projectRoot, 'test', 'fixtures')

/**
 * A fixture is the reference submission with a small known fault: the files in its folder replace or add to
 * the reference's, `remove` deletes some, and `lose` lists exactly the checks it must lose, with their status
 * ("failed", "blocked", or "failed 4/5" for partial credit).
 */
export interface Fixture {
  name: string
  description: string
  remove?: string[]
  /** Docker networks that must exist before the run (created by the test, removed after). */
  externalNetworks?: string[]
  /** Images the fixture needs beyond the lab's, and the folder of a Dockerfile that builds each offline. */
  requiredImages?: Record<string, string>
  lose: Record<string, string>
  /** Environment of the grading run (e.g. shorter timeouts or smaller limits for hostile fixtures). */
  env?: Record<string, string>
  /** Host paths the submission tries to create: they must never appear. */
  hostMarkers?: string[]
  /** Substrings that the message (or seen) of a check must contain. */
  expectMessages?: Record<string, string>
}

export function listFixtures(): Fixture[] {
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, ...JSON.parse(readFileSync(path.join(fixturesDir, d.name, 'fixture.json'), 'utf8')) }) as Fixture)
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Builds the fixture's submission in a temporary folder: reference, minus `remove`, plus the fixture's files. */
export function assembleFixture(fixture: Fixture): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), `tp1-fixture-${fixture.name}-`)), 'submission')
  cpSync(referenceSubmission, dir, { recursive: true })
  for (const file of fixture.remove ?? []) {
    if (!existsSync(path.join(dir, file))) throw new Error(`fixture ${fixture.name} removes ${file}, which the reference does not have`)
    rmSync(path.join(dir, file), { recursive: true })
  }
  cpSync(path.join(fixturesDir, fixture.name), dir, { recursive: true, filter: (src) => path.basename(src) !== 'fixture.json' })
  return dir
}

/** The checks a grade lost, in the fixtures' notation. */
export function lostChecks(grade: Grade): Record<string, string> {
  const lost: Record<string, string> = {}
  for (const c of grade.checks) {
    if (c.status === 'manual' || (c.status === 'passed' && c.points === c.maxPoints)) continue
    lost[c.id] = c.points > 0 ? `${c.status} ${c.points}/${c.maxPoints}` : c.status
  }
  return lost
}
