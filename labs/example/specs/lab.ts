import { labChecks, type CheckContext as LabCheckContext } from '../../../core/checks/check.js'
import { lab } from '../lab.js'
import { ExampleSession, type ExampleRun } from '../session.js'

/** The example lab's specs' vocabulary: the checks and hooks of its spec files, handed its session. */
export const { check, labTest } = labChecks(lab, (run, provided) => new ExampleSession(run, provided))

/** What an example check is handed: the run and the example's session. */
export type CheckContext = LabCheckContext<ExampleSession, ExampleRun>
