/** What a check's outcome says when the check itself has nothing more specific to say. */
export const verdict = {
  passed: 'passed',
  ungraded: (reason: string) => `The grader could not run this check (not your fault): ${reason}`,
  partsRecorded: (recorded: number, total: number) => `the grader recorded ${recorded} of ${total} parts of this check`,
  partsMissing: (missing: number, total: number, titles: readonly string[]) => `${missing} of ${total} parts are missing: ${titles.join('; ')}`,
  unfinished: (why?: string) => `The grader could not finish this check (not your fault)${why ? `: ${why}` : '.'}`,
  notRun: (why?: string) => `The grader did not run this check (not your fault)${why ? `: ${why}` : '.'}`,
  submissionUngraded: (reason: string) => `The grader could not grade this submission (not your fault): ${reason}.`,
  /** Why the batch tool has no grade from a run (the grade then says the submission could not be graded). */
  lost: {
    timeLimit: (seconds: number) => `the run took longer than the time limit (${seconds} s) and was stopped`,
    couldNotStart: (error: string) => `the grader could not start: ${error}`,
    noGrade: (how: string, lastLine: string) => `the grader stopped without writing a grade (${how}): ${lastLine}`,
  },
  interrupted: 'the run was interrupted before this check',
}
