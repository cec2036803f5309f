import { catalogue } from '../i18n/index.js'
import { DockerEngine, type EngineFacts } from '../lab/docker-engine.js'

/** A limit's name as the sheet gives it, in English, the language of every message of the class tool. */
const limitName = (limit: string): string => (catalogue('en').sheet.run.limitNames as Record<string, string>)[limit] ?? limit

/**
 * --require-limits: why the engine may not grade a class, or undefined when it applies every limit of the rubric. Pure:
 * what the engine said of itself (DockerEngine.facts) in, the instructor's message out.
 */
export function limitsRefusal(facts: Pick<EngineFacts, 'engine' | 'docker' | 'rootless' | 'limitsNotEnforced'>): string | undefined {
  const missing = facts.limitsNotEnforced.split(',').filter(Boolean)
  if (!missing.length) return undefined
  const engine = `${facts.engine} ${facts.docker}${facts.rootless ? ' (rootless)' : ''}`
  return `--require-limits: ${engine} does not enforce these limits of the rubric: ${missing.map(limitName).join(', ')}. `
    + 'Nothing was graded. Grade on an engine that applies them (Docker run by root, or rootless with cgroup v2 delegation: see '
    + 'https://rootlesscontaine.rs/getting-started/common/cgroup2/), or leave out --require-limits: each grade then says which limits were not enforced.'
}

/** Asks the engine the class will be graded on (DOCKER_HOST, as each run will) what it enforces; the refusal, if any. */
export async function engineRefusesLimits(dockerHost: string | undefined): Promise<string | undefined> {
  const engine = await DockerEngine.connect(catalogue('en').lab, dockerHost)
  return limitsRefusal(await engine.facts())
}
