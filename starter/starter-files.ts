import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogue } from '../core/i18n/index.js'
import type { LabDefinition, LabWords } from '../core/rubric/lab.js'

const TEMPLATE_DIR = fileURLToPath(new URL('./template/', import.meta.url))

/** The grader's package name, which the starter pins: its `npm test` and its workflow run this version of it. */
export const GRADER_PACKAGE = 'tp1-docker-grader'

/**
 * Every file of the repository a student starts from, by relative path: the statement's files with its blanks (the
 * template folder), the report with the lab's questions (from the rubric, so they stay one list), a package.json
 * whose `npm test` runs the pinned grader, and the grading workflow.
 */
export function starterFiles<E, W extends LabWords<E>>(definition: LabDefinition<E, W>, graderVersion: string): Record<string, string> {
  const lab = definition.rubric
  const files: Record<string, string> = {}
  for (const file of templateFiles(TEMPLATE_DIR)) files[file] = readFileSync(path.join(TEMPLATE_DIR, file), 'utf8').replaceAll('{{version}}', graderVersion)
  files['package.json'] = `${JSON.stringify({
    name: `${lab.lab}-docker`,
    private: true,
    scripts: { test: GRADER_PACKAGE },
    devDependencies: { [GRADER_PACKAGE]: graderVersion },
  }, null, 2)}\n`
  files[lab.layout.reportFiles[0]!] = reportTemplate(definition)
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)))
}

/** The report's skeleton: a heading per exercise and per question of the statement, graded or not, and no answer. */
export function reportTemplate<E, W extends LabWords<E>>({ rubric: lab, words }: LabDefinition<E, W>): string {
  const t = { ...catalogue(lab.language), ...words[lab.language] }
  const ids = [...Object.keys(lab.report.questions), ...Object.keys(lab.report.ungraded ?? {})].sort(byQuestion)
  const lines = [`# ${t.rubric.title}`, '']
  let exercise: string | undefined
  for (const id of ids) {
    const [number] = id.split('.')
    if (number !== exercise) lines.push(`## ${t.sheet.exercise(Number(number))}`, '')
    exercise = number
    lines.push(`### Question ${id}`, '', '')
  }
  return `${lines.join('\n').trimEnd()}\n`
}

const byQuestion = (a: string, b: string) => {
  const [ea, qa] = a.split('.')
  const [eb, qb] = b.split('.')
  return Number(ea) - Number(eb) || (qa ?? '').localeCompare(qb ?? '')
}

function templateFiles(dir: string, relative = ''): string[] {
  return readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(relative, entry.name)
    return entry.isDirectory() ? templateFiles(dir, file) : [file]
  })
}
