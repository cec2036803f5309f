import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { lab } from '../labs/tp1/lab.js'

const tp1 = lab.rubric
import { projectRoot, starterSubmission } from '../test/support/fixtures.js'
import { referenceSentences, sentencesIn } from '../test/support/reference-sentences.js'
import { reportTemplate, starterFiles } from './starter-files.js'

const version = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version
const files = starterFiles(lab, version)

function filesOf(dir: string, relative = ''): string[] {
  return readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesOf(dir, path.posix.join(relative, e.name)) : [path.posix.join(relative, e.name)])
}

describe('the starter', () => {
  it('is what student-submission/ holds, file for file (npm run starter -- student-submission --force)', () => {
    expect(filesOf(starterSubmission).sort()).toEqual(Object.keys(files).sort())
    for (const [file, content] of Object.entries(files)) expect(readFileSync(path.join(starterSubmission, file), 'utf8'), file).toBe(content)
  })

  it("holds the statement's Dockerfile with its blanks, and the exec-form CMD", () => {
    const dockerfile = files['api/Dockerfile']!
    for (const line of ['FROM ____', 'WORKDIR ____', 'COPY ____ ____', 'RUN pip install fastapi uvicorn', 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]'])
      expect(dockerfile).toContain(line)
  })

  it('runs the pinned grader: npm test and the workflow name this version', () => {
    const pkg = JSON.parse(files['package.json']!) as { scripts: Record<string, string>; devDependencies: Record<string, string> }
    expect(pkg.scripts.test).toBe('tp1-docker-grader')
    expect(pkg.devDependencies).toEqual({ 'tp1-docker-grader': version })
    expect(files['.github/workflows/grade.yml']).toContain(`npx --yes tp1-docker-grader@${version}`)
    expect(files['.github/workflows/grade.yml']).not.toContain('{{')
    expect(files['.gitignore']!.split('\n')).toEqual(expect.arrayContaining(['grades/', 'node_modules/']))
  })

  it("asks every question of the rubric's report, graded or not, in the statement's order, and answers none", () => {
    const report = reportTemplate(lab)
    const asked = [...report.matchAll(/^### Question (\S+)$/gm)].map((m) => m[1])
    expect(asked).toEqual(['1.a', '1.b', '1.c', '2.a', '2.b', '2.c', '2.d', '3.a', '3.b', '3.c', '4.a', '4.b', '4.c', '4.d',
      '5.a', '5.b', '5.c', '5.d', '5.e', '6.a', '6.b', '6.c', '6.d', '7.a', '7.b', '7.c', '7.d', '7.e', '8.a', '8.b'])
    expect(new Set(asked)).toEqual(new Set([...Object.keys(tp1.report.questions), ...Object.keys(tp1.report.ungraded ?? {})]))
    expect(report.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([])
    expect(files[tp1.layout.reportFiles[0]!]).toBe(report)
  })

  it('gives no sentence of a reference report away', () => {
    expect(referenceSentences().length).toBeGreaterThan(20)
    for (const [file, content] of Object.entries(files)) expect(sentencesIn(content), file).toEqual([])
  })
})
