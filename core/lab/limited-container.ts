import { GenericContainer } from 'testcontainers'
import type { Rubric } from '../rubric/schema.js'

export type Limits = Rubric['limits']

/** A container with the run's limits: memory (no swap beyond it), processes, CPU, and a bounded log on disk. */
export class LimitedContainer extends GenericContainer {
  withLimits(limits: Limits): this {
    const memory = limits.memoryMegabytes * 1024 * 1024
    this.hostConfig.Memory = memory
    this.hostConfig.MemorySwap = memory
    this.hostConfig.PidsLimit = limits.pids
    this.hostConfig.NanoCpus = Math.round(limits.cpus * 1e9)
    this.hostConfig.LogConfig = { Type: 'json-file', Config: { 'max-size': `${limits.logMegabytes}m`, 'max-file': '1' } }
    return this
  }
}
