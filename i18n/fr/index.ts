import type { Catalogue } from '../en/index.js'
import { rubric } from './rubric.js'
import { verdict } from './verdict.js'
import { sheet } from './sheet.js'
import { ex2 } from './ex2.js'
import { ex3 } from './ex3.js'
import { ex4 } from './ex4.js'
import { ex5 } from './ex5.js'
import { ex6 } from './ex6.js'
import { ex7 } from './ex7.js'
import { report } from './report.js'
import { lab } from './lab.js'
import { healthRoute } from './health-route.js'
import { dockerfile } from './dockerfile.js'
import { compose } from './compose.js'
import { lms } from './lms.js'

/** Tous les messages que lit un étudiant, en français (la langue de TP1, et celle par défaut). */
export const fr: Catalogue = {
  rubric,
  verdict,
  sheet,
  ex2,
  ex3,
  ex4,
  ex5,
  ex6,
  ex7,
  report,
  lab,
  healthRoute,
  dockerfile,
  compose,
  lms,
}
