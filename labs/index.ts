import type { LabList } from '../core/rubric/lab.js'
import { lab as example } from './example/lab.js'
import { lab as tp1 } from './tp1/lab.js'

/** The labs this grader grades, by the name GRADER_LAB gives (tp1 by default): a new lab is a folder and a line here. */
export const labs: LabList = { tp1, example }
