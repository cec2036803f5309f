import { readFileSync } from 'node:fs'
import path from 'node:path'
import { stagesForTarget } from '../analysis/dockerfile-stages.js'
import type { ComposeConfig, ComposeService } from '../analysis/compose-model.js'
import type { BuildOptions, BuildResult, DockerEngine } from './docker-engine.js'

/** One image to build: a context folder, its Dockerfile (a path, or the text of Compose's dockerfile_inline), what Compose's build: may add. */
export interface BuildRequest {
  /** Absolute. */
  context: string
  /** Absolute; ignored when `dockerfileText` is given. */
  dockerfile: string
  dockerfileText?: string
  args?: Record<string, string>
  target?: string
  noCache?: boolean
}

/** The name a Dockerfile given as text takes in the build context sent to Docker. */
export const INLINE_DOCKERFILE = '.tp1-grader.Dockerfile'

/** The image a built service runs: Compose's own name for it (`<project>-<service>`), never the student's `image:`. */
export const builtImageTag = (project: string, service: string): string => `${project}-${service}`

/**
 * What the grader builds for each service with a `build:` section, from the normalised configuration (absolute
 * context). Only what a build of the lab can need reaches the builder: context, Dockerfile (or its inline text),
 * args, target, no_cache. The rest the policy refuses (network, extra_hosts, secrets, ssh, additional contexts,
 * cache imports, tags, privileged…) or the grader decides (it never pulls during a build; /dev/shm is bounded by
 * the memory limit): none of it is passed on.
 */
export function composeBuildRequests(config: ComposeConfig, project: string): { service: string; tag: string; request: BuildRequest }[] {
  return Object.entries(config.services).flatMap(([service, { build }]) => {
    if (!build) return []
    const context = path.resolve(build.context)
    const inline = typeof build.dockerfile_inline === 'string' ? build.dockerfile_inline : undefined
    const args = Object.fromEntries(Object.entries(build.args ?? {}).flatMap(([key, value]) => (value === null || value === undefined ? [] : [[key, String(value)]])))
    const request: BuildRequest = {
      context, dockerfile: path.resolve(context, build.dockerfile ?? 'Dockerfile'),
      ...(inline !== undefined ? { dockerfileText: inline } : {}),
      ...(Object.keys(args).length ? { args } : {}),
      ...(typeof build.target === 'string' && build.target ? { target: build.target } : {}),
      ...(build.no_cache === true ? { noCache: true } : {}),
    }
    return [{ service, tag: builtImageTag(project, service), request }]
  })
}

/** Two requests with the same key build the same image: same context, Dockerfile, arguments, target, cache use. */
export function buildKey(request: BuildRequest): string {
  const args = Object.entries(request.args ?? {}).sort(([a], [b]) => a.localeCompare(b))
  const dockerfile = request.dockerfileText !== undefined ? { text: request.dockerfileText } : { path: path.resolve(request.dockerfile) }
  return JSON.stringify([path.resolve(request.context), dockerfile, args, request.target ?? null, request.noCache ?? false])
}

/**
 * The Dockerfile as Docker's build API takes it: a path inside the context, or the file's text (the classic builder
 * reads the Dockerfile from the context only; Compose also builds one kept beside it). With a target, only the stages
 * the target needs are sent, as BuildKit would build them (see stagesForTarget).
 */
export function dockerfileOption(request: BuildRequest, read = (file: string) => readFileSync(file, 'utf8')): Pick<BuildOptions, 'dockerfile' | 'dockerfileText'> {
  const relative = path.relative(request.context, request.dockerfile)
  const inContext = request.dockerfileText === undefined && !relative.startsWith('..') && !path.isAbsolute(relative)
  const text = () => request.dockerfileText ?? read(request.dockerfile)
  const pruned = request.target ? stagesForTarget(text(), request.target) : undefined
  if (pruned !== undefined) return { dockerfile: INLINE_DOCKERFILE, dockerfileText: pruned }
  if (inContext) return { dockerfile: relative.split(path.sep).join('/') }
  return { dockerfile: INLINE_DOCKERFILE, dockerfileText: text() }
}

/**
 * The grader's configuration with each built service running the image the grader built (`image:` its tag, never
 * pulled) instead of a `build:` section: Compose has nothing left to build, with or without --no-build.
 */
export function withBuiltImages(config: ComposeConfig, project: string): ComposeConfig {
  const services: Record<string, ComposeService> = {}
  for (const [name, service] of Object.entries(config.services)) {
    if (!service.build) {
      services[name] = service
      continue
    }
    const { build: _build, ...rest } = service
    services[name] = { ...rest, image: builtImageTag(project, name), pull_policy: 'never' }
  }
  return { ...config, services }
}

/**
 * A Compose service's image that could not be built: its service, its Dockerfile as the submission names it, and
 * the build's outcome (which limit, if one was hit).
 */
export class ComposeBuildFailure extends Error {
  override name = 'ComposeBuildFailure'
  constructor(readonly service: string, readonly build: BuildResult, readonly dockerfile: string) {
    super(`${service}: ${build.error ?? 'the build ended without an image'}`)
  }
}

/**
 * Every image build of a run, through one bounded builder (Docker's build API: the rubric's memory and CPU limits
 * and its build timeout): exercise 3's image and the Compose services' alike. Builds run one at a time, so that a
 * later one takes the steps an earlier one ran from the builder's cache (the seed's two identical Dockerfiles:
 * `pip install` runs once), and a request for an image already asked for (the course layout: exercise 3's
 * Dockerfile is api/Dockerfile) is the same build, given one more name.
 */
export class ImageBuilds {
  private readonly made = new Map<string, Promise<BuildResult>>()
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly engine: DockerEngine,
    private readonly run: Pick<BuildOptions, 'labels' | 'timeoutMs' | 'limits'>,
  ) {}

  build(request: BuildRequest, tag: string): Promise<BuildResult> {
    const key = buildKey(request)
    const first = this.made.get(key)
    if (first) return first.then((built) => this.named(built, tag))
    const built = this.queue.then(() => this.engine.buildImage(request.context, { ...this.run, tag, ...dockerfileOption(request), ...buildParts(request) }))
    this.queue = built.catch(() => {})
    this.made.set(key, built)
    return built
  }

  /** The same build's outcome under another name: nothing ran for it. */
  private async named(built: BuildResult, tag: string): Promise<BuildResult> {
    if (built.ok) await this.engine.tagImage(built.tag, tag)
    return { ...built, tag, ranSteps: [], sameAs: built.tag }
  }
}

const buildParts = (request: BuildRequest): Pick<BuildOptions, 'buildArgs' | 'target' | 'noCache'> => ({
  ...(request.args ? { buildArgs: request.args } : {}),
  ...(request.target ? { target: request.target } : {}),
  ...(request.noCache ? { noCache: true } : {}),
})
