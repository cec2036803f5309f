import { verdict } from './verdict.js'
import { sheet } from './sheet.js'
import { report } from './report.js'
import { lab } from './lab.js'
import { compose } from './compose.js'
import { lms } from './lms.js'

/**
 * Every message of the core a student or an instructor reads, in English: the verdicts, the sheet, the report's
 * findings, the lab objects' outcomes, the Compose file's, the LMS outputs. A lab adds its own words (labs/<name>/).
 * This file's shape is the catalogue type: a French entry missing or extra fails `npm run typecheck` and the
 * catalogue tests. Values are strings, or functions of what the check saw.
 */
export const en = {
  verdict,
  sheet,
  report,
  lab,
  compose,
  lms,
}

export type Catalogue = typeof en
