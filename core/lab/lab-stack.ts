import { DockerComposeEnvironment, type StartedDockerComposeEnvironment } from 'testcontainers'
import { GraderError } from '../grading/errors.js'
import { GRADER_COMPOSE_FILE, writeGraderCompose, type ComposeConfig, type GraderSettings } from './compose-config.js'
import type { ContainerState, DockerEngine, ExecResult } from './docker-engine.js'
import { within } from './deadline.js'
import { tail } from './docker-logs.js'
import { httpGet, type HttpAnswer } from './http-probe.js'
import { waitForHttp, type HttpWait } from './http-wait.js'
import { readSocketTable, type ListeningSocket } from './proc-net-tcp.js'
import type { EarlyStack } from './early-stack.js'
import { StartedOnly } from './started-only.js'

/** What the stack tells the student in their language: the catalogue's `lab` section has each sentence. */
export interface StackWords {
  composeUpTimedOut(seconds: number): string
  stack: {
    noContainer(service: string): string
    portNotPublished(port: number, service: string): string
    downTimedOut(seconds: number): string
  }
}

/** The student's Compose project, started by Testcontainers under a project name of the run's own. */
export class LabStack {
  private constructor(
    private readonly engine: DockerEngine,
    private readonly environment: StartedDockerComposeEnvironment,
    readonly project: string,
    private readonly words: StackWords,
  ) {}

  /**
   * `docker compose up --no-build [services]`; all services when none are named. The images of the services that
   * build are the grader's, built before (session.composeImages): Compose never builds (see withBuiltImages).
   * `early`: the outcome of the early start (lab/early-stack.ts), which may have started the services that need no
   * build: this `up` keeps those containers (same configuration, nothing recreated) and adds the others.
   */
  static async up(
    engine: DockerEngine,
    options: {
      config: ComposeConfig; project: string; labels: Record<string, string>; settings: GraderSettings
      scratchDir: string; timeoutMs: number; services?: string[]; early?: () => Promise<EarlyStack>; words: StackWords
    },
  ): Promise<LabStack> {
    const timedOut = () => { throw new ComposeUpTimeout(options.timeoutMs, options.words) }
    const starting = (async () => {
      // Two ups of one project at once would both create its containers: the early one ends first.
      const early = await options.early?.()
      if (early?.outcome === 'timed-out') timedOut()
      // The early start's file is kept: the same project, but its labels name its own process, and a label changed would recreate its containers.
      if (early?.outcome !== 'up') writeGraderCompose(options.scratchDir, options.config, options.labels, options.settings, options.project)
      return new DockerComposeEnvironment(options.scratchDir, GRADER_COMPOSE_FILE)
        .withProjectName(options.project)
        .withDefaultWaitStrategy(new StartedOnly())
        .withClientOptions({ commandOptions: ['--no-build'] })
        .up(options.services)
    })()
    return new LabStack(engine, await within(starting, options.timeoutMs, timedOut), options.project, options.words)
  }

  private labelsOf(service?: string): string[] {
    return [`com.docker.compose.project=${this.project}`, ...(service ? [`com.docker.compose.service=${service}`] : [])]
  }

  /** The service's container, running or not (`docker compose ps -a`). */
  async service(name: string): Promise<ContainerState | undefined> {
    const [found] = await this.engine.list({ all: true, labels: this.labelsOf(name) })
    return found ? this.engine.inspect(found.id) : undefined
  }

  async requireService(name: string): Promise<ContainerState> {
    const state = await this.service(name)
    // Checks ask only for services they saw running (session.requireRunning): a container gone since is not the student's doing.
    if (!state) throw new GraderError(this.words.stack.noContainer(name))
    return state
  }

  /** For `eventually`: stop waiting once the service's container has exited. */
  untilExited(service: string): () => Promise<string | undefined> {
    return async () => ((await this.service(service))?.running ? undefined : 'exited')
  }

  /**
   * GET `path` on a container port of the service until the outcome is known (see HttpWait): `accept` takes the
   * answer, the app answers something else each time, listens elsewhere, hangs, or the container exits.
   */
  async waitForHttp(service: string, containerPort: number, path: string, timing: { timeoutMs: number; probeMs: number; accept?: (answer: HttpAnswer) => boolean }): Promise<HttpWait> {
    const { host, port } = await this.endpoint(service, containerPort)
    return waitForHttp({
      probe: () => httpGet(`http://${host}:${port}${path}`, timing.probeMs),
      ...(timing.accept ? { accept: timing.accept } : {}),
      port: containerPort,
      listening: () => this.listeningSockets(service),
      running: async () => Boolean((await this.service(service))?.running),
      timeoutMs: timing.timeoutMs,
    })
  }

  /** What the service's server listens on, read from the kernel's socket table inside its container. */
  async listeningSockets(service: string): Promise<ListeningSocket[] | undefined> {
    const table = await readSocketTable((cmd) => this.exec(service, cmd))
    return table.ok ? table.sockets : undefined
  }

  /** Where a container port of a service is reached from the grader. */
  async endpoint(service: string, containerPort: number): Promise<{ host: string; port: number }> {
    const state = await this.requireService(service)
    const bindings = state.ports[`${containerPort}/tcp`] ?? []
    const binding = bindings.find((b) => !b.hostIp.includes(':')) ?? bindings[0]
    // The grader publishes every port it probes itself (probePorts): one missing is the grader's fault.
    if (!binding) throw new GraderError(this.words.stack.portNotPublished(containerPort, service))
    return { host: this.engine.host, port: binding.hostPort }
  }

  async exec(service: string, cmd: string[]): Promise<ExecResult> {
    return this.engine.exec((await this.requireService(service)).id, cmd)
  }

  async logs(service: string, lines = 200): Promise<string> {
    return this.engine.logs((await this.requireService(service)).id, lines)
  }

  async logTail(service: string, lines = 20): Promise<string> {
    return tail(await this.logs(service, lines * 5), lines)
  }

  /** `docker compose restart <service>`: stop and start the same container. */
  async restart(service: string, graceSeconds: number): Promise<void> {
    await this.engine.restart((await this.requireService(service)).id, graceSeconds)
  }

  private networksRead?: Promise<Set<string>>

  /**
   * The networks the project's containers are on, read once: `up` made the containers and their networks, and
   * nothing the grader does after changes them (a restart keeps the container). The settled stack reads them
   * early (session.settledStack), so `down` does not wait for it. A check that started more of the project's
   * containers after that (compose run, up of another service) would have to read them again.
   */
  networksInUse(): Promise<Set<string>> {
    if (!this.networksRead) {
      const read = (async () => {
        const containers = await this.engine.list({ all: true, labels: this.labelsOf() })
        return new Set((await Promise.all(containers.map((c) => this.engine.inspect(c.id)))).flatMap((c) => c.networks))
      })()
      this.networksRead = read
      // A read that failed is made again by whoever asks next (and only that read is forgotten).
      read.catch(() => {
        if (this.networksRead === read) this.networksRead = undefined
      })
    }
    return this.networksRead
  }

  /** `docker compose down`, then what is left of the project: its containers, and the networks they were on. */
  async down(graceSeconds: number, timeoutMs: number): Promise<{ containers: string[]; networks: string[] }> {
    const used = await this.networksInUse()
    const down = this.environment.down({ timeout: Math.max(graceSeconds, 1) * 1000, removeVolumes: true })
    await within(down, timeoutMs, () => { throw new GraderError(this.words.stack.downTimedOut(Math.round(timeoutMs / 1000))) })
    const containers = await this.engine.list({ all: true, labels: this.labelsOf() })
    const networks = new Set([...(await this.engine.networks(this.labelsOf())), ...(await this.engine.existingNetworks([...used]))])
    return { containers: containers.map((c) => c.names[0] ?? c.id), networks: [...networks] }
  }
}

/** Its message is the one the student reads (ex5.up). */
export class ComposeUpTimeout extends Error {
  override name = 'ComposeUpTimeout'
  constructor(readonly timeoutMs: number, words: Pick<StackWords, 'composeUpTimedOut'>) {
    super(words.composeUpTimedOut(Math.round(timeoutMs / 1000)))
  }
}
