import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { assembleFixture, listFixtures, listReferences, referenceDir } from '../../test/support/fixtures.js'
import { requestsOf } from './report.js'
import { findComposeFile, findLabLayout, findRubricLayout, foundAnything, labNumberOf } from './lab-layout.js'

const { rubric } = loadRun(labs)

const options = { questions: Object.keys(rubric.report.questions), requests: requestsOf(rubric.report), apiService: 'api', appFile: 'app.py' }
const REPORT = '# TP1\n## Question 1.b\nDocker est installé et fonctionne.\n## Question 2.a\nUne image est un modèle, un conteneur en est une instance.\n'
const COMPOSE = 'services:\n  db:\n    image: postgres:16\n  api:\n    build: ./api\n'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A submission made of these files (path → content). */
function submission(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tp1-layout-'))
  dirs.push(dir)
  for (const [file, content] of Object.entries(files)) {
    if (content === undefined) continue
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}

const layoutOf = (files: Record<string, string>) => findLabLayout(submission(files), rubric.layout, options)
const courseLayout = { 'api/app.py': 'app', 'api/Dockerfile': 'FROM python:3.11-slim', 'docker-compose.yml': COMPOSE, 'reports/rapport_tp1.md': REPORT }

describe('findLabLayout', () => {
  it("finds the seed's layout: exercise 3 at the root, api/ for Compose, README.md", () => {
    const layout = layoutOf({ Dockerfile: 'FROM python', 'app.py': 'app', 'api/Dockerfile': 'x', 'api/app.py': 'x', 'docker-compose.yml': COMPOSE, 'README.md': REPORT })
    expect(layout).toMatchObject({ folder: '.', image: { context: '.', dockerfile: 'Dockerfile' }, appFile: 'app.py', compose: 'docker-compose.yml', report: 'README.md' })
  })

  it("finds the course's layout: api/ only, reports/rapport_tp1.md", () => {
    expect(layoutOf(courseLayout)).toMatchObject({ folder: '.', image: { context: 'api', dockerfile: 'api/Dockerfile' }, appFile: 'api/app.py', compose: 'docker-compose.yml', report: 'reports/rapport_tp1.md' })
  })

  it('finds the lab one folder down, preferring the folder named after it over others and over a root that holds another lab', () => {
    const nested = Object.fromEntries(Object.entries(courseLayout).map(([f, c]) => [`TP1/${f}`, c]))
    expect(layoutOf(nested)).toMatchObject({ folder: 'TP1', image: { dockerfile: 'TP1/api/Dockerfile' }, compose: 'TP1/docker-compose.yml', report: 'TP1/reports/rapport_tp1.md' })
    const everyTp = { ...nested, 'TP2/docker-compose.yml': COMPOSE, 'TP2/api/Dockerfile': 'x', 'docker-compose.yml': COMPOSE, 'api/Dockerfile': 'x' }
    expect(layoutOf(everyTp).folder).toBe('TP1')
    expect(layoutOf({ ...Object.fromEntries(Object.entries(courseLayout).map(([f, c]) => [`tp-01/${f}`, c])) }).folder).toBe('tp-01')
  })

  it('takes a single folder that holds the lab whatever its name, but never one named after another lab', () => {
    const inside = Object.fromEntries(Object.entries(courseLayout).map(([f, c]) => [`docker-lab/${f}`, c]))
    expect(layoutOf(inside).folder).toBe('docker-lab')
    const onlyOther = Object.fromEntries(Object.entries(courseLayout).map(([f, c]) => [`TP2/${f}`, c]))
    expect(foundAnything(layoutOf(onlyOther))).toBe(false)
  })

  it('builds the Dockerfile the Compose file names when it is in neither usual folder', () => {
    const layout = layoutOf({ 'backend/Dockerfile': 'x', 'backend/app.py': 'x', 'docker-compose.yml': COMPOSE.replace('./api', './backend') })
    expect(layout.image).toEqual({ context: 'backend', dockerfile: 'backend/Dockerfile' })
  })

  it('accepts a lowercase dockerfile and the names Compose looks for', () => {
    const layout = layoutOf({ 'api/dockerfile': 'x', 'api/app.py': 'x', 'compose.yaml': COMPOSE })
    expect(layout).toMatchObject({ image: { dockerfile: 'api/dockerfile' }, compose: 'compose.yaml' })
  })

  describe('the report', () => {
    it('is the Markdown file that holds the questions, wherever it is named', () => {
      for (const file of ['reports/rapport.md', 'report/rapport_tp1.md', 'rapports/rapport_TP1.md', 'reports/tp1/rapport_tp1.md', 'reports/CR_TP1_JRTBI.md', 'TP1 ML.md'])
        expect(layoutOf({ ...courseLayout, 'reports/rapport_tp1.md': undefined as never, [file]: REPORT, 'README.md': '# My TPs\n' }).report, file).toBe(file)
    })
    it('is never the report of another lab, nor an empty file beside a full one', () => {
      expect(layoutOf({ ...courseLayout, 'reports/rapport_tp2.md': `${REPORT}${REPORT}` }).report).toBe('reports/rapport_tp1.md')
      expect(layoutOf({ ...courseLayout, 'reports/rapport_tp1.md': '', 'README.md': REPORT }).report).toBe('README.md')
    })
    it('may sit outside the folder of the lab, at the top of the repository', () => {
      const code = Object.fromEntries(Object.entries(courseLayout).filter(([f]) => !f.endsWith('.md')).map(([f, c]) => [`TP1/${f}`, c]))
      expect(layoutOf({ ...code, 'rapports/rapport_TP1.md': REPORT })).toMatchObject({ folder: 'TP1', report: 'rapports/rapport_TP1.md' })
    })
    it('is missing when no Markdown file is a report', () => {
      expect(layoutOf({ ...courseLayout, 'reports/rapport_tp1.md': undefined as never, 'api/NOTES.md': 'notes' }).report).toBeUndefined()
    })
  })

  it('treats a link out of the submission as missing, never following it', () => {
    const dir = submission({ 'api/Dockerfile': 'x', 'docker-compose.yml': COMPOSE })
    const outside = submission({ 'secret.py': 'SECRET' })
    symlinkSync(path.join(outside, 'secret.py'), path.join(dir, 'api', 'app.py'))
    symlinkSync(path.join(outside, 'secret.py'), path.join(dir, 'README.md'))
    const layout = findLabLayout(dir, rubric.layout, options)
    expect(layout.report).toBeUndefined()
    expect(layout.appFile).toBe('api/app.py')
  })

  it('says where it looked when nothing of the lab is there', () => {
    const layout = layoutOf({ 'notes.txt': 'hello', 'src/main.c': 'int main() {}' })
    expect(foundAnything(layout)).toBe(false)
    expect(layout.searched.folders).toEqual(['.', 'src'])
  })
})

describe('findComposeFile', () => {
  // The early start (lab/early-stack.ts) starts the Compose file it finds: it must be the one the session grades.
  it('finds the Compose file findRubricLayout finds, in every reference and fixture', () => {
    const submissions = [...listReferences().map((name) => ({ name, dir: referenceDir(name) })), ...listFixtures().map((f) => ({ name: f.name, dir: assembleFixture(f) }))]
    dirs.push(...submissions.slice(listReferences().length).map(({ dir }) => path.dirname(dir)))
    for (const { name, dir } of submissions) expect(findComposeFile(dir, rubric), name).toBe(findRubricLayout(dir, rubric).compose)
    expect(submissions.filter(({ dir }) => findComposeFile(dir, rubric) !== 'docker-compose.yml').length).toBeGreaterThan(0)
  })
})

describe('labNumberOf', () => {
  it.each([['TP1', 1], ['tp1', 1], ['TP_01', 1], ['tp-1', 1], ['Lab1', 1], ['rapport_tp2.md', 2], ['TP10', 10], ['CR_TP1_JRTBI.md', 1], ['api', undefined], ['step1', undefined]])('%s names lab %s', (name, number) => {
    expect(labNumberOf(name, rubric.layout)).toBe(number)
  })
})
