import { parseRubric, type CheckDefinition, type Rubric } from './schema.js'
import { tp1 } from './tp1.js'

export type { CheckDefinition, Rubric } from './schema.js'
export { parseRubric } from './schema.js'

/** Timeouts can be shortened or lengthened per run: GRADER_TIMEOUT_<NAME>=seconds (e.g. GRADER_TIMEOUT_BUILD_SECONDS). */
function withTimeoutOverrides(rubric: Rubric, env: NodeJS.ProcessEnv): Rubric {
  const timeouts = { ...rubric.timeouts }
  for (const key of Object.keys(timeouts) as (keyof Rubric['timeouts'])[]) {
    const name = `GRADER_TIMEOUT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw} is not a positive number of seconds`)
    timeouts[key] = value
  }
  return { ...rubric, timeouts }
}

export const rubric: Rubric = withTimeoutOverrides(parseRubric(tp1), process.env)

export function checkDefinition(id: string): CheckDefinition {
  const found = rubric.checks.find((c) => c.id === id)
  if (!found) throw new Error(`No check "${id}" in the rubric (known: ${rubric.checks.map((c) => c.id).join(', ')})`)
  return found
}
