/**
 * The languages a student can read the grade in. English is the reference catalogue (its shape is the type every
 * other one must have); French is TP1's own language and the default. A leaf: the rubric's schema and the grade's
 * types name a language without loading a catalogue.
 */
export const LANGUAGES = ['fr', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}
