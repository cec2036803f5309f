import path from 'node:path'

/** The output folder: students/<id>/ (grade.json, the grade sheet in Markdown and HTML, grader.log), clones/<id>/. */
export const STUDENTS_FOLDER = 'students'
export const SHEET_FILES = { markdown: 'grade-sheet.md', html: 'grade-sheet.html' } as const
export const CLASS_REPORT_FILES = { markdown: 'class-report.md', html: 'class-report.html' } as const

export const studentDir = (outDir: string, student: string) => path.join(outDir, STUDENTS_FOLDER, student)
export const cloneRoot = (outDir: string) => path.join(outDir, 'clones')

/** A sheet's address relative to the class report, at the top of the folder: it still works once the folder is zipped. */
export const sheetHref = (student: string, format: keyof typeof SHEET_FILES) => `${STUDENTS_FOLDER}/${pathSegment(student)}/${SHEET_FILES[format]}`

/** encodeURIComponent leaves ( ) ! * ' as they are; a ")" would end a Markdown link. */
const pathSegment = (name: string) => encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
