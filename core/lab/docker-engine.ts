import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { createRequire } from 'node:module'
import Dockerode from 'dockerode'
import { existsSync, readFileSync } from 'node:fs'
import { constants as osConstants } from 'node:os'
import path from 'node:path'
import tar from 'tar-fs'
import type { ContainerRuntimeClientStrategyResult } from 'testcontainers/build/container-runtime/strategies/types.js'
import { firstLine, GraderError } from '../grading/errors.js'
import { within } from './deadline.js'
import { demuxDockerLogs, tail } from './docker-logs.js'
import { saysNotRunning } from './engine-answers.js'
import { engineKind, type EngineAnswers, type EngineName } from './engine-kind.js'
import { eventually } from './eventually.js'
import { HOST_LABEL, PID_LABEL } from './labels.js'


const run = promisify(execFile)
// @balena/dockerignore is CommonJS (module.exports = factory) while its types declare a default export.
const require = createRequire(import.meta.url)
const dockerignore = require('@balena/dockerignore') as typeof import('@balena/dockerignore').default

/**
 * Testcontainers' own ways of finding the engine, in its order (its getContainerRuntimeClient): the engine the
 * grader builds on is the one Testcontainers will start the containers on. Read from its modules so that the first
 * Docker call does not wait for all of Testcontainers to load (about half a second of CPU, twice: in Vitest's
 * process and in the worker); lab/docker-engine.test.ts checks that both find the same engine and host.
 */
type Strategy = new () => { getResult(): Promise<ContainerRuntimeClientStrategyResult | undefined> }
const testcontainersStrategies: [file: string, name: string][] = [
  ['testcontainers-host-strategy', 'TestcontainersHostStrategy'], ['configuration-strategy', 'ConfigurationStrategy'],
  ['unix-socket-strategy', 'UnixSocketStrategy'], ['rootless-unix-socket-strategy', 'RootlessUnixSocketStrategy'],
  ['npipe-socket-strategy', 'NpipeSocketStrategy'],
]
const testcontainersExport = <T>(file: string, name: string): T => {
  const value = (require(`testcontainers/build/container-runtime/${file}`) as Record<string, unknown>)[name]
  if (!value) throw new GraderError(`testcontainers/build/container-runtime/${file} exports no ${name}: the installed Testcontainers is not the one the grader was written for`)
  return value as T
}

async function findEngine(): Promise<{ docker: Dockerode; host: string }> {
  const resolveHost = testcontainersExport<(docker: Dockerode, result: ContainerRuntimeClientStrategyResult, indexServerAddress: string) => Promise<string>>('utils/resolve-host', 'resolveHost')
  const lookupHostIps = testcontainersExport<(host: string) => Promise<unknown>>('utils/lookup-host-ips', 'lookupHostIps')
  for (const [file, name] of testcontainersStrategies) {
    const Strategy = testcontainersExport<Strategy>(`strategies/${file}`, name)
    try {
      const result = await new Strategy().getResult()
      if (!result) continue
      const docker = new Dockerode(result.dockerOptions)
      const info = (await docker.info()) as { IndexServerAddress?: string }
      const host = await resolveHost(docker, result, info.IndexServerAddress || 'https://index.docker.io/v1/')
      await lookupHostIps(host) // a host that does not resolve: Testcontainers tries the next way, so does the grader
      return { docker, host }
    } catch {
      // Testcontainers tries the next way too.
    }
  }
  throw new Error('Could not find a working container runtime strategy')
}

export interface EngineFacts {
  /** Docker Engine, Docker Desktop or Podman (engine-kind.ts). */
  engine: EngineName
  /** The engine's version. */
  docker: string
  dockerApi: string
  compose: string
  kernel: string
  /** The engine's architecture: amd64, arm64. */
  arch: string
  /** An engine run by an ordinary user may not enforce the rubric's limits. */
  rootless: boolean
  /** The rubric's limits the engine says it cannot apply, comma-separated ('' when it applies them all). */
  limitsNotEnforced: string
  host: string
}

export interface BuildResult {
  ok: boolean
  tag: string
  durationMs: number
  timedOut: boolean
  /** Which of the build's limits stopped it: its time, or its memory (a RUN step killed by the kernel for using more). */
  limit?: 'time' | 'memory'
  /** The instruction that failed, e.g. "Step 4/5 : RUN pip install fastapi uvicron". */
  failingStep?: string
  error?: string
  /** The last lines of the build output. */
  log: string
  /** The RUN instructions that ran, not taken from the builder's cache (e.g. "RUN pip install fastapi uvicorn"). */
  ranSteps: string[]
  /** The same build as the image of this tag, asked for twice (lab/image-builds.ts): its outcome, and no step ran again. */
  sameAs?: string
}

/**
 * How to build: the tag, the run's labels, a time limit, the memory and CPU a RUN step may use, the Dockerfile's
 * path in the context (or its text: Compose's dockerfile_inline), and what Compose's build: section may add.
 * Nothing else reaches the builder: no network mode, host entry, platform or secret a student could set.
 */
export interface BuildOptions {
  tag: string
  labels: Record<string, string>
  timeoutMs: number
  limits: { memoryMegabytes: number; cpus: number }
  dockerfile?: string
  dockerfileText?: string
  buildArgs?: Record<string, string>
  target?: string
  noCache?: boolean
}

export interface ExecResult {
  /** -1 when the command had not ended when the grader stopped waiting for it (`timedOut`). */
  exitCode: number
  stdout: string
  stderr: string
  /** The command was still running after EXEC_TIMEOUT_MS (or the `timeoutMs` asked for): its output so far. */
  timedOut?: true
}

/** How `docker stop` ended; `dropped`: PID 1 had no handler for the stop signal, so it was killed when the grace would end. */
export interface StopResult {
  durationMs: number
  exitCode: number
  dropped?: { signal: string; command: string }
}

/** What `exec` keeps of a command's output: enough for the checks' commands, bounded for one that floods. */
const EXEC_OUTPUT_BYTES = 1024 * 1024

/**
 * How long the grader waits for a command it runs in a container (cat, psql, a Python probe): they end in
 * milliseconds, so one still running after this never will — an image whose `cat` hangs, a process that closed
 * its output without ending. Generous, so that a busy machine cannot make a slow command look like a hung one.
 */
export const EXEC_TIMEOUT_MS = 30_000

/** How long Docker may take, once a command's output has ended, to record its exit code. */
const EXEC_EXIT_CODE_MS = 2000

/** How long Docker's oom event may come after the killed step's exit code. */
const OOM_EVENT_MS = 2000

/** How long reading PID 1's signal handlers may take before the stop falls back to docker stop's own wait. */
const INIT_READ_MS = 2000

/** A stop signal as Docker accepts it ("SIGTERM", "TERM", "15"; empty: SIGTERM), as a Linux signal number. */
export function signalNumber(name: string | undefined): number | undefined {
  const value = (name || 'SIGTERM').toUpperCase()
  if (/^\d+$/.test(value)) return Number(value) >= 1 && Number(value) <= 64 ? Number(value) : undefined
  const signals = osConstants.signals as Record<string, number>
  return signals[value.startsWith('SIG') ? value : `SIG${value}`]
}

const signalName = (n: number) => Object.entries(osConstants.signals).find(([, v]) => v === n)?.[0] ?? String(n)

/** The engine says the container is not running (engine-answers.ts: Docker's and Podman's words): it has stopped, as asked. */
function ignoreNotRunning(error: unknown): void {
  if (!saysNotRunning(error)) throw error
}

export interface ContainerState {
  id: string
  name: string
  status: string
  running: boolean
  exitCode: number
  oomKilled: boolean
  startedAt: string
  ports: Record<string, { hostIp: string; hostPort: number }[]>
  workingDir: string
  labels: Record<string, string>
  networks: string[]
}

export interface ListedContainer {
  id: string
  state: string
  status: string
  names: string[]
  labels: Record<string, string>
  ports: { privatePort: number; publicPort?: number }[]
}


/** What the engine tells the student in their language: the catalogue's `lab` section has each sentence. */
export interface EngineWords {
  dockerHostUnreachable(host: string, reason: string): string
  dockerUnreachable(reason: string): string
  buildTimedOut(seconds: number): string
  buildOutOfMemory(megabytes: number): string
}

/** The one place that talks to Docker directly. Everything else asks it. */
export class DockerEngine {
  private constructor(
    private readonly docker: Dockerode,
    /** The address where published ports are reached (localhost, or the bridge gateway inside a container). */
    readonly host: string,
    private readonly words: EngineWords,
  ) {}

  /**
   * Connects the way Testcontainers does (DOCKER_HOST, the usual sockets); GraderError, in the student's words, when
   * Docker is not there. `dockerHost`: the run's DOCKER_HOST, when it was given: that engine, and no other.
   */
  static async connect(words: EngineWords, dockerHost?: string): Promise<DockerEngine> {
    // Testcontainers falls back to other sockets when DOCKER_HOST fails; grading on another engine than the one asked for would be wrong.
    if (dockerHost) {
      try {
        await new Dockerode({ timeout: 10_000 }).ping()
      } catch (error) {
        throw new GraderError(words.dockerHostUnreachable(dockerHost, firstLine(error)), { cause: error })
      }
    }
    try {
      const { docker, host } = await findEngine()
      return new DockerEngine(docker, host, words)
    } catch (error) {
      if (error instanceof GraderError) throw error // the installed Testcontainers, not the machine's Docker
      throw new GraderError(words.dockerUnreachable(firstLine(error)), { cause: error })
    }
  }

  async facts(): Promise<EngineFacts> {
    const [version, info, compose] = await Promise.all([
      this.docker.version(),
      this.docker.info() as Promise<EngineAnswers['info'] & { KernelVersion: string }>,
      run('docker', ['compose', 'version', '--short']).then((r) => r.stdout.trim(), (e: Error) => `unavailable (${e.message.split('\n')[0]})`),
    ])
    const kind = engineKind({ version, info })
    return { engine: kind.engine, docker: kind.version, dockerApi: version.ApiVersion, compose, kernel: info.KernelVersion, arch: kind.arch, rootless: kind.rootless, limitsNotEnforced: kind.limitsNotEnforced.join(','), host: this.host }
  }

  /**
   * Builds with the classic builder: its output is readable, and Docker's build API applies the memory and CPU
   * limits to every RUN step (it has no process limit: a fork storm in RUN meets the memory limit or the timeout).
   * `forcerm` leaves no intermediate containers behind. A RUN step the kernel killed for its memory is told apart
   * from one that failed by the engine's `oom` event for the step's container.
   */
  async buildImage(context: string, options: BuildOptions): Promise<BuildResult> {
    const { tag, labels, timeoutMs, limits, dockerfile = 'Dockerfile', dockerfileText } = options
    const started = Date.now()
    const lines: string[] = []
    const ranSteps: string[] = []
    const stepContainers: string[] = []
    let lastStep: string | undefined
    let error: string | undefined
    let errorCode: number | undefined
    const outOfMemory = await this.oomEvents()
    const packed = tar.pack(context, {
      ignore: dockerignoreFilter(context, dockerfile),
      // Compose's dockerfile_inline: the text is added to the context under the name the build is told.
      ...(dockerfileText !== undefined ? { finalize: false, finish: (pack: { entry(header: { name: string }, text: string): void; finalize(): void }) => { pack.entry({ name: dockerfile }, dockerfileText); pack.finalize() } } : {}),
    } as tar.PackOptions)
    const stream = (await this.docker.buildImage(packed, {
      t: tag, labels, forcerm: true, rm: true, pull: false, dockerfile,
      memory: limits.memoryMegabytes * 1024 * 1024, memswap: limits.memoryMegabytes * 1024 * 1024, cpuperiod: 100_000, cpuquota: Math.round(limits.cpus * 100_000),
      ...(options.buildArgs ? { buildargs: options.buildArgs } : {}),
      ...(options.target ? { target: options.target } : {}),
      ...(options.noCache ? { nocache: true } : {}),
    } as Dockerode.ImageBuildOptions).catch((e: unknown) => {
      outOfMemory.close()
      throw e
    })) as NodeJS.ReadableStream & { destroy(): void }
    let timedOut = false
    const built = new Promise<void>((resolve) => {
      this.docker.modem.followProgress(stream, () => resolve(), (event: { stream?: string; error?: string; errorDetail?: { message?: string; code?: number } }) => {
        if (event.stream) {
          for (const line of event.stream.split('\n')) if (line.trim()) {
            lines.push(line)
            const step = /^Step \d+\/\d+ : (.*)$/.exec(line.trim())
            if (step) lastStep = line.trim()
            const running = /^ ---> Running in ([0-9a-f]+)/.exec(line)
            if (running) {
              stepContainers.push(running[1]!)
              const instruction = lastStep?.replace(/^Step \d+\/\d+ : /, '')
              if (instruction && /^RUN\b/i.test(instruction)) ranSteps.push(instruction)
            }
          }
          if (lines.length > 2000) lines.splice(0, lines.length - 1000)
        }
        if (event.error || event.errorDetail) {
          error = event.errorDetail?.message ?? event.error
          errorCode = event.errorDetail?.code
        }
      })
    })
    await within(built, timeoutMs, () => {
      timedOut = true
      stream.destroy()
    })
    // The kernel's OOM kill is a SIGKILL (137); Docker sends its oom event before the step's exit, waited for briefly all the same.
    const killedForMemory = errorCode === 137 && (await outOfMemory.seen(stepContainers, OOM_EVENT_MS))
    outOfMemory.close()
    const ok = !timedOut && !error && (await this.imageExists(tag))
    if (error) lines.push(error)
    const limit = timedOut ? 'time' as const : killedForMemory ? 'memory' as const : undefined
    return {
      ok, tag, durationMs: Date.now() - started, timedOut, ranSteps,
      ...(limit ? { limit } : {}),
      ...(!ok && lastStep ? { failingStep: lastStep } : {}),
      ...(timedOut
        ? { error: this.words.buildTimedOut(Math.round(timeoutMs / 1000)) }
        : killedForMemory ? { error: this.words.buildOutOfMemory(limits.memoryMegabytes) } : error ? { error } : {}),
      log: tail(lines.join('\n'), 25),
    }
  }

  /** Docker's `oom` events from now on: whether one came for a container whose id starts with one of these. */
  private async oomEvents(): Promise<{ seen(ids: readonly string[], waitMs: number): Promise<boolean>; close(): void }> {
    const killed: string[] = []
    let stream: NodeJS.ReadableStream & { destroy(): void } | undefined
    try {
      stream = (await this.docker.getEvents({ filters: { type: ['container'], event: ['oom'] } })) as NodeJS.ReadableStream & { destroy(): void }
      let pending = ''
      stream.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8')
        const complete = pending.split('\n')
        pending = complete.pop() ?? ''
        for (const line of complete) {
          try {
            killed.push(String((JSON.parse(line) as { id?: string }).id ?? ''))
          } catch {} // not an event: nothing to learn from it
        }
      })
      stream.on('error', () => {})
    } catch {} // without events, a killed step is reported as Docker reports it (exit code 137)
    const matches = (ids: readonly string[]) => ids.some((id) => killed.some((k) => k.startsWith(id)))
    return {
      seen: async (ids, waitMs) => (await eventually(async () => {
        if (!matches(ids)) throw new Error('no oom event yet')
      }, { timeoutMs: stream ? waitMs : 0, intervalMs: 50 })).ok,
      close: () => stream?.destroy(),
    }
  }

  /** Gives an image a second name (docker tag): the same build, as another part of the lab names it. */
  async tagImage(image: string, tag: string): Promise<void> {
    const at = tag.lastIndexOf(':')
    const [repo, version] = at > tag.lastIndexOf('/') ? [tag.slice(0, at), tag.slice(at + 1)] : [tag, 'latest']
    await this.docker.getImage(image).tag({ repo, tag: version })
  }

  async imageExists(tag: string): Promise<boolean> {
    try {
      await this.docker.getImage(tag).inspect()
      return true
    } catch {
      return false
    }
  }

  async imageConfig(tag: string): Promise<{ workingDir: string; cmd: string[]; entrypoint: string[] }> {
    const info = await this.docker.getImage(tag).inspect()
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])
    return { workingDir: info.Config.WorkingDir ?? '', cmd: list(info.Config.Cmd), entrypoint: list(info.Config.Entrypoint) }
  }

  async inspect(containerId: string): Promise<ContainerState> {
    const info = await this.docker.getContainer(containerId).inspect()
    const ports: ContainerState['ports'] = {}
    for (const [port, bindings] of Object.entries(info.NetworkSettings.Ports ?? {}))
      ports[port] = ((bindings as { HostIp: string; HostPort: string }[] | null) ?? []).map((b) => ({ hostIp: b.HostIp, hostPort: Number(b.HostPort) }))
    return {
      id: info.Id,
      name: info.Name.replace(/^\//, ''),
      status: info.State.Status,
      running: info.State.Running,
      exitCode: info.State.ExitCode,
      oomKilled: info.State.OOMKilled,
      startedAt: info.State.StartedAt,
      ports,
      workingDir: info.Config.WorkingDir,
      labels: info.Config.Labels ?? {},
      networks: Object.keys(info.NetworkSettings.Networks ?? {}),
    }
  }

  /** `docker ps` (running only) or `docker ps -a` (all), filtered by labels. */
  async list(options: { all: boolean; labels?: string[] }): Promise<ListedContainer[]> {
    const found = await this.docker.listContainers({ all: options.all, ...(options.labels ? { filters: { label: options.labels } } : {}) })
    return found.map((c) => ({
      id: c.Id, state: c.State, status: c.Status, names: c.Names, labels: c.Labels,
      ports: c.Ports.map((p) => ({ privatePort: p.PrivatePort, ...(p.PublicPort ? { publicPort: p.PublicPort } : {}) })),
    }))
  }

  async networks(labels: string[]): Promise<string[]> {
    const found = await this.docker.listNetworks({ filters: { label: labels } })
    return found.map((n) => n.Name)
  }

  /** Which of these network names still exist. */
  async existingNetworks(names: string[]): Promise<string[]> {
    if (!names.length) return []
    const all = await this.docker.listNetworks()
    return all.map((n) => n.Name).filter((name) => names.includes(name))
  }

  /**
   * `docker exec`: its exit code and output (at most EXEC_OUTPUT_BYTES of it is kept); the output is waited for at
   * most `timeoutMs`, the exit code then at most EXEC_EXIT_CODE_MS more.
   * The output's end is not quite the command's: Docker records the exit code a moment later, so it is waited for;
   * a command that never ends (an image whose `cat` hangs) is given up on and said so (`timedOut`).
   */
  async exec(containerId: string, cmd: string[], options: { workingDir?: string; timeoutMs?: number } = {}): Promise<ExecResult> {
    const exec = await this.docker.getContainer(containerId).exec({
      Cmd: cmd, AttachStdout: true, AttachStderr: true, ...(options.workingDir ? { WorkingDir: options.workingDir } : {}),
    })
    const stream = await exec.start({ Detach: false, Tty: false })
    const chunks: Buffer[] = []
    let kept = 0
    const ended = new Promise<boolean>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        if (kept < EXEC_OUTPUT_BYTES) chunks.push(chunk)
        kept += chunk.length
      })
      stream.on('end', () => resolve(true))
      stream.on('close', () => resolve(true))
      stream.on('error', reject)
    })
    const streamEnded = await within(ended, options.timeoutMs ?? EXEC_TIMEOUT_MS, () => false)
    if (!streamEnded) (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.()
    const { stdout, stderr } = demuxDockerLogs(Buffer.concat(chunks))
    // After the output's end, the exit code comes within moments; after the timeout, it is there or the command still runs.
    const exited = await eventually(async () => {
      const { Running, ExitCode } = await exec.inspect()
      if (Running || ExitCode === null || ExitCode === undefined) throw new Error('still running')
      return ExitCode
    }, { timeoutMs: streamEnded ? EXEC_EXIT_CODE_MS : 0, intervalMs: 20 })
    return exited.ok ? { exitCode: exited.value, stdout, stderr } : { exitCode: -1, stdout, stderr, timedOut: true }
  }

  /** The container's output, bounded: the grader never holds a flood of logs in memory. */
  async logs(containerId: string, lines = 200): Promise<string> {
    const buffer = (await this.docker.getContainer(containerId).logs({ stdout: true, stderr: true, follow: false, tail: lines })) as unknown as Buffer
    return demuxDockerLogs(buffer).combined
  }

  /** Waits for a container to exit; resolves with undefined when it is still running after timeoutMs. */
  async waitForExit(containerId: string, timeoutMs: number): Promise<number | undefined> {
    const exited = this.docker.getContainer(containerId).wait().then((r: { StatusCode: number }) => r.StatusCode)
    return within(exited, timeoutMs, () => undefined)
  }

  /**
   * `docker stop -t <grace>`: the container's stop signal (SIGTERM unless the image sets STOPSIGNAL), then SIGKILL
   * when the grace period ends. Its outcome can be known at once: the kernel discards a signal that a container's
   * PID 1 has no handler for (a shell running CMD's shell form), so such a container can only be killed when the
   * grace ends. It is killed then, without the wait, and `dropped` says which PID 1 dropped which signal.
   */
  async stop(containerId: string, graceSeconds: number): Promise<StopResult> {
    const container = this.docker.getContainer(containerId)
    const started = Date.now()
    const done = async (dropped?: StopResult['dropped']) => ({
      durationMs: Date.now() - started, exitCode: (await this.inspect(containerId)).exitCode, ...(dropped ? { dropped } : {}),
    })
    const signal = signalNumber(((await container.inspect()).Config as { StopSignal?: string } | undefined)?.StopSignal)
    if (signal === undefined) {
      await container.stop({ t: graceSeconds }).catch(ignoreNotRunning)
      return done()
    }
    // PID 1's handlers before and after the signal: both without one, it was dropped. Read only after, a server
    // that restores its handlers once it has shut down (uvicorn does) would look as if it had none.
    const before = await this.initProcess(containerId)
    try {
      await container.kill({ signal: String(signal) })
    } catch (error) {
      ignoreNotRunning(error)
      return done()
    }
    const lacksHandler = (pid1: { handles: Set<number> } | undefined) => pid1 !== undefined && !pid1.handles.has(signal)
    if (lacksHandler(before) && lacksHandler(await this.initProcess(containerId))) {
      await container.kill({ signal: 'SIGKILL' }).catch(ignoreNotRunning)
      await this.waitForExit(containerId, graceSeconds * 1000)
      return done({ signal: signalName(signal), command: before!.command })
    }
    if ((await this.waitForExit(containerId, graceSeconds * 1000)) === undefined) {
      await container.kill({ signal: 'SIGKILL' }).catch(ignoreNotRunning)
      await this.waitForExit(containerId, graceSeconds * 1000)
    }
    return done()
  }

  /** PID 1 of a running container: its command line and the signals it handles (/proc/1/status, SigCgt); undefined when unreadable. */
  private async initProcess(containerId: string): Promise<{ command: string; handles: Set<number> } | undefined> {
    try {
      // Two small files are read in milliseconds: a container too busy to answer within INIT_READ_MS gets docker stop's own wait.
      const read = Promise.all([this.exec(containerId, ['cat', '/proc/1/status']), this.exec(containerId, ['cat', '/proc/1/cmdline'])])
      const files = await within(read, INIT_READ_MS, () => undefined)
      if (!files) return undefined
      const [status, cmdline] = files
      const caught = /^SigCgt:\s*([0-9a-f]+)$/im.exec(status.stdout)?.[1]
      if (status.exitCode !== 0 || !caught) return undefined
      const mask = BigInt(`0x${caught}`)
      const handles = new Set<number>()
      for (let n = 1; n <= 64; n++) if ((mask >> BigInt(n - 1)) & 1n) handles.add(n)
      return { command: cmdline.stdout.split('\0').filter(Boolean).join(' '), handles }
    } catch {
      return undefined
    }
  }

  async restart(containerId: string, graceSeconds: number): Promise<void> {
    await this.docker.getContainer(containerId).restart({ t: graceSeconds })
  }

  /**
   * Removes every container, network, volume and image that carries all these labels (`key=value`); with
   * `createdBefore`, only those made at least a second before it (Docker dates some objects to the second).
   * `keepBuildCache` (the default): removing an image keeps its untagged parent layers (GRADER_KEEP_BUILD_CACHE).
   */
  async removeLabelled(labels: string[], options: { createdBefore?: Date; keepBuildCache?: boolean } = {}): Promise<{ containers: number; networks: number; volumes: number; images: number }> {
    const filters = { label: labels }
    const old = (created: number | string | undefined) =>
      !options.createdBefore || (created !== undefined && (typeof created === 'number' ? created * 1000 : Date.parse(created)) + 1000 <= options.createdBefore.getTime())
    const containers = (await this.docker.listContainers({ all: true, filters })).filter((c) => old(c.Created))
    await Promise.all(containers.map((c) => this.docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreMissing)))
    const networks = (await this.docker.listNetworks({ filters })).filter((n) => old(n.Created))
    await Promise.all(networks.map((n) => this.docker.getNetwork(n.Id).remove().catch(ignoreMissing)))
    const volumes = ((await this.docker.listVolumes({ filters })).Volumes ?? []).filter((v) => old((v as { CreatedAt?: string }).CreatedAt))
    await Promise.all(volumes.map((v) => this.docker.getVolume(v.Name).remove().catch(ignoreMissing)))
    const images = (await this.docker.listImages({ filters })).filter((i) => old(i.Created))
    // The untagged parent layers are the classic builder's cache (no run label: the labels are its last steps);
    // pruning them with the image made every run rebuild from scratch.
    const noprune = options.keepBuildCache ?? true
    for (const image of images) await this.docker.getImage(image.Id).remove({ force: true, noprune }).catch(ignoreMissing)
    return { containers: containers.length, networks: networks.length, volumes: volumes.length, images: images.length }
  }

  /**
   * The grading processes (worker pid and host) that left objects on this engine. By pid, not run id: a build
   * stopped half-way leaves images that carry only some of the run's labels.
   */
  async leftoverOwners(labels: string[] = []): Promise<{ pid: number; host: string }[]> {
    const filters = { label: [PID_LABEL, ...labels] }
    const labelled = [
      ...(await this.docker.listContainers({ all: true, filters })).map((c) => c.Labels),
      ...(await this.docker.listImages({ filters })).map((i) => i.Labels ?? {}),
      ...(await this.docker.listNetworks({ filters })).map((n) => n.Labels ?? {}),
      ...((await this.docker.listVolumes({ filters })).Volumes ?? []).map((v) => v.Labels ?? {}),
    ]
    const owners = new Map<string, { pid: number; host: string }>()
    for (const labels of labelled) {
      const pid = Number(labels[PID_LABEL])
      const host = labels[HOST_LABEL] ?? ''
      if (Number.isInteger(pid)) owners.set(`${host}/${pid}`, { pid, host })
    }
    return [...owners.values()]
  }
}

function ignoreMissing(error: unknown): void {
  const code = (error as { statusCode?: number }).statusCode
  if (code !== 404 && code !== 409) throw error
}

function dockerignoreFilter(context: string, dockerfile: string): (name: string) => boolean {
  const file = path.join(context, '.dockerignore')
  if (!existsSync(file)) return () => false
  const ignore = dockerignore({ ignorecase: false }).add(readFileSync(file, 'utf8'))
  return (name) => {
    const relative = path.relative(context, name)
    return relative !== dockerfile && relative !== '' && ignore.ignores(relative)
  }
}
