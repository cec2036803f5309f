import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assembleFixture, listFixtures, referenceSubmission, type Fixture } from '../../test/support/fixtures.js'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { findComposeFile } from '../analysis/lab-layout.js'
import { readComposeProject } from './compose-config.js'
import { DockerEngine } from './docker-engine.js'
import { awaitEarlyStack, startStackEarly } from './early-stack.js'
import { RUN_LABEL, runLabels, runProject } from './labels.js'
import { copySubmission } from './submission.js'

const { rubric, messages, settings } = loadRun(labs)
const { environment } = settings

/** A run's copy of a submission and its scratch folder, as the global setup makes them. */
function work(source: string) {
  const runId = `early${randomBytes(4).toString('hex')}`
  const dir = copySubmission(source, runId)
  dirs.push(path.dirname(dir))
  const scratchDir = path.join(path.dirname(dir), 'grader')
  mkdirSync(scratchDir)
  return { runId, workDir: dir, scratchDir, project: runProject(runId), labels: runLabels(runId) }
}

/** A fixture's submission, removed after the tests. */
function fixtureDir(fixture: Fixture): string {
  const dir = assembleFixture(fixture)
  dirs.push(path.dirname(dir))
  return dir
}

let engine: DockerEngine
const made: string[] = []
const dirs: string[] = []
beforeAll(async () => {
  engine = await DockerEngine.connect(messages.lab)
})
afterAll(async () => {
  for (const runId of made) await engine.removeLabelled([`${RUN_LABEL}=${runId}`])
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** What of the run's is in Docker: its containers (running or not) and networks. */
async function objectsOf(runId: string) {
  const labels = [`${RUN_LABEL}=${runId}`]
  return { containers: (await engine.list({ all: true, labels })).length, networks: (await engine.networks(labels)).length }
}

describe('startStackEarly', () => {
  it('starts nothing of a Compose file the session refuses or cannot read: every fixture of the kind', async () => {
    const refused = []
    for (const fixture of listFixtures().filter((f) => f.lose['ex5.up'] === 'blocked')) {
      const run = work(fixtureDir(fixture))
      made.push(run.runId)
      const file = findComposeFile(run.workDir, rubric)
      const read = file && (await readComposeProject(run.workDir, file, run.project, environment))
      if (read && read.ok && !read.refused.length) continue // blocked for another reason (no Dockerfile for exercise 3, …)
      refused.push(fixture.name)
      const early = startStackEarly({ ...run, rubric, environment })
      expect(await early.done, fixture.name).toMatchObject({ outcome: 'none' })
      expect(await objectsOf(run.runId), fixture.name).toEqual({ containers: 0, networks: 0 })
      expect(await awaitEarlyStack(run.scratchDir, file ?? 'compose.yaml', 1000), fixture.name).toMatchObject({ outcome: 'none' })
    }
    expect(refused).toContain('hostile-privileged-service')
  })

  it('starts only the services that need no build; the session builds the others and adds them to the same containers', async () => {
    const run = work(referenceSubmission)
    made.push(run.runId)
    const early = startStackEarly({ ...run, rubric, environment })
    const compose = findComposeFile(run.workDir, rubric)!
    const waited = awaitEarlyStack(run.scratchDir, compose, rubric.timeouts.composeUpSeconds * 1000)
    expect(await early.done).toEqual({ outcome: 'up', compose })
    expect(await waited).toEqual({ outcome: 'up', compose })
    // A stack of another file than the session's is not adopted.
    expect(await awaitEarlyStack(run.scratchDir, 'compose.yaml', 1000)).toMatchObject({ outcome: 'none' })
    const before = await engine.list({ all: true, labels: [`${RUN_LABEL}=${run.runId}`] })
    expect(before.map((c) => c.labels['com.docker.compose.service'])).toEqual(['db'])

    const { LabStack } = await import('./lab-stack.js')
    const { rubricComposeSettings, loadComposeConfig } = await import('./compose-config.js')
    const { composeBuildRequests, ImageBuilds } = await import('./image-builds.js')
    const loaded = await loadComposeConfig(run.workDir, compose, run.project, environment)
    if (!loaded.ok) throw new Error(loaded.error)
    const builds = new ImageBuilds(engine, { labels: run.labels, timeoutMs: rubric.timeouts.buildSeconds * 1000, limits: rubric.limits })
    for (const { request, tag } of composeBuildRequests(loaded.config, run.project)) expect((await builds.build(request, tag)).ok).toBe(true)
    const stack = await LabStack.up(engine, {
      config: loaded.config, project: run.project, labels: run.labels, settings: rubricComposeSettings(rubric),
      scratchDir: run.scratchDir, timeoutMs: 60_000, early: () => awaitEarlyStack(run.scratchDir, compose, 60_000), words: messages.lab,
    })
    const after = await engine.list({ all: true, labels: [`${RUN_LABEL}=${run.runId}`] })
    expect(after).toHaveLength(2)
    const db = (await stack.service('db'))!
    expect(db.id).toBe(before[0]!.id)
    expect(db.startedAt).toBe((await engine.inspect(before[0]!.id)).startedAt) // neither recreated nor restarted
    expect((await stack.service('api'))?.running).toBe(true)
    await stack.down(1, 60_000)
    expect(await objectsOf(run.runId)).toEqual({ containers: 0, networks: 0 })
  })

  it('builds nothing, even an api whose build would fail, and starts nothing when every service is built', async () => {
    const run = work(fixtureDir(listFixtures().find((f) => f.name === 'api-does-not-build')!))
    made.push(run.runId)
    expect(await startStackEarly({ ...run, rubric, environment }).done).toMatchObject({ outcome: 'up' })
    expect((await engine.list({ all: true, labels: [`${RUN_LABEL}=${run.runId}`] })).map((c) => c.labels['com.docker.compose.service'])).toEqual(['db'])
    const built = work(referenceSubmission)
    made.push(built.runId)
    writeFileSync(path.join(built.workDir, 'docker-compose.yml'), 'services:\n  api:\n    build: ./api\n')
    expect(await startStackEarly({ ...built, rubric, environment }).done).toEqual({ outcome: 'none', why: 'every service is built by the session' })
    expect(await objectsOf(built.runId)).toEqual({ containers: 0, networks: 0 })
  })

  it('takes a stack that failed to start down again, so that the session starts from nothing', async () => {
    const run = work(referenceSubmission)
    made.push(run.runId)
    writeFileSync(path.join(run.workDir, 'docker-compose.yml'), 'services:\n  db:\n    image: tp1-grader-no-such-image:0\n  api:\n    build: ./api\n')
    expect(await startStackEarly({ ...run, rubric, environment }).done).toMatchObject({ outcome: 'none', why: expect.stringMatching(/exited with [1-9]/) })
    expect(await objectsOf(run.runId)).toEqual({ containers: 0, networks: 0 })
  })

  it('says a start that outlasts the rubric\'s Compose timeout timed out, and one the run ends first', async () => {
    // The reference, with a service that db waits for and that never becomes healthy: up -d waits for it.
    const hang = path.join(mkdtempSync(path.join(tmpdir(), 'tp1-early-hang-')), 'submission')
    dirs.push(path.dirname(hang))
    cpSync(referenceSubmission, hang, { recursive: true })
    writeFileSync(path.join(hang, 'docker-compose.yml'), [
      'services:',
      '  waiter:',
      '    image: alpine:latest',
      '    command: ["sleep", "3600"]',
      '    healthcheck: { test: ["CMD", "false"], interval: 1s, retries: 10000 }',
      '  db:',
      '    image: postgres:16',
      '    environment: { POSTGRES_PASSWORD: demo }',
      '    depends_on: { waiter: { condition: service_healthy } }',
      '  api:',
      '    build: ./api',
      '',
    ].join('\n'))
    const slow = { ...rubric, timeouts: { ...rubric.timeouts, composeUpSeconds: 2 } }
    const timed = work(hang)
    const cancelled = work(hang)
    made.push(timed.runId, cancelled.runId)
    const started = Date.now()
    expect(await startStackEarly({ ...timed, rubric: slow, environment }).done).toEqual({ outcome: 'timed-out', compose: 'docker-compose.yml' })
    expect(Date.now() - started).toBeLessThan(30_000)
    const early = startStackEarly({ ...cancelled, rubric, environment })
    setTimeout(() => early.cancel(), 1000)
    expect(await early.done).toEqual({ outcome: 'timed-out', compose: 'docker-compose.yml' })
    expect(await awaitEarlyStack(cancelled.scratchDir, 'docker-compose.yml', 1000)).toEqual({ outcome: 'timed-out', compose: 'docker-compose.yml' })
  })
})

describe('awaitEarlyStack', () => {
  const scratch = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tp1-early-'))
    dirs.push(dir)
    return dir
  }

  it('reads an outcome written before it waits, and one written while it waits', async () => {
    const before = scratch()
    writeFileSync(path.join(before, 'early-stack.json'), JSON.stringify({ outcome: 'up', compose: 'compose.yaml' }))
    expect(await awaitEarlyStack(before, 'compose.yaml', 1000)).toEqual({ outcome: 'up', compose: 'compose.yaml' })
    const during = scratch()
    const waited = awaitEarlyStack(during, 'compose.yaml', 10_000)
    setTimeout(() => writeFileSync(path.join(during, 'early-stack.json'), JSON.stringify({ outcome: 'none', why: 'x' })), 200)
    expect(await waited).toEqual({ outcome: 'none', why: 'x' })
  })

  it('says timed-out when nothing is written in time', async () => {
    expect(await awaitEarlyStack(scratch(), 'compose.yaml', 300)).toEqual({ outcome: 'timed-out', compose: 'compose.yaml' })
  })
})
