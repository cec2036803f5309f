import type { StartedTestContainer } from 'testcontainers'
import { LimitedContainer, type Limits } from './limited-container.js'
import type { DockerEngine, ContainerState, ExecResult, StopResult } from './docker-engine.js'
import { tail } from './docker-logs.js'
import { httpGet, type HttpAnswer } from './http-probe.js'
import { waitForHttp, type HttpWait } from './http-wait.js'
import { readSocketTable, type ListeningSocket, type SocketTable } from './proc-net-tcp.js'
import { StartedOnly } from './started-only.js'

export interface StopOutcome extends StopResult {
  /** `docker ps` just before the stop listed it, with the published port. */
  listedWhileRunning: boolean
  publishedWhileRunning: boolean
}

/** A container of the student's image with its port published on an ephemeral host port, as `docker run -p`. */
export class LabApi {
  private stopping?: Promise<StopOutcome>

  private constructor(
    private readonly engine: DockerEngine,
    private readonly container: StartedTestContainer,
    readonly containerPort: number,
  ) {}

  static async start(engine: DockerEngine, image: string, options: { port: number; labels: Record<string, string>; limits: Limits }): Promise<LabApi> {
    const definition = new LimitedContainer(image).withLimits(options.limits).withExposedPorts(options.port).withLabels(options.labels).withWaitStrategy(new StartedOnly())
    return new LabApi(engine, await definition.start(), options.port)
  }

  get id(): string {
    return this.container.getId()
  }

  url(path: string): string {
    return `http://${this.engine.host}:${this.container.getMappedPort(this.containerPort)}${path}`
  }

  /** GET path until the outcome is known: an answer, a server listening elsewhere, a hang, the container's exit. */
  get(path: string, options: { timeoutMs: number; probeMs: number; accept?: (answer: HttpAnswer) => boolean }): Promise<HttpWait> {
    return waitForHttp({
      probe: () => httpGet(this.url(path), options.probeMs),
      ...(options.accept ? { accept: options.accept } : {}),
      port: this.containerPort,
      listening: () => this.listeningSockets(),
      running: async () => (await this.state()).running,
      timeoutMs: options.timeoutMs,
    })
  }

  state(): Promise<ContainerState> {
    return this.engine.inspect(this.id)
  }

  async logTail(lines = 20): Promise<string> {
    return tail(await this.engine.logs(this.id, lines * 5), lines)
  }

  exec(cmd: string[]): Promise<ExecResult> {
    return this.engine.exec(this.id, cmd)
  }

  /** The kernel's socket table inside the container: what the server listens on, or why it could not be read. */
  socketTable(): Promise<SocketTable> {
    return readSocketTable((cmd) => this.exec(cmd))
  }

  /** What the server listens on; undefined when the socket table cannot be read. */
  async listeningSockets(): Promise<ListeningSocket[] | undefined> {
    const table = await this.socketTable()
    return table.ok ? table.sockets : undefined
  }

  /** `docker stop`, once: the ps and graceful-stop checks both observe this one stop. */
  stop(graceSeconds: number): Promise<StopOutcome> {
    this.stopping ??= (async () => {
      const running = await this.engine.list({ all: false })
      const listed = running.find((c) => c.id === this.id)
      const stopped = await this.engine.stop(this.id, graceSeconds)
      return {
        ...stopped,
        listedWhileRunning: listed !== undefined,
        publishedWhileRunning: listed?.ports.some((p) => p.privatePort === this.containerPort && p.publicPort !== undefined) ?? false,
      }
    })()
    return this.stopping
  }
}
