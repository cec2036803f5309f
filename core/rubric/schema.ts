import { z } from 'zod'
import { LANGUAGES } from '../grading/languages.js'

const checkId = z.string().regex(/^ex\d+\.[a-z0-9-]+$/, 'a check id looks like "ex4.health"')

const item = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  points: z.number().nonnegative(),
})

const check = z
  .object({
    id: checkId,
    exercise: z.number().int().min(1),
    title: z.string().min(1),
    points: z.number().nonnegative(),
    /** Partial credit: the check's points are the sum of its items' points. */
    items: z.array(item).optional(),
    /** Report checks: automatic for presence and evidence, and flagged for the instructor's review of the prose. */
    review: z.boolean().default(false),
    /** Worth no points: what it finds is a note for the student (💡), never a lost point or a red run. */
    advisory: z.boolean().default(false),
    /** When it runs: one of the rubric's `phases` (the first when not said). */
    phase: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.advisory && c.points !== 0) ctx.addIssue({ code: 'custom', message: `advisory check ${c.id} is worth ${c.points} points, not 0` })
    if (c.items) {
      const sum = c.items.reduce((s, i) => s + i.points, 0)
      if (Math.abs(sum - c.points) > 1e-9)
        ctx.addIssue({ code: 'custom', message: `items of ${c.id} add up to ${sum}, not ${c.points}` })
    }
  })

const seconds = z.number().positive()

const questionId = z.string().regex(/^\d+\.[a-z]$/, 'a question id looks like "4.a"')
/** Where the statement asks a question, in its own structure, and the words a report names it by. */
const request = z.object({
  /** The step of its exercise ("Étape 2", or the 2nd numbered item); none for a request before the first step. */
  step: z.number().int().positive().optional(),
  /** A few words (commands, options, files, topics) that name the request; "redémarr*" matches the start of a word. */
  about: z.array(z.string().min(1)).min(1),
})
/**
 * One thing a command's output shows, when a screenshot question is answered by the output pasted as text. json: a JSON
 * object holding these entries (an HTTP body); text: one of these texts, on a line of the output; version: a product's
 * name followed by this major version ("PostgreSQL 16.11"); cell: this value alone on a line or in a table cell (a
 * query's result); running: each of these services on a line that says it runs (Up, running, Started, healthy).
 */
const outputFact = z.union([
  z.object({ json: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ text: z.array(z.string().min(1)).min(1) }).strict(),
  z.object({ version: z.object({ name: z.string().min(1), major: z.number().int().nonnegative() }).strict() }).strict(),
  z.object({ cell: z.string().min(1) }).strict(),
  z.object({ running: z.array(z.string().min(1)).min(1) }).strict(),
])
const question = request.extend({
  /**
   * What answers it. screenshot: a real screenshot; text: prose or a code block the student wrote; file: the completed
   * file, pasted (with or without a fence) or shown in a screenshot, or prose about it; observation: what a command
   * showed, as a screenshot or told in prose (the statement asks to observe or explain, not for a screenshot).
   */
  answer: z.enum(['screenshot', 'text', 'file', 'observation']),
  /**
   * Screenshot questions: what the command's output shows, every fact of it, when the student pastes that output as
   * text (a code block or a quoted block) instead of a screenshot. Without it, only a screenshot answers.
   */
  output: z.array(outputFact).min(1).optional(),
})

const rubricSchema = z
  .object({
    lab: z.string().min(1),
    title: z.string().min(1),
    /** The language the student reads: the lab's own, unless GRADER_LANG says otherwise. */
    language: z.enum(LANGUAGES),
    totalPoints: z.number().positive(),
    /** The lab's title in every language it speaks (a grade read in another language than the run's: the LMS's feedback). */
    titles: z.partialRecord(z.enum(LANGUAGES), z.string().min(1)).optional(),
    /** The values a correct hand-in shows: the lab's own shape, validated by the lab's own schema (parseRubric). */
    expected: z.unknown(),
    /**
     * Where the lab may sit in a hand-in. Lab data, not code: the grader looks where this says, in this order of
     * preference, and tells the student where it looked when something is missing.
     */
    layout: z.object({
      /** A folder or file name that names a lab by its number ("TP1", "tp-1", "rapport_tp2.md"): the number is group 1. */
      labName: z.string().min(1),
      /** This lab's number: a folder named after it is preferred; files and folders named after another lab are not this one. */
      labNumber: z.number().int().nonnegative(),
      /** How deep below the submission the lab's folder may be (0: only the submission itself). */
      maxDepth: z.number().int().nonnegative(),
      /** Where exercise 3's Dockerfile and app are, relative to the lab's folder, in order of preference. */
      imageFolders: z.array(z.string()).min(1),
      /** The report: Markdown files named so are candidates (globs, `*` within a name), in order of preference. */
      reportFiles: z.array(z.string()).min(1),
      /** The file beside the image's Dockerfile that marks the lab's folder (TP1: app.py). */
      appFile: z.string().min(1),
      /** The Compose service that builds the lab's image: its build context is where that Dockerfile is looked for first. */
      buildService: z.string().min(1),
    }),
    /** What the grader sets on the student's Compose project: the container ports it probes, by service (published to the host). */
    compose: z.object({ probePorts: z.record(z.string(), z.array(z.number().int().min(1).max(65535))) }).default({ probePorts: {} }),
    /** Limits on every container the grader starts or lets Compose start. */
    limits: z.object({
      memoryMegabytes: z.number().int().positive(),
      pids: z.number().int().positive(),
      cpus: z.number().positive(),
      logMegabytes: z.number().int().positive(),
    }),
    timeouts: z.object({
      buildSeconds: seconds,
      startSeconds: seconds,
      probeSeconds: seconds,
      composeUpSeconds: seconds,
      composeDownSeconds: seconds,
      /** docker stop's grace period where ex4.graceful-stop judges the stop. */
      stopGraceSeconds: seconds,
      /** The grace period of stops no check judges (restart, compose down): a server that ignores SIGTERM is not waited for twice. */
      quickStopSeconds: seconds,
    }),
    report: z.object({
      /** Words of prose that make a question answered. */
      minWords: z.number().int().nonnegative(),
      /** The questions the report answers, by id ("4.a"): what answers each, and how the statement asks it. */
      questions: z.record(questionId, question),
      /** Requests of the statement that no report check grades: found, so that what answers them is not read as a neighbour's answer. */
      ungraded: z.record(questionId, request).default({}),
      /**
       * Files the report pastes, by the question that pastes them, compared with the submitted ones (wherever the lab
       * keeps them): each named by its role in the lab (TP1: app, dockerfile, compose).
       */
      pastedFiles: z.record(z.string(), z.string().min(1)),
    }),
    phases: z.array(z.string().min(1)).min(1).default(['checks']),
    /**
     * What a check can need (TP1: the image, the API's container, the Compose file, the stack…), by the check that
     * provides it: a check that needs what failed is blocked by it. The needs are the lab's own.
     */
    provides: z.record(z.string().min(1), checkId).default({}),
    checks: z.array(check).min(1),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>()
    for (const c of r.checks) {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', message: `check id ${c.id} appears twice` })
      seen.add(c.id)
      if (!c.id.startsWith(`ex${c.exercise}.`))
        ctx.addIssue({ code: 'custom', message: `check ${c.id} is filed under exercise ${c.exercise}` })
    }
    for (const c of r.checks)
      if (c.phase !== undefined && !r.phases.includes(c.phase)) ctx.addIssue({ code: 'custom', message: `check ${c.id} runs in phase ${c.phase}, which phases does not list` })
    for (const [need, id] of Object.entries(r.provides))
      if (!r.checks.some((c) => c.id === id)) ctx.addIssue({ code: 'custom', message: `provides.${need} names ${id}, which is not a check` })
    for (const c of r.checks.filter((c) => c.review))
      for (const i of c.items ?? [])
        if (!(i.id in r.report.questions)) ctx.addIssue({ code: 'custom', message: `check ${c.id} grades question ${i.id}, which report.questions does not list` })
    for (const [id, q] of Object.entries(r.report.questions))
      if (q.output && q.answer !== 'screenshot') ctx.addIssue({ code: 'custom', message: `question ${id} is answered by ${q.answer}: only a screenshot question takes pasted output` })
    for (const id of Object.keys(r.report.ungraded))
      if (id in r.report.questions) ctx.addIssue({ code: 'custom', message: `question ${id} is in both report.questions and report.ungraded` })
    const steps = new Map<string, string>()
    for (const [id, q] of [...Object.entries(r.report.questions), ...Object.entries(r.report.ungraded)]) {
      if (q.step === undefined) continue
      const key = `${id.split('.')[0]} step ${q.step}`
      if (steps.has(key)) ctx.addIssue({ code: 'custom', message: `questions ${steps.get(key)} and ${id} are both exercise ${key}` })
      steps.set(key, id)
    }
    const total = r.checks.reduce((s, c) => s + c.points, 0)
    if (Math.abs(total - r.totalPoints) > 1e-9)
      ctx.addIssue({ code: 'custom', message: `checks add up to ${total} points, not ${r.totalPoints}` })
  })

/** A lab's rubric as written, its titles included; `E`: the shape of its expected values. */
export type RubricInput<E = unknown> = Omit<z.input<typeof rubricSchema>, 'expected'> & { expected: E }
type CheckInput = z.input<typeof rubricSchema>['checks'][number]
/** A lab as written in rubric/: ids, points and expected values; its titles come from a language's catalogue. */
export type RubricSource<E = unknown> = Omit<RubricInput<E>, 'title' | 'checks'> & {
  checks: Array<Omit<CheckInput, 'title' | 'items'> & { items?: Array<Omit<NonNullable<CheckInput['items']>[number], 'title'>> }>
}
/** A lab's rubric, validated; `E`: the shape of its expected values (unknown to what reads no lab's values). */
export type Rubric<E = unknown> = Omit<z.output<typeof rubricSchema>, 'expected'> & { expected: E }
export type CheckDefinition = Rubric['checks'][number]
/** A fact a pasted output shows (report.questions[id].output). */
export type OutputFact = z.output<typeof outputFact>

/**
 * Validates a rubric, its expected values by the lab's own schema (`expected`); the error lists every problem, one
 * per line, with its path.
 */
export function parseRubric<E>(input: unknown, expected: z.ZodType<E>): Rubric<E> {
  const result = rubricSchema.safeParse(input)
  const values = expected.safeParse((input as { expected?: unknown } | null)?.expected)
  if (result.success && values.success) return { ...result.data, expected: values.data }
  const checks = (input as { checks?: Array<{ id?: unknown }> } | null)?.checks
  const where = (path: readonly PropertyKey[]) => {
    const id = path[0] === 'checks' && typeof path[1] === 'number' ? checks?.[path[1]]?.id : undefined
    return `${path.map(String).join('.') || '(rubric)'}${typeof id === 'string' ? ` (${id})` : ''}`
  }
  const issues = [
    ...(values.success ? [] : values.error.issues.map((i) => ({ ...i, path: ['expected', ...i.path] }))),
    ...(result.success ? [] : result.error.issues),
  ]
  const lines = issues.map((i) => `- ${where(i.path)}: ${i.message}`)
  throw new Error(`The rubric is invalid:\n${lines.join('\n')}`)
}
