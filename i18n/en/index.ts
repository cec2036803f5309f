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

/**
 * Every message a student reads, in English. This file's shape is the catalogue type: a French entry missing or
 * extra fails `npm run typecheck` and test/i18n.test.ts. Values are strings, or functions of what the check saw.
 */
export const en = {
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

export type Catalogue = typeof en
