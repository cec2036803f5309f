import path from 'node:path'

/**
 * Every setting of a grading run, read from one environment in one place (readSettings): the rest of the grader is
 * handed this value (through the run: core/checks/check.ts's test context, a constructor, a parameter) and never reads the environment.
 * The rubric's own overrides (GRADER_LANG, GRADER_TIMEOUT_*, GRADER_LIMIT_*) are read from the same environment by
 * loadRun.
 */
export interface Settings {
  /** GRADER_LAB: the lab graded, by its folder under labs/ (default: tp1). */
  lab: string
  /** SUBMISSION_DIR, absolute (default: student-submission). */
  submissionDir: string
  /** SUBMISSION_DIR as given, for the one line that says it is no folder. */
  submissionDirGiven?: string
  /** GRADE_DIR: where the grade is written (default: the reporter's outputDir, then grades). */
  gradeDir?: string
  /** REVIEW_FILE: the instructor's review (default: `<submission>.review.json` beside it). */
  reviewFile?: string
  /** GRADER_FORMATS: the result formats written beside grade.json. */
  formats?: string
  /** GRADER_RUN_ID when it is a valid run id (the batch tool, the grader's own tests). */
  runId?: string
  /** GRADER_EARLY_STACK=0 turns off the stack started by the global setup. */
  earlyStack: boolean
  /** GRADER_KEEP_BUILD_CACHE=0 removes the run's build cache with its images. */
  keepBuildCache: boolean
  /** DOCKER_HOST: the engine asked for (no fallback to another). */
  dockerHost?: string
  /** On GitHub Actions: GITHUB_ACTIONS=true, its job summary file, its workspace. */
  github: { actions: boolean; stepSummary?: string; workspace?: string }
  /** NO_COLOR: no colours on the terminal. */
  noColor: boolean
  /** CI=true: a CI's log, not a terminal (no redrawn progress bar). */
  ci: boolean
  /**
   * The environment itself, handed on to the programs the grader starts (Compose, git, a run of the grader per
   * student), which need PATH, HOME, DOCKER_*, proxies.
   */
  environment: Readonly<NodeJS.ProcessEnv>
}

/** The environment of this process: the one place the grader reads it. */
export const processEnvironment = (): Readonly<NodeJS.ProcessEnv> => process.env

const given = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value)

/** The run's settings from an environment (this process's by default). */
export function readSettings(env: Readonly<NodeJS.ProcessEnv> = processEnvironment()): Settings {
  const submissionDirGiven = given(env.SUBMISSION_DIR)
  const gradeDir = given(env.GRADE_DIR)
  const reviewFile = given(env.REVIEW_FILE)
  const formats = env.GRADER_FORMATS
  const runId = env.GRADER_RUN_ID?.match(/^[a-z0-9]{1,32}$/)?.[0]
  const dockerHost = given(env.DOCKER_HOST)
  const stepSummary = given(env.GITHUB_STEP_SUMMARY)
  const workspace = given(env.GITHUB_WORKSPACE)
  return {
    lab: given(env.GRADER_LAB)?.trim().toLowerCase() ?? 'tp1',
    submissionDir: path.resolve(submissionDirGiven ?? 'student-submission'),
    ...(submissionDirGiven !== undefined ? { submissionDirGiven } : {}),
    ...(gradeDir !== undefined ? { gradeDir } : {}),
    ...(reviewFile !== undefined ? { reviewFile } : {}),
    ...(formats !== undefined ? { formats } : {}),
    ...(runId !== undefined ? { runId } : {}),
    earlyStack: env.GRADER_EARLY_STACK !== '0',
    keepBuildCache: env.GRADER_KEEP_BUILD_CACHE !== '0',
    ...(dockerHost !== undefined ? { dockerHost } : {}),
    github: { actions: env.GITHUB_ACTIONS === 'true', ...(stepSummary ? { stepSummary } : {}), ...(workspace ? { workspace } : {}) },
    noColor: Boolean(env.NO_COLOR),
    ci: env.CI === 'true',
    environment: env,
  }
}
