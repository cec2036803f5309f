import { PostgreSqlContainer, type StartedPostgreSqlContainer } from '@testcontainers/postgresql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isServerAnswer, queryPostgres, type PgTarget } from '../core/lab/postgres-probe.js'
import { StartedOnly } from '../core/lab/started-only.js'
import { labRun } from '../core/run/index.js'
import { lab } from '../labs/tp1/lab.js'

const { rubric } = labRun(lab)
const { db: login, postgresMajor } = rubric.expected
const image = `postgres:${postgresMajor}`
const labels = { 'org.tp1-grader.test': 'postgres-probe' }

/** The probe of exercise 6 against a real PostgreSQL, as the lab's db service runs it. */
describe('queryPostgres and isServerAnswer against a real PostgreSQL', () => {
  let server: StartedPostgreSqlContainer
  let target: PgTarget

  beforeAll(async () => {
    server = await new PostgreSqlContainer(image).withUsername(login.user).withPassword(login.password).withDatabase(login.database).withLabels(labels).start()
    target = { host: server.getHost(), port: server.getPort(), ...login }
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('reads the facts exercise 6 asks about', async () => {
    const facts = await queryPostgres(target, 5000)
    expect(Math.floor(facts.serverVersionNum / 10_000)).toBe(postgresMajor)
    expect(facts).toMatchObject({ currentDatabase: login.database, currentUser: login.user })
  })

  it("takes the server's refusals as final answers: a wrong password, a database that does not exist", async () => {
    const refusal = (wrong: Partial<PgTarget>) => queryPostgres({ ...target, ...wrong }, 5000).then(() => undefined, (error: unknown) => error)
    const password = await refusal({ password: 'not-the-password' })
    const database = await refusal({ database: 'no_such_database' })
    expect(password).toMatchObject({ code: '28P01' })
    expect(database).toMatchObject({ code: '3D000' })
    expect([isServerAnswer(password), isServerAnswer(database)]).toEqual([true, true])
  })

  it('never takes what a server that is still starting says for an answer (57P03 "starting up" is a wait)', async () => {
    // Not waited for: probed from its first instant, as the grader's settle poll does.
    const starting = await new PostgreSqlContainer(image).withUsername(login.user).withPassword(login.password).withDatabase(login.database)
      .withLabels(labels).withWaitStrategy(new StartedOnly()).start()
    try {
      const startingTarget = { host: starting.getHost(), port: starting.getPort(), ...login }
      const seen: string[] = []
      const deadline = Date.now() + 60_000
      for (;;) {
        const outcome = await queryPostgres(startingTarget, 2000).then(() => 'ok', (error: unknown) => error)
        if (outcome === 'ok') break
        seen.push(String((outcome as { code?: string }).code ?? (outcome as Error).message))
        // Credentials that are right can only be refused while the server is not ready: any answer before 'ok' is a wait.
        expect(isServerAnswer(outcome), `"${seen.at(-1)}" taken for a final answer while PostgreSQL starts`).toBe(false)
        if (Date.now() > deadline) throw new Error(`PostgreSQL never answered; it said: ${seen.join(', ')}`)
        await new Promise((resolve) => setImmediate(resolve))
      }
      // The probe began before PostgreSQL was ready (refused, reset, then 57P03 "starting up", seen here): not a vacuous run.
      expect(seen.length).toBeGreaterThan(0)
    } finally {
      await starting.stop()
    }
  })
})
