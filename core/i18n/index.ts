import { SettingError } from '../grading/errors.js'
import { en } from './en/index.js'
import { fr } from './fr/index.js'
import type { Catalogue } from './en/index.js'
import { isLanguage, LANGUAGES, type Language } from '../grading/languages.js'

export type { Catalogue } from './en/index.js'

export { LANGUAGES, isLanguage, type Language } from '../grading/languages.js'

export const catalogues: Readonly<Record<Language, Catalogue>> = { fr, en }

export function catalogue(language: Language): Catalogue {
  return catalogues[language]
}

/** GRADER_LANG=fr|en; anything else is an error naming the known languages. */
export function parseLanguage(value: string, source = 'GRADER_LANG'): Language {
  const language = value.trim().toLowerCase()
  if (isLanguage(language)) return language
  throw new SettingError(`${source}=${value}: unknown language (known: ${LANGUAGES.join(', ')})`)
}
