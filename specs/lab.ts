import { labChecks, type CheckContext as LabCheckContext } from '../grading/check.js'
import { GradingSession } from '../lab/session.js'

/** TP1's specs' vocabulary: the checks and hooks of its spec files, handed TP1's session. */
export const { check, labTest } = labChecks((run, provided) => new GradingSession(run, provided))

/** What a TP1 check is handed: the run and TP1's session. */
export type CheckContext = LabCheckContext<GradingSession>
