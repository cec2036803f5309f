import { rmSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { catalogue } from '../../core/i18n/index.js'
import { DockerEngine } from '../../core/lab/docker-engine.js'
import { assembleFixture, listFixtures, listReferences, lostChecks, referenceDir } from '../support/fixtures.js'
import { leftovers, runGrader } from '../support/run-grader.js'

/**
 * The same grade on Podman (its Docker-compatible service, DOCKER_HOST set by test/podman/run.sh): the references
 * lose nothing, and a chosen set of fixtures — at least one per exercise, hostile ones among them — loses exactly
 * the checks, and exits with the code, it does on Docker (their fixture.json). Each is chosen for what Podman answers
 * otherwise than Docker where the lab objects must hide it.
 */
const chosen: Record<string, readonly string[]> = {
  tp1: [
    'image-without-cat', // ex2: a one-shot container of an image without cat
    'dockerfile-does-not-build', // ex3: a build that fails, through Podman's build API (Buildah)
    'shell-form-cmd', // ex4: docker stop of a PID 1 that drops SIGTERM, read from /proc/1/status
    'server-on-localhost', // ex4: a server the published port cannot reach
    'api-crashes-at-start', // ex4: stopping a container that has already exited (Podman: 500 "container state improper")
    'wrong-port', // ex4, ex5: nothing on the port the lab asks for
    'harmless-compose-keys', // ex5: Compose keys the grader accepts, init: true among them (Podman: catatonit)
    'split-networks', // ex6: services on two networks, service DNS (Podman with CNI: the dnsname plugin)
    'wrong-database-name', // ex6: PostgreSQL through the published port
    'no-postgres-password', // ex5, ex6: a database container that exits at start
    'api-does-not-survive-restart', // ex7: restart of one service of the project
    'no-report', // ex8 and every exercise's report questions
    'hostile-process-storm', // the pids limit
    'hostile-memory-hog', // the memory limit (Podman's inspect may not say OOMKilled: the exit code still does)
  ],
  example: ['wrong-port'],
}

describe('on Podman', () => {
  beforeAll(async () => {
    const facts = await (await DockerEngine.connect(catalogue('en').lab)).facts()
    expect(facts.engine, `DOCKER_HOST=${process.env.DOCKER_HOST ?? '(unset)'} must be Podman's service: run npm run test:podman`).toBe('Podman')
  })

  const references = Object.keys(chosen).flatMap((lab) => listReferences(lab).map((name) => ({ lab, name })))
  it.each(references.map((r) => [`${r.lab}/${r.name}`, r] as const))('the reference %s loses nothing, exit 0, nothing left behind', async (_title, { lab, name }) => {
    const { grade, exitCode, runId, sheet } = await runGrader(referenceDir(name, lab), { GRADER_LAB: lab })
    expect(lostChecks(grade), sheet).toEqual({})
    expect([grade.status, exitCode]).toEqual(['graded', 0])
    expect(grade.environment.engine).toBe('Podman')
    expect(await leftovers(runId)).toEqual([])
  })

  const fixtures = Object.entries(chosen).flatMap(([lab, names]) => {
    const all = listFixtures(lab)
    return names.map((name) => {
      const fixture = all.find((f) => f.name === name)
      if (!fixture) throw new Error(`test/podman/podman.test.ts chooses ${lab}/${name}, which is not a fixture`)
      return fixture
    })
  })
  it.each(fixtures.map((f) => [`${f.lab}/${f.name}`, f] as const))('the fixture %s loses what it loses on Docker, with its exit code', async (_title, fixture) => {
    const submission = assembleFixture(fixture)
    try {
      const { grade, exitCode, runId, sheet } = await runGrader(submission, { GRADER_LAB: fixture.lab, ...fixture.env })
      expect(lostChecks(grade), sheet).toEqual(fixture.lose)
      expect(exitCode, sheet).toBe(fixture.exitCode)
      expect(await leftovers(runId)).toEqual([])
    } finally {
      rmSync(path.dirname(submission), { recursive: true, force: true })
    }
  })
})
