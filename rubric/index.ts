import { parseRubric, type CheckDefinition, type Rubric } from './schema.js'
import { tp1 } from './tp1.js'

export type { CheckDefinition, Rubric } from './schema.js'
export { parseRubric } from './schema.js'

/** Numbers an instructor or a test may change for one run: PREFIX_<NAME_IN_CAPS>=value (e.g. GRADER_TIMEOUT_BUILD_SECONDS=5). */
function overridden<T extends Record<string, number>>(values: T, prefix: string, env: NodeJS.ProcessEnv): T {
  const result: Record<string, number> = { ...values }
  for (const key of Object.keys(values)) {
    const name = `${prefix}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw} is not a positive number`)
    result[key] = value
  }
  return result as T
}

export function withOverrides(rubric: Rubric, env: NodeJS.ProcessEnv): Rubric {
  return { ...rubric, timeouts: overridden(rubric.timeouts, 'GRADER_TIMEOUT', env), limits: overridden(rubric.limits, 'GRADER_LIMIT', env) }
}

export const rubric: Rubric = withOverrides(parseRubric(tp1), process.env)

export function checkDefinition(id: string): CheckDefinition {
  const found = rubric.checks.find((c) => c.id === id)
  if (!found) throw new Error(`No check "${id}" in the rubric (known: ${rubric.checks.map((c) => c.id).join(', ')})`)
  return found
}
