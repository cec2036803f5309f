import { describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { code, escapeCell, fence, renderGradeSheet, renderReview } from './render-markdown.js'
import { sheetText } from './format.js'
import { gradedSample, sampleGrade } from './grade-fixture.js'

const sheet = renderGradeSheet(sampleGrade(), { title: 'TP1 — Docker' })

/** The text of the section that starts at `heading`, up to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading)
  expect(start, `missing ${heading}`).toBeGreaterThanOrEqual(0)
  const level = /^#+/.exec(heading)?.[0].length ?? 1
  const next = markdown.slice(start + heading.length).search(new RegExp(`\\n#{1,${level}} `))
  return next < 0 ? markdown.slice(start) : markdown.slice(start, start + heading.length + next)
}

describe('renderGradeSheet', () => {
  it('starts with the title, the total and the status', () => {
    expect(sheet.startsWith('# TP1 — Docker\n\n**Score: 9.5 / 31** · Status: **UNGRADED** (incomplete)\n')).toBe(true)
    expect(renderGradeSheet(gradedSample())).toMatch(/^# tp1\n\n\*\*Score: 17\.5 \/ 31\*\* · Status: graded\n/)
  })

  it('warns that an ungraded grade is incomplete and lists the ungraded checks', () => {
    const warning = sheet.split('\n\n').find((block) => block.startsWith('> [!WARNING]')) ?? ''
    expect(warning).toContain('not your fault')
    expect(warning).toContain('`ex4.health` the API answers GET /health')
    expect(warning.split('\n').every((line) => line.startsWith('>'))).toBe(true)
    expect(warning).not.toContain('ex3.build')
  })

  it('has no warning when every check is graded', () => {
    const graded = renderGradeSheet(gradedSample())
    expect(graded).not.toContain('[!WARNING]')
    expect(graded).not.toMatch(/ungraded/i)
  })

  it('describes the run', () => {
    const run = section(sheet, '## Run')
    expect(run).toContain('- Submission: `/home/student/tp1`')
    expect(run).toContain('- Commit: `a1b2c3d`')
    expect(run).toContain('- Date: 2025-03-14T09:26:53.000Z')
    expect(run).toContain('- Duration: 42.3 s')
    expect(run).toContain('Docker 27.3.1, Compose 2.29.7, API 1.47, kernel 6.8.0-45-generic, Node v20.18.1, grader 0.1.0')
  })

  it('ends with the run, so that the exercises come first: where and on what engine it was graded', () => {
    expect(sheet.lastIndexOf('## Run')).toBeGreaterThan(sheet.lastIndexOf('## Exercise'))
    const grade = sampleGrade()
    const on = (environment: Partial<Grade['environment']>) => section(renderGradeSheet({ ...grade, environment: { ...grade.environment, ...environment } }), '## Run')
    expect(on({ engine: 'Docker Desktop', docker: '28.4.0', arch: 'arm64', rootless: false })).toContain('- Environment: Docker Desktop 28.4.0 (arm64), Compose 2.29.7')
    expect(on({ engine: 'Podman', docker: '5.4.2', arch: 'amd64', rootless: true })).toContain('- Environment: Podman 5.4.2 (amd64, rootless), Compose')
    const fr = section(renderGradeSheet({ ...grade, language: 'fr', environment: { ...grade.environment, engine: 'Podman', docker: '5.4.2', arch: 'amd64', rootless: true } }), '## Correction')
    expect(fr).toContain('- Environnement : Podman 5.4.2 (amd64, rootless), Compose')
  })

  it('says in its header which limits of the lab the engine did not enforce, and nothing when it enforced them all', () => {
    const grade = sampleGrade()
    const header = (limitsNotEnforced: string[], language: 'en' | 'fr' = 'en') => {
      const text = renderGradeSheet({ ...grade, language, environment: { ...grade.environment, engine: 'Docker Engine', rootless: true, limitsNotEnforced } })
      return text.slice(0, text.search(/\n## /))
    }
    expect(header(['memory', 'pids'])).toContain('> **Docker Engine did not enforce these limits of the lab:** memory, number of processes. The grade stands;')
    expect(header(['cpus'], 'fr')).toContain('> **Docker Engine n’a pas appliqué ces limites du TP :** CPU.')
    expect(header([])).not.toContain('did not enforce')
    expect(renderGradeSheet(grade)).not.toContain('did not enforce')
  })

  it('says which versions are unknown and omits a missing commit', () => {
    const grade = sampleGrade()
    const bare: Grade = { ...grade, submission: { path: 'sub' }, environment: { node: 'v20.18.1', grader: '0.1.0' } }
    const run = section(renderGradeSheet(bare), '## Run')
    expect(run).not.toContain('Commit')
    expect(run).toContain('Docker unknown, Compose unknown, API unknown, kernel unknown, Node v20.18.1')
  })

  it('has one table per exercise, in order, with subtotals in the headings', () => {
    const headings = sheet.match(/^## Exercise .*$/gm)
    expect(headings).toEqual(['## Exercise 1 — 0 / 0', '## Exercise 3 — 6.5 / 20', '## Exercise 4 — 3 / 11'])
    expect(sheet.match(/^\| Status \| Check \| Points \| Id \|$/gm)).toHaveLength(3)
    const ex3 = section(sheet, '## Exercise 3')
    expect(ex3).toContain('| ✅ passed | app.py declares GET /health | 3 / 3 | `ex3.health-route` |')
    expect(ex3).toContain('| ❌ failed | the Dockerfile has the five instructions | 3.5 / 5 | `ex3.dockerfile` |')
    expect(ex3).toContain('| ⛔ blocked | the image has /app/app.py | 0 / 6 | `ex3.image` |')
    expect(section(sheet, '## Exercise 4')).toContain('| ⚠️ ungraded | the API answers GET /health | 0 / 8 | `ex4.health` |')
  })

  it('escapes pipes in table cells so every row keeps four columns', () => {
    expect(sheet).toContain('| ❌ failed | the Dockerfile builds \\| docker build | 0 / 6 | `ex3.build` |')
    for (const row of sheet.split('\n').filter((line) => line.startsWith('| ')))
      expect(row.replace(/\\\|/g, '').match(/\|/g), row).toHaveLength(5)
  })

  it('gives the feedback of a failed check: message, expected, seen, fix, log', () => {
    const build = section(sheet, '#### ❌ the Dockerfile builds | docker build (`ex3.build`) — 0 / 6')
    expect(build).toContain('docker build failed at step 4/5')
    expect(build).toContain('**Expected:** docker build ends with exit code 0')
    expect(build).toContain('**Seen:**\n\n```text\nexit code 1\nERROR: No matching distribution found for fastapii\n```')
    expect(build).toContain('**Fix:** Check the spelling')
    expect(build).toContain('**Log (last lines):**')
  })

  it('fences the log with more backticks than it contains, so ``` in the log cannot close it', () => {
    const log = sampleGrade().checks.find((c) => c.id === 'ex3.build')?.details?.log ?? ''
    expect(sheet).toContain(`\`\`\`\`\`text\n${log.trimEnd()}\n\`\`\`\`\`\n`)
    expect(fence('a ``` b `````` c')).toBe('```````text\na ``` b `````` c\n```````')
    expect(fence('plain\r\nlog\n\n')).toBe('```text\nplain\nlog\n```')
  })

  it('lists the items of a partial-credit check with their points and feedback', () => {
    const items = section(sheet, '#### ❌ the Dockerfile has the five instructions')
    expect(items).toContain('- ✅ FROM python:3.13-slim — 1 / 1')
    expect(items).toContain('- ❌ WORKDIR /app — 0 / 1\n\n  **Expected:** WORKDIR /app\n\n  **Seen:** WORKDIR /code\n\n  **Fix:** Write WORKDIR /app before COPY.')
    expect(items).toContain('- ❌ CMD in exec form — 1 / 1.5\n\n  **Seen:** CMD uvicorn app:app')
    expect(items).toContain('- ✅ RUN pip install fastapi uvicorn — 1.5 / 1.5')
  })

  it('says what blocked a blocked check and that an ungraded one is not the student\'s fault', () => {
    expect(section(sheet, '#### ⛔ the image has')).toContain('**Blocked by:** `ex3.build` (the Dockerfile builds | docker build)')
    expect(section(sheet, '#### ⚠️ the API answers')).toContain('Docker daemon stopped responding')
    expect(section(sheet, '#### ⚠️ the API answers')).toContain('not your submission')
  })

  it('gives passed checks no feedback', () => {
    expect(sheet).not.toMatch(/^#### .*(ex3\.health-route|ex4\.listen-all|ex1\.engine)/m)
    expect(section(sheet, '## Exercise 1')).not.toContain('####')
  })

  it('keeps text that looks like HTML visible on GitHub', () => {
    const grade = sampleGrade()
    const image = grade.checks.find((c) => c.id === 'ex3.image')
    if (image) Object.assign(image, { status: 'failed', message: 'The image is tagged <none>.', details: { seen: 'repository <none>, size < 1 GB' } })
    const text = section(renderGradeSheet(grade), '#### ❌ the image has')
    expect(text).toContain('The image is tagged \\<none>.')
    expect(text).toContain('**Seen:** repository \\<none>, size < 1 GB')
  })

  it('is deterministic', () => {
    expect(renderGradeSheet(sampleGrade(), { title: 'TP1 — Docker' })).toBe(sheet)
  })

  it('renders a tiny grade exactly', () => {
    const tiny: Grade = {
      schemaVersion: 1, lab: 'tp0', submission: { path: 'sub' }, status: 'graded', score: 2, maxScore: 2,
      startedAt: '2025-01-02T03:04:05.000Z', durationMs: 1500, environment: { docker: '27.3.1', node: 'v20.18.1', grader: '0.1.0' },
      checks: [{ id: 'ex2.one-shot', exercise: 2, title: 'prints Bonjour', points: 2, maxPoints: 2, status: 'passed', message: 'passed' }],
    }
    expect(renderGradeSheet(tiny)).toBe(
      [
        '# tp0',
        '',
        '**Score: 2 / 2** · Status: graded',
        '',
        '## Exercise 2 — 2 / 2',
        '',
        '| Status | Check | Points | Id |',
        '| --- | --- | ---: | --- |',
        '| ✅ passed | prints Bonjour | 2 / 2 | `ex2.one-shot` |',
        '',
        '## Run',
        '',
        '- Submission: `sub`',
        '- Date: 2025-01-02T03:04:05.000Z',
        '- Duration: 1.5 s',
        '- Environment: Docker 27.3.1, Compose unknown, API unknown, kernel unknown, Node v20.18.1, grader 0.1.0',
        '',
      ].join('\n'),
    )
  })
})

describe('escapeCell', () => {
  it('escapes pipes, doubles backslashes before them, and flattens newlines', () => {
    expect(escapeCell('a | b')).toBe('a \\| b')
    expect(escapeCell('a\\|b')).toBe('a\\\\\\|b')
    expect(escapeCell('line 1\nline 2')).toBe('line 1 line 2')
    expect(escapeCell('*kept* <as> `is`')).toBe('*kept* <as> `is`')
  })
})

describe('code', () => {
  it('uses a longer backtick run than the text holds', () => {
    expect(code('ex4.health')).toBe('`ex4.health`')
    expect(code('a`b')).toBe('``a`b``')
    expect(code('`x`')).toBe('`` `x` ``')
  })
})

describe('notes on passed checks', () => {
  it('shows the note of a passed advisory check, and nothing for a plain pass', async () => {
    const { gradedSample } = await import('./grade-fixture.js')
    const grade = gradedSample()
    const passed = grade.checks.find((c) => c.status === 'passed')!
    const plain = renderGradeSheet(grade)
    passed.message = 'The copy of docker-compose.yml in question 5.b is indented with tabs.'
    const noted = renderGradeSheet(grade)
    expect(plain).not.toContain('indented with tabs')
    expect(noted).toContain(`(\`${passed.id}\`): The copy of docker-compose.yml in question 5.b is indented with tabs.`)
  })
})

describe('what was graded, at the top of the sheet', () => {
  it('names the Dockerfile, the Compose file and the report as found, and the lab folder when it is not the submission', () => {
    const grade = gradedSample()
    grade.submission.layout = { found: true, folder: 'TP1', dockerfile: 'TP1/api/Dockerfile', compose: 'TP1/docker-compose.yml' }
    const lines = renderGradeSheet(grade).split('\n')
    expect(lines[4]).toBe('**Graded:** the lab in `TP1/` · Dockerfile `TP1/api/Dockerfile` · Compose file `TP1/docker-compose.yml` · report (none found)')
  })

  it('says where it looked when nothing was found, instead of feedback under every blocked check', () => {
    const grade = gradedSample()
    grade.submission.layout = { found: false, folder: '.', searched: { folders: ['./', 'docs/'], imageFolders: ['./', 'api/'], reports: ['reports/rapport_tp1.md', 'README.md'] } }
    grade.checks = grade.checks.map((c) => ({ ...c, status: 'blocked', points: 0, message: 'Not run: the lab is nowhere in the submission.', details: { blockedBy: 'layout' } }))
    const sheet = renderGradeSheet(grade)
    expect(sheet).toContain('> Looked in ./, docs/ for a Dockerfile (in ./ or api/ of the folder)')
    expect(sheet).not.toContain('### Feedback')
  })
})

describe('an advisory finding', () => {
  it('is a note in the table and the feedback, never a lost point', () => {
    const grade = gradedSample()
    grade.checks.push({ id: 'ex3.report-files', exercise: 3, title: 'the pasted files match', points: 0, maxPoints: 0, status: 'passed', advice: true, message: 'The report shows another app.py.', details: { fix: 'Paste the final version.' } })
    const sheet = renderGradeSheet(grade)
    expect(sheet).toContain('| 💡 note | the pasted files match | 0 / 0 | `ex3.report-files` |')
    expect(sheet).toContain('#### 💡 the pasted files match (`ex3.report-files`) — 0 / 0')
    expect(sheet).toContain('**Fix:** Paste the final version.')
  })
})

describe('renderReview', () => {
  const read = { id: '4.a', title: 'question 4.a', points: 1, maxPoints: 1, passed: true, feedback: { seen: 'read as the answer: line 34, under "Question 4.a": "Le port"' } }
  const report = (points: number, items: Grade['checks'][number]['details']) => ({
    id: 'ex4.report', exercise: 4, title: 'Report', points, maxPoints: 2, status: points === 2 ? 'passed' as const : 'failed' as const,
    message: 'passed', review: { status: 'pending' as const, automaticPoints: points }, details: items,
  })
  const t = sheetText({ language: 'en' })

  it('lists under a passed report check what was read as each answer', () => {
    const text = renderReview(report(2, { items: [read, { ...read, id: '4.b', title: 'question 4.b' }] }), t)
    expect(text).toContain('pending')
    expect(text).toContain('- ✅ question 4.a — 1 / 1\n\n  **Seen:** read as the answer: line 34, under "Question 4.a": "Le port"')
    expect(text).toContain('- ✅ question 4.b — 1 / 1')
  })
  it('leaves the items of a lost check to its feedback, and a check without items alone', () => {
    expect(renderReview(report(1, { items: [read, { ...read, id: '4.b', passed: false, points: 0 }] }), t)).not.toContain('question 4.a')
    expect(renderReview(report(2, {}), t)).not.toContain('\n')
  })
})
