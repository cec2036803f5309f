import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { escapeProperty } from '../reporters/github-actions.js'
import { graderDigest } from '../reporters/grader-digest.js'
import { loadRun } from '../core/run/index.js'
import { labs } from '../labs/index.js'
import { assembleFixture, listFixtures, listReferences, lostChecks, projectRoot, referenceDir, referenceSubmission } from './support/fixtures.js'
import { runGrader } from './support/run-grader.js'
import { WorkflowJob } from './support/workflow-job.js'

const { rubric } = loadRun(labs)

/** Runs the grader with the environment GitHub Actions sets, and returns the job summary it wrote. */
async function gradeOnGitHub(submission: string, workspace: string) {
  const summary = path.join(mkdtempSync(path.join(tmpdir(), 'tp1-gha-')), 'step-summary.md')
  writeFileSync(summary, '')
  const run = await runGrader(submission, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: workspace, CI: 'true' })
  return { ...run, summary: readFileSync(summary, 'utf8'), commands: run.output.split('\n').filter((l) => /^::/.test(l)) }
}

describe('on GitHub Actions', () => {
  it('the reference gets its sheet in the job summary and no error annotation', async () => {
    const { summary, commands, grade } = await gradeOnGitHub(referenceSubmission, projectRoot)
    expect(summary).toContain(`**Score: ${grade.score} / ${grade.maxScore}**`)
    expect(summary).toContain('## Exercise 4')
    expect(commands.filter((c) => c.startsWith('::error'))).toEqual([])
  })

  it('a failing submission gets annotations on its files and lines, and student output cannot run workflow commands', async () => {
    const fixture = listFixtures().find((f) => f.name === 'shell-form-cmd')!
    const submission = assembleFixture(fixture)
    const workspace = path.dirname(submission)
    try {
      const { summary, commands, output } = await gradeOnGitHub(submission, workspace)
      const where = `${path.relative(workspace, submission)}/Dockerfile`
      const title = escapeProperty(`ex4.graceful-stop: ${rubric.checks.find((c) => c.id === 'ex4.graceful-stop')!.title} (-4)`)
      expect(commands).toContain(`::error file=${where},line=5,title=${title}::${commands.find((c) => c.includes('ex4.graceful-stop'))?.split('::')[2]}`)
      expect(commands.some((c) => c.startsWith(`::error file=${where},line=5,title=ex3.dockerfile`))).toBe(true)
      expect(summary).toContain('exit code 137')
      // Vitest's own output (which quotes student output) comes between stop-commands and the resume token.
      const stop = commands.find((c) => c.startsWith('::stop-commands::'))!
      const token = stop.slice('::stop-commands::'.length)
      expect(output.indexOf(`::${token}::`)).toBeGreaterThan(output.indexOf(stop))
      expect(output.indexOf('::error')).toBeGreaterThan(output.indexOf(`::${token}::`))
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  })
})

/** The course's layout (api/, docker-compose.yml, reports/) once its reference exists, the seed's until then. */
const base = listReferences().includes('course-layout') ? 'course-layout' : 'seed'
const reusableWorkflow = path.join(projectRoot, '.github', 'workflows', 'grade-submission.yml')

/**
 * The workspace of the reusable workflow's job once its checkouts have run: the student's repository (a git
 * repository holding the hand-in, and no grader) in submission/, and beside it the grader in grader/ (this working
 * tree, standing in for the pinned commit).
 */
function workspaceWith(handIn: { moveInto?: string; files?: Record<string, string>; edit?: (repository: string) => void }) {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-gha-workflow-'))
  const workspace = path.join(root, 'work')
  const repository = path.join(workspace, 'submission')
  mkdirSync(repository, { recursive: true })
  cpSync(referenceDir(base), handIn.moveInto ? path.join(repository, handIn.moveInto) : repository, { recursive: true, verbatimSymlinks: true })
  for (const [file, content] of Object.entries(handIn.files ?? {})) {
    mkdirSync(path.dirname(path.join(repository, file)), { recursive: true })
    writeFileSync(path.join(repository, file), content)
  }
  handIn.edit?.(repository)
  const git = (...args: string[]) => execFileSync('git', ['-C', repository, '-c', 'user.name=Student', '-c', 'user.email=student@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { encoding: 'utf8' }).trim()
  git('init', '-q')
  git('add', '-A')
  git('commit', '-qm', 'TP1')
  symlinkSync(projectRoot, path.join(workspace, 'grader'))
  return { root, workspace, repository, commit: git('rev-parse', 'HEAD') }
}

/** Runs the reusable workflow's steps after the checkouts and the install, as the runner would, and reads the grade. */
async function gradeWithReusableWorkflow(workspace: string, inputs: Record<string, string>) {
  const job = new WorkflowJob(reusableWorkflow, 'grade', workspace, { inputs, env: { TESTCONTAINERS_RYUK_DISABLED: 'true' } })
  const submission = await job.run('submission')
  expect(submission.exitCode, submission.output).toBe(0)
  const grading = await job.run('grade')
  const verdict = await job.run('verdict')
  const gradeFile = path.join(job.jobEnv('GRADE_DIR'), 'grade.json')
  if (!existsSync(gradeFile)) throw new Error(`The workflow wrote no grade.json (exit code ${grading.exitCode}). Its output:\n${grading.output.slice(-5000)}`)
  const grade = JSON.parse(readFileSync(gradeFile, 'utf8')) as Grade & { forged?: boolean }
  return { grading, verdict, grade, summary: job.summary() }
}

const fileOf = (command: string) => /^::error file=([^,:]+)/.exec(command)?.[1]

describe('a student\'s own repository, graded on GitHub Actions by the reusable workflow at the pinned grader', () => {
  it('a hand-in one folder down gets its sheet, annotations on its files relative to the repository, and a red run', async () => {
    // A fault that no layout or freedom of the statement excuses, and that spares the Compose run: a tab in the Compose file.
    const compose = 'docker-compose.yml'
    let tabLine = 0
    const { root, workspace, repository, commit } = workspaceWith({
      moveInto: 'TP1',
      edit: (repo) => {
        const file = path.join(repo, 'TP1', compose)
        const lines = readFileSync(file, 'utf8').split('\n')
        tabLine = lines.findIndex((l) => /^ {2}\w+:\s*$/.test(l)) + 1
        if (!tabLine) throw new Error(`${compose} of the ${base} reference has no service at two spaces`)
        lines[tabLine - 1] = lines[tabLine - 1]!.replace(/^ {2}/, '\t')
        writeFileSync(file, lines.join('\n'))
      },
    })
    try {
      // No `path`: the grader finds the lab in TP1/ by itself.
      const { grading, verdict, grade, summary } = await gradeWithReusableWorkflow(workspace, { language: 'en' })
      expect(grade.submission).toMatchObject({ path: realpathSync(repository), commit, layout: { folder: 'TP1', compose: `TP1/${compose}` } })
      expect(grading.exitCode).toBe(1)
      expect(summary).toContain(`**Score: ${grade.score} / ${grade.maxScore}**`)
      expect(summary).toContain('## Exercise 5')
      expect(grading.commands.find((c) => c.includes('title=ex5.compose-valid%3A '))).toMatch(new RegExp(`^::error file=TP1/${compose},line=${tabLine},title=`))
      // GitHub places `file` relative to the root of the repository: each must name a file of the student's.
      const files = grading.commands.map(fileOf).filter((f): f is string => f !== undefined)
      for (const file of files) expect(existsSync(path.join(repository, file)), file).toBe(true)
      expect(verdict).toMatchObject({ exitCode: 0, commands: [`::notice title=Grade::${grade.score}/${grade.maxScore}`] })
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('a hand-in that carries its own vitest.config.ts, package.json and specs/ is graded by the pinned grader as the reference is', async () => {
    const marker = path.join(mkdtempSync(path.join(tmpdir(), 'tp1-gha-marker-')), 'hand-in-code-ran')
    const forge = `import { writeFileSync } from 'node:fs'
writeFileSync(${JSON.stringify(marker)}, import.meta.url)
if (process.env.GRADE_DIR) writeFileSync(process.env.GRADE_DIR + '/grade.json', JSON.stringify({ forged: true, status: 'graded', score: 100, maxScore: 100, checks: [] }))
process.exit(0)
export default {}
`
    const { root, workspace, repository, commit } = workspaceWith({
      files: {
        'vitest.config.ts': forge,
        'specs/ex1-engine.spec.ts': forge,
        'package.json': `${JSON.stringify({ name: 'tp1', private: true, type: 'module', scripts: { test: `node -e "require('fs').writeFileSync('${marker}', 'npm test')"` } }, null, 2)}\n`,
      },
    })
    try {
      const { grading, verdict, grade, summary } = await gradeWithReusableWorkflow(workspace, { language: 'en' })
      expect(existsSync(marker) ? readFileSync(marker, 'utf8') : 'nothing of the hand-in ran').toBe('nothing of the hand-in ran')
      expect(grade.forged).toBeUndefined()
      expect(grade.submission).toMatchObject({ path: realpathSync(repository), commit })
      expect(grade.environment.graderDigest).toBe(graderDigest(projectRoot))
      expect(grade.checks.map((c) => c.id).sort()).toEqual(rubric.checks.map((c) => c.id).sort())
      expect(lostChecks(grade)).toEqual({})
      expect(grade.status).toBe('graded')
      expect(grading.exitCode).toBe(0)
      expect(summary).toContain(`**Score: ${grade.maxScore} / ${grade.maxScore}**`)
      expect(grading.commands.filter((c) => c.startsWith('::error'))).toEqual([])
      expect(verdict).toMatchObject({ exitCode: 0, commands: [`::notice title=Grade::${grade.maxScore}/${grade.maxScore}`] })
    } finally {
      rmSync(root, { recursive: true, force: true })
      rmSync(path.dirname(marker), { recursive: true, force: true })
    }
  })

  it('a path or a link that leads out of the student\'s repository (to the grader\'s own reference) is refused before anything runs', async () => {
    const { root, workspace } = workspaceWith({ edit: (repo) => symlinkSync('../grader/student-submission', path.join(repo, 'TP1')) })
    try {
      for (const inputs of [{ path: '../grader/student-submission' }, { path: 'TP1' }, { path: 'no-such-folder' }]) {
        const job = new WorkflowJob(reusableWorkflow, 'grade', workspace, { inputs })
        const step = await job.run('submission')
        expect(step.exitCode, inputs.path).toBe(2)
        expect(step.commands).toEqual([expect.stringMatching(/^::error title=No submission::The input path '.*' (leads out of|is not a folder of) the repository\.$/)])
      }
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
