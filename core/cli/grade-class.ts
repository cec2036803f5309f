import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineCommand, runCommand, runMain, showUsage, type ArgsDef, type CommandDef } from 'citty'
import type { Run } from '../run/index.js'
import { parseDeadline } from './deadline.js'
import { engineRefusesLimits } from './engine-limits.js'
import { defaultConcurrency, gradeClass, type Grader } from './grade-command.js'
import { parseLatePolicy } from './late-policy.js'
import { parseLmsOptions } from './lms-export.js'
import { mergeShards } from './merge-command.js'
import { parseShard } from './shard.js'
import { UsageError } from './usage-error.js'

const projectRoot = fileURLToPath(new URL('../..', import.meta.url))
const version = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version
const DEFAULT_TIMEOUT_SECONDS = 1200

function positiveInteger(option: string, raw: string): number {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${option} ${JSON.stringify(raw)} is not a whole number of at least 1, e.g. ${option} 2.`)
  return value
}

/** A file named on the command line is there: a mistyped path must not read as "no review yet". */
function existingFile(option: string, file: string): string {
  if (!existsSync(file)) throw new UsageError(`${option} ${file} does not exist. Give the review sheet a batch run wrote (review-sheet.csv in its --out folder), filled in.`)
  return path.resolve(file)
}

/** --only alice,bob: ids separated by commas. */
function studentList(raw: string): string[] {
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean)
  if (ids.length === 0) throw new UsageError(`--only ${JSON.stringify(raw)} names no student: write the ids separated by commas, e.g. --only alice,bob.`)
  return ids
}

/** The class tool's commands, for the run's rubric (its points, its lab). */
export function classCommand(run: Pick<Run, 'rubric' | 'settings'>): CommandDef {
  const { rubric } = run
  const grader: Grader = { projectRoot, rubric, version, settings: run.settings }

  const lmsArgs = {
    lms: { type: 'string', description: 'Also write the files Moodle and/or Canvas import: moodle, canvas, moodle,canvas (none: stop); kept for the next runs of --out', valueHint: 'moodle,canvas' },
    scale: { type: 'string', description: `Points the LMS grade is out of, e.g. 20 for /20 (default: the rubric's ${rubric.totalPoints})`, valueHint: 'points' },
    assignment: { type: 'string', description: 'Grade item (Moodle) or assignment (Canvas) the LMS column is for (default: the lab id in capitals, e.g. TP1; Canvas: "Title (id)" for an existing one)', valueHint: 'name' },
    'moodle-key': { type: 'string', description: 'What the Moodle file identifies students by: email (roster column email) or idnumber (column sis_id); default email', valueHint: 'email|idnumber' },
    'missed-grade': { type: 'string', description: 'Grade (on --scale) written for a student with nothing before the deadline or cut-off (default: left out of the LMS files, named)', valueHint: 'grade' },
  } satisfies ArgsDef

  /** The options given, without those left out: what the parsers take. */
  const given = <K extends string>(args: Partial<Record<string, unknown>>, names: Record<K, string>): Partial<Record<K, string>> =>
    Object.fromEntries(Object.entries(names).flatMap(([key, option]) => (typeof args[option as string] === 'string' ? [[key, args[option as string]]] : []))) as Partial<Record<K, string>>

  const lmsOptions = (args: Partial<Record<string, unknown>>) =>
    parseLmsOptions(given(args, { lms: 'lms', scale: 'scale', assignment: 'assignment', moodleKey: 'moodle-key', missedGrade: 'missed-grade' }), rubric.totalPoints, rubric.lab)

  /** `{ key: value }`, or nothing when the value is absent: the options object holds no undefined. */
  const optional = <K extends string, T>(key: K, value: T | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, T>))

  function handInTag(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined
    if (!raw.trim() || /\s/.test(raw.trim())) throw new UsageError(`--hand-in-tag ${JSON.stringify(raw)} is not a tag pattern: write the tag's name, e.g. --hand-in-tag tp1, or a pattern, e.g. --hand-in-tag 'submit/*'.`)
    return raw.trim()
  }

  const gradeArgs = {
    submissions: { type: 'string', description: 'Folder holding one folder per student (the folder name is the student id)', valueHint: 'dir' },
    roster: { type: 'string', description: 'CSV file with the columns student,source[,ref,path,name,email,sis_id,sis_login_id,canvas_id,section,github] (source: a git URL or a folder), or a Moodle, Canvas, GitHub Classroom or Classroom 50 export (other columns are ignored)', valueHint: 'file.csv' },
    'repo-template': { type: 'string', description: "Repository URL of roster rows without a source, from the row's columns: e.g. https://github.com/org/tp1-{github} ({github}: a GitHub username column; any header of the roster in braces works)", valueHint: 'url' },
    ref: { type: 'string', description: 'Branch, tag or commit of the git sources whose roster row gives none (default: their default branch)', valueHint: 'ref' },
    out: { type: 'string', description: 'Output folder (grades, gradebook.csv, class report); re-running resumes it', default: 'class-grades', valueHint: 'dir' },
    concurrency: { type: 'string', description: `Submissions graded at once (default here: ${defaultConcurrency()})`, valueHint: 'n' },
    timeout: { type: 'string', description: `Time limit of one submission, in seconds (default: ${DEFAULT_TIMEOUT_SECONDS})`, valueHint: 'seconds' },
    shard: { type: 'string', description: 'Grade only slice i of n of the class (students sorted by id), e.g. 1/4', valueHint: 'i/n' },
    force: { type: 'boolean', description: 'Grade again submissions already graded at the same commit and rubric' },
    'only-ungraded': { type: 'boolean', description: 'Grade again only the submissions that are ungraded in --out' },
    only: { type: 'string', description: 'Grade again only these students (ids separated by commas); the others keep their grades', valueHint: 'alice,bob' },
    'review-sheet': { type: 'string', description: "The review sheet to take the instructor's report points from (default: review-sheet.csv of --out, which every run writes)", valueHint: 'file.csv' },
    deadline: { type: 'string', description: 'Grade each git repository at its last commit at or before this time, by committer date (a roster ref wins; a roster deadline is an extension), e.g. 2026-12-10T23:59+01:00', valueHint: 'date' },
    grace: { type: 'string', description: 'Late work: a commit this long after the deadline counts as on time, e.g. 15min', valueHint: 'duration' },
    'late-penalty': { type: 'string', description: 'Late work: percent of the maximum score taken off per day or hour started after the deadline, e.g. 10%/day (needs --cutoff)', valueHint: 'n%/day|n%/hour' },
    'late-penalty-cap': { type: 'string', description: 'Late work: the most the penalty takes off, e.g. 50% (default 100%)', valueHint: 'n%' },
    cutoff: { type: 'string', description: 'Late work: nothing after this is accepted: a date (2026-12-17T23:59+01:00) or a time after each deadline (7d); default: the deadline plus the grace', valueHint: 'date|duration' },
    'require-limits': { type: 'boolean', description: "Refuse to grade (exit 1) on an engine that says it cannot apply the rubric's memory, CPU or process limits (rootless without cgroup delegation, some Podman set-ups); without it, each grade says which limits were not enforced" },
    'hand-in-tag': { type: 'string', description: "The students' hand-in tags (any case; * any characters but /), e.g. tp1 or submit/*: a matching tag before the cut-off is graded", valueHint: 'pattern' },
    ...lmsArgs,
  } satisfies ArgsDef

  const grade = defineCommand({
    meta: { name: 'grade', description: 'Grade every submission of a class, each in its own run, into one output folder' },
    args: gradeArgs,
    async run({ args, rawArgs }) {
      rejectUnknownOptions(rawArgs, gradeArgs)
      if (args['require-limits']) {
        const refusal = await engineRefusesLimits(run.settings.dockerHost)
        if (refusal) {
          process.stderr.write(`${refusal}\n`)
          process.exitCode = 1
          return
        }
      }
      process.exitCode = await gradeClass(
        {
          ...(args.submissions ? { submissionsDir: path.resolve(args.submissions) } : {}),
          ...(args.roster ? { rosterFile: path.resolve(args.roster) } : {}),
          ...(args.ref ? { defaultRef: args.ref } : {}),
          ...(args['repo-template'] ? { repoTemplate: args['repo-template'] } : {}),
          outDir: path.resolve(args.out),
          concurrency: args.concurrency === undefined ? defaultConcurrency() : positiveInteger('--concurrency', args.concurrency),
          timeoutSeconds: args.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : positiveInteger('--timeout', args.timeout),
          ...(args.shard ? { shard: parseShard(args.shard) } : {}),
          force: Boolean(args.force),
          onlyUngraded: Boolean(args['only-ungraded']),
          ...(args.only !== undefined ? { only: studentList(args.only) } : {}),
          ...(args.deadline !== undefined ? { deadline: parseDeadline(args.deadline) } : {}),
          ...optional('late', parseLatePolicy(given(args, { grace: 'grace', latePenalty: 'late-penalty', latePenaltyCap: 'late-penalty-cap', cutoff: 'cutoff' }), args.deadline !== undefined)),
          ...optional('handInTag', handInTag(args['hand-in-tag'])),
          ...optional('lms', lmsOptions(args)),
          ...(args['review-sheet'] ? { reviewSheet: existingFile('--review-sheet', args['review-sheet']) } : {}),
        },
        grader,
      )
    },
  })

  const mergeArgs = {
    out: { type: 'string', description: 'Folder of the merged gradebook and class report', default: 'class-grades/merged', valueHint: 'dir' },
    roster: { type: 'string', description: 'The roster the shards graded: the merge fails (exit 3), naming them, when one of its students is in no shard', valueHint: 'file.csv' },
    'repo-template': { type: 'string', description: 'The --repo-template the shards were given (to read the roster as they did)', valueHint: 'url' },
    'job-summary': { type: 'string', description: 'Append a summary without names, scores or links to this Markdown file (e.g. "$GITHUB_STEP_SUMMARY")', valueHint: 'file.md' },
    ...lmsArgs,
    shards: { type: 'positional', description: 'Output folders of the shards (tp1-grade-class grade --shard i/n --out …)', required: false },
  } satisfies ArgsDef

  const merge = defineCommand({
    meta: { name: 'merge', description: 'Combine the output folders of shards into one gradebook and class report' },
    args: mergeArgs,
    run({ args, rawArgs }) {
      rejectUnknownOptions(rawArgs, mergeArgs)
      process.exitCode = mergeShards(args._, args.out, rubric, {
        ...optional('lms', lmsOptions(args)),
        ...(args.roster ? { roster: { file: path.resolve(args.roster), ...(args['repo-template'] ? { repoTemplate: args['repo-template'] } : {}) } } : {}),
        ...(args['job-summary'] ? { jobSummary: args['job-summary'] } : {}),
      })
    },
  })

  const main = defineCommand({
    meta: { name: 'tp1-grade-class', version, description: 'Grade a whole class of a lab\'s submissions (GRADER_LAB, default tp1): a gradebook and a class report' },
    subCommands: { grade, merge },
  })
  return main
}

/** A mistyped option (--concurency) must stop the batch, not be ignored. */
function rejectUnknownOptions(rawArgs: readonly string[], args: ArgsDef): void {
  const known = new Set(Object.entries(args).flatMap(([name, def]) => (def.type === 'boolean' ? [name, `no-${name}`] : [name])))
  for (const arg of rawArgs) {
    if (arg === '--') break
    const name = /^--([^=]+)/.exec(arg)?.[1]
    if (name !== undefined && !known.has(name)) throw new UsageError(`Unknown option --${name}. Run with --help to see the options.`)
  }
}

/** Runs the class tool on its command line; the exit code: 0 done, 1 the tool failed, 2 a usage error. */
export async function runClassTool(rawArgs: string[], run: Pick<Run, 'rubric' | 'settings'>): Promise<number> {
  const main = classCommand(run)
  if (rawArgs.length === 0 || rawArgs.some((a) => a === '--help' || a === '-h' || a === '--version')) {
    await runMain(main, { rawArgs })
    return 0
  }
  try {
    await runCommand(main, { rawArgs })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    const e = error as Error
    if (e instanceof UsageError || e.name === 'CLIError') {
      if (e.name === 'CLIError') await showUsage(main as CommandDef)
      process.stderr.write(`tp1-grade-class: ${e.message}\n`)
      return 2
    }
    process.stderr.write(`tp1-grade-class: the tool failed: ${e.stack ?? e.message}\n`)
    return 1
  }
}

