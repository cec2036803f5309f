import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labRun } from '../core/run/index.js'
import { lab } from '../labs/tp1/lab.js'
import { lostChecks, referenceDir, referenceSubmission } from './support/fixtures.js'
import { leftovers, runGrader, type GraderRun } from './support/run-grader.js'

const { rubric } = labRun(lab)

function digest(dir: string): string {
  const hash = createHash('sha256')
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const file = path.join(d, name)
      hash.update(file)
      if (statSync(file).isDirectory()) walk(file)
      else hash.update(readFileSync(file))
    }
  }
  walk(dir)
  return hash.digest('hex')
}

/** Occupies a host port as another program would; resolves undefined when something already holds it. */
function occupy(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(undefined))
    server.listen(port, '0.0.0.0', () => resolve(server))
  })
}

/** The RUN steps the run's build of Compose's images ran (ex5.up's fact): none when exercise 3's build ran them first. */
const composeRanSteps = (run: GraderRun) => run.grade.checks.find((c) => c.id === 'ex5.up')?.details?.facts?.buildRanSteps

describe('the reference submission', () => {
  let run: GraderRun
  let before: string
  const servers: (Server | undefined)[] = []

  beforeAll(async () => {
    before = digest(referenceSubmission)
    // The student's 8000:8000 and 5432:5432 are declarations: grading must work while the host ports are taken.
    servers.push(await occupy(rubric.expected.apiPort), await occupy(rubric.expected.dbPort))
    run = await runGrader(referenceSubmission)
  })

  afterAll(() => {
    for (const server of servers) server?.close()
  })

  it('loses no automatic point, and every rubric check appears once', () => {
    expect(lostChecks(run.grade), run.sheet).toEqual({})
    expect(run.grade.status).toBe('graded')
    expect(run.grade.checks.map((c) => c.id)).toEqual(rubric.checks.map((c) => c.id))
    expect(run.grade.score).toBe(rubric.totalPoints)
    expect(run.exitCode).toBe(0)
  })

  it('grades while host ports 8000 and 5432 are taken', () => {
    const apiHealth = run.grade.checks.find((c) => c.id === 'ex5.api-health')
    expect(apiHealth?.status).toBe('passed')
    expect(servers.every((s) => s === undefined || s.listening)).toBe(true)
  })

  it("records what it graded: the seed's root Dockerfile and README.md", () => {
    expect(run.grade.submission.layout).toEqual({ found: true, folder: '.', dockerfile: 'Dockerfile', compose: 'docker-compose.yml', report: 'README.md' })
  })

  it('records the environment it graded on', () => {
    expect(run.grade.environment).toMatchObject({ docker: expect.any(String), compose: expect.any(String), node: process.version })
    expect(run.sheet).toContain(`${run.grade.score} / ${run.grade.maxScore}`)
  })

  it('keeps the build cache: rebuilding the same Dockerfile afterwards runs no step again', () => {
    // The run removes its image; removing the image's parent layers too would throw the classic builder's cache away.
    const tag = `tp1-grader-cache-probe:${run.runId}`
    const output = execFileSync('docker', ['build', '-t', tag, referenceSubmission], { encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: ['ignore', 'pipe', 'ignore'] })
    execFileSync('docker', ['rmi', '--no-prune', tag], { stdio: 'ignore' })
    const steps = output.split(/^Step \d+\/\d+ : /m).slice(2)
    expect(steps.length, output).toBeGreaterThan(0)
    for (const step of steps) expect(step, output).toContain('Using cache')
  })

  it("builds Compose's api/Dockerfile from exercise 3's cache: the same steps (pip install) do not run twice", () => {
    expect(composeRanSteps(run)).toBe('')
  })

  it('leaves the submission folder unchanged and Docker clean', async () => {
    expect(digest(referenceSubmission)).toBe(before)
    expect(await leftovers(run.runId)).toEqual([])
  })
})

describe("the reference in the course's own layout (api/ only, reports/rapport_tp1.md, python:3.11-slim, the skeleton's TODO comments)", () => {
  let run: GraderRun
  const course = referenceDir('course-layout')

  beforeAll(async () => {
    run = await runGrader(course)
  })

  it('loses no point and exits 0', () => {
    expect(lostChecks(run.grade), run.sheet).toEqual({})
    expect(run.grade.score).toBe(rubric.totalPoints)
    expect(run.exitCode).toBe(0)
  })

  it("builds api/Dockerfile once: exercise 3's image is the one Compose runs for api", () => {
    expect(composeRanSteps(run)).toBe('')
  })

  it('records and prints what it graded, where the course puts it', () => {
    expect(run.grade.submission.layout).toEqual({ found: true, folder: '.', dockerfile: 'api/Dockerfile', compose: 'docker-compose.yml', report: 'reports/rapport_tp1.md' })
    expect(run.sheet).toContain('**Graded:** Dockerfile `api/Dockerfile` · Compose file `docker-compose.yml` · report `reports/rapport_tp1.md`')
    expect(run.output).toContain('Graded: Dockerfile: api/Dockerfile · Compose file: docker-compose.yml · report: reports/rapport_tp1.md')
  })

  it('leaves Docker clean', async () => {
    expect(await leftovers(run.runId)).toEqual([])
  })
})
