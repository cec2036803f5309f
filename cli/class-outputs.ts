import path from 'node:path'
import type { Rubric } from '../rubric/index.js'
import { CHART_FILES, renderCharts, renderClassReportHtml, renderClassReportMarkdown } from './class-report.js'
import { summarizeClass, type ClassSummary } from './class-stats.js'
import { renderGradebook, type GradedStudent } from './gradebook.js'
import { writeFileAtomically, type Manifest } from './manifest.js'
import { readGrade } from './run-submission.js'

/** The output folder: students/<id>/ (grade.json, grade-sheet.md, grader.log), clones/<id>/ for git sources. */
export const studentDir = (outDir: string, student: string) => path.join(outDir, 'students', student)
export const cloneRoot = (outDir: string) => path.join(outDir, 'clones')

/** Every student of the manifest whose grade.json is in the output folder. */
export function gradedStudents(outDir: string, manifest: Manifest): GradedStudent[] {
  return Object.values(manifest.students).flatMap((entry) => {
    const grade = readGrade(path.join(studentDir(outDir, entry.student), 'grade.json'))
    return grade ? [{ student: entry.student, ...(entry.commit ? { commit: entry.commit } : {}), ...(entry.reason ? { reason: entry.reason } : {}), ...(entry.graderModified ? { graderModified: true } : {}), grade }] : []
  })
}

/** gradebook.csv, class-report.md with its two SVG charts, and class-report.html with the charts inline. */
export function writeClassOutputs(outDir: string, manifest: Manifest, rubric: Rubric): ClassSummary {
  const students = gradedStudents(outDir, manifest)
  const summary = summarizeClass(rubric, students)
  const charts = renderCharts(summary)
  writeFileAtomically(path.join(outDir, 'gradebook.csv'), renderGradebook(rubric, students))
  writeFileAtomically(path.join(outDir, CHART_FILES.histogram), `${charts.histogram}\n`)
  writeFileAtomically(path.join(outDir, CHART_FILES.passRates), `${charts.passRates}\n`)
  writeFileAtomically(path.join(outDir, 'class-report.md'), renderClassReportMarkdown(summary))
  writeFileAtomically(path.join(outDir, 'class-report.html'), renderClassReportHtml(summary))
  return summary
}
