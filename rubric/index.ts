import { SettingError } from '../grading/errors.js'
import { catalogue, parseLanguage, type Catalogue } from '../i18n/index.js'
import { parseRubric, type CheckDefinition, type Rubric } from './schema.js'
import { processEnvironment, readSettings, type Settings } from './settings.js'
import { tp1 } from './tp1.js'
import { tp1ExpectedSchema, type Expected, type Tp1Rubric, type Tp1RubricInput, type Tp1RubricSource } from './tp1-expected.js'

export type { CheckDefinition, Rubric } from './schema.js'
export type { Tp1Rubric } from './tp1-expected.js'
export { parseRubric } from './schema.js'
export type { Settings } from './settings.js'

/** Numbers an instructor or a test may change for one run: PREFIX_<NAME_IN_CAPS>=value (e.g. GRADER_TIMEOUT_BUILD_SECONDS=5). */
function overridden<T extends Record<string, number>>(values: T, prefix: string, env: Readonly<NodeJS.ProcessEnv>): T {
  const result: Record<string, number> = { ...values }
  for (const key of Object.keys(values)) {
    const name = `${prefix}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!Number.isFinite(value) || value <= 0) throw new SettingError(`${name}=${raw} is not a positive number`)
    result[key] = value
  }
  return result as T
}

export function withOverrides<R extends Rubric>(rubric: R, env: Readonly<NodeJS.ProcessEnv>): R {
  return { ...rubric, timeouts: overridden(rubric.timeouts, 'GRADER_TIMEOUT', env), limits: overridden(rubric.limits, 'GRADER_LIMIT', env) }
}

/**
 * The lab with its titles in the catalogue's language. A title the catalogue lacks stays out, and the schema then
 * names the check whose title is missing.
 */
export function localize(source: Tp1RubricSource, messages: Catalogue): Tp1RubricInput {
  const text = messages.rubric
  const sections = Object.values(messages).map((section) => titlesOf(section, source.expected))
  const titles: Record<string, string> = { ...text.checks(source.expected), ...Object.assign({}, ...sections) }
  const itemTitles: Record<string, Record<string, string>> = text.items(source.expected)
  return {
    ...source,
    title: text.title,
    checks: source.checks.map((check) => {
      const items = check.items?.map((item) => ({
        ...item,
        title: itemTitles[check.id]?.[item.id] ?? (check.review ? text.reportQuestion(item.id) : undefined),
      }))
      const title = titles[check.id] ?? (check.review && items ? text.reportCheck(items.map((i) => i.id)) : undefined)
      return { ...check, title, ...(items ? { items } : {}) } as Tp1RubricInput['checks'][number]
    }),
  }
}

/**
 * A catalogue section may carry the titles of its checks (`titles: (expected) => ({ id: title })`) beside their
 * findings: a new check then writes its title and its messages in one place per language.
 */
function titlesOf(section: unknown, expected: Expected): Record<string, string> {
  const titles = (section as { titles?: unknown } | null)?.titles
  return typeof titles === 'function' ? (titles as (e: Expected) => Record<string, string>)(expected) : {}
}

/** The lab's rubric in the language the student reads: GRADER_LANG, or the lab's own. */
export function loadRubric(source: Tp1RubricSource, env: Readonly<NodeJS.ProcessEnv>): Tp1Rubric {
  const language = env.GRADER_LANG ? parseLanguage(env.GRADER_LANG) : source.language
  return withOverrides(parseRubric(localize({ ...source, language }, catalogue(language)), tp1ExpectedSchema), env)
}

/**
 * What a grading run is set to: the lab's rubric with the run's overrides, every message in the student's language,
 * and the run's settings. Made once by each process that grades (the config, the global setup, the worker's test
 * context, the reporter, the class tool) and handed to what needs it.
 */
export interface Run {
  rubric: Tp1Rubric
  messages: Catalogue
  settings: Settings
}

/**
 * Loads the run from an environment (this process's by default): GRADER_LANG, GRADER_TIMEOUT_*, GRADER_LIMIT_* and
 * the settings of rubric/settings.ts; a wrong one is a SettingError. Nothing reads the environment as it is
 * imported: this is the one place.
 */
export function loadRun(env: Readonly<NodeJS.ProcessEnv> = processEnvironment()): Run {
  const rubric = loadRubric(tp1, env)
  return { rubric, messages: catalogue(rubric.language), settings: readSettings(env) }
}

/** A check of the rubric, by id; an unknown id is the grader's bug. */
export function checkDefinition(rubric: Rubric, id: string): CheckDefinition {
  const found = rubric.checks.find((c) => c.id === id)
  if (!found) throw new Error(`No check "${id}" in the rubric (known: ${rubric.checks.map((c) => c.id).join(', ')})`)
  return found
}
