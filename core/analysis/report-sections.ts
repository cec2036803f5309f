import type { ReportLine } from './report-markdown.js'
import {
  classifyCode, isCommand, isExerciseWord, isStatementSentence, ownText, readExercise, readLabel, readNumberedTitle, readStep,
  type Request, Vocabulary,
} from './report-markers.js'

/**
 * How a question's section was found. label: under its label ("Question 4.a", "4.a)", "b :"); step: under the
 * statement's step that asks it ("Étape 1", the 1st numbered request); request: after the statement's request, copied;
 * title: under a title naming it ("Fichier app.py"); words: its text names it; place: the only question left there.
 */
export type FoundBy = 'label' | 'step' | 'request' | 'title' | 'words' | 'place'

/** Lines of the report given to questions: each line's questions (none: nobody's), and how each question was found. */
export interface Assignment {
  /** Per line: the ids it belongs to, and the text after a label on that line (the rest is the line's own text). */
  lines: ({ ids: string[]; rest?: string } | undefined)[]
  found: Map<string, { how: FoundBy; line: number; marker: string }>
}

interface Open { ids: string[]; depth: number; how: FoundBy; labelKind?: 'id' | 'letter' }
const BOLD_DEPTH = 7

/**
 * Gives the report's lines to the statement's requests. First by structure: exercises, labels and steps open a
 * section that runs to the next one (or to a heading as high as theirs). What no label or step covers is read by
 * its words: titles and copied requests that name a request open it, and the only request left between two found
 * ones takes what remains.
 */
export function assignLines(lines: readonly ReportLine[], requests: readonly Request[]): Assignment {
  const byId = new Map(requests.map((r) => [r.id, r]))
  const stepOf = (exercise: number | undefined, step: number) => requests.find((r) => r.exercise === exercise && r.step === step)
  const vocabulary = new Vocabulary(requests)
  const result: Assignment = { lines: lines.map(() => undefined), found: new Map() }
  const explicit = new Map<string, number>() // id → index of the line that opened its section
  const labelled = new Set<string>()
  const marked = new Set<number>()
  const loose: { index: number; exercise?: number; run: number }[] = []

  let exercise: number | undefined
  let exerciseDepth = Number.POSITIVE_INFINITY
  let open: Open | undefined
  let stepId: string | undefined
  let run = 0
  const markerText = (line: ReportLine) => (line.code ? line.code.text.trim().split('\n')[0]! : line.bold?.text ?? line.text).slice(0, 80)
  const openSection = (index: number, ids: string[], how: FoundBy, depth: number, labelKind?: Open['labelKind']) => {
    open = { ids, depth, how, ...(labelKind ? { labelKind } : {}) }
    run++
    for (const id of ids) {
      if (!explicit.has(id)) explicit.set(id, index)
      if (!result.found.has(id)) result.found.set(id, { how, line: lines[index]!.line, marker: markerText(lines[index]!) })
    }
  }
  const close = () => {
    open = undefined
    run++
  }
  // A section ends at a heading as high as the line that opened it; one opened by a plain line under an exercise
  // that is not a heading (a word processor's export) ends only at the next label, step or exercise.
  const lineDepth = (line: ReportLine) => line.heading ?? (line.bold ? BOLD_DEPTH : Number.isFinite(exerciseDepth) ? exerciseDepth + 1 : 0)

  lines.forEach((line, index) => {
    const head = line.bold?.text ?? line.text
    const heading = line.heading !== undefined || line.bold !== undefined
    const titled = line.heading !== undefined && !line.code ? readNumberedTitle(line.text) : undefined
    const number = line.code ? undefined : readExercise(head) ?? titled?.number
    const label = line.code ? undefined : readLabel(head)
    const numberedHeading = line.heading !== undefined && readExercise(head) === undefined && number !== undefined
    // A numbered title is an exercise at the exercises' level (or in Roman numerals), else maybe a step.
    const isExercise = number !== undefined && !label?.ids.length && (!numberedHeading || titled?.roman || exercise === undefined || line.heading! <= exerciseDepth)

    if (isExercise) {
      // The same exercise's heading again (a report in two parts) continues it.
      const again = number === exercise
      exercise = number
      exerciseDepth = line.heading ?? Number.POSITIVE_INFINITY
      marked.add(number)
      stepId = undefined
      if (!again) return close()
      open = undefined
      return
    }
    if (label && (label.ids.length || label.number !== undefined || label.letter !== undefined)) {
      // A heading's words after its label are its title; a bold or plain label's are the start of the answer.
      const rest = line.heading !== undefined ? '' : line.bold ? `${label.rest} ${line.bold.rest}`.trim() : label.rest
      let ids = label.ids
      if (label.letter !== undefined) {
        // An enumeration "a) … b) …" inside an answer is not a label; a list of letter labels is.
        if (exercise === undefined || open?.labelKind === 'id') return content(index)
        ids = [`${exercise}.${label.letter}`]
      } else if (label.number !== undefined) {
        if (exercise === undefined || label.number === exercise) {
          // "Question 4" over the whole of exercise 4: the questions inside are found by their words.
          exercise = label.number
          marked.add(label.number)
          return close()
        }
        const step = stepOf(exercise, label.number)
        if (!step) return close()
        ids = [step.id]
      } else if (ids.length === 1 && labelled.has(ids[0]!)) {
        // A label used twice is a slip: under the step of a question that has none ("Question 7.c" under step 4) it is
        // the step's; in another exercise ("Question 3.c" in exercise 5) it is that exercise's letter.
        const [number, letter] = ids[0]!.split('.')
        const retyped = exercise !== undefined && String(exercise) !== number ? `${exercise}.${letter}` : undefined
        if (stepId && !labelled.has(stepId) && stepId !== ids[0]) ids = [stepId]
        else if (retyped && byId.has(retyped) && !labelled.has(retyped)) ids = [retyped]
      }
      exercise = Number(ids[0]!.split('.')[0])
      marked.add(exercise)
      openSection(index, ids, 'label', lineDepth(line), label.letter !== undefined ? 'letter' : 'id')
      for (const id of ids) labelled.add(id)
      result.lines[index] = { ids, rest }
      return
    }
    // Under a question's label, a step written on a line ("Étape 2 — …") is the statement's title, not structure;
    // between letter labels ("a)", "b)"), steps are structure as headings are.
    const inLabel = line.heading === undefined && open?.how === 'label' && open.labelKind === 'id'
    if (inLabel && !line.code && readStep(head) !== undefined) {
      result.lines[index] = { ids: open!.ids, rest: '' }
      return
    }
    const stepHere = line.code ? undefined : readStep(head)
    // A student's own numbering of sub-headings rarely follows the statement's steps: a numbered title is a step
    // only when it names that step's request ("### 1. Lancer le conteneur" is the student's, "1." of anything).
    const numberedStep = numberedHeading && !isExercise ? stepOf(exercise, number!) : undefined
    const ofExercise = new Set(requests.filter((r) => r.exercise === exercise).map((r) => r.id))
    const namesStep = numberedStep && vocabulary.best(line.text, ofExercise)?.id === numberedStep.id
    const step = stepHere ?? (namesStep ? number : undefined)
    const numbered = step === undefined ? statementStep(line) : undefined
    if (step !== undefined || numbered) {
      const request = numbered ?? stepOf(exercise, step!)
      stepId = request?.id
      openSection(index, request ? [request.id] : [], 'step', lineDepth(line))
      // The step's title is the statement's: only what follows it can be an answer.
      result.lines[index] = { ids: request ? [request.id] : [], rest: '' }
      return
    }
    if (heading && line.heading !== undefined && isExerciseWord(line.text)) {
      exercise = undefined
      stepId = undefined
      return close()
    }
    // A heading of no words (a screenshot over "---", which Markdown makes a heading) is not structure.
    if (line.heading !== undefined && line.text !== '' && open && line.heading <= open.depth) close()
    if (line.bold && isExerciseWord(line.bold.text)) close()
    content(index)
  })

  // The statement's numbered requests ("2. **Listez …**") are steps when they read as the statement and name the step's request.
  function statementStep(line: ReportLine): Request | undefined {
    if (!line.item?.ordered || line.item.number === undefined || open?.how === 'label') return undefined
    const request = stepOf(exercise, line.item.number)
    if (!request || !isStatementSentence(line.text)) return undefined
    return (vocabulary.scores(line.item.text, new Set([request.id])).get(request.id) ?? 0) > 0 ? request : undefined
  }

  function content(index: number): void {
    if (open) result.lines[index] = { ids: open.ids }
    else loose.push({ index, ...(exercise === undefined ? {} : { exercise }), run })
  }

  // What no label or step covers is read by its words (a text with neither is no report of this lab).
  if (marked.size || explicit.size) {
    const runs = new Map<number, typeof loose>()
    for (const l of loose) (runs.get(l.run) ?? runs.set(l.run, []).get(l.run)!).push(l)
    const context: LooseContext = { lines, requests, byId, vocabulary, explicit, marked, result, markerText }
    for (const members of runs.values()) readLooseRun(members, context)
  }
  return result
}

interface LooseContext {
  lines: readonly ReportLine[]
  requests: readonly Request[]
  byId: ReadonlyMap<string, Request>
  vocabulary: Vocabulary
  /** id → index of the line that opened its section. */
  explicit: ReadonlyMap<string, number>
  /** Exercises with a heading or a label of their own. */
  marked: ReadonlySet<number>
  result: Assignment
  markerText: (line: ReportLine) => string
}

// Lines no label or step covers: a title or a copied request that names a request opens it; text that names
// another request than the current one moves to it; what comes before the first title is the exercise's preamble.
function readLooseRun(members: readonly { index: number; exercise?: number }[], c: LooseContext): void {
  const { lines, requests, byId, vocabulary, explicit, marked, result } = c
  const note = (id: string, how: FoundBy, index: number) => {
    if (!result.found.has(id)) result.found.set(id, { how, line: lines[index]!.line, marker: c.markerText(lines[index]!) })
  }
  const ex = members[0]!.exercise
  const among = new Set(
    requests
      .filter((r) => !explicit.has(r.id) && (ex === undefined ? !marked.has(r.exercise) : r.exercise === ex || (r.exercise === ex + 1 && !marked.has(ex + 1))))
      .map((r) => r.id),
  )
  if (among.size === 0) return
  // Where two requests tie: the run's own exercise before the next one, a graded request before another.
  const prefer = (id: string) => (byId.get(id)?.exercise === ex ? 2 : 0) + (byId.get(id)?.graded ? 1 : 0)
  let current: string | undefined
  let firstBy: 'title' | 'words' | undefined
  let afterTitle = false
  const pending: number[] = []
  const scoreOf = (id: string | undefined, of: string) => (id ? vocabulary.scores(of, new Set([id])).get(id) ?? 0 : 0)
  const moveTo = (id: string, by: 'title' | 'words', how: FoundBy, index: number) => {
    current = id
    firstBy ??= by
    note(id, how, index)
  }
  // Text that names another request better than the current one moves to it (by two words, if it names both).
  const movedBy = (text: string) => {
    const best = text.trim() ? vocabulary.best(text, among, prefer) : undefined
    const now = scoreOf(current, text)
    return best && best.id !== current && best.score > now && (now === 0 || best.score >= 2) ? best.id : undefined
  }
  members.forEach(({ index }, at) => {
    const line = lines[index]!
    const text = line.code ? line.code.text : line.text
    if (isTitle(line)) {
      const best = vocabulary.best(text, among, prefer)
      if (best && best.id !== current && best.score > scoreOf(current, text)) moveTo(best.id, 'title', isStatementSentence(line.text) ? 'request' : 'title', index)
      // A screenshot under a title that names the request is the title's; under one that names none, it is free.
      afterTitle = scoreOf(current, text) > 0
    } else if (text.trim()) {
      // Only what the student wrote moves the run: the statement's sentences name every request in turn.
      const to = movedBy(line.code ? text : ownText(line))
      if (to) moveTo(to, 'words', 'words', index)
      afterTitle = false
    } else if (!afterTitle) {
      // A screenshot that opens an explanation goes with it; one under a title stays with the title.
      const next = members[at + 1] && lines[members[at + 1]!.index]!
      const to = next && !isTitle(next) ? movedBy(next.code?.text ?? ownText(next)) : undefined
      if (to) moveTo(to, 'words', 'words', index)
    }
    if (current === undefined) return pending.push(index)
    if (firstBy === 'words') for (const p of pending) result.lines[p] = { ids: [current] }
    pending.length = 0
    result.lines[index] = { ids: [current] }
  })
  if (current !== undefined || ex === undefined) return
  // Nothing named a request: the run belongs to the one graded request left between its found neighbours.
  const found = (where: (at: number) => boolean) => [...explicit].filter(([id, at]) => byId.get(id)?.exercise === ex && where(at)).map(([id]) => id).sort()
  const low = found((at) => at < members[0]!.index).at(-1) ?? ''
  const high = found((at) => at > members.at(-1)!.index)[0] ?? '~'
  const gap = requests.filter((r) => among.has(r.id) && r.exercise === ex && r.graded && r.id > low && r.id < high)
  if (gap.length !== 1) return
  for (const p of pending) result.lines[p] = { ids: [gap[0]!.id] }
  note(gap[0]!.id, 'place', pending[0]!)
}

// A line that names what follows: a heading, a bold lead, a copied request, a short line, a command to type.
function isTitle(line: ReportLine): boolean {
  if (line.code) return classifyCode(line.code.text) === 'commands'
  if (line.heading !== undefined || line.bold) return true
  const words = line.text.split(/\s+/).filter(Boolean).length
  if (words === 0) return false
  if (isCommand(line.text) || words <= 6 || (words <= 12 && /:\s*$/.test(line.text))) return true
  // A copied request is set apart as the statement sets it: in italics, as an item, or ending in ":" or "?".
  return isStatementSentence(line.text) && (line.emphasised || line.item !== undefined || /[:?]\s*$/.test(line.text))
}
