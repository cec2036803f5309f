import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { fail } from '../grading/finding.js'
import { eventually } from '../lab/eventually.js'
import { isServerAnswer, pgFailure, queryPostgres, type PgFacts, type PgTarget } from '../lab/postgres-probe.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const { expected, timeouts } = rubric
const t = messages.ex6
const { db, api } = expected.services
const credentials = expected.db

/** Connects to the db service, retrying while PostgreSQL is still starting; a refusal by the server is final. */
async function connect(login: Omit<PgTarget, 'host' | 'port'>): Promise<{ ok: true; facts: PgFacts } | { ok: false; error: unknown; target: PgTarget }> {
  const stack = await session().requireRunning(db)
  const target = { ...(await stack.endpoint(db, expected.dbPort)), ...login }
  let refused: unknown
  const result = await eventually(async () => {
    try {
      return await queryPostgres(target, timeouts.probeSeconds * 1000)
    } catch (error) {
      if (isServerAnswer(error)) refused = error
      throw error
    }
  }, { timeoutMs: timeouts.startSeconds * 1000, giveUp: async () => (refused ? 'refused' : undefined) })
  return result.ok ? { ok: true, facts: result.value } : { ok: false, error: result.lastError, target }
}

/** The login the student declared, to read the server's facts even when it is not demo/demo/demo. */
async function declaredLogin(): Promise<Omit<PgTarget, 'host' | 'port'>> {
  const env = (await session().requireComposeConfig()).services[db]?.environment ?? {}
  const user = env.POSTGRES_USER ?? 'postgres'
  return { user, password: env.POSTGRES_PASSWORD ?? '', database: env.POSTGRES_DB ?? user }
}

async function serverFacts(): Promise<PgFacts> {
  const expectedLogin = await connect(credentials)
  if (expectedLogin.ok) return expectedLogin.facts
  const declared = await connect(await declaredLogin())
  if (declared.ok) return declared.facts
  throw session().blocked('login')
}

describe(t.suite, () => {
  check('ex6.credentials', async () => {
    const env = (await session().requireComposeConfig()).services[db]?.environment ?? {}
    const wanted = { POSTGRES_USER: credentials.user, POSTGRES_PASSWORD: credentials.password, POSTGRES_DB: credentials.database }
    if (Object.entries(wanted).some(([name, value]) => env[name] !== value)) throw fail(t.credentials(db, wanted, env))
  })

  check('ex6.connect', async () => {
    const result = await connect(credentials)
    if (!result.ok)
      throw fail(t.connect(credentials, pgFailure(result.error), db), { log: await (await session().requireStack()).logTail(db) })
  })

  check('ex6.version', async (c) => {
    const facts = await serverFacts()
    c.fact('serverVersion', facts.serverVersion)
    const major = Math.floor(facts.serverVersionNum / 10_000)
    if (major !== expected.postgresMajor) throw fail(t.version(facts.serverVersion, expected.postgresMajor, db))
  })

  check('ex6.database', async () => {
    const facts = await serverFacts()
    if (facts.currentDatabase !== credentials.database || facts.currentUser !== credentials.user)
      throw fail(t.database({ database: facts.currentDatabase, user: facts.currentUser }, credentials, db))
  })

  check('ex6.psql-exec', async () => {
    const stack = await session().requireRunning(db)
    const command = ['psql', '-U', credentials.user, '-d', credentials.database, '-tAc', 'SELECT 1']
    const result = await stack.exec(db, command)
    if (result.exitCode !== 0 || result.stdout.trim() !== '1')
      throw fail(t.psqlExec(db, command.slice(0, 5).join(' '), credentials, result.exitCode, (result.stderr || result.stdout).trim().slice(0, 300)))
  })

  check('ex6.service-dns', async () => {
    const stack = await session().requireRunning(api, db)
    const probe = `import socket; socket.create_connection(("${db}", ${expected.dbPort}), 5).close(); print("ok")`
    const result = await stack.exec(api, ['python', '-c', probe])
    if (result.exitCode !== 0) throw fail(t.serviceDns(api, db, expected.dbPort, result.exitCode, (result.stderr || result.stdout).trim().split('\n').pop()))
  })
})
