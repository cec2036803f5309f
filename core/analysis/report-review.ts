import path from 'node:path'
import { copyNotes, hasSubmissionFile, readSubmissionFile, type CopyNotes } from './submission-files.js'
import type { Rubric } from '../rubric/schema.js'
import { compareCode, type CodeDifference } from './report-code.js'
import { fileNames, inspectImage, resolveImage, type FileNames, type ImageFileProblem, type LinkProblem } from './report-images.js'
import { classifyCode } from './report-markers.js'
import { firstOutputLine, pastedOutputEvidence, type OutputEvidence } from './report-output.js'
import {
  answerStatus, parseReport, pastedBlocksOf, readReport, requestsOf, screenshotStatus,
  type AnswerStatus, type AnswerWhy, type DecodeNote, type FoundBy, type QuestionSection, type ReportImage, type ReportSections,
} from './report.js'

/** Why a screenshot of a question does not count: its link, its file, or a picture another question already shows. */
export type ImageProblem = LinkProblem | ImageFileProblem | { kind: 'same-image'; file: string; question: string }

/** What the grader read for a question, shown to the student (the catalogue's report.read says it). */
export interface ReadAnswer {
  /** Where the question's section starts, and how it was found. */
  line: number
  how: FoundBy
  /** The label, step or title it was found under, as written, without its closing colon or dot. */
  marker: string
  /** When answered, what the answer starts with: its screenshot (and how many more), first words, or first code line. */
  answer?:
    | { kind: 'screenshot'; file: string; more: number }
    | { kind: 'words'; excerpt: string }
    | { kind: 'code'; firstLine: string }
    /** A command's output pasted as text: the first line of output of its first block, and the block's kind. */
    | { kind: 'output'; firstLine: string; block: 'code' | 'quote' }
}

/** How the report was read, when the student should know: its encoding, a report cut short, screenshots not looked at. */
export type ReportNote = DecodeNote | { kind: 'images-unchecked'; checked: number; total: number }

export interface QuestionReview {
  answered: boolean
  /** Why it is (not) answered. */
  why: AnswerWhy
  /** Screenshots that do not count: missing, outside the submission, not an image, duplicated. */
  imageProblems: ImageProblem[]
  /** What the grader read; absent when no section was found. */
  read?: ReadAnswer
  /** The line of the report where the question's section starts. */
  line?: number
}

export interface PastedFileReview {
  question: string
  file: string
  differences: CodeDifference[]
}

export type ReportReview =
  | { found: false; file?: string }
  | {
    found: true; file: string; notes: ReportNote[]; questions: Record<string, QuestionReview>; pastedFiles: PastedFileReview[]
    /** What the grader's copy of the hand-in left out (links, folders too deep, entries past the bound), when anything. */
    leftOut?: CopyNotes
  }

/** Where the report is and which submitted files its pastes are compared with, as found in the submission. */
export interface ReportInputs {
  /** The report's path, relative to the submission. */
  file: string
  /**
   * Question id → the submitted file it asks to complete, relative to the submission: the file answers the question
   * when it is there, and a paste of it in the report is compared with it.
   */
  pastedFiles: Record<string, string>
}

/** The most screenshots of a report that are looked at (each is read and hashed): a report has a dozen or two. */
const MAX_IMAGES = 60

/** Reads the report of a submission: which questions are answered, which screenshots are real, which pasted files differ. */
export function reviewReport(submissionDir: string, inputs: ReportInputs, report: Rubric['report']): ReportReview {
  const decoded = readReport(submissionDir, inputs.file)
  if (!decoded) return { found: false, file: inputs.file }
  const file = path.join(submissionDir, inputs.file)
  const ids = Object.keys(report.questions)
  const sections = parseReport(decoded.text, ids, requestsOf(report))
  const notes: ReportNote[] = [...decoded.notes]
  const screenshots = new Screenshots(submissionDir, path.dirname(file))
  const questions: Record<string, QuestionReview> = {}
  for (const id of ids) {
    const section = sections.questions[id]
    const question = report.questions[id]!
    const kind = question.answer
    const { valid, problems: imageProblems } = screenshots.check(id, section?.images ?? [])
    const evidence = kind === 'screenshot' && question.output ? pastedOutputEvidence(pastedBlocksOf(section), question.output) : undefined
    const submitted = inputs.pastedFiles[id]
    const status: AnswerStatus = kind === 'screenshot'
      ? screenshotStatus(section, valid.length, imageProblems.length, evidence)
      : answerStatus(section, { minWords: report.minWords, screenshot: false, validImages: valid.length, kind })
    // The statement asks to complete the file: the completed file in the hand-in answers it, pasted or not (the
    // starter's file, blanks still in it, answers nothing).
    const answered = !status.answered && kind === 'file' && submitted && completedFile(submissionDir, submitted)
      ? { answered: true, why: { reason: 'file-in-hand-in' as const, file: submitted } }
      : status
    const read = readOf(section, answered, kind === 'screenshot' || kind === 'observation' ? valid : [], valid, evidence)
    questions[id] = { ...answered, imageProblems, ...(read ? { read } : {}), ...(section?.found && section.line !== undefined ? { line: section.line } : {}) }
  }
  if (screenshots.total > screenshots.checked) notes.push({ kind: 'images-unchecked', checked: screenshots.checked, total: screenshots.total })
  const leftOut = copyNotes(submissionDir)
  const anythingLeftOut = leftOut.links.length > 0 || leftOut.tooDeep.length > 0 || leftOut.entriesCapped !== undefined
  return {
    found: true, file: inputs.file, notes, questions, pastedFiles: comparePasted(submissionDir, sections, inputs.pastedFiles),
    ...(anythingLeftOut ? { leftOut } : {}),
  }
}

/** The screenshots of a report, checked question after question: their links, their files, a picture shown twice. */
class Screenshots {
  checked = 0
  total = 0
  private readonly names: FileNames
  // A picture already used by another question's section; one link shared by a section of two questions is not.
  private readonly firstUse = new Map<string, { question: string; line: number }>()

  constructor(private readonly submissionDir: string, private readonly reportDir: string) {
    this.names = fileNames(submissionDir)
  }

  /** The valid screenshots of a question's section and the problems of the others; past MAX_IMAGES, none is looked at. */
  check(question: string, images: readonly ReportImage[]): { valid: string[]; problems: ImageProblem[] } {
    const valid: string[] = []
    const problems: ImageProblem[] = []
    for (const image of images) {
      this.total++
      if (this.checked >= MAX_IMAGES) continue
      this.checked++
      const resolved = resolveImage(this.submissionDir, this.reportDir, image.href, { byName: image.syntax === 'wiki', names: this.names })
      if (!resolved.ok) {
        problems.push(resolved.problem)
        continue
      }
      const facts = inspectImage(resolved.file, resolved.relative)
      if (!facts.ok) {
        problems.push(facts.problem)
        continue
      }
      const earlier = this.firstUse.get(facts.sha256)
      if (earlier && earlier.line !== image.line) {
        problems.push({ kind: 'same-image', file: resolved.relative, question: earlier.question })
        continue
      }
      if (!earlier) this.firstUse.set(facts.sha256, { question, line: image.line })
      valid.push(resolved.relative)
    }
    return { valid, problems }
  }
}

// "line 34, under "Question 4.a": "Le paramètre -p 8000:8000 associe…"": what a student checks when a grade surprises them.
// A screenshot question shows its screenshot; the others their first words or code, else their screenshot.
function readOf(section: QuestionSection | undefined, status: AnswerStatus, shots: readonly string[], valid: readonly string[], evidence?: OutputEvidence): ReadAnswer | undefined {
  if (!section?.found || section.line === undefined) return undefined
  // "Question 2.a :" reads "Question 2.a" in a sentence that goes on with its own colon.
  const where = { line: section.line, how: section.how ?? 'label', marker: (section.heading ?? '').replace(/[\s:.\-–—]+$/u, '') }
  if (!status.answered || status.why.reason === 'file-in-hand-in') return where
  if (status.why.reason === 'pasted-output' && evidence?.shown) {
    const block = evidence.blocks[0]!
    return { ...where, answer: { kind: 'output', firstLine: firstOutputLine(block), block: block.kind } }
  }
  const excerpt = section.excerpt
  const screenshot = (files: readonly string[]) => ({ ...where, answer: { kind: 'screenshot' as const, file: files[0]!, more: files.length - 1 } })
  if (shots.length) return screenshot(shots)
  if (excerpt?.kind === 'words') return { ...where, answer: { kind: 'words', excerpt: excerpt.text } }
  if (excerpt?.kind === 'code') return { ...where, answer: { kind: 'code', firstLine: excerpt.text } }
  if (valid.length) return screenshot(valid)
  return where
}

function comparePasted(submissionDir: string, sections: ReportSections, pasted: Record<string, string>): PastedFileReview[] {
  const reviews: PastedFileReview[] = []
  for (const [question, name] of Object.entries(pasted)) {
    // The statement's skeleton and the commands to type are not a copy of the file.
    const block = sections.codeBlocks.find((b) => b.question === question && classifyCode(b.text) === 'answer')
    const submitted = block && readSubmissionFile(submissionDir, name)
    if (submitted === undefined || !block) continue
    const { differences } = compareCode(block.text, submitted)
    reviews.push({ question, file: name, differences })
  }
  return reviews
}

/** A file of the hand-in that the student completed: there, and no longer the statement's skeleton with its blanks. */
export function completedFile(submissionDir: string, file: string): boolean {
  const text = hasSubmissionFile(submissionDir, file) ? readSubmissionFile(submissionDir, file) : undefined
  return text !== undefined && classifyCode(text) !== 'skeleton'
}
