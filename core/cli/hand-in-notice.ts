import type { Grade } from '../grading/grade.js'
import { catalogue, isLanguage, type Language } from '../i18n/index.js'
import { formatPoints } from '../../reporters/format.js'
import { finalScore } from './gradebook.js'
import { formatDuration } from './late-policy.js'
import type { HandInFacts } from './submissions.js'

/** The grade's own language, else the rubric's: the student reads the notice beside the rest of their feedback. */
export const gradeLanguage = (grade: Grade | undefined, fallback: Language): Language => (grade?.language && isLanguage(grade.language) ? grade.language : fallback)

/**
 * What the student is told of their hand-in: the tag graded, an extension, how late and what it cost. Nothing for an
 * on-time commit chosen by the deadline: the usual case needs no words.
 */
export function handInSentences(language: Language, grade: Grade, handIn: HandInFacts | undefined, deadline: string | undefined, commitDate: string | undefined): string[] {
  if (!handIn) return []
  const t = catalogue(language).lms
  const sentences: string[] = []
  if (handIn.rule === 'tag' && handIn.tag) sentences.push(t.tagged(handIn.tag, commitDate ?? ''))
  if (handIn.lateTag) sentences.push(t.lateTag(handIn.lateTag.tag, handIn.lateTag.date))
  if (handIn.extension && deadline) sentences.push(t.extension(deadline))
  if (handIn.lateSeconds && deadline) {
    const late = formatDuration(handIn.lateSeconds, t.duration)
    if (handIn.withinGrace) sentences.push(t.lateWithinGrace(late, deadline))
    else if (!handIn.penaltyPercent) sentences.push(t.lateNoPenalty(late, deadline))
    else sentences.push(t.latePenalty(late, deadline, formatPoints(handIn.penaltyPercent), formatPoints(grade.score), formatPoints(finalScore(grade, handIn)), formatPoints(grade.maxScore)))
  }
  return sentences
}

/** The grade sheet with the hand-in notice after its score line (the sheet's second block), as a quoted block. */
export function withHandInNotice(sheet: string, heading: string, sentences: readonly string[]): string {
  if (sentences.length === 0) return sheet
  const blocks = sheet.split('\n\n')
  const notice = `> **${heading}.** ${sentences.join(' ')}`
  return [...blocks.slice(0, 2), notice, ...blocks.slice(2)].join('\n\n')
}
