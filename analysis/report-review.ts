import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Rubric } from '../rubric/schema.js'
import { compareCode, type CodeDifference } from './report-code.js'
import { inspectImage, resolveImage, type ImageFileProblem, type LinkProblem } from './report-images.js'
import { classifyCode } from './report-markers.js'
import {
  answerStatus, decodeReport, parseReport, requestsOf,
  type AnswerStatus, type AnswerWhy, type DecodeNote, type FoundBy, type QuestionSection, type ReportSections,
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
  answer?: { kind: 'screenshot'; file: string; more: number } | { kind: 'words'; excerpt: string } | { kind: 'code'; firstLine: string }
}

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
  | { found: true; file: string; notes: DecodeNote[]; questions: Record<string, QuestionReview>; pastedFiles: PastedFileReview[] }

/** Where the report is and which submitted files its pastes are compared with, as found in the submission. */
export interface ReportInputs {
  /** The report's path, relative to the submission. */
  file: string
  /** Question id → the submitted file its paste is compared with, relative to the submission. */
  pastedFiles: Record<string, string>
}

/** Reads the report of a submission: which questions are answered, which screenshots are real, which pasted files differ. */
export function reviewReport(submissionDir: string, inputs: ReportInputs, report: Rubric['report']): ReportReview {
  const file = path.join(submissionDir, inputs.file)
  if (!existsSync(file)) return { found: false, file: inputs.file }
  const decoded = decodeReport(readFileSync(file))
  const ids = Object.keys(report.questions)
  const sections = parseReport(decoded.text, ids, requestsOf(report))
  // A picture already used by another question's section; one link shared by a section of two questions is not.
  const firstUse = new Map<string, { question: string; line: number }>()
  const questions: Record<string, QuestionReview> = {}
  for (const id of ids) {
    const section = sections.questions[id]
    const kind = report.questions[id]!.answer
    const imageProblems: ImageProblem[] = []
    const valid: string[] = []
    for (const image of section?.images ?? []) {
      const resolved = resolveImage(submissionDir, path.dirname(file), image.href, { byName: image.syntax === 'wiki' })
      if (!resolved.ok) {
        imageProblems.push(resolved.problem)
        continue
      }
      const facts = inspectImage(resolved.file, resolved.relative)
      if (!facts.ok) {
        imageProblems.push(facts.problem)
        continue
      }
      const earlier = firstUse.get(facts.sha256)
      if (earlier && earlier.line !== image.line) {
        imageProblems.push({ kind: 'same-image', file: resolved.relative, question: earlier.question })
        continue
      }
      if (!earlier) firstUse.set(facts.sha256, { question: id, line: image.line })
      valid.push(resolved.relative)
    }
    const status: AnswerStatus = kind === 'screenshot'
      ? section?.found
        ? valid.length > 0
          ? { answered: true, why: { reason: 'valid-screenshots', count: valid.length } }
          : { answered: false, why: { reason: imageProblems.length ? 'no-valid-screenshot' : 'no-screenshot' } }
        : { answered: false, why: { reason: 'no-section' } }
      : answerStatus(section, { minWords: report.minWords, screenshot: false, validImages: valid.length, kind })
    const read = readOf(section, status.answered, kind === 'screenshot' || kind === 'observation' ? valid : [], valid)
    questions[id] = { ...status, imageProblems, ...(read ? { read } : {}), ...(section?.found && section.line !== undefined ? { line: section.line } : {}) }
  }
  return { found: true, file: inputs.file, notes: decoded.notes, questions, pastedFiles: comparePasted(submissionDir, sections, inputs.pastedFiles) }
}

// "line 34, under "Question 4.a": "Le paramètre -p 8000:8000 associe…"": what a student checks when a grade surprises them.
// A screenshot question shows its screenshot; the others their first words or code, else their screenshot.
function readOf(section: QuestionSection | undefined, answered: boolean, shots: readonly string[], valid: readonly string[]): ReadAnswer | undefined {
  if (!section?.found || section.line === undefined) return undefined
  // "Question 2.a :" reads "Question 2.a" in a sentence that goes on with its own colon.
  const where = { line: section.line, how: section.how ?? 'label', marker: (section.heading ?? '').replace(/[\s:.\-–—]+$/u, '') }
  if (!answered) return where
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
    const submitted = path.join(submissionDir, name)
    if (!block || !existsSync(submitted)) continue
    const { differences } = compareCode(block.text, readFileSync(submitted, 'utf8'))
    reviews.push({ question, file: name, differences })
  }
  return reviews
}
