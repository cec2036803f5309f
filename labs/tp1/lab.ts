import { defineLab } from '../../core/rubric/lab.js'
import { tp1ExpectedSchema } from './expected.js'
import { en } from './i18n/en/index.js'
import { fr } from './i18n/fr/index.js'
import { tp1 } from './rubric.js'

/** TP1 — Docker: images, containers, Compose. The course's first lab, and the grader's default. */
export const lab = defineLab({ name: 'tp1', rubric: tp1, expected: tp1ExpectedSchema, words: { en, fr } })
