import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { projectRoot, referenceDir } from './support/fixtures.js'
import { newRunId } from './support/run-grader.js'

const run = promisify(execFile)

// docs/developing.md, "Adding a check", done to a copy of the grader: one rubric line, one check in its spec, one
// catalogue entry per language — and nothing else (no list of checks to edit). The copy then typechecks, and its
// static checks grade the new check with its title, in both languages.
const copy = mkdtempSync(path.join(tmpdir(), 'tp1-recipe-'))
const gradeDir = mkdtempSync(path.join(tmpdir(), 'tp1-recipe-grades-'))
afterAll(() => {
  rmSync(copy, { recursive: true, force: true })
  rmSync(gradeDir, { recursive: true, force: true })
})

/** Replaces `anchor` in a file of the copy by `anchor` and `added`; the anchor must be there once. */
function addAfter(file: string, anchor: string, added: string): void {
  const text = readFileSync(path.join(copy, file), 'utf8')
  expect(text.split(anchor), `${file} holds the recipe's anchor once`).toHaveLength(2)
  writeFileSync(path.join(copy, file), text.replace(anchor, `${anchor}${added}`))
}

describe("the README's recipe for a check", () => {
  it('adds a check with four edits: it typechecks and is graded, titled in each language', async () => {
    for (const entry of ['core', 'labs', 'reporters', 'package.json', 'tsconfig.json', 'vitest.config.ts'])
      cpSync(path.join(projectRoot, entry), path.join(copy, entry), { recursive: true, filter: (from) => !from.endsWith('.test.ts') })
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(copy, 'node_modules'))

    // 1. the rubric: its points and when it runs
    addAfter('labs/tp1/rubric.ts', "    { id: 'ex3.cmd-once', exercise: 3, points: 0, phase: 'files', advisory: true },\n",
      "    { id: 'ex3.app-newline', exercise: 3, points: 0, phase: 'files', advisory: true },\n")
    // 2. its spec: it observes through the lab and says what it found with its catalogue entry
    addAfter('labs/tp1/specs/ex3-static-files.spec.ts', "describe('exercise 3: the files', () => {\n", `  check('ex3.app-newline', (_c, { lab, run: { messages } }) => {
    const file = lab.layout().appFile
    const text = file === undefined ? undefined : readSubmissionFile(lab.workDir(), file)
    if (file !== undefined && text !== undefined && !text.endsWith('\\n')) throw fail(messages.ex3.appNewline(file))
  })

`)
    // 3. one catalogue entry per language: its title and its finding
    addAfter('labs/tp1/i18n/en/ex3.ts', "  titles: () => ({ 'ex3.cmd-once': 'the Dockerfile has one CMD (Docker runs only the last)'",
      ", 'ex3.app-newline': 'the app file ends with a new line'")
    addAfter('labs/tp1/i18n/en/ex3.ts', 'export const ex3 = {\n',
      "  appNewline: (file: string): Finding => ({ message: `${file} does not end with a new line`, expected: 'a last line ended', seen: 'no new line at the end', fix: 'Add a new line at the end of the file.' }),\n")
    addAfter('labs/tp1/i18n/fr/ex3.ts', "  titles: () => ({ 'ex3.cmd-once': 'le Dockerfile a un seul CMD (Docker n’exécute que le dernier)'",
      ", 'ex3.app-newline': 'le fichier de l’application finit par un saut de ligne'")
    addAfter('labs/tp1/i18n/fr/ex3.ts', "export const ex3: Catalogue['ex3'] = {\n",
      "  appNewline: (file) => ({ message: `${file} ne finit pas par un saut de ligne`, expected: 'une dernière ligne terminée', seen: 'pas de saut de ligne à la fin', fix: 'Ajoutez un saut de ligne à la fin du fichier.' }),\n")

    await run(process.execPath, [path.join(copy, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', copy], { cwd: copy })

    const submission = mkdtempSync(path.join(tmpdir(), 'tp1-recipe-hand-in-'))
    cpSync(referenceDir('course-layout'), submission, { recursive: true })
    const app = path.join(submission, 'api', 'app.py')
    writeFileSync(app, readFileSync(app, 'utf8').trimEnd())
    const graded = async (language: string): Promise<Grade['checks'][number] | undefined> => {
      const env = {
        ...process.env, TESTCONTAINERS_RYUK_DISABLED: 'true', NO_COLOR: '1', GRADER_LANG: language, GRADER_EARLY_STACK: '0',
        GRADER_RUN_ID: newRunId(), SUBMISSION_DIR: submission, GRADE_DIR: gradeDir,
      }
      // The static checks alone: no image is built, no container started.
      await run(process.execPath, [path.join(copy, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'labs/tp1/specs/ex3-static-files.spec.ts'], { cwd: copy, env }).catch(() => {})
      const grade = JSON.parse(readFileSync(path.join(gradeDir, 'grade.json'), 'utf8')) as Grade
      return grade.checks.find((c) => c.id === 'ex3.app-newline')
    }
    try {
      expect(await graded('en')).toMatchObject({ title: 'the app file ends with a new line', status: 'passed', advice: true, message: 'api/app.py does not end with a new line' })
      expect(await graded('fr')).toMatchObject({ title: 'le fichier de l’application finit par un saut de ligne', message: 'api/app.py ne finit pas par un saut de ligne' })
    } finally {
      rmSync(submission, { recursive: true, force: true })
    }
  })
})

describe('docs/new-lab.md\'s recipe for a lab', () => {
  const grader = mkdtempSync(path.join(tmpdir(), 'tp1-new-lab-'))
  const grades = mkdtempSync(path.join(tmpdir(), 'tp1-new-lab-grades-'))
  afterAll(() => {
    rmSync(grader, { recursive: true, force: true })
    rmSync(grades, { recursive: true, force: true })
  })

  it('copies labs/example under a new name and names it in the lab list: it typechecks and grades the example\'s reference 100/100', async () => {
    for (const entry of ['core', 'labs', 'reporters', 'package.json', 'tsconfig.json', 'vitest.config.ts'])
      cpSync(path.join(projectRoot, entry), path.join(grader, entry), { recursive: true, filter: (from) => !from.endsWith('.test.ts') })
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(grader, 'node_modules'))
    cpSync(path.join(grader, 'labs', 'example'), path.join(grader, 'labs', 'tp2'), { recursive: true })
    const edit = (file: string, from: string, to: string) => {
      const text = readFileSync(path.join(grader, file), 'utf8')
      expect(text.split(from), `${file} holds ${from} once`).toHaveLength(2)
      writeFileSync(path.join(grader, file), text.replace(from, to))
    }
    edit('labs/tp2/lab.ts', "name: 'example'", "name: 'tp2'")
    edit('labs/index.ts', "import { lab as tp1 } from './tp1/lab.js'\n", "import { lab as tp1 } from './tp1/lab.js'\nimport { lab as tp2 } from './tp2/lab.js'\n")
    edit('labs/index.ts', '{ tp1, example }', '{ tp1, example, tp2 }')

    await run(process.execPath, [path.join(grader, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', grader], { cwd: grader })
    const env = {
      ...process.env, TESTCONTAINERS_RYUK_DISABLED: 'true', NO_COLOR: '1', GRADER_LAB: 'tp2', GRADER_RUN_ID: newRunId(),
      SUBMISSION_DIR: referenceDir('reference', 'example'), GRADE_DIR: grades,
    }
    await run(process.execPath, [path.join(grader, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd: grader, env })
    const grade = JSON.parse(readFileSync(path.join(grades, 'grade.json'), 'utf8')) as Grade
    expect([grade.status, grade.score, grade.maxScore]).toEqual(['graded', 100, 100])
  })
})
