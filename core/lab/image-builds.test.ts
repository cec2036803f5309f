import { describe, expect, it } from 'vitest'
import type { ComposeConfig } from './compose-config.js'
import type { BuildOptions, BuildResult, DockerEngine } from './docker-engine.js'
import { buildKey, composeBuildRequests, dockerfileOption, ImageBuilds, INLINE_DOCKERFILE, withBuiltImages } from './image-builds.js'

const config = (services: ComposeConfig['services']): ComposeConfig => ({ services })

describe('composeBuildRequests', () => {
  it('builds each service with a build: section, tagged with Compose\'s name for it, and nothing else', () => {
    const requests = composeBuildRequests(config({
      db: { image: 'postgres:16' },
      api: { image: 'postgres:16', build: { context: '/w/api', dockerfile: 'Dockerfile' } },
    }), 'tp1-grader-x')
    expect(requests).toEqual([{ service: 'api', tag: 'tp1-grader-x-api', request: { context: '/w/api', dockerfile: '/w/api/Dockerfile' } }])
  })

  it('passes on args (without the unset ones), target, no_cache and an inline Dockerfile; never network, hosts or secrets', () => {
    const [built] = composeBuildRequests(config({
      api: {
        build: {
          context: '/w/api', dockerfile_inline: 'FROM alpine:latest\n', args: { A: '1', B: null }, target: 'run', no_cache: true,
          network: 'host', extra_hosts: ['a:1.2.3.4'], secrets: ['s'], pull: true, shm_size: '1g',
        },
      },
    }), 'p')
    expect(built?.request).toEqual({ context: '/w/api', dockerfile: '/w/api/Dockerfile', dockerfileText: 'FROM alpine:latest\n', args: { A: '1' }, target: 'run', noCache: true })
  })
})

describe('buildKey', () => {
  it('is the same for the same context and Dockerfile however written, and differs with what changes the image', () => {
    const base = { context: '/w/api', dockerfile: '/w/api/Dockerfile' }
    expect(buildKey({ context: '/w/api/', dockerfile: '/w/api/./Dockerfile' })).toBe(buildKey(base))
    expect(buildKey({ ...base, args: { B: '2', A: '1' } })).toBe(buildKey({ ...base, args: { A: '1', B: '2' } }))
    for (const other of [{ ...base, context: '/w' }, { ...base, dockerfile: '/w/api/Dockerfile.dev' }, { ...base, args: { A: '1' } }, { ...base, target: 't' }, { ...base, noCache: true }, { ...base, dockerfileText: 'FROM x' }])
      expect(buildKey(other)).not.toBe(buildKey(base))
  })
})

describe('dockerfileOption', () => {
  it('names a Dockerfile inside the context by its path there, and sends one outside it (or inline) as text', () => {
    expect(dockerfileOption({ context: '/w/api', dockerfile: '/w/api/docker/Dockerfile' })).toEqual({ dockerfile: 'docker/Dockerfile' })
    expect(dockerfileOption({ context: '/w/api', dockerfile: '/w/Dockerfile' }, () => 'FROM y')).toEqual({ dockerfile: INLINE_DOCKERFILE, dockerfileText: 'FROM y' })
    expect(dockerfileOption({ context: '/w/api', dockerfile: '/w/api/Dockerfile', dockerfileText: 'FROM x' })).toEqual({ dockerfile: INLINE_DOCKERFILE, dockerfileText: 'FROM x' })
  })

  it('sends, for a target, only the stages it needs, as BuildKit would build them; the whole file when it needs them all', () => {
    const text = 'FROM alpine AS tests\nRUN exit 1\nFROM alpine AS runtime\nRUN true\n'
    expect(dockerfileOption({ context: '/w/api', dockerfile: '/w/api/Dockerfile', target: 'runtime' }, () => text))
      .toEqual({ dockerfile: INLINE_DOCKERFILE, dockerfileText: '\n\nFROM alpine AS runtime\nRUN true\n' })
    expect(dockerfileOption({ context: '/w/api', dockerfile: '/w/api/Dockerfile', target: 'tests' }, () => 'FROM alpine AS tests\n'))
      .toEqual({ dockerfile: 'Dockerfile' })
  })
})

describe('withBuiltImages', () => {
  it('runs a built service from the grader\'s image, never pulled, with no build: left for Compose', () => {
    const written = withBuiltImages(config({ db: { image: 'postgres:16', pull_policy: 'always' }, api: { image: 'postgres:16', build: { context: '/w/api' }, pull_policy: 'build' } }), 'p')
    expect(written.services).toEqual({ db: { image: 'postgres:16', pull_policy: 'always' }, api: { image: 'p-api', pull_policy: 'never' } })
  })
})

/** An engine that records the builds asked of it; each ends when the test says so. */
function fakeEngine() {
  const started: { context: string; options: BuildOptions; finish: (ok: boolean) => void }[] = []
  const tagged: [string, string][] = []
  const engine = {
    buildImage: (context: string, options: BuildOptions) => new Promise<BuildResult>((resolve) => {
      started.push({ context, options, finish: (ok) => resolve({ ok, tag: options.tag, durationMs: 1, timedOut: false, log: '', ranSteps: ['RUN pip install fastapi uvicorn'] }) })
    }),
    tagImage: async (image: string, tag: string) => { tagged.push([image, tag]) },
  }
  return { engine: engine as unknown as DockerEngine, started, tagged }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

describe('ImageBuilds', () => {
  const run = { labels: { l: '1' }, timeoutMs: 1000, limits: { memoryMegabytes: 256, cpus: 1 } }

  it('builds one image at a time, with the run\'s limits, so that the next takes the steps it shares from the cache', async () => {
    const { engine, started } = fakeEngine()
    const builds = new ImageBuilds(engine, run)
    const first = builds.build({ context: '/w', dockerfile: '/w/Dockerfile' }, 'p:student')
    const second = builds.build({ context: '/w/api', dockerfile: '/w/api/Dockerfile', args: { A: '1' } }, 'p-api')
    await flush()
    expect(started.map((s) => s.context)).toEqual(['/w'])
    expect(started[0]?.options).toMatchObject({ tag: 'p:student', labels: { l: '1' }, timeoutMs: 1000, limits: { memoryMegabytes: 256, cpus: 1 }, dockerfile: 'Dockerfile' })
    started[0]?.finish(false)
    expect((await first).ok).toBe(false)
    await flush()
    expect(started.map((s) => s.context)).toEqual(['/w', '/w/api'])
    expect(started[1]?.options).toMatchObject({ tag: 'p-api', buildArgs: { A: '1' } })
    started[1]?.finish(true)
    expect((await second).ok).toBe(true)
  })

  it('builds the same context and Dockerfile once: the second asker gets the same image under its name, and no step ran for it', async () => {
    const { engine, started, tagged } = fakeEngine()
    const builds = new ImageBuilds(engine, run)
    const exercise3 = builds.build({ context: '/w/api', dockerfile: '/w/api/Dockerfile' }, 'p:student')
    const compose = builds.build({ context: '/w/api/', dockerfile: '/w/api/Dockerfile' }, 'p-api')
    await flush()
    started[0]?.finish(true)
    expect(await exercise3).toMatchObject({ ok: true, tag: 'p:student', ranSteps: ['RUN pip install fastapi uvicorn'] })
    expect(await compose).toMatchObject({ ok: true, tag: 'p-api', ranSteps: [], sameAs: 'p:student' })
    expect(started).toHaveLength(1)
    expect(tagged).toEqual([['p:student', 'p-api']])
  })

  it('gives a build that failed the same failure for every asker, and names no image', async () => {
    const { engine, started, tagged } = fakeEngine()
    const builds = new ImageBuilds(engine, run)
    const first = builds.build({ context: '/w/api', dockerfile: '/w/api/Dockerfile' }, 'p:student')
    const second = builds.build({ context: '/w/api', dockerfile: '/w/api/Dockerfile' }, 'p-api')
    await flush()
    started[0]?.finish(false)
    expect((await first).ok).toBe(false)
    expect(await second).toMatchObject({ ok: false, tag: 'p-api' })
    expect(tagged).toEqual([])
  })
})
