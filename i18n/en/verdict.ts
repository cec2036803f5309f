/** What a check's outcome says when the check itself has nothing more specific to say. */
export const verdict = {
  passed: 'passed',
  ungraded: (reason: string) => `The grader could not run this check (not your fault): ${reason}`,
  partsRecorded: (recorded: number, total: number) => `the grader recorded ${recorded} of ${total} parts of this check`,
  partsMissing: (missing: number, total: number, titles: readonly string[]) => `${missing} of ${total} parts are missing: ${titles.join('; ')}`,
  manual: 'Graded by your instructor: no automatic points yet.',
  unfinished: (why?: string) => `The grader could not finish this check (not your fault)${why ? `: ${why}` : '.'}`,
  notRun: (why?: string) => `The grader did not run this check (not your fault)${why ? `: ${why}` : '.'}`,
  submissionUngraded: (reason: string) => `The grader could not grade this submission (not your fault): ${reason}.`,
  interrupted: 'the run was interrupted before this check',
}
