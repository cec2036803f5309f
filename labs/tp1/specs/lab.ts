import { labChecks, type CheckContext as LabCheckContext } from '../../../core/checks/check.js'
import { lab } from '../lab.js'
import { GradingSession, type Tp1Run } from '../session.js'

/** TP1's specs' vocabulary: the checks and hooks of its spec files, handed TP1's session. */
export const { check, labTest } = labChecks(lab, (run, provided) => new GradingSession(run, provided))

/** What a TP1 check is handed: the run and TP1's session. */
export type CheckContext = LabCheckContext<GradingSession, Tp1Run>
