import type { Catalogue } from '../../../../core/i18n/index.js'
import { rubric } from './rubric.js'
import { session } from './session.js'
import { ex2 } from './ex2.js'
import { ex3 } from './ex3.js'
import { ex4 } from './ex4.js'
import { ex5 } from './ex5.js'
import { ex6 } from './ex6.js'
import { ex7 } from './ex7.js'
import { healthRoute } from './health-route.js'
import { dockerfile } from './dockerfile.js'

/**
 * TP1's own words in English: its titles, its session's, one section per exercise, and its analyses' (the health
 * route, the Dockerfile). This file's shape is their type: a French entry missing or extra fails `npm run typecheck`.
 */
export const en = {
  rubric,
  session,
  ex2,
  ex3,
  ex4,
  ex5,
  ex6,
  ex7,
  healthRoute,
  dockerfile,
}

export type Tp1Words = typeof en
/** Every message a TP1 check speaks with: the core's and TP1's own. */
export type Tp1Catalogue = Catalogue & Tp1Words
