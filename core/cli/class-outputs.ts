import { rmSync } from 'node:fs'
import path from 'node:path'
import type { Grade } from '../grading/grade.js'
import { catalogue } from '../i18n/index.js'
import { renderGradeSheet } from '../../reporters/render-markdown.js'
import type { Rubric } from '../run/index.js'
import { CHART_FILES, renderCharts, renderClassReportHtml, renderClassReportMarkdown } from './class-report.js'
import { summarizeClass, type ClassSummary } from './class-stats.js'
import { renderGradebook, type GradedStudent } from './gradebook.js'
import { gradeLanguage, handInSentences, withHandInNotice } from './hand-in-notice.js'
import { canvasExport, LEFT_OUT_FILE, LMS_FILES, LMS_FORMATS, moodleExport, renderLeftOut, type LmsExport, type LmsOptions } from './lms-export.js'
import type { Manifest } from './manifest.js'
import { writeFileAtomically } from '../../reporters/write-atomically.js'
import { CLASS_REPORT_FILES, SHEET_FILES, studentDir } from './output-layout.js'
import { readGrade } from './run-submission.js'
import { renderSheetHtml } from './sheet-html.js'
import { readReviewSheet, renderReviewSheet, REVIEW_SHEET_FILE, type ReviewSheet } from './manual-points-sheet.js'

export { cloneRoot, studentDir } from './output-layout.js'

/** Every student of the manifest: those with a grade.json in the output folder, and those who missed the deadline. */
export function gradedStudents(outDir: string, manifest: Manifest): GradedStudent[] {
  return Object.values(manifest.students).flatMap((entry): GradedStudent[] => {
    const facts = {
      student: entry.student,
      ...(entry.commit ? { commit: entry.commit } : {}),
      ...(entry.commitDate ? { commitDate: entry.commitDate } : {}),
      ...(entry.deadline ? { deadline: entry.deadline } : {}),
      ...(entry.handIn ? { handIn: entry.handIn } : {}),
      ...(entry.reason ? { reason: entry.reason } : {}),
      ...(entry.graderModified ? { graderModified: true } : {}),
      ...(entry.identity ? { identity: entry.identity } : {}),
    }
    if (entry.status === 'missed-deadline') return [{ ...facts, missedDeadline: entry.missedDeadline ?? { deadline: entry.deadline ?? '' } }]
    const grade = readGrade(path.join(studentDir(outDir, entry.student), 'grade.json'))
    return grade ? [{ ...facts, grade }] : []
  })
}

export interface ClassOutputs {
  summary: ClassSummary
  lms: LmsExport[]
}

/**
 * gradebook.csv, class-report.md with its two SVG charts, class-report.html with the charts inline and each grade
 * sheet beside it as HTML, the review sheet (with the instructor's columns of `reviewSheet`, by default those of the
 * folder's own sheet), and the LMS files the manifest asks for (those of another format are removed: stale).
 */
export function writeClassOutputs(outDir: string, manifest: Manifest, rubric: Rubric, reviewSheet?: ReviewSheet): ClassOutputs {
  const students = gradedStudents(outDir, manifest)
  const summary = summarizeClass(rubric, students)
  const charts = renderCharts(summary)
  writeFileAtomically(path.join(outDir, 'gradebook.csv'), renderGradebook(rubric, students))
  writeFileAtomically(path.join(outDir, CHART_FILES.histogram), `${charts.histogram}\n`)
  writeFileAtomically(path.join(outDir, CHART_FILES.passRates), `${charts.passRates}\n`)
  writeFileAtomically(path.join(outDir, CLASS_REPORT_FILES.markdown), renderClassReportMarkdown(summary))
  writeFileAtomically(path.join(outDir, CLASS_REPORT_FILES.html), renderClassReportHtml(summary))
  for (const s of students) if (s.grade) writeSheets(outDir, s, rubric)
  const sheetFile = path.join(outDir, REVIEW_SHEET_FILE)
  writeFileAtomically(sheetFile, renderReviewSheet(rubric, students, reviewSheet ?? readReviewSheet(sheetFile, rubric)))
  return { summary, lms: writeLmsFiles(outDir, rubric, students, manifest.lms) }
}

/**
 * The grade sheet from grade.json, as the run wrote it, with the hand-in notice (tag, extension, lateness, penalty)
 * of the commit's facts as they are now (a new late policy needs no new run); and its HTML twin.
 */
function writeSheets(outDir: string, s: GradedStudent & { grade: Grade }, rubric: Rubric): void {
  const dir = studentDir(outDir, s.student)
  const language = gradeLanguage(s.grade, rubric.language)
  const notice = handInSentences(language, s.grade, s.handIn, s.deadline, s.commitDate)
  const markdown = withHandInNotice(renderGradeSheet(s.grade, { title: rubric.title }), catalogue(language).lms.handInHeading, notice)
  writeFileAtomically(path.join(dir, SHEET_FILES.markdown), markdown)
  writeFileAtomically(path.join(dir, SHEET_FILES.html), renderSheetHtml(markdown, `${s.student} — ${rubric.title}`, language))
}

function writeLmsFiles(outDir: string, rubric: Rubric, students: readonly GradedStudent[], options: LmsOptions | undefined): LmsExport[] {
  const exports = (options?.formats ?? []).map((format) => (format === 'moodle' ? moodleExport(rubric, students, options!) : canvasExport(students, options!)))
  for (const e of exports) writeFileAtomically(path.join(outDir, e.file), e.csv)
  for (const format of LMS_FORMATS) if (!options?.formats.includes(format)) rmSync(path.join(outDir, LMS_FILES[format]), { force: true })
  if (exports.length) writeFileAtomically(path.join(outDir, LEFT_OUT_FILE), renderLeftOut(exports))
  else rmSync(path.join(outDir, LEFT_OUT_FILE), { force: true })
  return exports
}
