import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { messages } from '../rubric/index.js'
import type { Rubric } from '../rubric/schema.js'
import { compareCode } from './report-code.js'
import { inspectImage, resolveImage } from './report-images.js'
import { answerStatus, decodeReport, parseReport, type ReportSections } from './report.js'

export interface QuestionReview {
  answered: boolean
  /** Why it is (not) answered, in a short phrase. */
  why: string
  /** Screenshots that do not count: missing, outside the submission, not an image, duplicated. */
  imageProblems: string[]
}

export interface PastedFileReview {
  question: string
  file: string
  differences: string[]
}

export type ReportReview =
  | { found: false; file?: string }
  | { found: true; file: string; notes: string[]; questions: Record<string, QuestionReview>; pastedFiles: PastedFileReview[] }

/** Where the report is and which submitted files its pastes are compared with, as found in the submission. */
export interface ReportInputs {
  /** The report's path, relative to the submission. */
  file: string
  /** Question id → the submitted file its paste is compared with, relative to the submission. */
  pastedFiles: Record<string, string>
}

/** Reads the report of a submission: which questions are answered, which screenshots are real, which pasted files differ. */
export function reviewReport(submissionDir: string, inputs: ReportInputs, report: Rubric['report']): ReportReview {
  const t = messages.report.answer
  const file = path.join(submissionDir, inputs.file)
  if (!existsSync(file)) return { found: false, file: inputs.file }
  const decoded = decodeReport(readFileSync(file))
  const ids = Object.keys(report.questions)
  const sections = parseReport(decoded.text, ids)
  const firstUse = new Map<string, string>()
  const questions: Record<string, QuestionReview> = {}
  for (const id of ids) {
    const section = sections.questions[id]
    const screenshot = report.questions[id]!.screenshot
    const imageProblems: string[] = []
    let validImages = 0
    for (const image of section?.images ?? []) {
      const resolved = resolveImage(submissionDir, path.dirname(file), image.href)
      if (!resolved.ok) {
        imageProblems.push(resolved.message)
        continue
      }
      const facts = inspectImage(resolved.file, resolved.relative)
      if (!facts.ok) {
        imageProblems.push(facts.message)
        continue
      }
      const earlier = firstUse.get(facts.sha256)
      if (earlier) {
        imageProblems.push(t.sameImage(resolved.relative, earlier))
        continue
      }
      firstUse.set(facts.sha256, id)
      validImages++
    }
    const status = screenshot
      ? section?.found
        ? validImages > 0 ? { answered: true, why: t.validScreenshots(validImages) } : { answered: false, why: imageProblems.length ? t.noValidScreenshot : t.noScreenshot }
        : { answered: false, why: t.noSection }
      : answerStatus(section, { minWords: report.minWords, screenshot: false, validImages: 0 })
    questions[id] = { ...status, imageProblems }
  }
  return { found: true, file: inputs.file, notes: decoded.notes, questions, pastedFiles: comparePasted(submissionDir, sections, inputs.pastedFiles) }
}

function comparePasted(submissionDir: string, sections: ReportSections, pasted: Record<string, string>): PastedFileReview[] {
  const reviews: PastedFileReview[] = []
  for (const [question, name] of Object.entries(pasted)) {
    const block = sections.codeBlocks.find((b) => b.question === question)
    const submitted = path.join(submissionDir, name)
    if (!block || !existsSync(submitted)) continue
    const { differences } = compareCode(block.text, readFileSync(submitted, 'utf8'))
    reviews.push({ question, file: name, differences })
  }
  return reviews
}
