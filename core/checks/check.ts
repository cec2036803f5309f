import { inject, test } from 'vitest'
import { checkDefinition, labRun, type LabDefinition, type LabWords, type Run } from '../run/index.js'
import type { SubmissionLayout } from '../grading/layout.js'
import type { SessionStart } from '../session/lab-session.js'
import { BlockedError, GraderError, SubmissionError } from '../grading/errors.js'
import type { Feedback, ItemVerdict, Verdict } from '../grading/verdict.js'
import { visibleText } from '../grading/inert-text.js'

/** What the global setup made for the run: its id, and the copy of the submission it started the stack in. */
export type Provided = SessionStart

/** What a lab's session must tell every check: where the run found the lab, once it has looked. */
export interface LabSession {
  foundLayout(): SubmissionLayout | undefined
}

/** What a check is handed: the run (its rubric, the student's language, its settings) and the lab's session. */
export interface CheckContext<S extends LabSession = LabSession, R extends Run = Run> {
  run: R
  lab: S
}

/** Records a check's items and facts while it runs; turns its outcome into a Verdict. */
export class CheckRecorder {
  private readonly items: ItemVerdict[] = []
  private readonly facts: Record<string, string | number | boolean> = {}
  private readonly notes: string[] = []

  private readonly rubric: Run['rubric']
  private readonly messages: Run['messages']

  constructor(readonly id: string, run: Pick<Run, 'rubric' | 'messages'>) {
    this.rubric = run.rubric
    this.messages = run.messages
  }

  /** One part of a partial-credit check; its points come from the rubric. */
  item(id: string, passed: boolean, feedback?: Feedback): void {
    const def = checkDefinition(this.rubric, this.id).items?.find((i) => i.id === id)
    if (!def) throw new GraderError(`check ${this.id} has no item "${id}" in the rubric`)
    this.items.push({ id, title: def.title, points: passed ? def.points : 0, maxPoints: def.points, passed, ...(feedback ? { feedback } : {}) })
  }

  /** Something worth telling even when the check passes. */
  note(text: string): void {
    this.notes.push(text)
  }

  fact(name: string, value: string | number | boolean): void {
    this.facts[name] = value
  }

  verdictFrom(outcome: unknown): Verdict {
    const { messages } = this
    const def = checkDefinition(this.rubric, this.id)
    const extra = {
      ...(this.items.length ? { items: this.items } : {}),
      ...(Object.keys(this.facts).length ? { facts: this.facts } : {}),
    }
    if (outcome === undefined) {
      if (def.items) return this.itemsVerdict(def.items.length)
      return { status: 'passed', points: def.points, message: this.notes.join(' ') || messages.verdict.passed, ...extra }
    }
    if (outcome instanceof SubmissionError && def.advisory)
      return { status: 'passed', points: 0, message: outcome.message, feedback: outcome.feedback, advice: true, ...extra }
    if (outcome instanceof SubmissionError)
      return { status: 'failed', points: 0, message: outcome.message, feedback: outcome.feedback, ...extra }
    if (outcome instanceof BlockedError)
      return { status: 'blocked', points: 0, message: outcome.message, blockedBy: outcome.blockedBy, feedback: outcome.feedback, ...extra }
    const reason = outcome instanceof Error ? outcome.message : String(outcome)
    return { status: 'ungraded', points: 0, message: messages.verdict.ungraded(reason), ...extra }
  }

  private itemsVerdict(expectedItems: number): Verdict {
    const { messages } = this
    if (this.items.length !== expectedItems)
      return { status: 'ungraded', points: 0, message: messages.verdict.partsRecorded(this.items.length, expectedItems), items: this.items }
    const points = this.items.reduce((s, i) => s + i.points, 0)
    const lost = this.items.filter((i) => !i.passed)
    if (lost.length === 0) return { status: 'passed', points, message: this.notes.join(' ') || messages.verdict.passed, items: this.items, ...(Object.keys(this.facts).length ? { facts: this.facts } : {}) }
    return {
      status: 'failed',
      points,
      message: messages.verdict.partsMissing(lost.length, this.items.length, lost.map((i) => i.title)),
      items: this.items,
    }
  }
}

/** An exception no check throws on purpose: a bug of the grader, whose stack the student's terminal still shows. */
function isUnexpected(outcome: unknown): outcome is Error {
  return outcome instanceof Error && !(outcome instanceof SubmissionError || outcome instanceof BlockedError || outcome instanceof GraderError)
}

/** The verdict as a test failure, so Vitest's own output shows it too. */
class VerdictError extends Error {
  override name = 'CheckNotPassed'
}

/**
 * A lab's specs' vocabulary, for the session the lab makes (`makeSession`, from the run and what the global setup
 * provided):
 * - `labTest`, the specs' test, with the check's context in Vitest's test context: the run, loaded once per worker
 *   from the settings, and the lab's session every spec file of the run shares (they run in one worker: see
 *   vitest.config.ts). Hooks get them too (`labTest.beforeAll(({ lab }) => …)`).
 * - `check(id, body)`, the Vitest test that observes one rubric check: `body` gets the check's recorder and its
 *   context. Its verdict travels to the grade reporter in the test's meta, with where the run found the lab. Throw
 *   SubmissionError (the student's fault), BlockedError (a prerequisite failed) or anything else (the grader's fault:
 *   ungraded).
 */
export function labChecks<E, W extends LabWords<E>, S extends LabSession>(definition: LabDefinition<E, W>, makeSession: (run: Run<E, W>, provided: Provided) => S) {
  const labTest = test
    .extend('run', { scope: 'worker' }, async () => {
      const run = labRun(definition)
      // The config includes the specs of the lab GRADER_LAB names: another lab's here is the grader's bug.
      if (run.settings.lab !== definition.name) throw new GraderError(`the specs of the lab "${definition.name}" ran for GRADER_LAB=${run.settings.lab}`)
      return run
    })
    .extend('lab', { scope: 'worker' }, async ({ run }) => {
      const workDir = inject('workDir')
      return makeSession(run, { runId: inject('runId'), ...(workDir ? { workDir } : {}) })
    })

  function check(id: string, body: (c: CheckRecorder, context: CheckContext<S, Run<E, W>>) => Promise<void> | void): void {
    labTest(id, { meta: { checkId: id } }, async ({ task, run, lab }) => {
      const recorder = new CheckRecorder(id, run)
      let outcome: unknown
      try {
        await body(recorder, { run, lab })
      } catch (error) {
        outcome = error
      }
      const verdict = recorder.verdictFrom(outcome)
      task.meta.verdict = verdict
      if (isUnexpected(outcome)) task.meta.graderBug = outcome.stack ?? `${outcome.name}: ${outcome.message}`
      const layout = lab.foundLayout()
      if (layout) task.meta.layout = layout
      // Vitest prints this on the terminal: what the message quotes of the submission must not act there.
      const { sheet } = run.messages
      if (verdict.status !== 'passed') throw new VerdictError(visibleText(`${sheet.status[verdict.status]}${sheet.colon} ${verdict.message}`))
    })
  }

  return { labTest, check }
}
