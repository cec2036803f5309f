import { hostname } from 'node:os'

/** Every Docker object a grading run creates carries these labels, so the run can remove exactly what it made. */
export const RUN_LABEL = 'org.tp1-grader.run'
export const PID_LABEL = 'org.tp1-grader.pid'
export const HOST_LABEL = 'org.tp1-grader.host'

/** The Compose project (and image name) of a run. */
export const runProject = (runId: string): string => `tp1-grader-${runId}`

export function runLabels(runId: string): Record<string, string> {
  return { [RUN_LABEL]: runId, [PID_LABEL]: String(process.pid), [HOST_LABEL]: hostname() }
}
