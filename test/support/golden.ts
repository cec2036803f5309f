import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Grade, GradedCheck } from '../../core/grading/grade.js'
import { lab } from '../../labs/tp1/lab.js'
import { renderAnnotations } from '../../reporters/github-actions.js'
import { inertJson } from '../../core/grading/inert-text.js'
import { renderGradeSheet } from '../../reporters/render-markdown.js'
import { renderSummary } from '../../reporters/render-terminal.js'
import { RESULT_FORMATS } from '../../reporters/result-formats.js'
import { projectRoot } from './fixtures.js'

export const goldenDir = path.join(projectRoot, 'test', 'golden')

/** UPDATE_GOLDEN=1 rewrites the golden files from what the code produces now (then review the diff). */
export const updating = process.env.UPDATE_GOLDEN === '1'

const LOG = '(the last lines of the log: they differ from run to run)'

/**
 * What a grade says, without what changes from one run or machine to the next: clock, durations, versions, temporary
 * paths, facts, log tails, ephemeral host ports and container ids. Messages, feedback, points and statuses stay.
 */
export function normalizeGrade(grade: Grade): Grade {
  const text = (value: string) =>
    value
      .replace(/\b\d+[.,]\d+ s\b/g, '… s')
      .replace(/\b(127\.0\.0\.1|0\.0\.0\.0|localhost):\d{5}\b/g, '$1:<port>')
      .replace(/\b[0-9a-f]{12}\b/g, '<id>')
  const feedback = <T extends { expected?: string; seen?: string; fix?: string; log?: string }>(f: T): T => ({
    ...f,
    ...(f.expected ? { expected: text(f.expected) } : {}),
    ...(f.seen ? { seen: text(f.seen) } : {}),
    ...(f.fix ? { fix: text(f.fix) } : {}),
    ...(f.log ? { log: LOG } : {}),
  })
  const check = (c: GradedCheck): GradedCheck => {
    const { facts: _facts, ...details } = c.details ?? {}
    const { durationMs: _duration, ...timeless } = c
    const items = details.items?.map((i) => ({ ...i, ...(i.feedback ? { feedback: feedback(i.feedback) } : {}) }))
    const normalized = c.details ? feedback({ ...details, ...(items ? { items } : {}) }) : undefined
    return { ...timeless, message: text(c.message), ...(normalized && Object.keys(normalized).length ? { details: normalized } : { details: undefined }) }
  }
  const { commit: _commit, ...submission } = grade.submission
  return JSON.parse(JSON.stringify({
    ...grade,
    submission: { ...submission, path: 'student-submission' },
    startedAt: '2026-11-28T09:00:00.000Z',
    durationMs: 95_000,
    environment: { engine: 'Docker Engine', docker: '28.5.2', dockerApi: '1.51', compose: '2.40.3', kernel: '6.12.0', arch: 'amd64', rootless: false, limitsNotEnforced: [], node: 'v20.19.0', grader: '0.1.0' },
    checks: grade.checks.map(check),
  })) as Grade
}

/** Every rendering of a grade the reporter or the batch tool writes, by file name. */
export function renderings(grade: Grade): Record<string, string> {
  const title = lab.words[grade.language ?? 'en'].rubric.title
  return {
    'grade.json': `${inertJson(grade)}\n`,
    'grade-sheet.md': renderGradeSheet(grade, { title }),
    'summary.txt': renderSummary(grade, { title, color: false }),
    'annotations.txt': `${renderAnnotations(grade, 'student-submission').join('\n')}\n`,
    ...Object.fromEntries(Object.values(RESULT_FORMATS).map((f) => [f.file, f.render(grade)])),
  }
}

/** The golden grade of a case: a real run's grade, normalized. */
export function readGoldenGrade(name: string): Grade {
  return JSON.parse(readFileSync(path.join(goldenDir, name, 'grade.json'), 'utf8')) as Grade
}

/** Writes the case's files (UPDATE_GOLDEN=1), or returns the files that differ, with both texts. */
export function compareGolden(name: string, files: Record<string, string>): Array<{ file: string; expected: string; actual: string }> {
  const dir = path.join(goldenDir, name)
  if (updating) {
    mkdirSync(dir, { recursive: true })
    for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content)
    return []
  }
  return Object.entries(files).flatMap(([file, actual]) => {
    const target = path.join(dir, file)
    const expected = existsSync(target) ? readFileSync(target, 'utf8') : '(missing: run with UPDATE_GOLDEN=1)'
    return expected === actual ? [] : [{ file: path.join(name, file), expected, actual }]
  })
}

/**
 * The golden cases: a real grading run each — the reference with no GRADER_LANG (the lab's language, French), a
 * failing fixture in both languages. `graderLang` is the run's GRADER_LANG ('' = unset), `language` the grade's.
 */
export const GOLDEN_CASES = [
  { name: 'reference.fr', fixture: undefined, graderLang: '', language: 'fr' },
  { name: 'reference.en', fixture: undefined, graderLang: 'en', language: 'en' },
  { name: 'shell-form-cmd.fr', fixture: 'shell-form-cmd', graderLang: 'fr', language: 'fr' },
  { name: 'shell-form-cmd.en', fixture: 'shell-form-cmd', graderLang: 'en', language: 'en' },
  { name: 'no-lab-found.fr', fixture: 'no-lab-found', graderLang: 'fr', language: 'fr' },
  { name: 'no-lab-found.en', fixture: 'no-lab-found', graderLang: 'en', language: 'en' },
] as const

/**
 * The whole terminal of a run (stdout, then stderr) without what changes from one run to the next: the temporary
 * folders it graded and wrote to, durations, and the line that says a past run's leftovers were removed (another run
 * of this machine may have left them).
 */
export function normalizeTerminal(output: string, paths: Record<string, string>): string {
  let text = output
  for (const [placeholder, dir] of Object.entries(paths)) text = text.replaceAll(dir, placeholder)
  return text
    .split('\n')
    .filter((line) => !line.startsWith('grader: removed what an ended run'))
    .join('\n')
    .replace(/\b\d+[.,]\d+ s\b/g, '… s')
    .replace(/\b(127\.0\.0\.1|0\.0\.0\.0|localhost):\d{5}\b/g, '$1:<port>')
    .replace(/\b[0-9a-f]{12}\b/g, '<id>')
}

/**
 * What never reaches a student's terminal (but a grader bug, which says so): a stack trace, a code frame, a path of
 * the grader's own files, Vitest's banner and counters, its failure blocks. Each line found, with what it is.
 */
export function runnerChatter(output: string, graderRoot: string): string[] {
  const rules: Array<[string, RegExp]> = [
    ['stack trace', /^\s+at .+[:(]\d+/],
    ['code frame', /(^\s*\d+\|)|❯|⎯⎯/],
    ["grader's path", new RegExp(`${graderRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|node_modules/|(grading|lab|reporters|specs)/[\w-]+\.ts`)],
    ['Vitest counter', /\b(Test Files|Tests|Duration|Start at)\b\s+\d|\bRUN\s+v\d|\bFAIL\b|CheckNotPassed/],
  ]
  return output.split('\n').flatMap((line) => rules.filter(([, re]) => re.test(line)).map(([what]) => `${what}: ${line}`))
}
