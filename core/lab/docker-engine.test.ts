import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { GenericContainer, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogue } from '../i18n/index.js'
import { DockerEngine } from './docker-engine.js'

// The engine finds Docker with Testcontainers' own strategies, without loading all of Testcontainers: it must find
// the engine and the host Testcontainers finds, or the grader would build on one engine and run on another.
describe('DockerEngine.connect', () => {
  it('finds the engine and the host that Testcontainers finds', async () => {
    const engine = await DockerEngine.connect(catalogue('en').lab)
    const client = await getContainerRuntimeClient()
    expect(engine.host).toBe(client.info.containerRuntime.host)
    const facts = await engine.facts()
    expect(facts.docker).toBe(client.info.containerRuntime.serverVersion)
  })

  it('refuses, as Testcontainers does, an engine whose host does not resolve (TESTCONTAINERS_HOST_OVERRIDE)', async () => {
    const saved = process.env.TESTCONTAINERS_HOST_OVERRIDE
    process.env.TESTCONTAINERS_HOST_OVERRIDE = 'no-such-host.invalid'
    try {
      await expect(DockerEngine.connect(catalogue('en').lab)).rejects.toThrow(/Could not find a working container runtime strategy/)
    } finally {
      if (saved === undefined) delete process.env.TESTCONTAINERS_HOST_OVERRIDE
      else process.env.TESTCONTAINERS_HOST_OVERRIDE = saved
    }
  })
})

describe('DockerEngine.exec', () => {
  let container: StartedTestContainer
  let engine: DockerEngine
  beforeAll(async () => {
    engine = await DockerEngine.connect(catalogue('en').lab)
    container = await new GenericContainer('alpine:latest').withCommand(['sleep', '60']).start()
  }, 60_000)
  afterAll(async () => {
    await container?.stop({ timeout: 0 })
  })

  it('returns the exit code and each stream apart', async () => {
    const result = await engine.exec(container.getId(), ['sh', '-c', 'echo out; echo err >&2; exit 3'])
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' })
  })

  it('runs in the working directory asked for', async () => {
    expect((await engine.exec(container.getId(), ['pwd'], { workingDir: '/tmp' })).stdout).toBe('/tmp\n')
  })

  it('returns the exit code of a command that closed its output before it ended', async () => {
    const result = await engine.exec(container.getId(), ['sh', '-c', 'echo before; exec >&- 2>&-; sleep 1; exit 7'], { timeoutMs: 5000 })
    expect(result).toEqual({ exitCode: 7, stdout: 'before\n', stderr: '' })
  })

  it('stops waiting for a command that does not end, with what it wrote so far', async () => {
    const started = Date.now()
    const hung = await engine.exec(container.getId(), ['sh', '-c', 'echo started; exec sleep 60'], { timeoutMs: 1000 })
    expect(hung).toEqual({ exitCode: -1, stdout: 'started\n', stderr: '', timedOut: true })
    const closed = await engine.exec(container.getId(), ['sh', '-c', 'exec >&- 2>&-; exec sleep 60'], { timeoutMs: 1000 })
    expect(closed).toMatchObject({ exitCode: -1, timedOut: true })
    expect(Date.now() - started).toBeLessThan(8000)
  })

  it('keeps a bounded part of a flood of output', async () => {
    const result = await engine.exec(container.getId(), ['sh', '-c', 'head -c 8000000 /dev/zero | tr "\\0" x'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout.length).toBeGreaterThan(100_000)
    expect(result.stdout.length).toBeLessThanOrEqual(2 * 1024 * 1024)
  })
})

describe('DockerEngine.buildImage', () => {
  let engine: DockerEngine
  let context: string
  const labels = { 'org.tp1-grader.run': `enginebuild${process.pid}` }
  beforeAll(async () => {
    engine = await DockerEngine.connect(catalogue('en').lab)
    context = mkdtempSync(path.join(tmpdir(), 'tp1-build-'))
    writeFileSync(path.join(context, 'Dockerfile'), 'FROM alpine:latest\nRUN dd if=/dev/zero of=/dev/null bs=200M count=1\n')
  })
  afterAll(async () => {
    await engine.removeLabelled([`org.tp1-grader.run=${labels['org.tp1-grader.run']}`])
    rmSync(context, { recursive: true, force: true })
  })
  const options = { labels, timeoutMs: 60_000, limits: { memoryMegabytes: 64, cpus: 1 } }

  it('says a RUN step killed for going over the memory limit hit the memory limit', async () => {
    const built = await engine.buildImage(context, { ...options, tag: `tp1-enginebuild-${process.pid}:oom`, noCache: true })
    expect(built).toMatchObject({ ok: false, timedOut: false, limit: 'memory', failingStep: expect.stringContaining('RUN dd') })
    expect(built.error).toContain('64 MB')
  })

  it('builds a Dockerfile given as text, with build arguments, and says which RUN steps ran', async () => {
    const text = 'FROM alpine:latest\nARG GREETING\nRUN echo "$GREETING" > /greeting\n'
    const built = await engine.buildImage(context, { ...options, tag: `tp1-enginebuild-${process.pid}:inline`, dockerfile: '.inline.Dockerfile', dockerfileText: text, buildArgs: { GREETING: `hello ${Date.now()}` } })
    expect(built).toMatchObject({ ok: true, ranSteps: ['RUN echo "$GREETING" > /greeting'] })
    expect(built.limit).toBeUndefined()
  })
})
