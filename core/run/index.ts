import { SettingError } from '../grading/errors.js'
import { catalogue, parseLanguage, type Catalogue } from '../i18n/index.js'
import type { LabDefinition, LabList, LabWords } from '../rubric/lab.js'
import { parseRubric, type CheckDefinition, type Rubric, type RubricInput, type RubricSource } from '../rubric/schema.js'
import { processEnvironment, readSettings, type Settings } from '../rubric/settings.js'

export type { CheckDefinition, Rubric } from '../rubric/schema.js'
export { parseRubric } from '../rubric/schema.js'
export type { Settings } from '../rubric/settings.js'
export { defineLab, type LabDefinition, type LabList, type LabWords } from '../rubric/lab.js'

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
 * The lab with its titles in the catalogue's language (`words`: the lab's words in it). A title the words lack stays
 * out, and the schema then names the check whose title is missing.
 */
export function localize<E>(source: RubricSource<E>, words: LabWords<E>, messages: Catalogue): RubricInput<E> {
  const text = words.rubric
  const sections = Object.values(words).map((section) => titlesOf(section, source.expected))
  const titles: Record<string, string> = { ...text.checks(source.expected), ...Object.assign({}, ...sections) }
  const itemTitles: Record<string, Record<string, string>> = text.items?.(source.expected) ?? {}
  return {
    ...source,
    title: text.title,
    checks: source.checks.map((check) => {
      const items = check.items?.map((item) => ({
        ...item,
        title: itemTitles[check.id]?.[item.id] ?? (check.review ? messages.report.questionTitle(item.id) : undefined),
      }))
      const title = titles[check.id] ?? (check.review && items ? messages.report.checkTitle(items.map((i) => i.id)) : undefined)
      return { ...check, title, ...(items ? { items } : {}) } as RubricInput<E>['checks'][number]
    }),
  }
}

/**
 * A section of a lab's words may carry the titles of its checks (`titles: (expected) => ({ id: title })`) beside their
 * findings: a new check then writes its title and its messages in one place per language.
 */
function titlesOf<E>(section: unknown, expected: E): Record<string, string> {
  const titles = (section as { titles?: unknown } | null)?.titles
  return typeof titles === 'function' ? (titles as (e: E) => Record<string, string>)(expected) : {}
}

/**
 * What a grading run is set to: the lab, its rubric with the run's overrides, every message in the student's
 * language (the core's and the lab's), and the run's settings. Made once by each process that grades (the config,
 * the global setup, the worker's test context, the class tool) and handed to what needs it. `E` and `W`, the lab's
 * expected values and words, are known to the lab's own code only (labRun).
 */
export interface Run<E = unknown, W extends object = object> {
  lab: string
  rubric: Rubric<E>
  messages: Catalogue & W
  settings: Settings
}

/**
 * A lab's run from an environment: GRADER_LANG, GRADER_TIMEOUT_*, GRADER_LIMIT_* and the settings of
 * rubric/settings.ts; a wrong one is a SettingError.
 */
export function labRun<E, W extends LabWords<E>>(lab: LabDefinition<E, W>, env: Readonly<NodeJS.ProcessEnv> = processEnvironment()): Run<E, W> {
  const settings = readSettings(env)
  const language = env.GRADER_LANG ? parseLanguage(env.GRADER_LANG) : lab.rubric.language
  const messages = { ...catalogue(language), ...lab.words[language] }
  const titles = Object.fromEntries(Object.entries(lab.words).map(([l, words]) => [l, words.rubric.title]))
  const rubric = withOverrides(parseRubric({ ...localize({ ...lab.rubric, language }, lab.words[language], messages), titles }, lab.expected), env)
  return { lab: lab.name, rubric, messages, settings }
}

/**
 * Loads the run of the lab GRADER_LAB names (default tp1) from an environment (this process's by default). `labs`,
 * the lab list, is handed in by the entry point that loads the run (the config, the class tool, a test): the core
 * imports no lab.
 */
export function loadRun(labs: LabList, env: Readonly<NodeJS.ProcessEnv> = processEnvironment()): Run {
  return labRun(labNamed(labs, readSettings(env).lab), env)
}

/** The lab of this name in the list; an unknown name is the user's setting, said with the known ones. */
export function labNamed(labs: LabList, name: string): LabDefinition {
  const lab = Object.hasOwn(labs, name) ? labs[name] : undefined
  if (!lab) throw new SettingError(`GRADER_LAB=${name}: unknown lab (known: ${Object.keys(labs).join(', ')})`)
  return lab
}

/** A check of the rubric, by id; an unknown id is the grader's bug. */
export function checkDefinition(rubric: Rubric, id: string): CheckDefinition {
  const found = rubric.checks.find((c) => c.id === id)
  if (!found) throw new Error(`No check "${id}" in the rubric (known: ${rubric.checks.map((c) => c.id).join(', ')})`)
  return found
}
