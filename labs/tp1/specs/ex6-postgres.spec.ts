import { describe } from 'vitest'
import { check, type CheckContext } from './lab.js'
import { fail } from '../../../core/grading/finding.js'
import { eventually } from '../../../core/lab/eventually.js'
import { isServerAnswer, pgFailure, queryPostgres, type PgFacts, type PgTarget } from '../../../core/lab/postgres-probe.js'

/** Connects to the db service, retrying while PostgreSQL is still starting; a refusal by the server is final. */
async function connect({ lab, run }: CheckContext, login: Omit<PgTarget, 'host' | 'port'>): Promise<{ ok: true; facts: PgFacts } | { ok: false; error: unknown; target: PgTarget }> {
  const { expected, timeouts } = run.rubric
  const { db } = expected.services
  const stack = await lab.requireRunning(db)
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
async function declaredLogin({ lab, run }: CheckContext): Promise<Omit<PgTarget, 'host' | 'port'>> {
  const env = (await lab.requireComposeConfig()).services[run.rubric.expected.services.db]?.environment ?? {}
  const user = env.POSTGRES_USER ?? 'postgres'
  return { user, password: env.POSTGRES_PASSWORD ?? '', database: env.POSTGRES_DB ?? user }
}

async function serverFacts(context: CheckContext): Promise<PgFacts> {
  const expectedLogin = await connect(context, context.run.rubric.expected.db)
  if (expectedLogin.ok) return expectedLogin.facts
  const declared = await connect(context, await declaredLogin(context))
  if (declared.ok) return declared.facts
  throw context.lab.blocked('login')
}

describe('exercise 6: PostgreSQL', () => {
  check('ex6.credentials', async (_c, { lab, run: { rubric: { expected }, messages } }) => {
    const { db } = expected.services
    const credentials = expected.db
    const env = (await lab.requireComposeConfig()).services[db]?.environment ?? {}
    const wanted = { POSTGRES_USER: credentials.user, POSTGRES_PASSWORD: credentials.password, POSTGRES_DB: credentials.database }
    if (Object.entries(wanted).some(([name, value]) => env[name] !== value)) throw fail(messages.ex6.credentials(db, wanted, env))
  })

  check('ex6.connect', async (_c, context) => {
    const { lab, run: { rubric: { expected }, messages } } = context
    const { db } = expected.services
    const result = await connect(context, expected.db)
    if (!result.ok)
      throw fail(messages.ex6.connect(expected.db, pgFailure(result.error), db), { log: await (await lab.requireStack()).logTail(db) })
  })

  check('ex6.version', async (c, context) => {
    const { expected } = context.run.rubric
    const facts = await serverFacts(context)
    c.fact('serverVersion', facts.serverVersion)
    const major = Math.floor(facts.serverVersionNum / 10_000)
    if (major !== expected.postgresMajor) throw fail(context.run.messages.ex6.version(facts.serverVersion, expected.postgresMajor, expected.services.db))
  })

  check('ex6.database', async (_c, context) => {
    const { expected } = context.run.rubric
    const credentials = expected.db
    const facts = await serverFacts(context)
    if (facts.currentDatabase !== credentials.database || facts.currentUser !== credentials.user)
      throw fail(context.run.messages.ex6.database({ database: facts.currentDatabase, user: facts.currentUser }, credentials, expected.services.db))
  })

  check('ex6.psql-exec', async (_c, { lab, run: { rubric: { expected }, messages } }) => {
    const { db } = expected.services
    const credentials = expected.db
    const stack = await lab.requireRunning(db)
    const command = ['psql', '-U', credentials.user, '-d', credentials.database, '-tAc', 'SELECT 1']
    const result = await stack.exec(db, command)
    if (result.exitCode !== 0 || result.stdout.trim() !== '1')
      throw fail(messages.ex6.psqlExec(db, command.slice(0, 5).join(' '), credentials, result.exitCode, (result.stderr || result.stdout).trim().slice(0, 300)))
  })

  check('ex6.service-dns', async (_c, { lab, run: { rubric: { expected }, messages } }) => {
    const { db, api } = expected.services
    const stack = await lab.requireRunning(api, db)
    const probe = `import socket; socket.create_connection(("${db}", ${expected.dbPort}), 5).close(); print("ok")`
    const result = await stack.exec(api, ['python', '-c', probe])
    if (result.exitCode !== 0) throw fail(messages.ex6.serviceDns(api, db, expected.dbPort, result.exitCode, (result.stderr || result.stdout).trim().split('\n').pop()))
  })
})
