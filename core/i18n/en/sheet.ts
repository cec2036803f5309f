/** The grade sheet and the other renderings of a grade (terminal, GitHub, Gradescope, PrairieLearn, JUnit). */
export const sheet = {
  status: { passed: 'passed', failed: 'failed', blocked: 'blocked', ungraded: 'ungraded' },
  /** An advisory check's finding: worth no points, a note to read. */
  advice: 'note',
  /** What follows a label (French puts a space before it). */
  colon: ':',
  score: 'Score',
  statusGraded: 'graded',
  statusUngraded: '**UNGRADED** (incomplete)',
  scoreLine: (score: string, max: string, status: string) => `**Score: ${score} / ${max}** · Status: ${status}`,
  ungradedWarning: {
    title: '**This grade is incomplete.** The grader or Docker failed during the run, so some checks could not be graded.',
    notYourFault: 'This is not your fault: these checks are not scored, and the score above is not final.',
    list: 'Ungraded checks:',
    none: 'No check is marked ungraded: the run itself was incomplete.',
  },
  run: {
    heading: 'Run',
    submission: 'Submission',
    commit: 'Commit',
    date: 'Date',
    duration: 'Duration',
    seconds: (seconds: string) => `${seconds} s`,
    environment: 'Environment',
    kernel: 'kernel',
    grader: 'grader',
    unknown: 'unknown',
    rootless: 'rootless',
    limitNames: { memory: 'memory', cpus: 'CPU', pids: 'number of processes' },
    limitsNotEnforced: (engine: string, limits: readonly string[]) =>
      `**${engine} did not enforce these limits of the lab:** ${limits.join(', ')}. The grade stands; where the grade of record is made (an engine that enforces them), a program that goes over them can lose points this sheet gave.`,
  },
  /** What was graded, at the top of the sheet: each file as found in the submission. */
  layout: {
    graded: 'Graded',
    folder: (folder: string) => `the lab in ${folder}`,
    dockerfile: 'Dockerfile',
    compose: 'Compose file',
    report: 'report',
    none: 'none found',
    notFound: {
      title: '**The lab was not found in this submission.** Nothing was graded: every check is blocked.',
      /** `folders`: where the grader looked ("./", "TP1/"); `imageFolders`: where a Dockerfile may be in each ("./", "api/"). */
      looked: (folders: readonly string[], imageFolders: readonly string[], reports: readonly string[]) =>
        `Looked in ${folders.join(', ')} for a Dockerfile (in ${imageFolders.join(' or ')} of the folder), a Compose file (compose.yaml, docker-compose.yml…) and a Markdown report that holds the questions (${reports.join(', ')}…).`,
      fix: 'Hand in the files the statement asks for, at the root of your repository or in one folder named after the lab (for example TP1/).',
    },
    blocker: 'the lab was not found in the submission',
  },
  exercise: (exercise: number) => `Exercise ${exercise}`,
  table: { status: 'Status', check: 'Check', points: 'Points', id: 'Id' },
  feedback: 'Feedback',
  expected: 'Expected',
  seen: 'Seen',
  fix: 'Fix',
  items: 'Items',
  blockedBy: 'Blocked by',
  log: 'Log (last lines)',
  notScored: '_Not scored: the grader or Docker failed, not your submission._',
  review: {
    head: 'Instructor review',
    of: 'of',
    pending: (automatic: string) => `pending — the automatic ${automatic} (answers present, screenshots real) counts until then.`,
    automatic: (automatic: string) => `automatic: ${automatic}`,
    instructor: 'Instructor',
  },
  terminal: {
    sheetFile: 'Grade sheet',
    grade: 'Grade',
    notEarned: 'Points not earned:',
    notes: 'Notes (no points at stake):',
    ungraded: (count: number) => `UNGRADED: ${count ? `${count} check${count === 1 ? '' : 's'} could not be graded` : 'the run did not finish'}: the grader or Docker failed.`,
    notYourFault: 'Not your fault: the score above is incomplete. Re-run, or tell your instructor.',
    grading: (folder: string) => `Grading ${folder}: one line per exercise as it is graded.`,
    graderBug: (where: string) => `The grader's own bug (not yours), in ${where}: tell your instructor, with what follows.`,
  },
  formats: {
    ungraded: 'UNGRADED: some checks could not run because the grader or Docker failed, not the submission. Re-run before grading.',
    ungradedCheck: 'UNGRADED',
    /** Gradescope's second test of a check, that holds its detail when the detail is shown later than the verdict. */
    detail: (title: string) => `${title} — what was expected, seen, and the fix`,
  },
  /** Problems with the instructor's review file, listed at the top of the sheet. */
  reviewFile: {
    notJson: (file: string, reason: string) => `The review file ${file} is not valid JSON: ${reason}`,
    invalid: (file: string, issues: readonly string[]) => `The review file ${file} is not valid: ${issues.join('; ')}`,
    ignored: (problem: string) => `${problem}: ignored.`,
    notReviewed: (id: string) => `The review file grades ${id}, which is not a reviewed check: ignored.`,
    capped: (id: string, given: number, max: number) => `The review gives ${id} ${given} points, more than its ${max}: counted as ${max}.`,
  },
  github: {
    ungradedTitle: 'Ungraded',
    ungraded: (count: number, ids: string) => `The grade is incomplete: ${count} check(s) could not run through no fault of the student (${ids}). Re-run the workflow.`,
    moreTitle: 'More lost points',
    more: (count: number, shown: number) => `${count} more check(s) lost points and are not annotated here: GitHub shows ${shown} error annotations per step. The job summary (the grade sheet) lists them all.`,
  },
}
