import type { Catalogue } from '../en/index.js'
import { verdict } from './verdict.js'
import { sheet } from './sheet.js'
import { report } from './report.js'
import { lab } from './lab.js'
import { compose } from './compose.js'
import { lms } from './lms.js'

/** Tous les messages du cœur que lit un étudiant ou un enseignant, en français ; un TP ajoute les siens (labs/<nom>/). */
export const fr: Catalogue = {
  verdict,
  sheet,
  report,
  lab,
  compose,
  lms,
}
