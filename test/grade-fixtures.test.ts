import { execFileSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { labRun } from '../core/run/index.js'
import { labs } from '../labs/index.js'
import { plantCanaries } from './support/canaries.js'
import { assembleFixture, listFixtures, listReferences, lostChecks, referenceDir, testedLabs } from './support/fixtures.js'
import { ensureImage } from './support/images.js'
import { expectInert, onGitHubActions } from './support/inert-output.js'
import { leftovers, runGrader } from './support/run-grader.js'

/** Every lab's fixtures; TP1's by their name, another lab's as "<lab>/<name>". */
const fixtures = testedLabs().flatMap((lab) => listFixtures(lab))
const title = (lab: string, name: string) => (lab === 'tp1' ? name : `${lab}/${name}`)

describe('fixture submissions lose exactly the checks of their fault', () => {
  it.each(fixtures.map((f) => [title(f.lab, f.name), f] as const))('%s', async (_name, fixture) => {
    for (const [tag, dockerfileDir] of Object.entries(fixture.requiredImages ?? {})) await ensureImage(tag, dockerfileDir)
    const submission = assembleFixture(fixture)
    for (const network of fixture.externalNetworks ?? []) execFileSync('docker', ['network', 'create', network])
    for (const name of fixture.existingContainers ?? []) execFileSync('docker', ['run', '-d', '--name', name, 'alpine:latest', 'sleep', '3600'], { stdio: 'ignore' })
    const containerId = (name: string) => execFileSync('docker', ['inspect', '--format', '{{.Id}} {{.State.Running}}', name], { encoding: 'utf8' }).trim()
    const theirs = (fixture.existingContainers ?? []).map(containerId)
    const canaries = plantCanaries(fixture)
    const actions = fixture.githubActions ? onGitHubActions(path.dirname(submission)) : undefined
    let runId = ''
    try {
      const started = Date.now()
      const { grade, sheet, runId: id, exitCode, output } = await runGrader(submission, { GRADER_LAB: fixture.lab, ...fixture.env, ...canaries.env, ...actions?.env })
      runId = id
      if (fixture.maxSeconds !== undefined) expect((Date.now() - started) / 1000, 'the run ends within its bound').toBeLessThan(fixture.maxSeconds)
      expect(lostChecks(grade), sheet).toEqual(fixture.lose)
      expect(exitCode, `npm test's exit code\n${sheet}`).toBe(fixture.exitCode)
      if (fixture.layout) expect(grade.submission.layout).toMatchObject(fixture.layout)
      expect(grade.status).toBe(fixture.exitCode === 3 ? 'ungraded' : 'graded')
      for (const check of grade.checks.filter((c) => c.status === 'failed')) {
        expect(check.message, `${check.id} says what went wrong`).not.toBe('')
        expect(check.message).not.toMatch(/\n\s+at /) // no stack traces in the sheet
        expect(check.details?.log?.length ?? 0, `${check.id} keeps a tail of the log, not all of it`).toBeLessThanOrEqual(4100)
      }
      for (const [id, text] of Object.entries(fixture.expectMessages ?? {})) {
        const check = grade.checks.find((c) => c.id === id)
        const items = (check?.details?.items ?? []).map((i) => i.feedback?.seen ?? '')
        expect([check?.message, check?.details?.seen ?? '', ...items].join('\n')).toContain(text)
      }
      for (const marker of fixture.hostMarkers ?? []) expect(existsSync(marker), `${marker} must never be created`).toBe(false)
      expect((fixture.existingContainers ?? []).map(containerId), "the student's own containers are left as they were").toEqual(theirs)
      canaries.expectUntouched([JSON.stringify(grade), sheet, output])
      if (actions) expectInert({ output, sheet, grade }, submission, actions)
    } finally {
      actions?.remove()
      for (const name of fixture.existingContainers ?? []) execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' })
      canaries.remove()
      for (const network of fixture.externalNetworks ?? []) execFileSync('docker', ['network', 'rm', network])
      rmSync(path.dirname(submission), { recursive: true, force: true })
    }
    expect(await leftovers(runId)).toEqual([])
  })
})

// TP1's references are graded by test/grade-reference.test.ts, with more to show (the copy untouched, the facts).
const otherReferences = testedLabs().filter((lab) => lab !== 'tp1').flatMap((lab) => listReferences(lab).map((name) => [title(lab, name), lab, name] as const))

describe("every other lab's references lose nothing", () => {
  it.each(otherReferences)('%s', async (_title, lab, name) => {
    const { grade, sheet, runId, exitCode } = await runGrader(referenceDir(name, lab), { GRADER_LAB: lab })
    expect(lostChecks(grade), sheet).toEqual({})
    expect(grade.score, sheet).toBe(grade.maxScore)
    expect(exitCode, sheet).toBe(0)
    expect(await leftovers(runId)).toEqual([])
  })
})

describe('the fixtures prove every check', () => {
  it.each(testedLabs())('every check with points of %s loses them on at least one of its fixtures', (lab) => {
    const { rubric } = labRun(labs[lab]!, { GRADER_LANG: 'en' })
    const proven = new Set(listFixtures(lab).flatMap((f) => Object.entries(f.lose).filter(([, s]) => s.startsWith('failed')).map(([id]) => id)))
    const unproven = rubric.checks.filter((c) => c.points > 0 && !proven.has(c.id)).map((c) => c.id)
    expect(unproven).toEqual([])
  })
})
