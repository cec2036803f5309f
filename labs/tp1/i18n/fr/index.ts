import type { Tp1Words } from '../en/index.js'
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

/** Les mots propres au TP1, en français (la langue du TP1). */
export const fr: Tp1Words = {
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
