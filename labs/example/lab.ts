import { defineLab } from '../../core/rubric/lab.js'
import { exampleExpectedSchema } from './expected.js'
import { en } from './i18n/en/index.js'
import { fr } from './i18n/fr/index.js'
import { example } from './rubric.js'

/** The example lab: a static site in an image, the site and a backend in a Compose project, a report of two questions. */
export const lab = defineLab({ name: 'example', rubric: example, expected: exampleExpectedSchema, words: { en, fr } })
