import { SettingError } from '../grading/errors.js'
import { en } from './en/index.js'
import { fr } from './fr/index.js'
import type { Catalogue } from './en/index.js'

export type { Catalogue } from './en/index.js'

/**
 * The languages a student can read the grade in. English is the reference catalogue (its shape is the type every
 * other one must have); French is TP1's own language and the default.
 */
export const LANGUAGES = ['fr', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

export const catalogues: Readonly<Record<Language, Catalogue>> = { fr, en }

export function catalogue(language: Language): Catalogue {
  return catalogues[language]
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** GRADER_LANG=fr|en; anything else is an error naming the known languages. */
export function parseLanguage(value: string, source = 'GRADER_LANG'): Language {
  const language = value.trim().toLowerCase()
  if (isLanguage(language)) return language
  throw new SettingError(`${source}=${value}: unknown language (known: ${LANGUAGES.join(', ')})`)
}
